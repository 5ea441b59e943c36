#!/usr/bin/env python3
"""pgcluster.py: a throwaway PostgreSQL cluster on 127.0.0.1 for billflow's tests.

  pgcluster.py start DIR [--durable]
        initdb in DIR, start the server on a free loopback port (listening on
        127.0.0.1 only, its unix socket in DIR), create the database, and print
        key=value lines:
          url            postgresql://billflow@127.0.0.1:PORT/billflow  (trust)
          password_url   postgresql://billflow_pw@127.0.0.1:PORT/billflow
                         (scram-sha-256: needs the password)
          password, password_file (mode 600, the bare password), pgpass (a
          libpq passfile line for password_url: PGPASSFILE=...)
          host, port, user, database, socket_dir, data, log, pid
        Without --durable the server runs with fsync off (throwaway data, fast
        tests); benchmarks pass --durable.  Starting an already running DIR
        prints its info again.
  pgcluster.py stop DIR
        stops the server (fast shutdown) and removes DIR and everything in it.
  pgcluster.py run [--durable] [--] CMD [ARGS...]
        starts a cluster in a fresh temporary folder, runs CMD with
        BILLFLOW_PG_URL, BILLFLOW_PG_PASSWORD_URL, BILLFLOW_PG_PASSWORD_FILE,
        BILLFLOW_PG_DIR, PGHOST/PGPORT/PGUSER/PGDATABASE set, stops and removes
        the cluster, and exits with CMD's status (a meson test wrapper).
  pgcluster.py available
        exit status 0 when the PostgreSQL server binaries are installed.

Exit status 77 (meson's skip) with a message on stderr when the server
binaries (Debian's postgresql-15: /usr/lib/postgresql/15/bin) are absent.

Run as root (CI), the server runs as the unprivileged user `postgres` (or
`nobody`): initdb refuses root.  DIR is then chowned to that user; when DIR is
not reachable by it, or DIR's path is too long for a unix socket, the data and
socket go to a private folder under /tmp recorded in DIR's info and removed
by stop just the same.  Debian's own `main` cluster (port 5432, if the package
created and started one) is not used and not touched.

From Python: `import pgcluster; info = pgcluster.start(dir); ...; pgcluster.stop(dir)`.
"""
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77
USER = "billflow"
PW_USER = "billflow_pw"
PASSWORD = "pg-test-pw-7d1c"
DATABASE = "billflow"


def bindir():
    """The newest installed server's bin folder (15 on Debian 12), or None."""
    env = os.environ.get("BILLFLOW_PG_BINDIR")
    cands = [env] if env else []
    cands += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                    key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                    reverse=True)
    for c in cands:
        if c and all(os.access(os.path.join(c, b), os.X_OK)
                     for b in ("initdb", "pg_ctl", "postgres")):
            return c
    return None


def available():
    return bindir() is not None


def _psql():
    b = bindir()
    p = os.path.join(b, "psql") if b else None
    if p and os.access(p, os.X_OK):
        return p
    return shutil.which("psql")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user():
    """(uid, gid, name) the server runs as: ourselves, or postgres/nobody as root."""
    if os.geteuid() != 0:
        pw = pwd.getpwuid(os.geteuid())
        return pw.pw_uid, pw.pw_gid, pw.pw_name
    for name in ("postgres", "nobody"):
        try:
            pw = pwd.getpwnam(name)
            return pw.pw_uid, pw.pw_gid, name
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user (postgres, nobody) to run PostgreSQL as root")


def _as_server(uid, gid):
    """subprocess keyword arguments that run a command as the server's user."""
    if os.geteuid() != 0:
        return {}
    return {"user": uid, "group": gid, "extra_groups": []}


def _env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C.UTF-8"
    env["LANG"] = "C.UTF-8"
    if os.geteuid() == 0:
        env["HOME"] = "/tmp"
    return env


def _reachable(path, uid, gid):
    """True when the server's user can create files in path."""
    if os.geteuid() != 0:
        return os.access(path, os.W_OK | os.X_OK)
    r = subprocess.run(["test", "-w", path, "-a", "-x", path], **_as_server(uid, gid))
    return r.returncode == 0


def _read_info(d):
    info = {}
    try:
        with open(os.path.join(d, "info")) as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("=")
                info[k] = v
    except OSError:
        pass
    return info


def _write_info(d, info):
    tmp = os.path.join(d, "info.tmp")
    with open(tmp, "w") as f:
        for k, v in info.items():
            f.write(f"{k}={v}\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, os.path.join(d, "info"))


def _alive(pid):
    """True while the postmaster runs (a zombie a careless init has not reaped
    counts as gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            state = next((ln.split()[1] for ln in f if ln.startswith("State:")), "Z")
    except (OSError, IndexError):
        return False
    return state != "Z"


def _run(cmd, uid, gid, what, log=None):
    r = subprocess.run(cmd, env=_env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       **_as_server(uid, gid))
    if r.returncode != 0:
        tail = r.stdout.decode(errors="replace")[-2000:]
        if log and os.path.exists(log):
            with open(log, errors="replace") as f:
                tail += "\n--- server log ---\n" + f.read()[-2000:]
        raise RuntimeError(f"{what} failed ({r.returncode}):\n{tail}")
    return r.stdout.decode(errors="replace")


def _sql(info, sql, user=None, database="postgres"):
    """Runs sql through psql on the unix socket as the superuser."""
    r = subprocess.run([_psql(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", info["socket_dir"],
                        "-p", info["port"], "-U", user or USER, "-d", database, "-c", sql],
                       env=_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"psql failed: {sql}: {r.stderr.strip()}")
    return r.stdout


def start(d, durable=False):
    """Starts a cluster for DIR (initdb on first use); returns the info dict."""
    b = bindir()
    if b is None:
        raise FileNotFoundError("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin): "
                                "install Debian's postgresql (scripts/install-deps.sh --test)")
    d = os.path.abspath(d)
    os.makedirs(d, exist_ok=True)
    info = _read_info(d)
    if info.get("pid") and _alive(int(info["pid"])):
        return info
    uid, gid, uname = _server_user()
    if os.geteuid() == 0:
        os.chown(d, uid, gid)
        os.chmod(d, 0o700)
    home = d
    # 107 bytes is a unix socket path's limit: DIR/.s.PGSQL.NNNNN.lock must fit.
    if len(d) > 80 or not _reachable(d, uid, gid):
        home = tempfile.mkdtemp(prefix="bf-pg-")
        if os.geteuid() == 0:
            os.chown(home, uid, gid)
    data = os.path.join(home, "data")
    log = os.path.join(d, "server.log") if _reachable(d, uid, gid) else os.path.join(home, "server.log")
    pwfile = os.path.join(d, "password")
    with open(pwfile, "w") as f:
        f.write(PASSWORD + "\n")
    os.chmod(pwfile, 0o600)
    pwinit = os.path.join(home, "pwinit")
    with open(pwinit, "w") as f:
        f.write(PASSWORD + "\n")
    os.chmod(pwinit, 0o600)
    if os.geteuid() == 0:
        os.chown(pwinit, uid, gid)
    info = {"home": home, "data": data, "socket_dir": home, "log": log,
            "user": USER, "password_user": PW_USER, "database": DATABASE,
            "password": PASSWORD, "password_file": pwfile, "host": "127.0.0.1",
            "server_user": uname, "bindir": b, "pid": ""}
    if not os.path.exists(os.path.join(data, "PG_VERSION")):
        _run([os.path.join(b, "initdb"), "-D", data, "-U", USER, "-E", "UTF8",
              "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
              "--pwfile", pwinit, "--no-instructions"] + ([] if durable else ["--no-sync"]), uid, gid, "initdb")
        # The trust user for everyday tests; the password user for store.url
        # with a password file.  127.0.0.1 only; no other host may connect.
        with open(os.path.join(data, "pg_hba.conf"), "w") as f:
            f.write("# generated by tests/pg/pgcluster.py\n"
                    "local all all trust\n"
                    f"host all {USER} 127.0.0.1/32 trust\n"
                    f"host all {PW_USER} 127.0.0.1/32 scram-sha-256\n")
    os.unlink(pwinit)
    last = None
    for _attempt in range(4):
        port = _free_port()
        info["port"] = str(port)
        opts = (f"-c listen_addresses=127.0.0.1 -c port={port} "
                f"-c unix_socket_directories={home} -c unix_socket_permissions=0777 "
                "-c max_connections=120 -c logging_collector=off")
        if not durable:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        try:
            _run([os.path.join(b, "pg_ctl"), "start", "-D", data, "-l", log, "-w", "-t", "60",
                  "-o", opts], uid, gid, "pg_ctl start", log)
            last = None
            break
        except RuntimeError as e:  # the port taken meanwhile: another one
            last = e
    if last:
        raise last
    with open(os.path.join(data, "postmaster.pid")) as f:
        info["pid"] = f.readline().strip()
    _sql(info, f"CREATE DATABASE {DATABASE}")
    _sql(info, f"CREATE ROLE {PW_USER} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
    info["url"] = f"postgresql://{USER}@127.0.0.1:{port}/{DATABASE}"
    info["password_url"] = f"postgresql://{PW_USER}@127.0.0.1:{port}/{DATABASE}"
    pgpass = os.path.join(d, "pgpass")
    with open(pgpass, "w") as f:
        f.write(f"127.0.0.1:{port}:*:{PW_USER}:{PASSWORD}\n")
    os.chmod(pgpass, 0o600)
    info["pgpass"] = pgpass
    info["durable"] = "1" if durable else "0"
    _write_info(d, info)
    return info


def stop(d):
    """Stops the cluster of DIR and removes DIR (and its data elsewhere)."""
    d = os.path.abspath(d)
    info = _read_info(d)
    home, data, b = info.get("home"), info.get("data"), info.get("bindir") or bindir()
    pid = int(info["pid"]) if info.get("pid", "").isdigit() else 0
    if pid and _alive(pid):
        uid, gid, _ = _server_user()
        try:
            _run([os.path.join(b, "pg_ctl"), "stop", "-D", data, "-m", "fast", "-w", "-t", "30"],
                 uid, gid, "pg_ctl stop")
        except (RuntimeError, OSError, TypeError):
            try:
                os.kill(pid, signal.SIGQUIT)
            except ProcessLookupError:
                pass
        end = time.time() + 30
        while _alive(pid) and time.time() < end:
            time.sleep(0.05)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    if home and home != d and os.path.basename(home).startswith("bf-pg-"):
        shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(d, ignore_errors=True)


def _print(info):
    for k, v in info.items():
        print(f"{k}={v}")


def main(argv):
    if len(argv) < 2 or argv[1] not in ("start", "stop", "run", "available"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    durable = False
    while args and args[0] != "--" and "--durable" in args[:2 if cmd == "start" else 1]:
        args.remove("--durable")
        durable = True
    if cmd == "available":
        return 0 if available() else 1
    if cmd in ("start", "run") and not available():
        print("SKIP: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
              "scripts/install-deps.sh --test installs it", file=sys.stderr)
        return SKIP
    if cmd == "start":
        if len(args) != 1:
            print("usage: pgcluster.py start DIR [--durable]", file=sys.stderr)
            return 2
        try:
            _print(start(args[0], durable=durable))
        except RuntimeError as e:
            print(f"pgcluster: {e}", file=sys.stderr)
            return 1
        return 0
    if cmd == "stop":
        if len(args) != 1:
            print("usage: pgcluster.py stop DIR", file=sys.stderr)
            return 2
        stop(args[0])
        return 0
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print("usage: pgcluster.py run [--durable] [--] CMD [ARGS...]", file=sys.stderr)
        return 2
    d = tempfile.mkdtemp(prefix="bf-pgrun-")
    try:
        info = start(d, durable=durable)
        env = dict(os.environ, BILLFLOW_PG_URL=info["url"],
                   BILLFLOW_PG_PASSWORD_URL=info["password_url"],
                   BILLFLOW_PG_PASSWORD_FILE=info["password_file"], BILLFLOW_PG_DIR=d,
                   PGHOST="127.0.0.1", PGPORT=info["port"], PGUSER=USER, PGDATABASE=DATABASE)
        return subprocess.run(args, env=env).returncode
    except RuntimeError as e:
        print(f"pgcluster: {e}", file=sys.stderr)
        return 1
    finally:
        stop(d)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
