/* extract-dev.c: runs extraction on TSV word layers and prints one JSON
 * line per file in the contract's shape (a development harness).
 *   extract-dev [-d] [-l] [-m MODEL] [-f FEATURES.jsonl] FILE.tsv...
 * -m reads the ranker from MODEL instead of the built-in one; -f writes
 * every ranked candidate with its features (what scripts/train-ranker.py
 * learns from). */
#include "extract/extract-int.h"
#include "tests/extract-dev/words-tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_str(const char *s)
{
        if (!s) {
                fputs("null", stdout);
                return;
        }
        putchar('"');
        for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
                if (*p == '"' || *p == '\\')
                        printf("\\%c", *p);
                else if (*p == '\n')
                        fputs("\\n", stdout);
                else if (*p < 0x20)
                        printf("\\u%04x", *p);
                else
                        putchar(*p);
        }
        putchar('"');
}

static void field(const bf_invoice *inv, enum bf_field f)
{
        char buf[256];
        printf(", \"%s\": ", field_name(f) ? field_name(f) : "?");
        if (invoice_field_text(inv, f, buf, sizeof(buf)))
                json_str(buf);
        else
                fputs("null", stdout);
}

static void dec(const char *key, bool has, bf_decimal d)
{
        char buf[64];
        printf("\"%s\": ", key);
        if (has && decimal_format(d, buf, sizeof(buf)) >= 0)
                json_str(buf);
        else
                fputs("null", stdout);
}

/* The regrouped lines with their label hits, to stderr. */
static void dump_lines(const bf_doc_text *doc)
{
        static const char *const kinds[] = {
                "", "INVNO", "DATE", "DUE", "TOTAL", "SUBTOTAL", "TAX", "PO", "CUSTOMER",
                "SELLER", "PAYEE", "OWNER", "TERMS", "CURRENCY", "NOTTOTAL", "CARRIED", "IGNORE",
        };
        _Static_assert(sizeof(kinds) / sizeof(kinds[0]) == LK_IGNORE + 1, "a name per label kind");
        struct xdoc x;
        xdoc_build(&x, doc);
        for (size_t li = 0; li < x.n_lines; li++) {
                const struct xline *l = &x.lines[li];
                fprintf(stderr, "p%d y%4.0f h%3.0f |", l->page, l->box.y0, l->h);
                for (size_t i = l->first; i < l->first + l->n; i++) {
                        const struct xtok *t = &x.toks[i];
                        bool gap = i > l->first && t->box.x0 - x.toks[i - 1].box.x1 > 1.3 * l->h;
                        fprintf(stderr, "%s%s", gap ? "   " : " ", t->raw);
                        if (t->label >= 0 && (i + 1 == l->first + l->n || x.toks[i + 1].label != t->label))
                                fprintf(stderr, "<%s>", kinds[x.hits[t->label].kind]);
                }
                fprintf(stderr, "\n");
        }
        xdoc_release(&x);
}

/* The features dump: one JSON line per candidate. */
struct dump {
        FILE *fp;
        const char *file;
};

static void dump_candidate(void *ctx, const struct extract_candidate *c)
{
        struct dump *d = ctx;
        fprintf(d->fp, "{\"file\": \"%s\", \"field\": \"%s\", \"value\": \"%s\", \"p\": %.6f, \"f\": [",
                d->file, field_name(c->field), c->value, c->score);
        for (size_t i = 0; i < c->n_features; i++)
                fprintf(d->fp, "%s%.6g", i ? ", " : "", c->features[i]);
        fprintf(d->fp, "]}\n");
}

static struct extract_model *load_model(const char *path)
{
        FILE *fp = fopen(path, "r");
        if (!fp) {
                fprintf(stderr, "cannot open '%s'\n", path);
                exit(1);
        }
        static char text[1 << 20];
        size_t n = fread(text, 1, sizeof(text), fp);
        fclose(fp);
        struct extract_model *m = NULL;
        struct bf_error err = { 0 };
        if (extract_model_parse(text, n, &m, &err) < 0) {
                fprintf(stderr, "%s: %s\n", path, err.msg);
                exit(1);
        }
        return m;
}

int main(int argc, char **argv)
{
        int status = 0;
        bool debug = false, dump = false;
        struct extract_model *model = NULL;
        struct dump feat = { 0 };
        for (int a = 1; a < argc; a++) {
                if (strcmp(argv[a], "-m") == 0 && a + 1 < argc) {
                        model = load_model(argv[++a]);
                        continue;
                }
                if (strcmp(argv[a], "-f") == 0 && a + 1 < argc) {
                        feat.fp = fopen(argv[++a], "w");
                        if (!feat.fp) {
                                fprintf(stderr, "cannot write '%s'\n", argv[a]);
                                return 1;
                        }
                        fprintf(feat.fp, "{\"features\": [");
                        for (size_t i = 0; extract_model_feature(i); i++)
                                fprintf(feat.fp, "%s\"%s\"", i ? ", " : "", extract_model_feature(i));
                        fprintf(feat.fp, "]}\n");
                        continue;
                }
                if (strcmp(argv[a], "-d") == 0) {
                        debug = true;
                        continue;
                }
                if (strcmp(argv[a], "-l") == 0) {
                        dump = true;
                        continue;
                }
                bf_doc_text doc;
                struct bf_error err = { 0 };
                printf("{\"file\": ");
                json_str(argv[a]);
                if (words_tsv_load(argv[a], &doc, &err) < 0) {
                        printf(", \"error\": ");
                        json_str(err.msg);
                        printf("}\n");
                        status = 1;
                        continue;
                }
                if (dump)
                        dump_lines(&doc);
                bf_invoice inv;
                struct extract_options opt = { .model = model };
                if (feat.fp) {
                        feat.file = argv[a];
                        opt.on_candidate = dump_candidate;
                        opt.candidate_ctx = &feat;
                }
                extract_invoice(&doc, &opt, &inv, &err);
                printf(", \"pages\": %zu, \"source\": \"%s\"", doc.n_pages, source_name(doc.source));
                for (int f = 0; f < FIELD__COUNT; f++)
                        field(&inv, (enum bf_field)f);
                printf(", \"lines\": [");
                for (size_t i = 0; i < inv.n_lines; i++) {
                        const bf_invoice_line *ln = &inv.lines[i];
                        char buf[64];
                        printf("%s{\"description\": ", i ? ", " : "");
                        json_str(ln->description);
                        printf(", ");
                        dec("quantity", ln->has_quantity, ln->quantity);
                        printf(", ");
                        dec("unit_price", ln->has_unit_price, ln->unit_price);
                        printf(", \"amount\": ");
                        if (ln->has_amount && money_format(ln->amount, buf, sizeof(buf)) >= 0)
                                json_str(buf);
                        else
                                fputs("null", stdout);
                        putchar('}');
                }
                printf("], \"confidence\": {");
                bool first = true;
                for (int f = 0; f < FIELD__COUNT; f++) {
                        if (!inv.meta[f].present)
                                continue;
                        printf("%s\"%s\": %.2f", first ? "" : ", ", field_name((enum bf_field)f),
                               inv.meta[f].confidence);
                        first = false;
                }
                printf("}");
                if (debug) {
                        printf(", \"labels\": {");
                        first = true;
                        for (int f = 0; f < FIELD__COUNT; f++) {
                                if (!inv.meta[f].present)
                                        continue;
                                printf("%s\"%s\": ", first ? "" : ", ", field_name((enum bf_field)f));
                                json_str(inv.meta[f].label);
                                first = false;
                        }
                        printf("}");
                }
                printf("}\n");
                invoice_release(&inv);
                doc_text_release(&doc);
        }
        if (feat.fp)
                fclose(feat.fp);
        extract_model_free(model);
        return status;
}
