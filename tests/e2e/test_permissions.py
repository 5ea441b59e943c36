"""Permissions through the real binary: under a permissive umask (000),
`init` and `run --once` make the home, the configuration, the database, the
archive, failed/ and the work folder for their owner alone (0700/0600), and
`status` warns about each that others can read."""
import os
import stat
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


try:
    old = os.umask(0)
    try:
        p = h.run("init")
        t.eq(p.returncode, 0, "init under umask 000", p.stderr)
        p = h.run("run", "--once")
        t.eq(p.returncode, 0, "run --once under umask 000", p.stderr)
    finally:
        os.umask(old)
    for name, want in (("", 0o700), ("billflow.conf", 0o600), ("billflow.db", 0o600),
                       ("archive", 0o700), ("inbox", 0o700), ("failed", 0o700), ("work", 0o700),
                       ("service.lock", 0o600)):
        path = os.path.join(h.home, name)
        t.ok(os.path.exists(path) and mode(path) == want,
             "%s is %o" % (name or "the home", want), oct(mode(path)) if os.path.exists(path) else "missing")
    for name in os.listdir(h.home):
        if name.startswith("billflow.db-"):
            t.eq(mode(os.path.join(h.home, name)), 0o600, "%s is 600" % name)

    p = h.run("status")
    t.ok(p.returncode == 0 and "can be read by others" not in p.stdout, "status: no warning",
         p.stdout)
    os.chmod(os.path.join(h.home, "billflow.db"), 0o644)
    os.chmod(h.home, 0o755)
    p = h.run("status")
    warned = [l for l in p.stdout.splitlines() if "can be read by others" in l]
    t.ok(any("billflow.db" in l and "chmod 600" in l for l in warned),
         "status warns that others can read the database", p.stdout)
    t.ok(any(h.home + "'" in l and "chmod 700" in l for l in warned),
         "and the home", p.stdout)
finally:
    h.cleanup()
t.done()
