"""svctest: helpers for the service tests — a billflow home with generated
born-digital invoices, `billflow run` in the background with its log
collected, and the checks every test repeats (documents by sha256, empty
inbox and work folder)."""
import hashlib
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from bftest import BILLFLOW, GEN, Tap, Home, vendors_csv  # noqa: E402,F401


def dovecot_or_skip(t):
    """The dovecot fixture module (tests/imap/dovecot.py, named by
    BILLFLOW_DOVECOT_PY); skips the whole test, saying why, without it or
    without dovecot."""
    path = os.environ.get("BILLFLOW_DOVECOT_PY", "")
    if not path or not os.path.exists(path):
        t.skip_all("no dovecot fixture (tests/imap/dovecot.py)")
    sys.path.insert(0, os.path.dirname(path))
    import dovecot
    if not dovecot.available():
        t.skip_all("dovecot is not installed (%s)" % dovecot.DOVECOT)
    return dovecot


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def make_pdfs(h, n, seed=11, formats="pdf"):
    """n distinct generated invoices (born-digital PDFs: no OCR) in a folder
    outside the home; returns their paths."""
    out = h.path("gen-%d-%s" % (seed, formats))
    if not os.path.isdir(out):
        subprocess.run([GEN, "--random", str(seed), "--count", str(n), "--out-dir", out,
                        "--formats", formats], check=True, capture_output=True)
    ext = "." + formats.split(",")[0]
    return sorted(os.path.join(out, f) for f in os.listdir(out) if f.endswith(ext))


def init_with_vendors(t, h, docs):
    """init the home's store and import the vendors of gen-invoice's docs
    (so that the ones read cleanly post), each step a test point."""
    t.eq(h.run("init").returncode, 0, "init on " + ("PostgreSQL" if h.pg_url else "SQLite"))
    p = h.run("import", "vendors", h.write("vendors.csv", vendors_csv(
        sorted({os.path.dirname(x) for x in docs}))))
    t.eq(p.returncode, 0, "import the vendors", p.stderr)


def files_under(d):
    out = []
    for root, _, files in os.walk(d):
        out += [os.path.join(root, f) for f in files]
    return sorted(out)


def db_shas(h):
    """sha256 of every document, from the store on either engine (a list: a
    duplicate would show twice)."""
    return [r[0] for r in h.sql("SELECT sha256 FROM documents ORDER BY id")]


def psql(h, query):
    """Rows of a query on the home's PostgreSQL store (h.pg_url), each a list
    of column texts."""
    p = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", h.pg_url, "-c", query],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    return [line.split("|") for line in p.stdout.splitlines() if line]


def status(h):
    rc, rows, err = h.json("status")
    return rows[0] if rc == 0 and rows else {"error": err}


class Service:
    """`billflow run` in the background; stderr lines collected in .lines."""

    def __init__(self, h, *args, env=None):
        e = dict(os.environ)
        e["BILLFLOW_HOME"] = h.home
        e["OMP_THREAD_LIMIT"] = "1"
        if env:
            e.update(env)
        self.p = subprocess.Popen([BILLFLOW] + list(args), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=e)
        self.lines = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.p.stderr:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def log(self):
        with self.lock:
            return list(self.lines)

    def wait_for(self, text, timeout=30):
        """True once a log line contains text."""
        end = time.time() + timeout
        while time.time() < end:
            if any(text in line for line in self.log()):
                return True
            if self.p.poll() is not None:
                time.sleep(0.2)
                return any(text in line for line in self.log())
            time.sleep(0.05)
        return False

    def stop(self, sig=15, timeout=120):
        self.p.send_signal(sig)
        try:
            rc = self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait()
        self.reader.join(timeout=5)
        return rc


def wait_until(cond, timeout=30, step=0.2):
    end = time.time() + timeout
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(step)
    return cond()
