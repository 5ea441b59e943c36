/* pdf.c: PDFs through poppler — a page's own text layer grouped into words,
 * lines and blocks; a page without one, or whose text layer is broken,
 * rendered with cairo and OCRed. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "capture/capture-int.h"

/* A page with fewer visible characters than this is taken as a scan. */
#define MIN_TEXT_CHARS 3
/* ... and so is a page that images cover for the most part while its text
 * layer is a stamp ("Page 1 of 1", a scanner's footer): fewer characters
 * than SPARSE_TEXT_CHARS covering under SPARSE_TEXT_AREA of the page. */
#define SPARSE_TEXT_CHARS 200
#define SPARSE_TEXT_AREA 0.01
#define SCAN_IMAGE_AREA 0.5
/* A text layer is taken as broken, and the page OCRed, when more than
 * BROKEN_TEXT_BAD_PCT of its visible characters are control, private-use
 * or replacement characters, or when a page of BROKEN_TEXT_MIN_CHARS or
 * more has under BROKEN_TEXT_LETTER_PCT letters and not two runs of three
 * letters (a word). */
#define BROKEN_TEXT_BAD_PCT 10
#define BROKEN_TEXT_MIN_CHARS 20
#define BROKEN_TEXT_LETTER_PCT 20
/* cairo's image surfaces stop here. */
#define CAIRO_MAX_SIDE 32767

struct pdf_word {
        char *text;
        bf_box box;
        bool newline_before;  /* poppler ended a line just before this word */
};

struct word_list {
        struct pdf_word *v;
        size_t n, cap;
};

static void word_list_release(struct word_list *l)
{
        for (size_t i = 0; i < l->n; i++)
                free(l->v[i].text);
        free(l->v);
}

static double box_h(bf_box b)
{
        return b.y1 - b.y0;
}

static double y_overlap(bf_box a, bf_box b)
{
        return fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
}

static bf_box box_union(bf_box a, bf_box b)
{
        return (bf_box){ fmin(a.x0, b.x0), fmin(a.y0, b.y0), fmax(a.x1, b.x1), fmax(a.y1, b.y1) };
}

/* A space poppler put between two letters closer than this (times the
 * word's mean character width so far) is a kerning gap, not a word break:
 * some PDF makers place letters one by one, and poppler reads the gap after
 * an 'r' or a 't' as a space ("Br uttosumme", "Zahlbetr ag", "Ber lin";
 * 0.04 to 0.25 of a character). A space is a third of a character and more
 * (a condensed font's "Hex nuts": 0.41); two table columns may be set
 * closer ("Q.tà" "Prezzo"), so only a letter followed by a small letter
 * is joined, and never over KERN_GAP_H of the line's height. */
#define KERN_GAP 0.3
#define KERN_GAP_H 0.18

static bool kerned(bf_box word, size_t chars, bf_box p, gunichar pc, bf_box c, gunichar cc)
{
        double gap = c.x0 - p.x1;

        return g_unichar_isalpha(pc) && g_unichar_islower(cc) && chars > 0 &&
               gap < KERN_GAP * (word.x1 - word.x0) / (double)chars &&
               gap < KERN_GAP_H * fmax(box_h(p), box_h(c));
}

/* Whether the character box c cannot continue a word whose last character
 * is p: a wide gap, a step backwards, or another baseline. */
static bool chars_split(bf_box p, bf_box c)
{
        double h = fmax(box_h(p), box_h(c)), hmin = fmin(box_h(p), box_h(c));

        if (c.x0 - p.x1 > 0.5 * h)
                return true;
        if (c.x1 < p.x0)
                return true;
        return y_overlap(p, c) < 0.3 * hmin;
}

static void flush_word(struct word_list *l, GString *cur, bf_box box, bool *newline)
{
        if (cur->len == 0)
                return;
        if (l->n == l->cap) {
                l->cap = l->cap ? l->cap * 2 : 64;
                l->v = bf_xrealloc(l->v, l->cap * sizeof(*l->v));
        }
        l->v[l->n++] = (struct pdf_word){ bf_xstrndup(cur->str, cur->len), box, *newline };
        *newline = false;
        g_string_truncate(cur, 0);
}

/* Splits poppler's text (one rectangle per character) into words. */
static void split_words(const char *text, const PopplerRectangle *rects, guint n_rects,
                        struct word_list *out)
{
        GString *cur = g_string_new(NULL);
        bf_box box = {0}, prev = {0};
        bool newline = false, spaced = false;
        gunichar prev_c = 0;
        guint i = 0;

        for (const char *p = text; *p && i < n_rects; p = p + g_utf8_skip[*(const guchar *)p], i++) {
                gunichar c = g_utf8_get_char(p);
                const PopplerRectangle *r = &rects[i];
                bf_box cb = { fmin(r->x1, r->x2), fmin(r->y1, r->y2),
                              fmax(r->x1, r->x2), fmax(r->y1, r->y2) };

                if (c == '\n' || c == '\r') {
                        flush_word(out, cur, box, &newline);
                        newline = true;
                        continue;
                }
                if (g_unichar_isspace(c)) {
                        /* the word ends here unless the next character
                         * follows closer than a space (KERN_GAP) */
                        spaced = cur->len > 0;
                        continue;
                }
                if (!g_unichar_isprint(c)) {
                        flush_word(out, cur, box, &newline);
                        continue;
                }
                if (cur->len > 0 &&
                    (chars_split(prev, cb) || (spaced && !kerned(box, g_utf8_strlen(cur->str, (gssize)cur->len), prev, prev_c,
                                        cb, c))))
                        flush_word(out, cur, box, &newline);
                spaced = false;
                prev_c = c;
                box = cur->len == 0 ? cb : box_union(box, cb);
                g_string_append_len(cur, p, p + g_utf8_skip[*(const guchar *)p] - p);
                prev = cb;
        }
        flush_word(out, cur, box, &newline);
        g_string_free(cur, TRUE);
}

/* Gives words line and block indices and appends them to page. Poppler's
 * lines are kept, except that a "line" continuing the previous one on the
 * same row (a label and its value in two layout blocks) joins it. */
static void add_words(const struct word_list *l, bf_page *page)
{
        int line = 0, block = 0;
        bf_box lb = {0};

        for (size_t k = 0; k < l->n; k++) {
                const struct pdf_word *w = &l->v[k];

                if (k > 0) {
                        bf_box pb = l->v[k - 1].box;
                        double hmin = fmin(box_h(pb), box_h(w->box));
                        double ov = y_overlap(pb, w->box);
                        bool same_row = ov >= 0.5 * hmin && w->box.x0 >= pb.x1 - 0.5 * hmin;
                        bool new_line = w->newline_before ? !same_row : ov < 0.3 * hmin;

                        if (new_line) {
                                /* A gap of more than a line, or a jump up
                                 * (next column), starts a block. */
                                if (w->box.y0 - lb.y1 > box_h(lb) || w->box.y1 < lb.y0)
                                        block++;
                                line++;
                                lb = w->box;
                        } else {
                                lb = box_union(lb, w->box);
                        }
                } else {
                        lb = w->box;
                }
                page_add_word(page, w->text, w->box, 1.0f, line, block);
        }
}

bool pdf_text_usable(const char *text, size_t *ret_visible)
{
        size_t visible = 0, bad = 0, letters = 0, words = 0, run = 0;

        for (const char *p = text; p && *p; p = p + g_utf8_skip[*(const guchar *)p]) {
                unsigned char b = (unsigned char)*p;
                gunichar c;
                GUnicodeType t;

                if (b < 0x80) {
                        /* ASCII, most of any page, without the tables. */
                        if (b == ' ' || (b >= '\t' && b <= '\r')) {
                                run = 0;
                        } else if (b < 0x20 || b == 0x7f) {
                                visible++;
                                bad++;
                                run = 0;
                        } else {
                                visible++;
                                if (g_ascii_isalpha(b)) {
                                        letters++;
                                        if (++run == 3)
                                                words++;
                                } else {
                                        run = 0;
                                }
                        }
                        continue;
                }
                c = g_utf8_get_char(p);
                if (g_unichar_isspace(c)) {
                        run = 0;
                        continue;
                }
                visible++;
                t = g_unichar_type(c);
                if (t == G_UNICODE_CONTROL || t == G_UNICODE_PRIVATE_USE ||
                    t == G_UNICODE_UNASSIGNED || t == G_UNICODE_SURROGATE || c == 0xFFFD) {
                        bad++;
                        run = 0;
                } else if (g_unichar_isalpha(c)) {
                        letters++;
                        if (++run == 3)
                                words++;
                } else {
                        run = 0;
                }
        }
        if (ret_visible)
                *ret_visible = visible;
        /* Glyphs that map to no character: control characters, private
         * use, U+FFFD (a font without a usable ToUnicode map). */
        if (bad * 100 > visible * BROKEN_TEXT_BAD_PCT)
                return false;
        /* Text that reads as no words: characters that map to punctuation
         * and digits only (a font whose codes were renumbered 1, 2, 3...). */
        if (visible >= BROKEN_TEXT_MIN_CHARS && words < 2 &&
            letters * 100 < visible * BROKEN_TEXT_LETTER_PCT)
                return false;
        return true;
}

/* Whether a page with a little text is a scan with a stamp on it: images
 * cover most of it, its characters next to nothing. */
static bool stamped_scan(PopplerPage *pp, double w_pt, double h_pt)
{
        PopplerRectangle *rects = NULL;
        guint n_rects = 0;
        double page = w_pt * h_pt, images = 0, text = 0;
        GList *maps;

        if (!(page > 0))
                return false;
        maps = poppler_page_get_image_mapping(pp);
        for (GList *l = maps; l; l = l->next) {
                const PopplerImageMapping *m = l->data;
                double x0 = fmax(0, fmin(m->area.x1, m->area.x2));
                double x1 = fmin(w_pt, fmax(m->area.x1, m->area.x2));
                double y0 = fmax(0, fmin(m->area.y1, m->area.y2));
                double y1 = fmin(h_pt, fmax(m->area.y1, m->area.y2));

                if (x1 > x0 && y1 > y0)
                        images += (x1 - x0) * (y1 - y0);
        }
        poppler_page_free_image_mapping(maps);
        /* Overlapping images may add up past the page; that is fine here. */
        if (images < SCAN_IMAGE_AREA * page)
                return false;
        if (poppler_page_get_text_layout(pp, &rects, &n_rects))
                for (guint i = 0; i < n_rects; i++)
                        text += fabs((rects[i].x2 - rects[i].x1) * (rects[i].y2 - rects[i].y1));
        g_free(rects);
        return text < SPARSE_TEXT_AREA * page;
}

static void text_page(PopplerPage *pp, const char *text, bf_page *page)
{
        PopplerRectangle *rects = NULL;
        guint n_rects = 0;
        struct word_list words = {0};

        if (!poppler_page_get_text_layout(pp, &rects, &n_rects))
                n_rects = 0;
        split_words(text, rects, n_rects, &words);
        add_words(&words, page);
        word_list_release(&words);
        g_free(rects);
}

/* Renders a page on white at the configured resolution (coarser when over
 * the pixel cap: a big page usually has big print); ret_surface (RGB24) is
 * the caller's, ret_dpi says at what resolution. */
static int render_page(PopplerPage *pp, int number, double w_pt, double h_pt,
                       const struct capture_options *opt, cairo_surface_t **ret_surface,
                       int *ret_dpi, struct bf_error *err)
{
        cairo_surface_t *surface;
        cairo_t *cr;
        double max_dpi, scale;
        int dpi = opt->dpi > 0 ? opt->dpi : 300, w, h;

        if (!(w_pt >= 1.0 && h_pt >= 1.0 && isfinite(w_pt) && isfinite(h_pt)))
                return bf_error_set(err, BF_EINVAL, "bad size of pdf page %d (%gx%g points)",
                                    number, w_pt, h_pt);
        max_dpi = 72.0 * sqrt((double)opt->max_pixels / (w_pt * h_pt));
        max_dpi = fmin(max_dpi, 72.0 * CAIRO_MAX_SIDE / fmax(w_pt, h_pt));
        if (dpi > max_dpi)
                dpi = (int)floor(max_dpi);
        if (dpi < CAPTURE_MIN_DPI)
                return bf_error_set(err, BF_ETOOBIG,
                                    "pdf page %d too large to render (%.0fx%.0f points)",
                                    number, w_pt, h_pt);
        scale = dpi / 72.0;
        w = (int)fmax(1.0, floor(w_pt * scale));
        h = (int)fmax(1.0, floor(h_pt * scale));

        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
                cairo_surface_destroy(surface);
                return bf_error_set(err, BF_ENOMEM, "cannot render pdf page %d (%dx%d pixels)",
                                    number, w, h);
        }
        cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        poppler_page_render(pp, cr);
        cairo_destroy(cr);
        cairo_surface_flush(surface);
        *ret_surface = surface;
        *ret_dpi = dpi;
        return 0;
}

/* A rendered page with no pixel darker than this is blank: a PDF's empty
 * last page, nothing to read. (A scan's blank back side has specks and is
 * read as any other.) */
#define BLANK_PAGE_GREY 128

/* Renders page `number` and OCRs it into doc; a blank page (no ink at all)
 * is added without words and without OCR, and *ret_read says whether OCR
 * ran. */
static int ocr_page(PopplerPage *pp, int number, double w_pt, double h_pt, bf_ocr *ocr,
                    const struct capture_options *opt, bf_doc_text *doc, bool *ret_read,
                    struct bf_error *err)
{
        cairo_surface_t *surface = NULL;
        bf_page *page;
        int dpi = 0, w, h, r;
        PIX *pix;

        if (!ocr)
                return bf_error_set(err, BF_EUNSUPPORTED,
                                    "cannot read pdf page %d: no text layer and no ocr engine",
                                    number);
        if ((r = render_page(pp, number, w_pt, h_pt, opt, &surface, &dpi, err)) < 0)
                return r;
        w = cairo_image_surface_get_width(surface);
        h = cairo_image_surface_get_height(surface);
        pix = capture_surface_to_grey(surface);
        cairo_surface_destroy(surface);
        if (!pix)
                return bf_error_set(err, BF_ENOMEM, "cannot render pdf page %d (%dx%d pixels)",
                                    number, w, h);
        pixSetResolution(pix, dpi, dpi);

        l_int32 darkest = 0;
        bool blank = pixGetExtremeValue(pix, 1, L_SELECT_MIN, NULL, NULL, NULL, &darkest) == 0 &&
                     darkest > BLANK_PAGE_GREY;
        page = doc_text_add_page(doc, w, h, !blank);
        page->number = number;
        *ret_read = !blank;
        r = blank ? 0 : ocr_page_words(ocr, pix, dpi, page, err);
        pixDestroy(&pix);
        return r;
}

static cairo_status_t png_to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
        g_byte_array_append(closure, data, len);
        return CAIRO_STATUS_SUCCESS;
}

/* Opens a PDF from memory; NULL with err (encrypted, corrupt, no pages). */
static PopplerDocument *open_pdf(const void *data, size_t len, GBytes **ret_bytes,
                                 struct bf_error *err)
{
        PopplerDocument *pdf;
        GError *gerr = NULL;

        if (len > INT_MAX) {
                bf_error_set(err, BF_ETOOBIG, "pdf too large (%zu bytes)", len);
                return NULL;
        }
        *ret_bytes = g_bytes_new_static(data, len);
        pdf = poppler_document_new_from_bytes(*ret_bytes, NULL, &gerr);
        if (!pdf) {
                if (g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
                        bf_error_set(err, BF_EINVAL, "encrypted pdf");
                else
                        bf_error_set(err, BF_EINVAL, "corrupt pdf: %s",
                                     gerr ? gerr->message : "unknown error");
                g_clear_error(&gerr);
        }
        return pdf;
}

int capture_pdf_page_png(const void *data, size_t len, int number,
                         const struct capture_options *opt, void **ret_png, size_t *ret_len,
                         struct bf_error *err)
{
        GBytes *bytes = NULL;
        PopplerDocument *pdf = open_pdf(data, len, &bytes, err);
        PopplerPage *pp = NULL;
        cairo_surface_t *surface = NULL;
        GByteArray *png;
        double w_pt = 0, h_pt = 0;
        int n_pages, dpi, r;

        if (!pdf) {
                r = err ? err->code : BF_EINVAL;
                goto out;
        }
        n_pages = poppler_document_get_n_pages(pdf);
        if (number < 1 || number > n_pages) {
                r = bf_error_set(err, BF_ENOTFOUND, "no page %d: the pdf has %d page%s", number,
                                 n_pages, n_pages == 1 ? "" : "s");
                goto out;
        }
        if (!(pp = poppler_document_get_page(pdf, number - 1))) {
                r = bf_error_set(err, BF_EINVAL, "corrupt pdf: cannot load page %d", number);
                goto out;
        }
        poppler_page_get_size(pp, &w_pt, &h_pt);
        if ((r = render_page(pp, number, w_pt, h_pt, opt, &surface, &dpi, err)) < 0)
                goto out;
        png = g_byte_array_new();
        if (cairo_surface_write_to_png_stream(surface, png_to_bytes, png) != CAIRO_STATUS_SUCCESS) {
                g_byte_array_unref(png);
                r = bf_error_set(err, BF_ENOMEM, "cannot encode pdf page %d as png", number);
                goto out;
        }
        *ret_len = png->len;
        *ret_png = g_byte_array_free(png, FALSE);
        r = 0;
out:
        if (surface)
                cairo_surface_destroy(surface);
        if (pp)
                g_object_unref(pp);
        if (pdf)
                g_object_unref(pdf);
        if (bytes)
                g_bytes_unref(bytes);
        return r;
}

int capture_pdf_read(const void *data, size_t len, bf_ocr *ocr,
                     const struct capture_options *opt, bf_doc_text *doc,
                     struct bf_error *err)
{
        GBytes *bytes = NULL;
        PopplerDocument *pdf = open_pdf(data, len, &bytes, err);
        int n_pages, n_text = 0, n_ocr = 0, r = 0;

        if (!pdf) {
                r = err ? err->code : BF_EINVAL;
                goto out;
        }

        n_pages = poppler_document_get_n_pages(pdf);
        if (n_pages <= 0) {
                r = bf_error_set(err, BF_EINVAL, "corrupt pdf: no pages");
                goto out;
        }
        if (n_pages > opt->max_pages) {
                r = bf_error_set(err, BF_ETOOBIG, "pdf has too many pages (%d, limit %d)",
                                 n_pages, opt->max_pages);
                goto out;
        }

        for (int i = 0; i < n_pages && r == 0; i++) {
                PopplerPage *pp = poppler_document_get_page(pdf, i);
                double w_pt = 0, h_pt = 0;
                size_t n_chars;
                bool usable;
                char *text;

                if (!pp) {
                        r = bf_error_set(err, BF_EINVAL, "corrupt pdf: cannot load page %d",
                                         i + 1);
                        break;
                }
                poppler_page_get_size(pp, &w_pt, &h_pt);
                text = poppler_page_get_text(pp);
                if (text && !g_utf8_validate(text, -1, NULL)) {
                        char *valid = g_utf8_make_valid(text, -1);

                        g_free(text);
                        text = valid;
                }
                usable = pdf_text_usable(text, &n_chars);
                if (text && n_chars >= MIN_TEXT_CHARS && usable &&
                    !(n_chars < SPARSE_TEXT_CHARS && stamped_scan(pp, w_pt, h_pt))) {
                        bf_page *page = doc_text_add_page(doc, w_pt, h_pt, false);

                        page->number = i + 1;
                        text_page(pp, text, page);
                        n_text++;
                } else {
                        bool read = false;

                        r = ocr_page(pp, i + 1, w_pt, h_pt, ocr, opt, doc, &read, err);
                        n_ocr += read;
                }
                g_free(text);
                g_object_unref(pp);
        }
        if (r == 0)
                /* blank pages say nothing of where the words came from,
                 * unless every page is blank */
                doc->source = n_ocr == 0 && n_text > 0 ? SOURCE_TEXT
                              : n_text == 0          ? SOURCE_OCR
                                                     : SOURCE_MIXED;
out:
        if (pdf)
                g_object_unref(pdf);
        g_bytes_unref(bytes);
        return r;
}
