"""A hand-made PDF whose text layer holds escape codes (ESC through a
ToUnicode map), for testing that the review TUI never sends them raw."""


def _pdf(lines, out):
    """lines: (x, y, text); '~' maps to ESC through the ToUnicode CMap."""
    content = "BT /F1 10 Tf\n"
    for x, y, t in lines:
        t = t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += "1 0 0 1 %d %d Tm (%s) Tj\n" % (x, y, t)
    content += "ET\n"
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            "1 beginbfrange <20> <7D> <0020> endbfrange\n"
            "2 beginbfchar <7E> <001B> <A3> <00A3> endbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end\n")
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length %d >>\nstream\n%sendstream" % (len(content.encode('latin-1')), content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
        "<< /Length %d >>\nstream\n%sendstream" % (len(cmap), cmap),
    ]
    b = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(b))
        b += ("%d 0 obj\n%s\nendobj\n" % (i + 1, o)).encode('latin-1')
    x = len(b)
    b += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
    for o in offs:
        b += ("%010d 00000 n \n" % o).encode()
    b += ("trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)).encode()
    open(out, "wb").write(b)


def write_pdf(path, number):
    """An ACME invoice for PO-7783 whose line description carries ESC[31m,
    ESC[2J and an OSC title sequence."""
    _pdf([(50, 780, "INVOICE"), (50, 760, "ACME Industrial Supplies Ltd"), (50, 745, "1 Foundry Road"),
          (350, 720, "Invoice No: " + number), (350, 705, "Invoice Date: 5 Nov 2026"),
          (350, 690, "PO Number: PO-7783"),
          (50, 650, "Description"), (300, 650, "Qty"), (350, 650, "Unit Price"), (450, 650, "Amount"),
          (50, 635, "Safety gloves ~[31mRED~[2J~]0;pwned~\\"), (300, 635, "2"), (350, 635, "5.25"),
          (450, 635, "10.50"),
          (350, 600, "Subtotal \xa310.50"), (350, 585, "VAT 20% \xa32.10"), (350, 570, "Total \xa312.60")],
         path)
