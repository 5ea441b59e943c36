/* store-learn.c: what learning from corrections keeps — each document's
 * word layer (so a later correction can be found on the page) and, per
 * vendor and field, where a reviewer's value was printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* A page is "P\tnumber\twidth\theight\tocr\n", a word
 * "x0\ty0\tx1\ty1\tconf\tline\tblock\ttext\n"; tabs and newlines in a word
 * become spaces, so the text needs no escaping. */
static void words_encode(GString *s, const bf_doc_text *doc)
{
        for (size_t p = 0; p < doc->n_pages; p++) {
                const bf_page *pg = &doc->pages[p];
                g_string_append_printf(s, "P\t%d\t%.2f\t%.2f\t%d\n", pg->number, pg->width,
                                       pg->height, pg->ocr ? 1 : 0);
                for (size_t i = 0; i < pg->n_words; i++) {
                        const bf_word *w = &pg->words[i];
                        g_string_append_printf(s, "%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%d\t%d\t", w->box.x0,
                                               w->box.y0, w->box.x1, w->box.y1, (double)w->conf,
                                               w->line, w->block);
                        for (const char *c = w->text; *c; c++)
                                g_string_append_c(s, *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c);
                        g_string_append_c(s, '\n');
                }
        }
}

static int words_decode(const char *text, enum bf_source source, bf_doc_text *ret,
                        struct bf_error *err)
{
        bf_doc_text doc = { 0 };
        bf_page *pg = NULL;
        char **lines = g_strsplit(text, "\n", -1);
        int r = 0;

        doc.source = source;
        for (char **l = lines; *l; l++) {
                if (!**l)
                        continue;
                if ((*l)[0] == 'P' && (*l)[1] == '\t') {
                        int number = 0, ocr = 0;
                        double w = 0, h = 0;
                        if (sscanf(*l + 2, "%d\t%lf\t%lf\t%d", &number, &w, &h, &ocr) != 4) {
                                r = bf_error_set(err, BF_EINVAL, "bad stored word layer: '%.40s'", *l);
                                break;
                        }
                        pg = doc_text_add_page(&doc, w, h, ocr != 0);
                        continue;
                }
                bf_box b;
                double conf;
                int line, block, used = 0;
                if (!pg || sscanf(*l, "%lf\t%lf\t%lf\t%lf\t%lf\t%d\t%d\t%n", &b.x0, &b.y0, &b.x1,
                                  &b.y1, &conf, &line, &block, &used) != 7 || used == 0) {
                        r = bf_error_set(err, BF_EINVAL, "bad stored word layer: '%.40s'", *l);
                        break;
                }
                page_add_word(pg, *l + used, b, (float)conf, line, block);
        }
        g_strfreev(lines);
        if (r < 0) {
                doc_text_release(&doc);
                return r;
        }
        *ret = doc;
        return 0;
}

int store_words_save(bf_store *s, int64_t document_id, const bf_doc_text *doc,
                     struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO document_words (document_id, source, words) VALUES (?1, ?2, ?3)"
                " ON CONFLICT (document_id) DO UPDATE SET source = excluded.source,"
                " words = excluded.words";
        bf_stmt *st;
        GString *text = g_string_new(NULL);
        int r;

        words_encode(text, doc);
        r = store_stmt(s, sql, &st, err);
        if (r == 0) {
                store_bind_int64(s, st, 1, document_id);
                store_bind_text(s, st, 2, source_name(doc->source));
                store_bind_text(s, st, 3, text->str);
                r = store_run(s, st, err, "store word layer");
        }
        g_string_free(text, TRUE);
        return r;
}

int store_words_load(bf_store *s, int64_t document_id, bf_doc_text *ret, struct bf_error *err)
{
        static const char sql[] = "SELECT source, words FROM document_words WHERE document_id = ?1";
        bf_stmt *st;
        enum bf_source source = SOURCE_TEXT;
        char *text;
        int r;

        if ((r = store_one_row(s, sql, document_id, NULL, "word layer for document", &st, err)) < 0)
                return r;
        const char *src = store_col_text(st, 0);
        for (int k = SOURCE_TEXT; k <= SOURCE_EINVOICE; k++)
                if (src && strcmp(src, source_name((enum bf_source)k)) == 0)
                        source = (enum bf_source)k;
        text = store_col_strdup(st, 1);
        store_reset(st);
        r = words_decode(text ? text : "", source, ret, err);
        free(text);
        return r;
}

int store_hint_save(bf_store *s, const char *vendor_key, const bf_field_hint *h,
                    struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO field_hints (vendor_key, field, label, below, dx, dy, px, py, page,"
                " learned_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                " ON CONFLICT (vendor_key, field) DO UPDATE SET label = excluded.label,"
                " below = excluded.below, dx = excluded.dx, dy = excluded.dy, px = excluded.px,"
                " py = excluded.py, page = excluded.page, learned_at = excluded.learned_at";
        bf_stmt *st;
        char now[32];
        int r;

        if (!vendor_key || !*vendor_key || h->field < 0 || h->field >= FIELD__COUNT)
                return bf_error_set(err, BF_EINVAL, "a hint needs a vendor and a field");
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, vendor_key);
        store_bind_text(s, st, 2, field_name((enum bf_field)h->field));
        store_bind_text(s, st, 3, h->label);
        store_bind_int64(s, st, 4, h->below ? 1 : 0);
        store_bind_double(s, st, 5, h->dx);
        store_bind_double(s, st, 6, h->dy);
        store_bind_double(s, st, 7, h->px);
        store_bind_double(s, st, 8, h->py);
        store_bind_int64(s, st, 9, h->page);
        store_bind_text(s, st, 10, now);
        return store_run(s, st, err, "store field hint");
}

int store_hints_load(bf_store *s, const char *vendor_key, bf_field_hint **ret, size_t *ret_n,
                     struct bf_error *err)
{
        static const char sql[] =
                "SELECT field, label, below, dx, dy, px, py, page FROM field_hints"
                " WHERE vendor_key = ?1 ORDER BY field";
        bf_stmt *st;
        bf_field_hint *list = NULL;
        size_t n = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, vendor_key);
        while ((r = store_step(s, st, err, "load field hints")) == 1) {
                char *name = store_col_strdup(st, 0);
                int f = name ? field_from_name(name) : -1;
                free(name);
                if (f < 0)
                        continue;       /* a field this build does not know */
                list = bf_xrealloc(list, (n + 1) * sizeof(*list));
                bf_field_hint *h = &list[n++];
                h->field = f;
                h->label = store_col_strdup(st, 1);
                h->below = store_col_int(st, 2) != 0;
                h->dx = store_col_double(st, 3);
                h->dy = store_col_double(st, 4);
                h->px = store_col_double(st, 5);
                h->py = store_col_double(st, 6);
                h->page = store_col_int(st, 7);
        }
        if (r < 0) {
                hints_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

