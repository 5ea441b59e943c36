"""hostile: writes the hostile corpus — inputs that crash, hang or exhaust a
reader (markers the reader's test hooks act on: build with
-Dtest_hooks=true), page and decompression bombs, MIME bombs, symlinks,
empty and special files, hostile names — and says what billflow must do
with each.

    python3 tests/service/hostile.py OUT_DIR    # writes the files, prints the list

make(out) returns {file name: (kind, words)}: kind "quarantine" (to
failed/, its .reason holding every one of `words`), "needs_hooks" (the
same, only where the reader has its test hooks), "unreadable" (the
original kept and queued as unreadable, the error holding `words`: a budget
refused it before decoding, as the contract says of the size caps),
"unreadable_hooks" (the same, with the hooks), "fifo" and "symlink" (made
by the caller in the inbox; quarantined) or "mail" (a raw message for the
mailbox, refused with `words`)."""
import os
import struct
import sys
import zlib


def _pdf(objects):
    """A PDF from its object bodies (1-based), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def marker_pdf(marker):
    """A one-page PDF whose bytes carry a test-hook marker."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> %% " +
                 marker.encode()])


def page_bomb():
    """A few hundred bytes: one blank 9000 x 9000 pt page (rendered at
    300 dpi it would be 1.4 G pixels)."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9000 9000] >>"])


def many_pages(n):
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    return _pdf(objs)


def png_bomb(w, h):
    """A grey PNG of w x h white pixels: a few hundred KB that decode to
    w*h bytes."""
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xffffffff)
    row = b"\0" + b"\xff" * w
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row) for _ in range(h)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", body) + chunk(b"IEND", b""))


def mime_bomb(parts):
    """A mail of `parts` empty MIME parts (1.7 million of them took 2.26 GB
    inside GMime)."""
    head = (b"From: a@example.com\r\nTo: b@example.com\r\nSubject: bomb\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n")
    return head + b"--b\r\n\r\n" * parts + b"--b--\r\n"


def mime_nest(depth):
    """multipart inside multipart, depth deep."""
    out = (b"From: a@example.com\r\nSubject: nest\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n")
    for i in range(1, depth):
        out += b"--n%d\r\nContent-Type: multipart/mixed; boundary=\"n%d\"\r\n\r\n" % (i - 1, i)
    for i in reversed(range(depth)):
        out += b"--n%d--\r\n" % i
    return out


def make(out):
    os.makedirs(out, exist_ok=True)
    files = {
        "crash.pdf": (marker_pdf("BILLFLOW-TEST-CRASH"), "needs_hooks", ["SIGSEGV", "quarantined"]),
        "hang.pdf": (marker_pdf("BILLFLOW-TEST-HANG"), "needs_hooks", ["timed out", "quarantined"]),
        "balloon.pdf": (marker_pdf("BILLFLOW-TEST-BALLOON"), "needs_hooks", ["reader", "quarantined"]),
        "exec.pdf": (marker_pdf("BILLFLOW-TEST-EXEC"), "needs_hooks", ["SIGSYS", "quarantined"]),
        "escape.pdf": (marker_pdf("BILLFLOW-TEST-ESCAPE"), "unreadable_hooks",
                       ["socket Operation not permitted", "open for writing Operation not permitted"]),
        "page-bomb.pdf": (page_bomb(), "unreadable", ["capture.max_total_megapixels"]),
        "pages.pdf": (many_pages(300), "unreadable", ["300 pages", "capture.max_pages"]),
        "png-bomb.png": (png_bomb(12000, 12000), "unreadable", ["capture.max_page_megapixels"]),
        "empty.pdf": (b"", "quarantine", ["empty"]),
        "mime-bomb.eml": (mime_bomb(200000), "mail", ["capture.max_mime_parts"]),
        "mime-nest.eml": (mime_nest(40), "mail", ["capture.max_mime_depth"]),
    }
    result = {}
    for name, (data, kind, words) in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        result[name] = (kind, words)
    # Special files and links, made in place by the caller's inbox copy.
    result["fifo.pdf"] = ("fifo", ["a fifo"])
    result["passwd.pdf"] = ("symlink", ["a symbolic link"])
    return result


if __name__ == "__main__":
    for name, (kind, words) in sorted(make(sys.argv[1]).items()):
        print("%-16s %-12s %s" % (name, kind, "; ".join(words)))
