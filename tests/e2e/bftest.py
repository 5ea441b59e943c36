"""bftest: helpers for billflow's end-to-end tests — TAP output, running the
real binary against a temporary home, generating invoices with gen-invoice."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

BILLFLOW = os.environ.get("BILLFLOW_BIN", "billflow")
GEN = os.environ.get("BILLFLOW_GEN", "gen-invoice")
SRCDIR = os.environ.get("BILLFLOW_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        if not cond:
            self.failed += 1
        print(("ok" if cond else "not ok") + " %d - %s" % (self.n, name))
        if not cond and diag is not None:
            for line in str(diag).splitlines()[:40]:
                print("#   " + line)
        sys.stdout.flush()
        return cond

    def eq(self, got, want, name, extra=None):
        diag = "got %r, want %r" % (got, want)
        if extra:
            diag += "\n" + str(extra)
        return self.ok(got == want, name, diag)

    def skip(self, name, why):
        """One test that cannot run here (a tool is missing), as a TAP skip."""
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why))
        sys.stdout.flush()

    def skip_all(self, why):
        print("1..0 # SKIP " + why)
        sys.exit(0)

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


class Home:
    """A temporary billflow home; run() calls the real binary."""

    def __init__(self, keep=False):
        self.dir = tempfile.mkdtemp(prefix="billflow-test-")
        self.home = os.path.join(self.dir, "home")
        self.keep = keep
        self.pg_url = None
        if os.environ.get("BILLFLOW_TEST_ENGINE") == "pg":
            self._pg_home()

    def _pg_home(self):
        """On the PostgreSQL engine (BILLFLOW_TEST_ENGINE=pg inside
        tests/pg/pgcluster.py run): a database of this home's own in the
        throwaway cluster, named by store.url in a billflow.conf that init
        then completes with the defaults."""
        base = os.environ["BILLFLOW_PG_URL"]
        name = "bf_" + os.path.basename(self.dir).replace("-", "_").lower()
        p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", base, "-c",
                            "CREATE DATABASE " + name], capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
        if p.returncode != 0:
            raise RuntimeError("cannot create the test database: " + p.stderr)
        self.pg_url = base.rsplit("/", 1)[0] + "/" + name
        os.makedirs(self.home, mode=0o700)
        with open(os.path.join(self.home, "billflow.conf"), "w", encoding="utf-8") as f:
            f.write("[store]\nurl = %s\n" % self.pg_url)
        os.chmod(os.path.join(self.home, "billflow.conf"), 0o600)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def run(self, *args, input=None, env=None, timeout=600):
        e = dict(os.environ)
        e["BILLFLOW_HOME"] = self.home
        e["OMP_THREAD_LIMIT"] = "1"
        if env:
            e.update(env)
        p = subprocess.run([BILLFLOW] + list(args), capture_output=True, text=True,
                           input=input, env=e, timeout=timeout)
        return p

    def json(self, *args, **kw):
        p = self.run("--json", *args, **kw)
        rows = []
        for line in p.stdout.splitlines():
            line = line.strip()
            if line:
                rows.append(json.loads(line))
        return p.returncode, rows, p.stderr

    def sql(self, query):
        """Rows (tuples) of a read-only query on this home's store, on either
        engine: billflow.db opened read-only, or psql on pg_url. Whole
        numbers come back as int and NULL as None on both; keep the query to
        SQL both engines take (no parameters)."""
        if not self.pg_url:
            db = sqlite3.connect("file:%s?mode=ro" % os.path.join(self.home, "billflow.db"),
                                 uri=True, timeout=30)
            try:
                return [tuple(r) for r in db.execute(query).fetchall()]
            finally:
                db.close()
        p = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-F", "\x1f", "-0",
                            "-P", "null=\x1e", self.pg_url, "-c", query],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if p.returncode != 0:
            raise RuntimeError("psql: %s" % p.stderr.strip())

        def value(v):
            if v == "\x1e":
                return None
            if v.lstrip("-").isdigit():
                return int(v)
            return v
        return [tuple(value(v) for v in rec.split("\x1f")) for rec in p.stdout.split("\0") if rec]

    def sql_script(self, script):
        """Runs statements (a test's own rows, written past billflow) on this
        home's store, on either engine, in one transaction: SQL both engines
        take, no parameters."""
        if not self.pg_url:
            db = sqlite3.connect(os.path.join(self.home, "billflow.db"), timeout=30)
            try:
                db.executescript("BEGIN;" + script + ";COMMIT;")
            finally:
                db.close()
            return
        p = subprocess.run(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", self.pg_url],
                           input=script, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("psql: %s" % p.stderr.strip())

    def write(self, name, text):
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def cleanup(self):
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)


def gen(spec, out_dir, name, pdf=True, png=False, quality="good", seed=1):
    """Renders an invoice spec to PDF and/or a scanned PNG; returns paths."""
    spec_path = os.path.join(out_dir, name + ".json")
    with open(spec_path, "w", encoding="utf-8") as f:
        json.dump(spec, f)
    args = [GEN, "--spec", spec_path, "--seed", str(seed), "--scan-quality", quality]
    out = {}
    if pdf:
        out["pdf"] = os.path.join(out_dir, name + ".pdf")
        args += ["--pdf", out["pdf"]]
    if png:
        out["png"] = os.path.join(out_dir, name + ".png")
        args += ["--png", out["png"]]
    subprocess.run(args, check=True, capture_output=True)
    return out


def vendors_csv(gen_dirs):
    """A vendors file naming the vendors of gen-invoice --random's invoices in
    gen_dirs (their truth.jsonl), without PO requirement, so that the ones
    read cleanly post."""
    names = {}
    for d in gen_dirs:
        with open(os.path.join(d, "truth.jsonl"), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                names[r["vendor"]] = r["currency"]
    rows = ["vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required"]
    for i, (name, cur) in enumerate(sorted(names.items())):
        rows.append('V%03d,"%s",,%s,30,Expenses:Supplies,false' % (i, name.replace('"', '""'), cur))
    return "\n".join(rows) + "\n"


def invoice_spec(number, po, lines, currency="GBP", tax_rate_pct=20, vendor="ACME Industrial Supplies Ltd",
                 date="2026-11-03", **extra):
    """A self-consistent spec: lines are (description, qty, unit price) with
    decimal strings; amounts, subtotal, tax and total computed in cents."""
    out_lines = []
    subtotal = 0
    for desc, qty, price in lines:
        q = int(qty)
        cents = int(round(float(price) * 100))  # test-side oracle only; prices have 2 places
        amount = q * cents
        subtotal += amount
        out_lines.append({"description": desc, "quantity": str(q), "unit_price": price,
                          "amount": "%d.%02d" % (amount // 100, amount % 100)})
    tax = (subtotal * tax_rate_pct + 50) // 100
    total = subtotal + tax
    spec = {"vendor": vendor, "vendor_address": ["1 Foundry Road", "Leeds LS1 4AP"],
            "bill_to": ["Globex Corporation", "22 Market Street", "York YO1 7HH"],
            "invoice_number": number, "invoice_date": date, "currency": currency,
            "lines": out_lines,
            "subtotal": "%d.%02d" % (subtotal // 100, subtotal % 100),
            "tax": "%d.%02d" % (tax // 100, tax % 100), "tax_label": "VAT %d%%" % tax_rate_pct,
            "total": "%d.%02d" % (total // 100, total % 100), "language": "en",
            "date_format": "d_mon_y", "number_format": "en", "layout": 0}
    if po:
        spec["po_number"] = po
    spec.update(extra)
    return spec


def check_ledger(t, h, label):
    """Asserts the store's invariants, read through h.sql on either engine:
    entries balance, none is empty, no document is posted twice, posted
    states and entries agree, nothing is left half-processed, and the audit
    log's last decision for each document matches its state. Returns the
    number of documents."""
    bad = h.sql("SELECT entry_id, SUM(amount_minor) FROM postings GROUP BY entry_id, currency "
                "HAVING SUM(amount_minor) <> 0")
    t.eq(bad, [], "%s: every entry balances" % label)
    empty = h.sql("SELECT id FROM entries WHERE id NOT IN (SELECT entry_id FROM postings)")
    t.eq(empty, [], "%s: no entry without postings" % label)
    # payments post entries of their own, without a document
    twice = h.sql("SELECT document_id, COUNT(*) FROM entries WHERE reverses_id IS NULL "
                  "AND document_id IS NOT NULL GROUP BY document_id HAVING COUNT(*) > 1")
    t.eq(twice, [], "%s: no document posted twice" % label)
    posted_wo = h.sql("SELECT id FROM documents WHERE state = 1 AND id NOT IN "
                      "(SELECT document_id FROM entries WHERE document_id IS NOT NULL)")
    entry_wo = h.sql("SELECT document_id FROM entries WHERE reverses_id IS NULL AND document_id "
                     "NOT IN (SELECT id FROM documents WHERE state = 1)")
    t.ok(not posted_wo and not entry_wo, "%s: posted documents and entries agree" % label,
         (posted_wo, entry_wo))
    half = h.sql("SELECT id FROM documents WHERE state = 0")
    t.eq(half, [], "%s: no document left half-processed" % label)
    want = {"post": {1}, "queue": {2, 4}, "reject": {3}}
    rows = h.sql("SELECT d.id, d.state, (SELECT a.action FROM audit a WHERE a.document_id = d.id"
                 " AND a.action IN ('post', 'queue', 'reject') ORDER BY a.id DESC LIMIT 1)"
                 " FROM documents d")
    unexplained = [(doc_id, state, last) for doc_id, state, last in rows
                   if not last or state not in want[last]]
    t.eq(unexplained, [], "%s: the audit log explains every document's state" % label)
    return len(rows)


def png_to_pdf(png_paths, pdf_path, dpi=300):
    """Wraps non-interlaced 8-bit grey or RGB PNGs (a path or a list, one
    per page) as a PDF with no text layer — a scanned PDF. A PNG's IDAT
    stream is a zlib stream with PNG predictors, which PDF's FlateDecode
    reads as it is."""
    import struct
    if isinstance(png_paths, str):
        png_paths = [png_paths]
    n = len(png_paths)
    # objects: 1 catalog, 2 pages, then per page k: page, image, content
    kids = b" ".join(b"%d 0 R" % (3 + 3 * k) for k in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)]
    for k, png_path in enumerate(png_paths):
        data = open(png_path, "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        pos, idat, w = 8, b"", None
        while pos < len(data):
            size, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + size]
            if kind == b"IHDR":
                w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
                assert depth == 8 and ctype in (0, 2) and interlace == 0, "unsupported PNG"
            elif kind == b"IDAT":
                idat += body
            pos += 12 + size
        colors = 1 if ctype == 0 else 3
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        page, image, contents = 3 + 3 * k, 4 + 3 * k, 5 + 3 * k
        objs += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject "
            b"<< /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pw, ph, image, contents),
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 "
            b"/Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors %d /BitsPerComponent 8 /Columns %d >> "
            b"/Length %d >>\nstream\n" % (w, h, b"DeviceGray" if colors == 1 else b"DeviceRGB", colors, w,
                                           len(idat))
            + idat + b"\nendstream",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(pdf_path, "wb").write(bytes(out))
