#!/usr/bin/env python3
"""The throwaway PostgreSQL cluster the store's tests run against
(tests/pg/pgcluster.py): it starts, answers psql on 127.0.0.1 (trust for the
everyday user, a password for the other), runs unprivileged, and stop leaves
nothing behind.  Skipped, saying so, where PostgreSQL is not installed."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import pgcluster  # noqa: E402
from bftest import Tap  # noqa: E402

t = Tap()
if not pgcluster.available():
    t.skip_all("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
               "scripts/install-deps.sh --test installs it")


def psql(url, sql, env=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    e.update(env or {})
    return subprocess.run([pgcluster._psql(), "-X", "-w", "-At", url, "-c", sql],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, env=e)


def uid_of(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Uid:"):
                return int(line.split()[1])
    return -1


base = tempfile.mkdtemp(prefix="bf-pgtest-")
d = os.path.join(base, "cluster")
try:
    out = subprocess.run([sys.executable, os.path.join(HERE, "pgcluster.py"), "start", d],
                         capture_output=True, text=True)
    info = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
    if not t.ok(out.returncode == 0 and info.get("url", "").startswith("postgresql://billflow@127.0.0.1:"),
                "start prints the cluster's URL", out.stdout + out.stderr):
        t.done()
    pid = int(info["pid"])
    r = psql(info["url"], "SELECT 6 * 7, current_database()")
    t.eq(r.stdout.strip(), "42|billflow", "psql on the URL runs a query in the database", r.stderr)
    r = psql(info["url"], "SHOW listen_addresses")
    t.eq(r.stdout.strip(), "127.0.0.1", "the server listens on 127.0.0.1 only", r.stderr)
    if os.geteuid() == 0:
        t.ok(uid_of(pid) != 0, "run as root, the server runs as an unprivileged user",
             f"server uid {uid_of(pid)}")
    else:
        t.eq(uid_of(pid), os.geteuid(), "the server runs as the caller")
    t.ok(os.path.exists(os.path.join(info["socket_dir"], ".s.PGSQL." + info["port"])),
         "its unix socket is in the cluster's own folder, not /var/run/postgresql")
    r = psql(info["password_url"], "SELECT current_user")
    t.ok(r.returncode != 0 and "password" in r.stderr,
         "the password user is refused without its password", r.stdout + r.stderr)
    r = psql(info["password_url"], "SELECT current_user", env={"PGPASSFILE": info["pgpass"]})
    t.eq(r.stdout.strip(), "billflow_pw", "and let in with it", r.stderr)
    with open(info["password_file"]) as f:
        t.eq(f.read().strip(), info["password"], "password_file holds the bare password")
    out = subprocess.run([sys.executable, os.path.join(HERE, "pgcluster.py"), "stop", d],
                         capture_output=True, text=True)
    t.eq(out.returncode, 0, "stop succeeds", out.stderr)
    t.ok(not os.path.exists(d), "stop removes the cluster's folder")
    t.ok(not pgcluster._alive(pid), "and the server is gone")
    if info["home"] != d:
        t.ok(not os.path.exists(info["home"]), "and its data folder under /tmp")

    # run: a wrapper for a test program; the cluster is gone afterwards.
    out = subprocess.run([sys.executable, os.path.join(HERE, "pgcluster.py"), "run", "--", "sh", "-c",
                          'echo "$BILLFLOW_PG_DIR"; psql -X -w -At "$BILLFLOW_PG_URL" -c "SELECT 1"; exit 3'],
                         capture_output=True, text=True)
    lines = out.stdout.split()
    t.ok(out.returncode == 3 and lines[1:] == ["1"],
         "run gives the command a cluster and returns its exit status", out.stdout + out.stderr)
    t.ok(lines and not os.path.exists(lines[0]), "run removes its cluster afterwards")
finally:
    if os.path.exists(d):
        pgcluster.stop(d)
    os.rmdir(base) if os.path.isdir(base) and not os.listdir(base) else None
t.done()
