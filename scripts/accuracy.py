#!/usr/bin/env python3
"""accuracy: field accuracy of `billflow --json extract` on documents it was
and was not developed on. A measuring script, not a test (the floors are in
tests/e2e/corpus-floors.json).

Every corpus folder under --corpus (a truth.jsonl beside files/) is split by
tests/extract-dev/folds.py into 'dev' (rules and models are developed and
trained on these) and 'val' (never read, never tuned on: the figures to
quote). Generated invoices (gen-invoice --random) are split by seed: the dev
seed is the one the rules were tuned on, the validation seed is used by no
test and no other script. For each set it prints dev %, val %, the gap
(dev - val), the per-field figures on val, line-item F1 where lines are
labelled, documents with every labelled field right, a reliability table on
val (confidence bin -> fields, share right) and the share right at
confidence >= 0.80 (the goal is >= 99%), then the issue-11 'done when'
targets against the val figures.

Each document's output row is cached under --cache by the sha256 of the
billflow binary and of the file, so scoring again after a scorer change or
for another report does not OCR again; --force runs everything again.

--json-out FILE writes every scored document: set, file, fold, each labelled
field's want/got/ok/confidence, line-item counts, all_right, source, pages,
elapsed_ms, and the amounts' evidence as the calibration keeps them apart
(vouch; evidence: alone, agree or checked). Other scripts may `import accuracy` and call collect() and
summarise().

usage: accuracy.py [--bin build/cli/billflow] [--gen build/tests/gen/gen-invoice]
                   [--corpus ../shared/corpus] [--cache DIR] [--force] [--jobs N]
                   [--only NAME[,NAME...]] [--folds dev,val]
                   [--gen-count N] [--gen-dev-seed S] [--gen-val-seed S]
                   [--gen-formats pdf,png] [--gen-arg ARG]... [--no-gen]
                   [--set SECTION.KEY=VALUE]... [--json-out FILE] [--misses] [-q]"""
import argparse
import concurrent.futures
import decimal
import hashlib
import json
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "extract-dev"))
import folds  # noqa: E402
import score  # noqa: E402

# Confidence bins of the reliability table: [lo, hi)
BINS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0001))
THRESHOLD = 0.80          # rules.min_confidence
GEN_DEV_SEED = "4242"     # tuned on: bench-extract, e2e-reread, calibration.py use it
GEN_VAL_SEED = "90617"    # used by no test and no other script: never tune on it
BREAKDOWN = ("language", "layout", "kind", "scan_quality")  # generated truth keys reported apart
GEN_COUNT = 24
CHUNK = 4                 # files per billflow process
REAL_INVOICES = ("invoice2data", "parsee_invoices", "vrdu", "zugferd")
RECEIPTS = ("sroie_trainval", "sroie_more")
GENERATED = ("generated-", "varied-", "rich-")  # set names of gen-invoice documents
# gen-invoice --totals rich (net, tax per rate, allowances, charges, prepaid,
# amount due): dev documents never hold the held-out wordings, vendors,
# fonts and layouts (--split dev), val ones are drawn from them (--split val)
RICH_LANGUAGES = "en,de,fr,nl,es,it"
RICH_DEV_SEED = "515"     # developed on
RICH_VAL_SEED = "1515"    # used by no test and no other script: never tune on it


def default_corpus(srcdir=os.path.join(here, "..")):
    """$BILLFLOW_CORPUS, else ../shared/corpus beside the source tree, else
    beside the main checkout of a git worktree (a helper's worktree
    elsewhere shares the main checkout's corpus)."""
    if os.environ.get("BILLFLOW_CORPUS"):
        return os.environ["BILLFLOW_CORPUS"]
    near = os.path.normpath(os.path.join(srcdir, "..", "shared", "corpus"))
    if os.path.isdir(near):
        return near
    try:
        common = subprocess.run(["git", "-C", srcdir, "rev-parse", "--path-format=absolute",
                                 "--git-common-dir"], capture_output=True, text=True).stdout.strip()
    except OSError:
        common = ""
    if common:
        far = os.path.normpath(os.path.join(os.path.dirname(common), "..", "shared", "corpus"))
        if os.path.isdir(far):
            return far
    return near


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Runner:
    """Runs `billflow --json extract` over files with a per-file cache.

    The cache is CACHE/<binary sha256[:16]>/<file sha256>.json holding the
    output row: a new build reads everything again, the same build never."""

    def __init__(self, bin_, cache, force=False, jobs=2, quiet=False, sets=()):
        self.bin = os.path.abspath(bin_)
        if not os.access(self.bin, os.X_OK):
            sys.exit("accuracy: no billflow binary at %s (build first, or --bin)" % bin_)
        self.bin_sha = sha256_file(self.bin)
        # --set SECTION.KEY=VALUE for every run: a cache of their own
        self.sets = list(sets)
        tag = self.bin_sha[:16]
        if self.sets:
            tag += "-" + hashlib.sha256(json.dumps(self.sets).encode()).hexdigest()[:8]
        self.dir = os.path.join(cache, tag) if cache else None
        if self.dir:
            os.makedirs(self.dir, exist_ok=True)
        self.force = force
        self.jobs = max(1, jobs)
        self.quiet = quiet
        self.ran = self.reused = 0

    def _cached(self, sha):
        if not self.dir or self.force:
            return None
        p = os.path.join(self.dir, sha + ".json")
        try:
            with open(p) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def _store(self, sha, row):
        if not self.dir:
            return
        p = os.path.join(self.dir, sha + ".json")
        tmp = p + ".tmp%d" % os.getpid()
        with open(tmp, "w") as f:
            json.dump(row, f)
        os.replace(tmp, p)

    def _run_chunk(self, paths):
        env = dict(os.environ, BILLFLOW_HOME="/nonexistent-billflow-home", OMP_THREAD_LIMIT="1")
        sets = [a for kv in self.sets for a in ("--set", kv)]
        p = subprocess.run([self.bin, "--json"] + sets + ["extract", "--"] + paths, capture_output=True,
                           text=True, env=env)
        rows = {}
        for line in p.stdout.splitlines():
            if line.startswith("{"):
                r = json.loads(line)
                rows[r.get("file")] = r
        out = []
        for path in paths:
            r = rows.get(path)
            if r is None:  # a crash: not cached, so the next run tries again
                r = {"file": path, "error": "no output (exit %d): %s" % (p.returncode, p.stderr[-300:]),
                     "uncached": True}
            out.append(r)
        return out

    def extract(self, paths):
        """Output rows for paths, in order (cached where possible)."""
        shas = [sha256_file(p) for p in paths]
        result = [None] * len(paths)
        todo = []
        for i, (p, s) in enumerate(zip(paths, shas)):
            r = self._cached(s)
            if r is not None:
                r["file"] = p
                result[i] = r
                self.reused += 1
            else:
                todo.append(i)
        chunks = [todo[k:k + CHUNK] for k in range(0, len(todo), CHUNK)]
        done = 0
        t0 = time.time()
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs) as ex:
            futs = {ex.submit(self._run_chunk, [paths[i] for i in c]): c for c in chunks}
            for fut in concurrent.futures.as_completed(futs):
                c = futs[fut]
                for i, r in zip(c, fut.result()):
                    result[i] = r
                    if not r.get("uncached"):
                        self._store(shas[i], r)
                done += len(c)
                self.ran += len(c)
                if not self.quiet:
                    print("#   extracted %d/%d (%.0f s)" % (done, len(todo), time.time() - t0),
                          file=sys.stderr)
        return result


# ---- scoring -------------------------------------------------------------

def judge(truth, row):
    """One document's verdict: {'fields': {field: {want, got, ok, conf}},
    'lines': {f1, hit, want, got} or None, 'all_right', ...}. Fields are
    named as in the output (a truth 'date' is 'invoice_date')."""
    conf = row.get("confidence") or {}
    fields = {}
    lines = None
    for f in truth.get("labelled_fields", []):
        if f == "lines":
            f1, hit, w, g = score.lines_f1(truth.get("lines") or [], row.get("lines") or [])
            lines = {"f1": f1, "hit": hit, "want": w, "got": g}
            continue
        if f not in score.FIELDS:
            continue
        out = score.FIELDS[f]
        got = row.get(out)
        c = conf.get(out)
        fields[out] = {"want": truth.get(f), "got": got, "ok": bool(score.same(f, truth.get(f), got)),
                       "conf": None if got is None or c is None else round(float(c), 4)}
    all_right = all(v["ok"] for v in fields.values()) and (lines is None or lines["f1"] >= 1.0)
    return {"fields": fields, "lines": lines, "all_right": all_right, "vouch": amounts_vouch(row),
            "evidence": amounts_evidence(row),
            "source": row.get("source"), "pages": row.get("pages"),
            "elapsed_ms": row.get("elapsed_ms"), "error": row.get("error")}


def _dec(s):
    try:
        return decimal.Decimal(s) if s is not None else None
    except decimal.InvalidOperation:
        return None


def amounts_vouch(row):
    """extract_amounts_vouch() on an output row: its subtotal and tax make
    its total to the cent, or its line items and tax do (the evidence the
    calibration tables are kept apart by)."""
    total, sub, tax = _dec(row.get("total")), _dec(row.get("subtotal")), _dec(row.get("tax"))
    if total is None or total == 0:
        return False
    if sub is not None and tax is not None and sub + tax == total:
        return True
    lines = row.get("lines") or []
    if tax is None or total <= 0 or not lines or tax < 0 or tax >= total:
        return False
    amounts = [_dec(l.get("amount")) for l in lines]
    if any(a is None or a <= 0 for a in amounts):
        return False
    s = sum(amounts)
    if s != total - tax or (tax == 0 and len(lines) < 2):
        return False
    return sub is None or sub == s


# Rates of VAT, GST and sales tax in use, in basis points (extract/amounts.c's tax_rates_bp)
TAX_RATES_BP = (250, 260, 300, 370, 380, 400, 500, 550, 600, 700, 770, 800, 810, 900, 950, 1000,
                1200, 1300, 1350, 1400, 1500, 1600, 1700, 1800, 1900, 2000, 2100, 2200, 2300, 2400,
                2500, 2550, 2700)


def amounts_checked(row):
    """extract_amounts_checked() on an output row: the line items make the
    subtotal, the subtotal and tax the total, and the tax is the
    subtotal's at one rate in TAX_RATES_BP to half a cent."""
    total, sub, tax = _dec(row.get("total")), _dec(row.get("subtotal")), _dec(row.get("tax"))
    if total is None or sub is None or tax is None or sub <= 0 or tax <= 0 or sub + tax != total:
        return False
    lines = row.get("lines") or []
    amounts = [_dec(l.get("amount")) for l in lines]
    if not amounts or any(a is None or a <= 0 for a in amounts) or sum(amounts) != sub:
        return False
    s, t = int(sub * 100), int(tax * 100)
    return any(abs(s * r - t * 10000) <= 5000 for r in TAX_RATES_BP)


def amounts_evidence(row):
    """The evidence word of extract_calibrate()'s tables for the amounts:
    'checked', 'agree' (amounts_vouch) or 'alone'."""
    return "checked" if amounts_checked(row) else "agree" if amounts_vouch(row) else "alone"


def load_corpus(base):
    """Truth records of one corpus folder, each with its 'fold'."""
    return folds.load(base)


def gen_set(gen, cache, seed, count, formats, extra):
    """Generates (once; cached by gen binary, seed, count, formats and extra
    arguments) and returns (dir, truth records)."""
    gsha = sha256_file(gen)[:12]
    tag = hashlib.sha256(json.dumps([gsha, seed, count, formats, extra]).encode()).hexdigest()[:16]
    out = os.path.join(cache, "gen", "%s-%d-%s" % (tag, seed, count))
    tp = os.path.join(out, "truth.jsonl")
    if not os.path.exists(tp):
        tmp = out + ".tmp%d" % os.getpid()
        subprocess.run([gen, "--random", str(seed), "--count", str(count), "--out-dir", tmp,
                        "--formats", formats] + list(extra), check=True, capture_output=True)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        if os.path.exists(out):
            subprocess.run(["rm", "-rf", out])
        os.replace(tmp, out)
    with open(tp) as f:
        return out, [json.loads(l) for l in f if l.strip()]


def gen_kind(path):
    """pdf, png, tif, jpg, or scanpdf (gen-invoice's image-only NNNN-scan.pdf)."""
    if path.endswith("-scan.pdf"):
        return "scanpdf"
    return os.path.splitext(path)[1].lstrip(".").lower()


def gen_sets(a, prefix, formats, extra, want_folds, only, seeds=None, count=None):
    """[(PREFIX-KIND, '', truth)] for the dev and val seeds, one set per format.
    extra: gen-invoice arguments, a list, or {fold: list} (the rich family
    draws its dev seed with --split dev and its val seed with --split val);
    seeds: {fold: 'S,S'} (default --gen-dev-seed and --gen-val-seed)."""
    if only and prefix not in only and not any("%s-%s" % (prefix, f) in only for f in formats.split(",")):
        return []  # none of its sets asked for: not even generated
    per_kind = {}
    seeds = seeds or {"dev": a.gen_dev_seed, "val": a.gen_val_seed}
    for fold in ("dev", "val"):
        if fold not in want_folds:
            continue
        args = extra[fold] if isinstance(extra, dict) else extra
        for seed in seeds[fold].split(","):
            base, truth = gen_set(a.gen, a.cache, int(seed), count or a.gen_count, formats, args)
            for d in truth:
                d["file"] = os.path.join(base, d["file"])
                d["fold"] = fold
                per_kind.setdefault(gen_kind(d["file"]), []).append(d)
    out = []
    for kind, truth in sorted(per_kind.items()):
        name = prefix + "-" + kind
        if not only or name in only or prefix in only:
            out.append((name, "", truth))
    return out


def collect(a, runner=None):
    """Scores every set a asks for; returns (runner, documents) where each
    document is judge()'s verdict plus 'set', 'file', 'fold'."""
    runner = runner or Runner(a.bin, a.cache, a.force, a.jobs, a.quiet, getattr(a, "set", []))
    want_folds = set(a.folds.split(","))
    only = set(a.only.split(",")) if a.only else None
    sets = []  # (name, base, truth records with 'fold')
    if os.path.isdir(a.corpus):
        for name in sorted(os.listdir(a.corpus)):
            base = os.path.join(a.corpus, name)
            if not os.path.exists(os.path.join(base, "truth.jsonl")) or (only and name not in only):
                continue
            sets.append((name, base, load_corpus(base)))
    elif not a.quiet:
        print("# no shared corpus at %s: generated invoices only" % a.corpus, file=sys.stderr)
    if not a.no_gen and a.gen_count > 0:
        if not os.access(a.gen, os.X_OK):
            sys.exit("accuracy: no gen-invoice at %s (build first, or --gen, or --no-gen)" % a.gen)
        families = [("generated", a.gen_formats, a.gen_arg)]
        if a.varied_formats:
            if b"--variety" in subprocess.run([a.gen, "--help"], capture_output=True).stdout:
                families.append(("varied", a.varied_formats, ["--variety", "1"] + a.gen_arg))
            elif not a.quiet:
                print("# this gen-invoice has no --variety: no varied sets", file=sys.stderr)
        for prefix, formats, extra in families:
            sets += gen_sets(a, prefix, formats, extra, want_folds, only)
        if a.rich_formats and b"--totals" in subprocess.run([a.gen, "--help"], capture_output=True).stdout:
            rich = ["--totals", "rich", "--language", RICH_LANGUAGES] + a.gen_arg
            sets += gen_sets(a, "rich", a.rich_formats,
                             {"dev": rich + ["--split", "dev"], "val": rich + ["--split", "val"]},
                             want_folds, only, {"dev": a.rich_dev_seed, "val": a.rich_val_seed},
                             a.rich_count)
    docs = []
    docs = []
    for name, base, truth in sets:
        truth = [d for d in truth if d["fold"] in want_folds]
        if not truth:
            continue
        if not a.quiet:
            print("# %s: %d documents" % (name, len(truth)), file=sys.stderr)
        paths = [os.path.join(base, d["file"]) for d in truth]
        rows = runner.extract(paths)
        for d, r in zip(truth, rows):
            v = judge(d, r)
            v.update({"set": name, "file": d["file"], "fold": d["fold"]})
            v.update({k: d[k] for k in BREAKDOWN if k in d})
            docs.append(v)
    return runner, docs


class Figures:
    """Sums over a list of judged documents."""

    def __init__(self, docs):
        self.docs = docs
        self.fields = {}   # field -> [ok, n]
        self.ok = self.n = 0
        self.lhit = self.lwant = self.lgot = 0
        self.labelled_lines = False
        self.bins = [[0, 0] for _ in BINS]  # [n, right]
        self.notfound = 0
        self.sure = [0, 0]  # [n, right] at >= THRESHOLD
        for d in docs:
            for f, v in d["fields"].items():
                s = self.fields.setdefault(f, [0, 0])
                s[0] += v["ok"]
                s[1] += 1
                self.ok += v["ok"]
                self.n += 1
                if v["conf"] is None:
                    self.notfound += 1
                    continue
                for i, (lo, hi) in enumerate(BINS):
                    if lo <= v["conf"] < hi:
                        self.bins[i][0] += 1
                        self.bins[i][1] += v["ok"]
                if v["conf"] >= THRESHOLD:
                    self.sure[0] += 1
                    self.sure[1] += v["ok"]
            if d["lines"] is not None:
                self.labelled_lines = True
                self.lhit += d["lines"]["hit"]
                self.lwant += d["lines"]["want"]
                self.lgot += d["lines"]["got"]

    def pct(self):
        return 100.0 * self.ok / self.n if self.n else None

    def line_f1(self):
        n = self.lwant + self.lgot
        return 100.0 * 2 * self.lhit / n if self.labelled_lines and n else None

    def all_right(self):
        return sum(1 for d in self.docs if d["all_right"])

    def sure_pct(self):
        return 100.0 * self.sure[1] / self.sure[0] if self.sure[0] else None

    def errors(self):
        return sum(1 for d in self.docs if d.get("error"))

    def as_dict(self):
        return {"documents": len(self.docs), "fields_right": self.ok, "fields": self.n,
                "fields_pct": self.pct(), "per_field": {f: {"right": s[0], "n": s[1]}
                                                        for f, s in sorted(self.fields.items())},
                "line_f1": self.line_f1(), "all_right_documents": self.all_right(),
                "reliability": [{"bin": [lo, min(hi, 1.0)], "n": b[0], "right": b[1]}
                                for (lo, hi), b in zip(BINS, self.bins)],
                "not_found": self.notfound, "at_threshold": {"n": self.sure[0], "right": self.sure[1]},
                "errors": self.errors()}


def summarise(docs):
    """{set: {'dev': Figures, 'val': Figures}} in report order."""
    names = []
    for d in docs:
        if d["set"] not in names:
            names.append(d["set"])
    return {n: {f: Figures([d for d in docs if d["set"] == n and d["fold"] == f])
                for f in ("dev", "val")} for n in names}


# ---- report --------------------------------------------------------------

def fmt_pct(x, width=6):
    return ("%*.1f%%" % (width - 1, x)) if x is not None else " " * (width - 1) + "-"


def bin_label(lo, hi):
    return "[%g,%g%s" % (lo, min(hi, 1), "]" if hi > 1 else ")")


def report(summary, a, out=sys.stdout):
    p = lambda *s: print(*s, file=out)
    p("== fields right, by corpus: dev (developed on) and val (never tuned on; quote val) ==")
    p("%-17s %4s %16s %4s %16s %6s %8s %9s %7s" % ("set", "dev", "dev fields", "val", "val fields",
                                                   "gap", "val F1", "val docs", ">=0.80"))
    p("%-17s %4s %16s %4s %16s %6s %8s %9s %7s" % ("", "docs", "", "docs", "", "", "lines",
                                                   "all right", "right"))
    for name, fo in summary.items():
        dv, vl = fo["dev"], fo["val"]
        gap = dv.pct() - vl.pct() if dv.n and vl.n else None
        p("%-17s %4d %6s %9s %4d %6s %9s %6s %8s %9s %7s%s" % (
            name, len(dv.docs), fmt_pct(dv.pct()), "(%d/%d)" % (dv.ok, dv.n) if dv.n else "",
            len(vl.docs), fmt_pct(vl.pct()), "(%d/%d)" % (vl.ok, vl.n) if vl.n else "",
            ("%+5.1f" % gap) if gap is not None else "    -", fmt_pct(vl.line_f1(), 8),
            "%d/%d" % (vl.all_right(), len(vl.docs)) if vl.docs else "-", fmt_pct(vl.sure_pct(), 7),
            "  (%d+%d errors)" % (dv.errors(), vl.errors()) if dv.errors() or vl.errors() else ""))
    p("")
    p("== per field on val (right/labelled) ==")
    for name, fo in summary.items():
        vl = fo["val"]
        if vl.n:
            p("%-17s %s" % (name, "  ".join("%s %d/%d" % (f, s[0], s[1]) for f, s in sorted(vl.fields.items()))))
    p("")
    p("== reliability on val: fields by confidence (n, share right); not found = no value ==")
    head = "".join("%14s" % bin_label(lo, hi) for lo, hi in BINS)
    p("%-17s%s %9s %14s" % ("set", head, "not found", ">=0.80 right"))
    tot = Figures([d for fo in summary.values() for d in fo["val"].docs])
    for name, fi in list((n, fo["val"]) for n, fo in summary.items()) + [("ALL val", tot)]:
        if not fi.n:
            continue
        cells = "".join("%14s" % ("%d %s" % (b[0], fmt_pct(100.0 * b[1] / b[0]).strip()) if b[0] else "0")
                        for b in fi.bins)
        p("%-17s%s %9d %14s" % (name, cells, fi.notfound,
                                "%d/%d %s" % (fi.sure[1], fi.sure[0], fmt_pct(fi.sure_pct()).strip())
                                if fi.sure[0] else "-"))
    p("")
    p("== right at >= 0.80 on val, per field (right/n): where the 99% goal is missed ==")
    for name, fo in summary.items():
        per = {}
        for d in fo["val"].docs:
            for f, v in d["fields"].items():
                if v["conf"] is not None and v["conf"] >= THRESHOLD:
                    c = per.setdefault(f, [0, 0])
                    c[0] += v["ok"]
                    c[1] += 1
        if per:
            p("%-17s %s" % (name, "  ".join("%s %d/%d%s" % (f, c[0], c[1], "" if c[0] == c[1] else " !")
                                             for f, c in sorted(per.items()))))
    p("")
    gen_val = [d for fo in summary.values() for d in fo["val"].docs if d["set"].startswith(GENERATED)]
    keys = [k for k in BREAKDOWN if any(k in d for d in gen_val)]
    if keys:
        p("== generated invoices on val, apart by %s (fields right, documents all right) ==" % ", ".join(keys))
        for k in keys:
            for kind in sorted({d["set"] for d in gen_val if k in d}):
                cells = []
                for val in sorted({str(d[k]) for d in gen_val if d["set"] == kind and k in d}):
                    fi = Figures([d for d in gen_val if d["set"] == kind and str(d.get(k)) == val])
                    cells.append("%s %s %d/%d" % (val, fmt_pct(fi.pct()).strip(), fi.all_right(), len(fi.docs)))
                p("%-17s %-13s %s" % (kind, k, "  ".join(cells)))
        p("")
    done_when(summary, a, p)


def done_when(summary, a, p):
    p("== issue 11 'done when', on val (straight-through: bench-decisions.py; CPU: bench-extract.sh) ==")
    rows = []
    for name, fo in summary.items():
        dv, vl = fo["dev"], fo["val"]
        if not vl.n:
            continue
        if dv.n:
            gap = dv.pct() - vl.pct()
            rows.append(("%s: val within 3 points of dev" % name, "%+.1f" % gap, gap <= 3.0))
        goal = None
        if name in RECEIPTS:
            goal = 92.0
        elif name in REAL_INVOICES:
            goal = 95.0
        elif name.startswith(GENERATED):
            goal = 99.0
        if goal is not None:
            rows.append(("%s: fields >= %g%%" % (name, goal), "%.1f%%" % vl.pct(), vl.pct() >= goal))
        if name.startswith(GENERATED) and vl.line_f1() is not None:
            rows.append(("%s: line F1 >= 98%%" % name, "%.1f%%" % vl.line_f1(), vl.line_f1() >= 98.0))
        sp = vl.sure_pct()
        rows.append(("%s: >= 99%% right at confidence >= 0.80" % name,
                     "%.1f%% of %d" % (sp, vl.sure[0]) if sp is not None else "none at >= 0.80",
                     sp is not None and sp >= 99.0))
    for what, got, ok in rows:
        p("  %-4s %-52s %s" % ("ok" if ok else "MISS", what, got))
    p("  met %d of %d" % (sum(1 for r in rows if r[2]), len(rows)))


def floor_down(x):
    return max(0.0, int(x * 10) / 10.0)


def suggest_floors(summary):
    """corpus-floors.json for the corpora in summary: each val figure less
    about one document's worth (a field: one miss more; all fields: one
    document's fields; line F1: one document's matched lines)."""
    out = {}
    for name, fo in summary.items():
        vl = fo["val"]
        if name.startswith(GENERATED) or not vl.n:
            continue
        fl = {"all": floor_down(100.0 * (vl.ok - vl.n / len(vl.docs)) / vl.n)}
        for f, (ok, n) in sorted(vl.fields.items()):
            if n >= 3 and ok > 1:
                fl[f] = floor_down(100.0 * (ok - 1) / n)
        with_lines = sum(1 for d in vl.docs if d["lines"] is not None)
        if vl.line_f1() is not None and vl.lhit and with_lines:
            fl["lines_f1"] = floor_down(100.0 * 2 * (vl.lhit - vl.lhit / with_lines) / (vl.lwant + vl.lgot))
        out[name] = {k: v for k, v in fl.items() if v > 0}
    return out


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(here, "..", "build", "cli", "billflow"))
    ap.add_argument("--gen", default=None, help="gen-invoice (default: beside --bin's build)")
    ap.add_argument("--corpus", default=default_corpus(),
                    help="the shared corpus ($BILLFLOW_CORPUS, else ../shared/corpus)")
    ap.add_argument("--cache", default=None, help="output-row cache (default BUILD/accuracy-cache)")
    ap.add_argument("--force", action="store_true", help="extract everything again")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--only", help="sets to score, comma-separated: corpus folder names, generated-KIND, "
                    "varied-KIND, or generated or varied for all their kinds")
    ap.add_argument("--folds", default="dev,val", help="dev,val (default), or val alone")
    ap.add_argument("--gen-count", type=int, default=GEN_COUNT, help="invoices per seed (%d)" % GEN_COUNT)
    ap.add_argument("--gen-dev-seed", default=GEN_DEV_SEED, help="seeds, comma-separated (%s)" % GEN_DEV_SEED)
    ap.add_argument("--gen-val-seed", default=GEN_VAL_SEED, help="seeds, comma-separated (%s)" % GEN_VAL_SEED)
    ap.add_argument("--gen-formats", default="pdf,png")
    ap.add_argument("--gen-arg", action="append", default=[],
                    help="extra gen-invoice argument (repeat: --gen-arg=--scan-quality --gen-arg=poor)")
    ap.add_argument("--varied-formats", default="pdf,png",
                    help="also gen-invoice --variety 1 in these formats, sets varied-KIND "
                         "(pdf,png,tif,jpg,scanpdf; empty: none)")
    ap.add_argument("--rich-formats", default="pdf,png",
                    help="also gen-invoice --totals rich (%s) in these formats, sets rich-KIND "
                         "(empty: none)" % RICH_LANGUAGES)
    ap.add_argument("--rich-count", type=int, default=GEN_COUNT, help="rich invoices per seed (%d)" % GEN_COUNT)
    ap.add_argument("--rich-dev-seed", default=RICH_DEV_SEED, help="seeds (%s)" % RICH_DEV_SEED)
    ap.add_argument("--rich-val-seed", default=RICH_VAL_SEED, help="seeds (%s)" % RICH_VAL_SEED)
    ap.add_argument("--no-gen", action="store_true")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="a billflow setting for every run (--set extract.calibration=none: the "
                         "finders' own confidences); cached apart")
    ap.add_argument("--json-out", help="write every judged document and the summary here")
    ap.add_argument("--misses", action="store_true", help="list the dev fold's misses (never val's)")
    ap.add_argument("--suggest-floors", action="store_true",
                    help="print tests/e2e/corpus-floors.json entries from these val figures")
    ap.add_argument("-q", action="store_true", dest="quiet")
    a = ap.parse_args(argv)
    build = os.path.dirname(os.path.dirname(os.path.abspath(a.bin)))
    a.gen = a.gen or os.path.join(build, "tests", "gen", "gen-invoice")
    a.cache = a.cache or os.path.join(build, "accuracy-cache")
    return a


def main():
    a = parse_args()
    t0 = time.time()
    runner, docs = collect(a)
    summary = summarise(docs)
    print("# billflow %s (sha256 %s); corpus %s; generated: dev seed %s, val seed %s, %d each, %s%s"
          % (os.path.relpath(runner.bin), runner.bin_sha[:16], a.corpus, a.gen_dev_seed, a.gen_val_seed,
             a.gen_count, a.gen_formats, " " + " ".join(a.gen_arg) if a.gen_arg else ""))
    print("# %d documents: %d extracted, %d from the cache (%s), %.0f s" % (
        len(docs), runner.ran, runner.reused, a.cache, time.time() - t0))
    report(summary, a)
    if a.misses:
        print("\n== misses on dev ==")
        for d in docs:
            if d["fold"] != "dev":
                continue
            for f, v in sorted(d["fields"].items()):
                if not v["ok"]:
                    print("  %s %s %s: want %r got %r (conf %s)" % (d["set"], d["file"], f, v["want"],
                                                                   v["got"], v["conf"]))
            if d["lines"] and d["lines"]["f1"] < 1:
                print("  %s %s lines: F1 %.2f (%d/%d matched, %d read)" % (
                    d["set"], d["file"], d["lines"]["f1"], d["lines"]["hit"], d["lines"]["want"],
                    d["lines"]["got"]))
    if a.suggest_floors:
        print("\n== suggested corpus-floors.json (val less about one document's worth) ==")
        print("{\n" + ",\n".join('  "%s": %s' % (n, json.dumps(fl)) for n, fl in suggest_floors(summary).items())
              + "\n}")
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump({"billflow": runner.bin, "billflow_sha256": runner.bin_sha, "corpus": a.corpus,
                       "gen_dev_seed": a.gen_dev_seed, "gen_val_seed": a.gen_val_seed,
                       "gen_count": a.gen_count, "gen_formats": a.gen_formats, "gen_args": a.gen_arg,
                       "threshold": THRESHOLD,
                       "summary": {n: {k: fi.as_dict() for k, fi in fo.items()} for n, fo in summary.items()},
                       "documents": docs}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
