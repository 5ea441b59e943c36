"""The systemd unit as built (dist/billflow.service.in with the configured
prefix): it runs the billflow this build installs, with its home as a
StateDirectory, and `systemd-analyze security` rates its exposure 2.5 or
less (skipped where systemd-analyze is absent)."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "e2e"))
from bftest import Tap  # noqa: E402

t = Tap()
unit = os.environ["BILLFLOW_UNIT"]
bindir = os.environ["BILLFLOW_BINDIR"]
text = open(unit).read()
t.ok("@" + "bindir@" not in text, "the prefix is filled in")
t.ok("ExecStart=%s run" % os.path.join(bindir, "billflow") in text,
     "ExecStart runs the installed billflow (%s)" % bindir,
     [l for l in text.splitlines() if l.startswith("ExecStart")])
t.ok(re.search(r"^StateDirectory=billflow$", text, re.M) and "BILLFLOW_HOME=%S/billflow" in text,
     "the home is its StateDirectory")
analyze = shutil.which("systemd-analyze")
if not analyze:
    t.skip("systemd-analyze security", "systemd-analyze not installed")
else:
    p = subprocess.run([analyze, "security", "--offline=true", "--no-pager", unit],
                       capture_output=True, text=True)
    m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", p.stdout + p.stderr)
    if not m:
        t.skip("systemd-analyze security", "this systemd-analyze cannot rate a unit file offline")
    else:
        print("# systemd-analyze security: %s" % m.group(1))
        t.ok(float(m.group(1)) <= 2.5, "systemd-analyze security rates it %s (at most 2.5)" % m.group(1),
             "\n".join(l for l in p.stdout.splitlines() if "✗" in l))
t.done()
