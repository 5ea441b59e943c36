#!/usr/bin/env python3
# pdf2tsv.py: a PDF's text layer (pdftotext -bbox-layout) as tesseract-style TSV, for the extract dev harness.
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/1999/xhtml}'


def convert(pdf, out):
    xml = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'],
                         check=True, capture_output=True).stdout
    root = ET.fromstring(xml)
    out.write('level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t'
              'left\ttop\twidth\theight\tconf\ttext\n')
    for pno, page in enumerate(root.iter(NS + 'page'), 1):
        w, h = float(page.get('width')), float(page.get('height'))
        out.write(f'1\t{pno}\t0\t0\t0\t0\t0\t0\t{w:.2f}\t{h:.2f}\t-1\t\n')
        bno = 0
        for block in page.iter(NS + 'block'):
            bno += 1
            lno = 0
            for line in block.iter(NS + 'line'):
                lno += 1
                wno = 0
                for word in line.iter(NS + 'word'):
                    text = (word.text or '').strip()
                    if not text:
                        continue
                    wno += 1
                    x0, y0 = float(word.get('xMin')), float(word.get('yMin'))
                    x1, y1 = float(word.get('xMax')), float(word.get('yMax'))
                    out.write(f'5\t{pno}\t{bno}\t1\t{lno}\t{wno}\t{x0:.2f}\t{y0:.2f}\t'
                              f'{x1 - x0:.2f}\t{y1 - y0:.2f}\t100\t{text}\n')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: pdf2tsv.py FILE.pdf OUT.tsv')
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        convert(sys.argv[1], f)
