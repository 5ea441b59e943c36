"""Operating the service from the command line: log lines carry their syslog
priority when stderr is the journal's stream (so `journalctl -p warning`
filters), and not otherwise."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import BILLFLOW, Tap, Home  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
try:
    t.eq(h.run("init").returncode, 0, "init")
    with open(os.path.join(h.home, "inbox", "notes.txt"), "w") as f:
        f.write("not an invoice\n")

    def run_once(journal):
        log = h.path("stderr-%s.log" % journal)
        with open(log, "w") as err:
            st = os.fstat(err.fileno())
            env = dict(os.environ, BILLFLOW_HOME=h.home, OMP_THREAD_LIMIT="1")
            env.pop("JOURNAL_STREAM", None)
            if journal:
                env["JOURNAL_STREAM"] = "%d:%d" % (st.st_dev, st.st_ino)
            subprocess.run([BILLFLOW, "-v", "run", "--once"], stdout=subprocess.DEVNULL, stderr=err,
                           env=env, timeout=300)
        return [l for l in open(log).read().split("\n") if l]

    lines = run_once(True)
    t.ok(lines and all(re.match(r"<[3467]>\d{4}-", l) for l in lines),
         "on the journal's stream every line starts with its syslog priority", lines)
    t.ok(any(l.startswith("<4>") or l.startswith("<3>") for l in lines) and
         any(l.startswith("<6>") for l in lines) and any(l.startswith("<7>") for l in lines),
         "errors/warnings, info and debug get their own priorities", lines)
    with open(os.path.join(h.home, "inbox", "more.txt"), "w") as f:
        f.write("still not an invoice\n")
    lines = run_once(False)
    t.ok(lines and not any(l.startswith("<") for l in lines), "elsewhere no prefix", lines)
finally:
    h.cleanup()
t.done()
