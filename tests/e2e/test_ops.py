"""Operating the service from the command line: log lines carry their syslog
priority when stderr is the journal's stream (so `journalctl -p warning`
filters), and not otherwise; `show DOC --png FILE [--page N]` writes a
document's page as an image without the TUI (a PDF page rendered, a scan's
page decoded)."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bftest import BILLFLOW, Tap, Home, gen, invoice_spec  # noqa: E402

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

    # A page image outside the TUI, looked at with PIL (python3-pil, in
    # whichever python3 has it).
    import json
    pil = next((py for py in (sys.executable, "/usr/bin/python3") if os.path.exists(py) and
                subprocess.run([py, "-c", "import PIL"], capture_output=True).returncode == 0), None)

    def png_info(path):
        p = subprocess.run([pil, "-c", "import json, sys; from PIL import Image; im = Image.open(sys.argv[1]); "
                            "g = im.convert('L'); print(json.dumps({'format': im.format, 'size': list(im.size), "
                            "'dark': sum(1 for v in g.getdata() if v < 128)}))", path],
                           capture_output=True, text=True)
        return json.loads(p.stdout) if p.returncode == 0 else {"error": p.stderr}

    docs = gen(invoice_spec("PNG-1", None, [("Thing", "2", "3.00")]), h.dir, "pageimg", pdf=True, png=True)
    rc, rows, err = h.json("process", docs["pdf"], docs["png"])
    pdf_id, png_id = rows[0]["document_id"], rows[1]["document_id"]
    out = h.path("page1.png")
    p = h.run("show", str(pdf_id), "--png", out)
    t.eq(p.returncode, 0, "show --png writes the PDF's first page", p.stderr)
    with open(out, "rb") as f:
        t.ok(f.read(8) == b"\x89PNG\r\n\x1a\n", "as a PNG image")
    if not pil:
        t.skip("the page image's size and print", "python3-pil not installed (scripts/install-deps.sh --test)")
    else:
        info = png_info(out)
        w, h_px = info.get("size", [0, 0])
        t.ok(info.get("format") == "PNG" and 2400 < w < 2600 and 3300 < h_px < 3600,
             "rendered at ocr.dpi (300: an A4 page is ~2480x3508)", info)
        t.ok(5000 < info.get("dark", 0) < w * h_px // 4, "with the page's print on white paper", info)
    p = h.run("show", str(pdf_id), "--png", out)
    t.ok(p.returncode == 1 and "--force" in p.stderr, "an existing file is refused without --force", p.stderr)
    p = h.run("show", str(pdf_id), "--png", out, "--page", "1", "--force")
    t.eq(p.returncode, 0, "--page 1 --force replaces it", p.stderr)
    p = h.run("show", str(pdf_id), "--png", h.path("page2.png"), "--page", "2")
    t.ok(p.returncode == 1 and "no page 2" in p.stderr and not os.path.exists(h.path("page2.png")),
         "a page the document does not have is an error, and no file", p.stderr)
    p = subprocess.run([BILLFLOW, "--home", h.home, "show", str(png_id), "--png", "-"], capture_output=True)
    t.ok(p.returncode == 0 and p.stdout.startswith(b"\x89PNG\r\n\x1a\n"), "--png - writes to stdout", p.stderr)
    with open(h.path("scan-page.png"), "wb") as f:
        f.write(p.stdout)
    if pil:
        t.eq(png_info(h.path("scan-page.png")).get("size"), png_info(docs["png"]).get("size"),
             "a scan's page comes back at its own size")
    t.eq(h.run("show", str(pdf_id), "--page", "1").returncode, 2, "--page without --png is a usage error")
    t.eq(h.run("show", "999", "--png", h.path("x.png")).returncode, 1, "no such document: exit 1")
finally:
    h.cleanup()
t.done()
