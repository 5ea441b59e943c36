"""scramble_fonts.py: re-encodes a PDF the way some print drivers do: fonts
whose codes are 1, 2, 3... in order of first use, with glyph names that say
nothing, and no ToUnicode map. poppler then reads the text layer as control
characters and punctuation while the page looks the same. pdftocairo writes the page as PostScript
(Type 42 fonts), this rewrites the fonts and strings, Ghostscript prints
it back to PDF."""
import re
import subprocess
import sys


def ps_string_bytes(s):
    out = bytearray()
    i = 0
    esc = {"n": 10, "r": 13, "t": 9, "b": 8, "f": 12, "\\": 92, "(": 40, ")": 41}
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 1
            d = s[i]
            if d in esc:
                out.append(esc[d])
                i += 1
            elif d.isdigit():
                j = i
                while j < len(s) and j < i + 3 and s[j] in "01234567":
                    j += 1
                out.append(int(s[i:j], 8))
                i = j
            elif d == "\n":
                i += 1
            else:
                out.append(ord(d))
                i += 1
        else:
            out.append(ord(c) & 0xFF)
            i += 1
    return bytes(out)


def scramble(ps_in, ps_out):
    text = open(ps_in, encoding="latin-1").read()
    maps = {}
    font_re = re.compile(r"%%BeginResource: font (\S+)\n(.*?)%%EndResource", re.S)

    def fix_font(m):
        body = m.group(2)
        code_map, names = {}, {}
        def enc(em):
            code, name = int(em.group(1)), em.group(2)
            new = len(code_map) + 1
            code_map[code] = new
            names[name] = "g%d" % new
            return "Encoding %d /g%d put" % (new, new)
        body = re.sub(r"Encoding (\d+) /(\S+) put", enc, body)
        def cs(cm):
            name = cm.group(1)
            return "/%s %s def" % (names.get(name, name), cm.group(2))
        body = re.sub(r"^/([^\s/]+) (\d+) def$", cs, body, flags=re.M)
        fname = re.search(r"\n/(f-\d+-\d+) currentdict end definefont", body)
        if fname:
            maps[fname.group(1)] = code_map
        return "%%BeginResource: font " + m.group(1) + "\n" + body + "%%EndResource"
    text = font_re.sub(fix_font, text)

    out, cur = [], None
    tok = re.compile(r"/(f-\d+-\d+) [\d.]+ Tf|\((?:[^()\\]|\\.)*\)", re.S)
    pos = 0
    for m in tok.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        if m.group(1):
            cur = maps.get(m.group(1))
            out.append(m.group(0))
        elif cur is not None:
            raw = ps_string_bytes(m.group(0)[1:-1])
            out.append("<" + "".join("%02x" % cur.get(b, b) for b in raw) + ">")
        else:
            out.append(m.group(0))
    out.append(text[pos:])
    open(ps_out, "w", encoding="latin-1").write("".join(out))


def main(pdf_in, pdf_out):
    """Writes pdf_out (and two .ps files beside it) from pdf_in."""
    ps1, ps2 = pdf_out + ".1.ps", pdf_out + ".2.ps"
    subprocess.run(["pdftocairo", "-ps", pdf_in, ps1], check=True)
    scramble(ps1, ps2)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                    "-sOutputFile=" + pdf_out, ps2], check=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
