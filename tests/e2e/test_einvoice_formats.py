"""End to end through the real binary: public sample e-invoices of every
European format billflow reads — ZUGFeRD 1.0 (standalone and attached to a
PDF as ZUGFeRD-invoice.xml), Factur-X/ZUGFeRD 2.x BASIC (standalone and
attached as factur-x.xml), XRechnung UBL and CII, Peppol BIS Billing 3,
FatturaPA (plain and signed as .p7m), Facturae, ISDOC (plain, attached to a
PDF, and packed with its attachments as an .isdocx ZIP) — are read as "source": "einvoice" with every
field equal to tests/data/einvoice/truth.json (written by reading the XML),
and go through `process` to the decision their data calls for. Hostile and
malformed XML in these formats is refused with a reason."""
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal

sys.path.insert(0, os.path.dirname(__file__))
from bftest import Tap, Home, SRCDIR, gen, invoice_spec  # noqa: E402

t = Tap()
h = Home(keep=os.environ.get("KEEP") == "1")
DATA = os.path.join(SRCDIR, "tests", "data", "einvoice")
with open(os.path.join(DATA, "truth.json"), encoding="utf-8") as f:
    TRUTH = {k: v for k, v in json.load(f).items() if not k.startswith("_")}
HEAD = ["einvoice_format", "vendor", "vendor_tax_id", "vendor_iban", "invoice_number",
        "invoice_date", "due_date", "currency", "subtotal", "tax", "total", "po_number"]


def num(s):
    return None if s is None else Decimal(s)


def check(row, want, name):
    t.eq(row.get("source"), "einvoice", name + ": source einvoice", row.get("error"))
    t.eq({k: row.get(k) for k in HEAD}, {k: want.get(k) for k in HEAD}, name + ": fields")
    got = [(l.get("description"), num(l.get("quantity")), num(l.get("unit_price")),
            l.get("amount")) for l in row.get("lines") or []]
    t.eq(got, [(d, num(q), num(p), a) for d, q, p, a in want["lines"]], name + ": lines")


# The vendor master: some vendors known by name, some by VAT id or IBAN only
# (an e-invoice states them exactly), no POs required. The XRechnung samples'
# VAT id (DE 123456789) fails its check digits, which an import refuses:
# their vendor is known by its IBAN.
VENDORS = """vendor_id,name,aliases,currency,payment_terms_days,default_account,po_required,tax_id,iban
V-Z1,Spielwerk Design,,EUR,30,Expenses:Design,false,DE 136 695 976,
V-XR,Musterverlag Zeitschriften KG,,EUR,14,Expenses:Subscriptions,false,,DE75 5121 0800 1245 1261 99
V-PE,My Supplier Company N.V.,,EUR,30,Expenses:Services,false,,
V-IT,Alpha S.r.l.,,EUR,30,Expenses:Supplies,false,,
V-ES,Servicios Hipotéticos,,EUR,30,Expenses:Consulting,false,,ES2501882570718544704761
"""
# What process must decide, by the data: ISDOC names a PO that is not in the
# system and its vendor is unknown; the second XRechnung is the same invoice
# (number and vendor) in the other syntax.
DECISIONS = [
    ("zugferd1-invoice.xml", "posted", [], "V-Z1"),
    ("xrechnung-01.01a-ubl.xml", "posted", [], "V-XR"),
    ("xrechnung-01.01a-cii.xml", "exception", ["duplicate"], "V-XR"),
    ("fatturapa-FPA01.xml", "posted", [], "V-IT"),
    ("facturae-3.2.2-invoice-vat.xml", "posted", [], "V-ES"),
    ("isdoc-6.0.2-sample.isdoc", "exception", ["unknown_vendor", "po_not_found"], None),
]


try:
    files = [os.path.join(DATA, name) for name in TRUTH]
    rc, rows, err = h.json("extract", *files)
    t.eq(rc, 0, "extract of every sample succeeds", err)
    t.eq(len(rows), len(files), "one result per sample")
    for name, row in zip(TRUTH, rows):
        check(row, TRUTH[name], name)
        conf = row.get("confidence") or {}
        t.ok(conf and all(v == 1.0 for v in conf.values()), name + ": every confidence 1.0", conf)

    # ZUGFeRD 1.0 as it travels: a PDF carrying ZUGFeRD-invoice.xml. The page
    # says something else; the XML is what is read.
    visible = gen(invoice_spec("ON-PAPER-1", None, [("Something else", "1", "9.99")]),
                  h.dir, "visible")

    def attach(sample, as_name, pdf, extra=()):
        """The visible PDF with the sample attached under as_name."""
        shutil.copy(os.path.join(DATA, sample), h.path(as_name))
        subprocess.run(["qpdf", "--add-attachment", h.path(as_name), *extra, "--",
                        visible["pdf"], h.path(pdf)], check=True)
        return h.path(pdf)

    if shutil.which("qpdf"):
        z1pdf = attach("zugferd1-invoice.xml", "ZUGFeRD-invoice.xml", "zugferd1.pdf",
                       ["--mimetype=text/xml"])
        rc, rows, err = h.json("extract", z1pdf)
        t.eq(rc, 0, "zugferd 1.0 pdf: extract succeeds", err)
        if rows:
            check(rows[0], TRUTH["zugferd1-invoice.xml"], "zugferd 1.0 pdf")
            t.eq(rows[0].get("pages"), 1, "zugferd 1.0 pdf: the pdf's page count")
        # Factur-X as it travels: factur-x.xml attached to the PDF.
        fxpdf = attach("factur-x-basic.xml", "factur-x.xml", "facturx.pdf", ["--mimetype=text/xml"])
        rc, rows, err = h.json("extract", fxpdf)
        t.eq(rc, 0, "factur-x pdf: extract succeeds", err)
        if rows:
            check(rows[0], TRUTH["factur-x-basic.xml"], "factur-x pdf")
        # An ISDOC attached to a PDF (as .isdoc) is read too.
        ipdf = attach("isdoc-6.0.2-sample.isdoc", "faktura.isdoc", "isdoc.pdf")
        rc, rows, err = h.json("extract", ipdf)
        t.ok(rc == 0 and rows and rows[0].get("einvoice_format") == "ISDOC 6.0.2"
             and rows[0].get("total") == "15.80", "isdoc attached to a pdf: read", rows or err)
    else:
        t.skip("zugferd 1.0 pdf", "qpdf not installed")

    # ISDOC as it travels packed (.isdocx, ISDOC 6 section 3.3): a ZIP with
    # the public sample, a manifest naming it and a PDF attachment; an older
    # package with no manifest; one whose manifest names the second .isdoc.
    with open(os.path.join(DATA, "isdoc-6.0.2-sample.isdoc"), "rb") as f:
        isdoc = f.read()
    with open(visible["pdf"], "rb") as f:
        page = f.read()
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest xmlns="http://isdoc.cz/'
                'namespace/2013/manifest"><maindocument filename="%s"/></manifest>')

    def write_bytes(name, data):
        path = h.path(name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def isdocx(name, entries):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for n, b in entries:
                z.writestr(n, b)
        return write_bytes(name, buf.getvalue())

    other = isdoc.replace(b"<ID>", b"<ID>X", 1)
    packs = [
        isdocx("faktura.isdocx", [("manifest.xml", (manifest % "faktura.isdoc").encode()),
                                  ("faktura.isdoc", isdoc),
                                  ("attachments/faktura.pdf", page)]),
        isdocx("legacy.isdocx", [("faktura.isdoc", isdoc), ("priloha.pdf", page)]),
        isdocx("second.isdocx", [("manifest.xml", (manifest % "b/main.isdoc").encode()),
                                 ("a.isdoc", other), ("b/main.isdoc", isdoc)]),
    ]
    rc, rows, err = h.json("extract", *packs)
    t.eq(rc, 0, "isdocx: extract succeeds", err)
    for path, row in zip(packs, rows):
        check(row, TRUTH["isdoc-6.0.2-sample.isdoc"], "isdocx " + os.path.basename(path))
    broken = [
        (isdocx("nothing.isdocx", [("readme.txt", b"no invoice here")]), "holds no ISDOC"),
        (isdocx("missing.isdocx", [("manifest.xml", (manifest % "gone.isdoc").encode()),
                                   ("faktura.isdoc", isdoc)]), "does not hold"),
        (write_bytes("cut.isdocx", open(packs[0], "rb").read()[:200]), "corrupt isdocx"),
    ]
    for path, why in broken:
        rc, rows, err = h.json("extract", path)
        t.ok(rc == 1 and rows and why in rows[0].get("error", ""),
             "%s: refused (%s)" % (os.path.basename(path), why), rows or err)

    # A FatturaPA signed as .xml.p7m (CMS): DER, BER in chunks (openssl
    # -stream), and base64; the XML inside is read, the signature not checked.
    if shutil.which("openssl"):
        key, cert = h.path("key.pem"), h.path("cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                        key, "-out", cert, "-days", "2", "-subj", "/CN=billflow test"],
                       check=True, capture_output=True)
        fpa = os.path.join(DATA, "fatturapa-FPA01.xml")
        signed = []
        for name, extra in (("der.xml.p7m", []), ("ber.xml.p7m", ["-stream"])):
            subprocess.run(["openssl", "cms", "-sign", "-in", fpa, "-signer", cert, "-inkey", key,
                            "-outform", "DER", "-nodetach", "-binary", "-out", h.path(name)]
                           + extra, check=True)
            signed.append(h.path(name))
        with open(signed[0], "rb") as f:
            der = f.read()
        signed.append(h.write("b64.xml.p7m", __import__("base64").b64encode(der).decode()))
        rc, rows, err = h.json("extract", *signed)
        t.eq(rc, 0, "signed fatturapa: extract succeeds", err)
        for path, row in zip(signed, rows):
            check(row, TRUTH["fatturapa-FPA01.xml"], "signed fatturapa " + os.path.basename(path))
        cut = h.path("cut.xml.p7m")
        with open(cut, "wb") as f:
            f.write(der[:len(der) // 3])
        rc, rows, err = h.json("extract", cut)
        t.ok(rc == 1 and rows and rows[0].get("error"), "a truncated .p7m: an error, not a guess",
             rows or err)
    else:
        t.skip("signed fatturapa", "openssl not installed")

    # Through the pipeline: the same checks as any invoice.
    t.eq(h.run("init").returncode, 0, "init succeeds")
    p = h.run("import", "vendors", h.write("vendors.csv", VENDORS))
    t.eq(p.returncode, 0, "import vendors", p.stderr)
    for name, status, reasons, vendor_id in DECISIONS:
        rc, rows, err = h.json("process", os.path.join(DATA, name))
        row = rows[0] if rows else {}
        t.eq((row.get("status"), sorted(row.get("reasons") or []),
              (row.get("extract") or {}).get("vendor_id")),
             (status, sorted(reasons), vendor_id), "process %s: %s %s" % (name, status, reasons),
             row.get("reason_details") or err)
    # The same ISDOC packed as .isdocx, as the inbox passes it on: read
    # from its XML, the same decision as the plain one.
    rc, rows, err = h.json("process", packs[0])
    row = rows[0] if rows else {}
    t.ok(rc == 0 and row.get("status") == "exception"
         and sorted(row.get("reasons") or []) == ["po_not_found", "unknown_vendor"]
         and (row.get("extract") or {}).get("source") == "einvoice"
         and (row.get("extract") or {}).get("total") == "15.80",
         "process the isdocx: read as an e-invoice, unknown vendor and PO", row or err)
    rc, rows, err = h.json("process", os.path.join(DATA, "peppol-bis3-creditnote.xml"))
    row = rows[0] if rows else {}
    t.ok(rc == 0 and row.get("status") in ("posted", "exception")
         and (row.get("extract") or {}).get("total") == "-100.11"
         and (row.get("extract") or {}).get("vendor_id") == "V-PE",
         "process peppol credit note: negative total, vendor by name", row or err)
    if shutil.which("qpdf"):
        rc, rows, err = h.json("process", z1pdf)
        t.ok(rc == 0 and rows and rows[0].get("status") == "exception"
             and "duplicate" in rows[0].get("reasons", []),
             "process the zugferd 1.0 pdf after its xml: a duplicate", rows or err)

    # Hostile or broken XML in these formats: refused, with the reason.
    bad = {
        "fatturapa-xxe.xml": ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM '
                              '"file:///etc/passwd">]><p:FatturaElettronica xmlns:p='
                              '"http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">'
                              '&x;</p:FatturaElettronica>', "unsafe xml"),
        "isdoc-truncated.isdoc": ('<?xml version="1.0"?><Invoice xmlns="http://isdoc.cz/'
                                  'namespace/2013" version="6.0.2"><ID>1</ID><IssueDate>',
                                  "corrupt xml"),
        "facturae-two.xml": ('<?xml version="1.0"?><fe:Facturae xmlns:fe="http://www.facturae.'
                             'gob.es/formato/Versiones/Facturaev3_2_2.xml"><Invoices><Invoice>'
                             '<InvoiceHeader><InvoiceNumber>A1</InvoiceNumber></InvoiceHeader>'
                             '</Invoice><Invoice><InvoiceHeader><InvoiceNumber>A2</InvoiceNumber>'
                             '</InvoiceHeader></Invoice></Invoices></fe:Facturae>',
                             "holds 2 invoices"),
    }
    for name, (text, why) in bad.items():
        rc, rows, err = h.json("extract", h.write(name, text))
        t.ok(rc == 1 and rows and why in rows[0].get("error", "")
             and "root:" not in json.dumps(rows), "%s: refused (%s)" % (name, why), rows or err)
finally:
    h.cleanup()
t.done()
