"""The floors, as the compiler enforces them: a file in cli/, tui/ or
service/ (floor 4) that calls the store, or includes store/store.h, does not
compile. tests/floors/probe.c is compiled with the exact command line
compile_commands.json gives a real file of each folder: as it stands it
must compile (the command is right), with a store call or the store's
header it must fail, for that reason."""
import json
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "e2e"))
from bftest import Tap  # noqa: E402

t = Tap()
build = os.environ["BILLFLOW_BUILDDIR"]
probe = os.path.join(os.environ["BILLFLOW_SRCDIR"], "tests", "floors", "probe.c")
commands = json.load(open(os.path.join(build, "compile_commands.json")))


def command_of(path):
    """The compile command of the source file ending in path, as a list."""
    for c in commands:
        if c["file"].replace("\\", "/").endswith(path):
            args = c.get("arguments") or shlex.split(c["command"])
            return c["directory"], args
    return None, None


for folder, real in [("cli", "cli/cmd-queue.c"), ("tui", "tui/tui-queue.c"),
                     ("service", "service/worker.c")]:
    cwd, args = command_of(real)
    if not args:
        t.ok(False, "%s: %s is in compile_commands.json" % (folder, real))
        continue
    # Keep the flags, compile the probe instead of the real file, write nothing.
    base, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MQ", "-MT"):
            skip = True
            continue
        if a in ("-MD", "-MMD") or a.endswith(real.split("/")[-1]):
            continue
        base.append(a)
    base += ["-fsyntax-only"]

    def compile_probe(*defines):
        p = subprocess.run(base + list(defines) + [probe], cwd=cwd,
                           capture_output=True, text=True)
        return p.returncode, p.stderr

    rc, err = compile_probe()
    t.ok(rc == 0, "%s: the probe compiles as %s does" % (folder, real), err)
    rc, err = compile_probe("-DPROBE_CALL_STORE")
    t.ok(rc != 0 and "store_open" in err and "implicit" in err,
         "%s: a store_open call does not compile" % folder, err)
    rc, err = compile_probe("-DPROBE_INCLUDE_STORE")
    t.ok(rc != 0 and "store/store.h is for store/ and pipeline/ only" in err,
         "%s: including store/store.h does not compile" % folder, err)
t.done()
