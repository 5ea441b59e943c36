#!/usr/bin/env python3
# embed-model.py: writes the ranker model file (or the calibration table) as
# a C string, so that the built-in one needs no file at run time.
# usage: embed-model.py IN OUT.c [SYMBOL] (default extract_ranker_model_text)
import sys

sym = sys.argv[3] if len(sys.argv) > 3 else 'extract_ranker_model_text'

with open(sys.argv[1], encoding='utf-8') as f:
    text = f.read()
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    out.write('/* generated from %s by embed-model.py: do not edit */\n' % sys.argv[1].split('/')[-1])
    out.write('extern const char %s[];\n' % sym)
    out.write('const char %s[] =\n' % sym)
    for line in text.splitlines():
        out.write('        "%s\\n"\n' % line.replace('\\', '\\\\').replace('"', '\\"'))
    out.write('        "";\n')
