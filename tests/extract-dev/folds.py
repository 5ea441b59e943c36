#!/usr/bin/env python3
# folds.py: the one split of every corpus into a development and a validation
# part, by vendor, so that a vendor's documents all fall on one side.
#
# Rules and models are developed and trained on 'dev' only; accuracy is
# quoted, and corpus floors are set, on 'val'. The split is a hash of the
# vendor key (the corpus's own split_key where it gives one, else the
# normalised vendor name), so it is stable, needs no list, and a new document
# of a known vendor lands on that vendor's side.
#
#   folds.py CORPUS_DIR [dev|val]   prints the files of that fold (default: a summary)
import hashlib
import json
import os
import re
import sys

LEGAL = {'ltd', 'limited', 'inc', 'gmbh', 'ag', 'sarl', 'sas', 'sa', 'bv', 'llc', 'sdn',
         'bhd', 'pty', 'plc', 'co', 'corp', 'pvt', 'the', 's', 'b', 'enterprise', 'trading'}


def vendor_key(rec):
    """The key that decides a document's fold: vendors that differ only in
    case, punctuation or legal form share it."""
    sk = rec.get('split_key')
    if sk:
        return str(sk).lower()
    v = rec.get('vendor') or ''
    words = [w for w in re.sub(r'[^a-z0-9]+', ' ', v.lower()).split() if w not in LEGAL]
    if not words:
        return 'file:' + os.path.basename(rec.get('file', ''))
    return ' '.join(words)


def fold(corpus_name, rec):
    """'dev' or 'val' for one truth record of the corpus folder corpus_name."""
    del corpus_name  # one vendor is on one side in every corpus (SROIE's two folders share shops)
    h = hashlib.sha256(vendor_key(rec).encode()).digest()
    return 'val' if h[0] & 1 else 'dev'


def load(corpus_dir):
    """The truth records of a corpus folder, each with its 'fold' set."""
    name = os.path.basename(os.path.normpath(corpus_dir))
    with open(os.path.join(corpus_dir, 'truth.jsonl')) as f:
        recs = [json.loads(l) for l in f if l.strip()]
    for r in recs:
        r['fold'] = fold(name, r)
    return recs


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: folds.py CORPUS_DIR [dev|val]')
    recs = load(sys.argv[1])
    if len(sys.argv) > 2:
        for r in recs:
            if r['fold'] == sys.argv[2]:
                print(os.path.join(sys.argv[1], r['file']))
        return
    for part in ('dev', 'val'):
        sel = [r for r in recs if r['fold'] == part]
        print('%s: %d documents, %d vendors' % (part, len(sel), len({vendor_key(r) for r in sel})))


if __name__ == '__main__':
    main()
