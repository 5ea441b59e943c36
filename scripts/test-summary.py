#!/usr/bin/env python3
"""test-summary: one closing line for CI from meson's test logs — the TAP
subtests and plain tests of every build directory given, as
'N passed, N failed, N skipped' (every test setup's log)."""
import glob
import json
import sys

passed = failed = skipped = 0
# testlog.json is the everyday run; testlog-SETUP.json a run with --setup.
logs = [log for build in sys.argv[1:] for log in sorted(glob.glob(build + "/meson-logs/testlog*.json"))]
for log in logs:
    with open(log, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            result = t.get("result")
            if result == "SKIP":
                skipped += 1
            elif result in ("OK", "EXPECTEDFAIL"):
                oks = sum(1 for l in t.get("stdout", "").splitlines() if l.startswith("ok "))
                passed += oks or 1
            else:
                failed += 1
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
