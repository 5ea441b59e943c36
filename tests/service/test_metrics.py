"""The service's Prometheus endpoint and its systemd notifications, for real
(issue 16): `billflow run` with metrics.listen processes documents (posted,
queued from a scan, a duplicate, a failure) and /metrics is scraped over
HTTP and parsed by the exposition format's rules (and by promtool when it is
installed); under a NOTIFY_SOCKET (a unix datagram socket this test binds,
as systemd does) the service sends READY=1, STATUS= lines, WATCHDOG=1 pings
at half of WATCHDOG_USEC, and STOPPING=1 on SIGTERM."""
import math
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

from svctest import Tap, Home, Service, wait_until

import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from bftest import SRCDIR, gen, invoice_spec  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")

VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account
V100,ACME Industrial Supplies Ltd,ACME Industrial;ACME,GBP,30,Expenses:Supplies
"""
POS = """po_number,vendor_id,line_no,description,quantity,unit_price,currency
PO-7781,V100,1,Steel bolts M8,200,0.45,GBP
PO-7781,V100,2,Hex nuts M8,400,0.15,GBP
"""
RECEIPTS = """receipt_id,po_number,line_no,quantity_received,received_date
GR-1,PO-7781,1,200,2026-11-01
GR-2,PO-7781,2,400,2026-11-01
"""

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(r"^(%s)(\{(.*)\})? (\S+)( -?\d+)?$" % NAME)
LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"\s*(,|$)')


def parse_exposition(text):
    """The text format 0.0.4, strictly: HELP and TYPE once per family, before
    its samples; names and labels well formed; values numbers; a
    histogram's buckets cumulative, `le` ascending, ending in +Inf equal to
    _count. Returns ({family: type}, [(name, labels, value)]) or raises."""
    types, helps, samples, seen_families = {}, set(), [], []
    assert text.endswith("\n"), "the body ends with a newline"
    for line in text.split("\n")[:-1]:
        if line.startswith("# HELP "):
            name = line.split(" ")[2]
            assert re.fullmatch(NAME, name) and name not in helps, "HELP once: " + line
            helps.add(name)
            continue
        if line.startswith("# TYPE "):
            _, _, name, typ = line.split(" ")
            assert re.fullmatch(NAME, name) and name not in types, "TYPE once: " + line
            assert typ in ("counter", "gauge", "histogram", "summary", "untyped"), line
            types[name] = typ
            seen_families.append(name)
            continue
        assert line and not line.startswith("#"), "no blank or stray comment lines: %r" % line
        m = SAMPLE.match(line)
        assert m, "a sample line: %r" % line
        name, labels_text, value = m.group(1), m.group(3) or "", m.group(4)
        labels, pos = {}, 0
        while pos < len(labels_text):
            lm = LABEL.match(labels_text, pos)
            assert lm, "labels: %r" % line
            assert lm.group(1) not in labels, "a label once: %r" % line
            labels[lm.group(1)] = lm.group(2)
            pos = lm.end()
        v = float(value)  # NaN, +Inf, -Inf and numbers
        family = name
        for suffix in ("_bucket", "_sum", "_count"):
            if name.endswith(suffix) and types.get(name[:-len(suffix)]) == "histogram":
                family = name[:-len(suffix)]
        assert family in types and family == seen_families[-1], "a sample of the family declared last: %r" % line
        if types[family] == "counter":
            assert name.endswith("_total") and v >= 0, "a counter: %r" % line
        samples.append((name, labels, v))
    for fam, typ in types.items():
        if typ != "histogram":
            continue
        series = {}
        for name, labels, v in samples:
            if name == fam + "_bucket":
                key = tuple(sorted((k, x) for k, x in labels.items() if k != "le"))
                series.setdefault(key, []).append((float(labels["le"]), v))
        for key, buckets in series.items():
            les = [le for le, _ in buckets]
            counts = [c for _, c in buckets]
            assert les == sorted(les) and les[-1] == math.inf, "le ascending to +Inf: %s %s" % (fam, key)
            assert counts == sorted(counts), "buckets cumulative: %s %s" % (fam, key)
            count = [v for n, l, v in samples if n == fam + "_count" and
                     tuple(sorted(l.items())) == key]
            assert count == [counts[-1]], "+Inf bucket equals _count: %s %s" % (fam, key)
    return types, samples


def value(samples, name, **labels):
    got = [v for n, l, v in samples if n == name and all(l.get(k) == x for k, x in labels.items())]
    return got[0] if len(got) == 1 else None


def scrape(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")


class NotifySocket:
    """A unix datagram socket where systemd would listen; collects what arrives."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.settimeout(0.2)
        self.messages = []
        self.stop = False
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            with self.lock:
                self.messages.append((time.monotonic(), data.decode("utf-8", "replace")))

    def lines(self):
        with self.lock:
            return [(ts, l) for ts, m in self.messages for l in m.split("\n") if l]

    def close(self):
        self.stop = True
        self.thread.join(timeout=5)
        self.sock.close()


try:
    t.eq(h.run("init").returncode, 0, "init")
    for kind, text in (("vendors", VENDORS), ("pos", POS), ("receipts", RECEIPTS)):
        t.eq(h.run("import", kind, h.write(kind + ".csv", text)).returncode, 0, "import " + kind)
    clean = gen(invoice_spec("INV-20931", "PO-7781", [("Steel bolts M8", "200", "0.45"),
                                                      ("Hex nuts M8", "400", "0.15")]), h.dir, "clean", pdf=True)
    scan = gen(invoice_spec("INV-555", None, [("Welding rods", "3", "2.40")], vendor="Nobody Known Ltd"),
               h.dir, "scan", pdf=False, png=True)

    notify = NotifySocket(h.path("notify.sock"))
    inbox = os.path.join(h.home, "inbox")
    env = {"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"}
    svc = Service(h, "-v", "run", "--set", "ocr.workers=1", "--set", "metrics.listen=127.0.0.1:0", env=env)
    try:
        t.ok(svc.wait_for("serving http://"), "the service says where it serves metrics", svc.log())
        url = next((re.search(r"serving (http://\S+/metrics)", l).group(1) for l in svc.log()
                    if "serving http://" in l), None)
        t.ok(url and url.startswith("http://127.0.0.1:"), "on the configured address", url)
        ready = wait_until(lambda: any(l == "READY=1" for _, l in notify.lines()), timeout=30)
        t.ok(ready, "READY=1 arrives on NOTIFY_SOCKET", notify.lines())

        def drop(src, name):
            """Into the inbox whole, by rename (the service takes a file the moment it appears)."""
            tmp = h.path("drop-" + name)
            shutil.copyfile(src, tmp)
            os.rename(tmp, os.path.join(inbox, name))
        drop(clean["pdf"], "clean.pdf")
        drop(scan["png"], "scan.png")
        t.ok(svc.wait_for("queued as exception", timeout=300) and svc.wait_for("posted as entry", timeout=60),
             "a clean invoice is posted, the unknown vendor's scan queued", svc.log())
        drop(clean["pdf"], "again.pdf")
        with open(h.path("notes.txt"), "w") as f:
            f.write("not an invoice\n")
        drop(h.path("notes.txt"), "notes.txt")
        t.ok(svc.wait_for("duplicate_file", timeout=60) and svc.wait_for("moved to failed/", timeout=60),
             "a duplicate and a failure", svc.log())

        status, ctype, body = scrape(url)
        t.eq(status, 200, "GET /metrics answers 200")
        t.ok(ctype.startswith("text/plain; version=0.0.4"), "as Prometheus text 0.0.4", ctype)
        try:
            types, samples = parse_exposition(body)
            parsed = True
        except AssertionError as e:
            types, samples, parsed = {}, [], False
            t.ok(False, "the body follows the exposition format", "%s\n%s" % (e, body))
        if parsed:
            t.ok(True, "the body follows the exposition format")
        for outcome, n in (("posted", 1), ("queued", 1), ("duplicate", 1), ("failed", 1)):
            t.eq(value(samples, "billflow_documents_total", source="inbox", outcome=outcome), n,
                 "documents_total{source=inbox,outcome=%s}" % outcome)
        t.eq(value(samples, "billflow_documents_total", source="imap", outcome="posted"), 0,
             "the mailbox's series are there, at 0")
        t.eq(types.get("billflow_stage_duration_seconds"), "histogram", "stage durations are a histogram")
        for stage in ("capture", "extract", "rules", "commit"):
            t.eq(value(samples, "billflow_stage_duration_seconds_count", stage=stage), 2,
                 "%s observed for the two new documents" % stage)
        t.eq(value(samples, "billflow_stage_duration_seconds_count", stage="ocr"), 1,
             "ocr observed for the scan only")
        t.ok((value(samples, "billflow_stage_duration_seconds_sum", stage="ocr") or 0) > 0,
             "OCR took some time")
        t.eq(value(samples, "billflow_straight_through_ratio"), 0.5, "straight-through: 1 of 2")
        t.eq(value(samples, "billflow_queue_depth"), 1, "queue depth: the scan's exception")
        t.ok((value(samples, "billflow_queue_oldest_age_seconds") or -1) >= 0, "the oldest exception's age")
        t.eq(value(samples, "billflow_approvals_waiting"), 0, "approvals waiting (none exist yet)")
        t.eq(value(samples, "billflow_imap_poll_errors_total"), 0, "no mailbox, no poll errors")
        t.eq(value(samples, "billflow_quarantined_files"), 1, "one file in failed/")
        t.eq(value(samples, "billflow_worker_restarts_total"), 0, "no reader restarted")
        promtool = shutil.which("promtool")
        if promtool:
            p = subprocess.run([promtool, "check", "metrics"], input=body, capture_output=True, text=True)
            t.eq(p.returncode, 0, "promtool check metrics passes", p.stdout + p.stderr)
        else:
            t.skip("promtool check metrics", "promtool is not installed (Debian's prometheus package)")
        try:
            urllib.request.urlopen(url.replace("/metrics", "/nothing"), timeout=10)
            t.ok(False, "another path is 404")
        except urllib.error.HTTPError as e:
            t.eq(e.code, 404, "another path is 404")

        # A bank statement line that matches nothing joins the queue, and the
        # gauge counts it beside the scan's exception.
        stmt = h.write("statement.csv", "Date,Amount,Currency,IBAN,Name,Reference\n"
                       "2026-11-20,-77.10,EUR,DE89370400440532013000,Somebody Else,nothing we know\n")
        p = h.run("import", "bank", stmt)
        t.eq(p.returncode, 0, "a bank statement imports beside the running service", p.stderr)
        _, _, body = scrape(url)
        try:
            _, samples = parse_exposition(body)
        except AssertionError:
            samples = []
        t.eq(value(samples, "billflow_queue_depth"), 2, "queue depth: the exception and the open bank line")

        # The watchdog: pings at about half of WATCHDOG_USEC, from a live main loop.
        time.sleep(2.5)
        pings = [ts for ts, l in notify.lines() if l == "WATCHDOG=1"]
        t.ok(len(pings) >= 4, "WATCHDOG=1 pings keep arriving (%d)" % len(pings))
        status_lines = [l for _, l in notify.lines() if l.startswith("STATUS=")]
        t.ok(any("1 posted, 1 queued, 1 duplicates, 1 failed" in l for l in status_lines),
             "STATUS= lines carry the counts", status_lines)
    finally:
        rc = svc.stop()
    t.eq(rc, 0, "SIGTERM: the service exits 0")
    t.ok(any(l == "STOPPING=1" for _, l in notify.lines()), "STOPPING=1 on SIGTERM", notify.lines()[-5:])
    notify.close()

    # A port that is taken: the service refuses to start, saying so.
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    p = h.run("run", "--once", "--set", "metrics.listen=127.0.0.1:%d" % busy.getsockname()[1])
    t.ok(p.returncode == 1 and "metrics.listen" in p.stderr, "a taken port is an error naming the key", p.stderr)
    busy.close()
    p = h.run("run", "--once", "--set", "metrics.listen=nonsense")
    t.ok(p.returncode == 1 and "metrics.listen must be HOST:PORT" in p.stderr, "a bad address is refused", p.stderr)

    # The unit asks systemd for this protocol.
    unit = open(os.path.join(SRCDIR, "dist", "billflow.service.in")).read()
    t.ok("Type=notify" in unit and re.search(r"^WatchdogSec=\d+", unit, re.M),
         "billflow.service is Type=notify with WatchdogSec=", unit[:600])
finally:
    h.cleanup()
t.done()
