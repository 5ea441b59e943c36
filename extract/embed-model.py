#!/usr/bin/env python3
# embed-model.py: writes the ranker model file as a C string, so that the
# built-in model needs no file at run time. usage: embed-model.py IN OUT.c
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    text = f.read()
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    out.write('/* generated from %s by embed-model.py: do not edit */\n' % sys.argv[1].split('/')[-1])
    out.write('extern const char extract_ranker_model_text[];\n')
    out.write('const char extract_ranker_model_text[] =\n')
    for line in text.splitlines():
        out.write('        "%s\\n"\n' % line.replace('\\', '\\\\').replace('"', '\\"'))
    out.write('        "";\n')
