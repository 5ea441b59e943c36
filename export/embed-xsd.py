#!/usr/bin/env python3
# embed-xsd.py: writes a schema file as a C byte string with its length, so
# that validating needs no file at run time. usage: embed-xsd.py IN OUT.c NAME
import sys

data = open(sys.argv[1], 'rb').read()
name = sys.argv[3]
with open(sys.argv[2], 'w', encoding='ascii') as out:
    out.write('/* generated from %s by embed-xsd.py: do not edit */\n' % sys.argv[1].split('/')[-1])
    out.write('#include <stddef.h>\n')
    out.write('extern const char %s[];\nextern const size_t %s_len;\n' % (name, name))
    out.write('const char %s[] =\n' % name)
    for line in data.split(b'\n'):
        if not line:
            continue
        esc = ''.join(c if 32 <= ord(c) < 127 and c not in '\\"' else '\\%03o' % ord(c)
                      for c in (line + b'\n').decode('latin-1'))
        out.write('        "%s"\n' % esc)
    out.write('        "";\n')
    out.write('const size_t %s_len = sizeof(%s) - 1;\n' % (name, name))
