/* gen-invoice.c: makes test invoices (PDF with a text layer, scans, phone
 * photos) and their ground truth, from a JSON spec or at random; links no billflow code. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "gen.h"

#define MAX_COUNT 100000

struct opts {
        char *spec, *pdf, *png, *tif, *jpg, *scanpdf, *photo, *quality, *truth, *out_dir, *formats;
        char *language, *layout, *split, *totals;
        gint64 seed, random_seed, count, variety;
        gboolean has_random;
};

static const char *const format_names[GEN_N_FORMAT] = { "pdf", "png", "tif", "jpg", "scanpdf",
                                                        "photo" };

static int parse_quality(const char *s, enum gen_quality *ret)
{
        if (strcmp(s, "clean") == 0)
                *ret = GEN_SCAN_CLEAN;
        else if (strcmp(s, "good") == 0)
                *ret = GEN_SCAN_GOOD;
        else if (strcmp(s, "poor") == 0)
                *ret = GEN_SCAN_POOR;
        else
                return -1;
        return 0;
}

static const char *quality_name(enum gen_quality q)
{
        return q == GEN_SCAN_CLEAN ? "clean" : q == GEN_SCAN_GOOD ? "good" : "poor";
}

static int write_line(FILE *f, const char *line, const char *what)
{
        if (fprintf(f, "%s\n", line) < 0) {
                fprintf(stderr, "gen-invoice: cannot write '%s': %s\n", what,
                        g_strerror(errno));
                return -1;
        }
        return 0;
}

static int run_spec(const struct opts *o, enum gen_quality q, int has_q)
{
        struct gen_doc *doc = NULL;
        GError *err = NULL;
        FILE *out = stdout;
        char *line;
        int r = 1;

        if (gen_doc_load(o->spec, &doc, &err) < 0)
                goto fail;
        if (o->truth && !(out = fopen(o->truth, "w"))) {
                fprintf(stderr, "gen-invoice: cannot open '%s': %s\n", o->truth,
                        g_strerror(errno));
                out = NULL;
                goto out;
        }
        {
                const char *paths[GEN_N_FORMAT] = { o->pdf, o->png, o->tif, o->jpg, o->scanpdf,
                                                    o->photo };

                if (!has_q)
                        q = GEN_SCAN_GOOD;
                for (int f = 0; f < GEN_N_FORMAT; f++) {
                        if (!paths[f])
                                continue;
                        if (gen_render(doc, paths[f], (enum gen_format)f, q, (uint64_t)o->seed,
                                       &err) < 0)
                                goto fail;
                        line = gen_doc_truth(doc, paths[f], f == GEN_FMT_PDF ? NULL :
                                             quality_name(q));
                        if (write_line(out, line, o->truth ? o->truth : "stdout") < 0) {
                                g_free(line);
                                goto out;
                        }
                        g_free(line);
                }
        }
        r = 0;
        goto out;
fail:
        fprintf(stderr, "gen-invoice: %s\n", err->message);
        g_error_free(err);
out:
        if (out && out != stdout && fclose(out) != 0 && r == 0) {
                fprintf(stderr, "gen-invoice: cannot write '%s': %s\n", o->truth,
                        g_strerror(errno));
                r = 1;
        }
        gen_doc_free(doc);
        return r;
}

/* One seed per document, so document i is the same whatever --count is. */
static uint64_t doc_seed(uint64_t base, gint64 i)
{
        struct gen_rng r;

        gen_rng_init(&r, base * UINT64_C(1000003) + (uint64_t)i);
        return gen_rng_next(&r);
}

static int run_random(const struct opts *o, enum gen_quality q, int has_q)
{
        int want[GEN_N_FORMAT] = { 0 }, r = 1;
        char **fmts = g_strsplit(o->formats ? o->formats : "pdf,png", ",", -1);
        char *truth_path = g_build_filename(o->out_dir, "truth.jsonl", NULL);
        FILE *truth = NULL;
        struct gen_choice ch = { 0 };
        char *msg = NULL;

        for (char **f = fmts; *f; f++) {
                int k = -1;

                for (int i = 0; i < GEN_N_FORMAT; i++)
                        if (strcmp(*f, format_names[i]) == 0)
                                k = i;
                if (k < 0) {
                        fprintf(stderr, "gen-invoice: unknown format '%s' "
                                "(pdf, png, tif, jpg, scanpdf, photo)\n", *f);
                        r = 2;
                        goto out;
                }
                want[k] = 1;
        }
        if (gen_choice_parse(o->language, o->layout, &ch, &msg) < 0) {
                fprintf(stderr, "gen-invoice: %s\n", msg);
                g_free(msg);
                r = 2;
                goto out;
        }
        if (o->split)
                ch.split = strcmp(o->split, "dev") == 0 ? GEN_SPLIT_DEV : GEN_SPLIT_VAL;
        ch.rich_totals = o->totals && strcmp(o->totals, "rich") == 0;
        if (g_mkdir_with_parents(o->out_dir, 0755) < 0) {
                fprintf(stderr, "gen-invoice: cannot create '%s': %s\n", o->out_dir,
                        g_strerror(errno));
                goto out;
        }
        if (!(truth = fopen(truth_path, "w"))) {
                fprintf(stderr, "gen-invoice: cannot open '%s': %s\n", truth_path,
                        g_strerror(errno));
                goto out;
        }
        for (gint64 i = 1; i <= o->count; i++) {
                uint64_t seed = doc_seed((uint64_t)o->random_seed, i);
                struct gen_doc *doc = o->variety ? gen_doc_variety(seed, &ch) :
                        gen_doc_random(seed);
                GError *err = NULL;
                char name[32], *path, *line;
                int bad = 0;
                enum gen_quality dq = q;

                if (!has_q) {
                        int k = (int)(seed % 10);

                        dq = k < 2 ? GEN_SCAN_CLEAN : k < 7 ? GEN_SCAN_GOOD : GEN_SCAN_POOR;
                }
                for (int f = 0; f < GEN_N_FORMAT && !bad; f++) {
                        if (!want[f])
                                continue;
                        g_snprintf(name, sizeof(name), "%04" G_GINT64_FORMAT "%s.%s", i,
                                   f == GEN_FMT_SCANPDF ? "-scan" :
                                   f == GEN_FMT_PHOTO ? "-photo" : "",
                                   f == GEN_FMT_SCANPDF ? "pdf" :
                                   f == GEN_FMT_PHOTO ? "jpg" : format_names[f]);
                        path = g_build_filename(o->out_dir, name, NULL);
                        bad = gen_render(doc, path, (enum gen_format)f, dq, seed, &err) < 0;
                        g_free(path);
                        if (!bad) {
                                line = gen_doc_truth(doc, name, f == GEN_FMT_PDF ? NULL :
                                                     quality_name(dq));
                                bad = write_line(truth, line, truth_path) < 0;
                                g_free(line);
                        }
                }
                gen_doc_free(doc);
                if (bad) {
                        if (err) {
                                fprintf(stderr, "gen-invoice: %s\n", err->message);
                                g_error_free(err);
                        }
                        goto out;
                }
        }
        r = 0;
out:
        if (truth && fclose(truth) != 0 && r == 0) {
                fprintf(stderr, "gen-invoice: cannot write '%s': %s\n", truth_path,
                        g_strerror(errno));
                r = 1;
        }
        g_free(truth_path);
        g_strfreev(fmts);
        gen_choice_release(&ch);
        return r;
}

int main(int argc, char **argv)
{
        struct opts o = { .seed = 1, .count = 1 };
        GOptionEntry entries[] = {
                { "spec", 0, 0, G_OPTION_ARG_FILENAME, &o.spec, "the invoice to draw", "SPEC.json" },
                { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &o.pdf, "write a PDF with a text layer", "OUT.pdf" },
                { "png", 0, 0, G_OPTION_ARG_FILENAME, &o.png, "write a greyscale scan", "OUT.png" },
                { "tif", 0, 0, G_OPTION_ARG_FILENAME, &o.tif, "write the scan as a TIFF", "OUT.tif" },
                { "jpg", 0, 0, G_OPTION_ARG_FILENAME, &o.jpg, "write the scan as a JPEG", "OUT.jpg" },
                { "scanpdf", 0, 0, G_OPTION_ARG_FILENAME, &o.scanpdf, "write the scan as an image-only PDF", "OUT.pdf" },
                { "photo", 0, 0, G_OPTION_ARG_FILENAME, &o.photo, "write a phone photo of the page (a 12 Mpx JPEG)", "OUT.jpg" },
                { "scan-quality", 0, 0, G_OPTION_ARG_STRING, &o.quality, "clean, good (default) or poor; random mode: a mix", "Q" },
                { "seed", 0, 0, G_OPTION_ARG_INT64, &o.seed, "seed for the scan's skew and noise (default 1)", "N" },
                { "truth", 0, 0, G_OPTION_ARG_FILENAME, &o.truth, "write the truth lines here, not to stdout", "FILE" },
                { "random", 0, 0, G_OPTION_ARG_INT64, &o.random_seed, "make random invoices from this seed", "SEED" },
                { "count", 0, 0, G_OPTION_ARG_INT64, &o.count, "how many random invoices (default 1)", "N" },
                { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.out_dir, "where random invoices and truth.jsonl go", "DIR" },
                { "formats", 0, 0, G_OPTION_ARG_STRING, &o.formats, "of pdf,png,tif,jpg,scanpdf,photo (default pdf,png)", "LIST" },
                { "variety", 0, 0, G_OPTION_ARG_INT64, &o.variety, "0: the original mix (default); 1: every language, layout, font and scan damage", "N" },
                { "language", 0, 0, G_OPTION_ARG_STRING, &o.language, "random mode: only these languages or locales (de,lv,fr-CH; implies --variety 1)", "LIST" },
                { "split", 0, 0, G_OPTION_ARG_STRING, &o.split, "dev: never the held-out vendors, wordings, fonts and layouts; val: held-out vendors, every wording (implies --variety 1)", "dev|val" },
                { "totals", 0, 0, G_OPTION_ARG_STRING, &o.totals, "plain (default) or rich: net, tax per rate with its base, allowances, charges, prepaid and amount due, a summary per rate (en de fr nl es it invoices; implies --variety 1)", "plain|rich" },
                { "layout", 0, 0, G_OPTION_ARG_STRING, &o.layout, "random mode: only these layouts, by name or number (implies --variety 1)", "LIST" },
                { NULL, 0, 0, 0, NULL, NULL, NULL },
        };
        GOptionContext *ctx = g_option_context_new("- make test invoices and their ground truth");
        GError *err = NULL;
        enum gen_quality q = GEN_SCAN_GOOD;
        int r = 2;

        g_option_context_add_main_entries(ctx, entries, NULL);
        g_option_context_set_summary(ctx,
                "  gen-invoice --spec SPEC.json [--pdf OUT.pdf] [--png OUT.png] [--scan-quality Q] [--seed N]\n"
                "  gen-invoice --random SEED --count N --out-dir DIR [--formats pdf,png,tif,jpg,scanpdf,photo]\n"
                "              [--variety 1] [--language de,lv,fr-CH] [--layout receipt,letter]");
        for (int i = 1; i < argc; i++)
                if (strcmp(argv[i], "--random") == 0 || g_str_has_prefix(argv[i], "--random="))
                        o.has_random = TRUE;
        if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
                fprintf(stderr, "gen-invoice: %s\n", err->message);
                g_error_free(err);
                goto out;
        }
        if (argc > 1) {
                fprintf(stderr, "gen-invoice: unexpected argument '%s'\n", argv[1]);
                goto out;
        }
        if (o.quality && parse_quality(o.quality, &q) < 0) {
                fprintf(stderr, "gen-invoice: unknown scan quality '%s' (clean, good, poor)\n",
                        o.quality);
                goto out;
        }
        if (o.split && strcmp(o.split, "dev") != 0 && strcmp(o.split, "val") != 0) {
                fprintf(stderr, "gen-invoice: --split is dev or val\n");
                goto out;
        }
        if (o.totals && strcmp(o.totals, "plain") != 0 && strcmp(o.totals, "rich") != 0) {
                fprintf(stderr, "gen-invoice: --totals is plain or rich\n");
                goto out;
        }
        if ((o.language || o.layout || o.split || o.totals) && o.variety == 0)
                o.variety = 1;
        if (o.variety < 0 || o.variety > 1) {
                fprintf(stderr, "gen-invoice: --variety is 0 or 1\n");
                goto out;
        }
        if (o.has_random) {
                if (o.spec || o.pdf || o.png || o.tif || o.jpg || o.scanpdf || o.photo || !o.out_dir || o.count < 1 ||
                    o.count > MAX_COUNT || o.random_seed < 0) {
                        fprintf(stderr, "gen-invoice: --random SEED needs --out-dir DIR and "
                                "--count 1..%d, and no --spec/--pdf/--png\n", MAX_COUNT);
                        goto out;
                }
                r = run_random(&o, q, o.quality != NULL);
        } else {
                if (!o.spec || (!o.pdf && !o.png && !o.tif && !o.jpg && !o.scanpdf && !o.photo)) {
                        fprintf(stderr, "gen-invoice: give --spec SPEC.json with --pdf, --png, --tif, --jpg, --scanpdf "
                                "or --photo, "
                                "or --random SEED (see --help)\n");
                        goto out;
                }
                r = run_spec(&o, q, o.quality != NULL);
        }
out:
        g_option_context_free(ctx);
        g_free(o.spec);
        g_free(o.pdf);
        g_free(o.png);
        g_free(o.tif);
        g_free(o.jpg);
        g_free(o.scanpdf);
        g_free(o.photo);
        g_free(o.language);
        g_free(o.layout);
        g_free(o.split);
        g_free(o.totals);
        g_free(o.quality);
        g_free(o.truth);
        g_free(o.out_dir);
        g_free(o.formats);
        return r;
}
