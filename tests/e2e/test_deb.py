"""The Debian package: scripts/build-deb.sh builds it with dpkg-buildpackage
(lintian must find no error), and what it installs runs: the binary from a
temporary root made with dpkg-deb -x, the man page and the completions."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, SRCDIR  # noqa: E402

t = Tap()
missing = [p for p in ("dpkg-buildpackage", "dh", "dpkg-deb", "fakeroot") if not shutil.which(p)]
if missing:
    t.skip_all("cannot build a Debian package here: no %s (sh scripts/install-deps.sh --test)"
               % ", ".join(missing))
work = tempfile.mkdtemp(prefix="bftest-deb.")
try:
    p = subprocess.run(["sh", os.path.join(SRCDIR, "scripts", "build-deb.sh"), os.path.join(work, "out")],
                       capture_output=True, text=True, timeout=1800)
    debs = glob.glob(os.path.join(work, "out", "billflow_*.deb"))
    t.ok(p.returncode == 0 and len(debs) == 1, "build-deb.sh builds one .deb (lintian: no errors)",
         p.stderr[-3000:])
    if debs:
        info = subprocess.run(["dpkg-deb", "--field", debs[0], "Package", "Version", "Depends"],
                              capture_output=True, text=True).stdout
        t.ok("Package: billflow" in info and "tesseract-ocr-eng" in info and "libtesseract" in info,
             "its control names the package and the libraries it needs", info)
        root = os.path.join(work, "root")
        subprocess.run(["dpkg-deb", "-x", debs[0], root], check=True)
        exe = os.path.join(root, "usr", "bin", "billflow")
        v = subprocess.run([exe, "--version"], capture_output=True, text=True)
        t.ok(v.returncode == 0 and v.stdout.startswith("billflow "), "the installed binary runs: --version",
             v.stdout + v.stderr)
        home = os.path.join(work, "home")
        i = subprocess.run([exe, "--home", home, "init"], capture_output=True, text=True)
        t.ok(i.returncode == 0 and os.path.exists(os.path.join(home, "billflow.db")),
             "the installed binary makes a home", i.stderr)
        for rel in ("usr/share/man/man1/billflow.1.gz", "usr/share/bash-completion/completions/billflow",
                    "usr/share/zsh/vendor-completions/_billflow", "usr/share/doc/billflow/copyright"):
            t.ok(os.path.exists(os.path.join(root, rel)), "the package installs /" + rel)
        unit = os.path.join(root, "usr/lib/systemd/system/billflow.service")
        text = open(unit).read() if os.path.exists(unit) else ""
        t.ok("ExecStart=/usr/bin/billflow run" in text and "Type=notify" in text and "WatchdogSec=" in text,
             "the package's unit runs /usr/bin/billflow as Type=notify with a watchdog", text[:300])
        hp = subprocess.run([exe, "show", "--help"], capture_output=True, text=True)
        t.ok(hp.returncode == 0 and "--png" in hp.stdout, "the installed binary is this one (show --png)",
             hp.stdout + hp.stderr)
        bc = subprocess.run(["bash", "-c", "source %s; COMP_WORDS=(billflow exp); COMP_CWORD=1; _billflow; "
                             "echo ${COMPREPLY[@]}" % os.path.join(root, "usr/share/bash-completion/completions/billflow")],
                            capture_output=True, text=True)
        t.ok("export" in bc.stdout.split() and "exports" in bc.stdout.split(),
             "bash completion completes a command", bc.stdout + bc.stderr)
finally:
    shutil.rmtree(work, ignore_errors=True)
t.done()
