/* pipeline.c: one document from bytes to the ledger or the exception queue,
 * and the decision step that the pipeline and the resolution service share. */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "capture/capture.h"
#include "capture/reader.h"
#include "extract/extract.h"
#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* Originals larger than this are refused before any work is done. */
#define MAX_DOCUMENT_BYTES (256u * 1024 * 1024)

const char *pipeline_outcome_name(enum bf_outcome o)
{
        switch (o) {
        case OUTCOME_POSTED: return "posted";
        case OUTCOME_EXCEPTION: return "exception";
        case OUTCOME_DUPLICATE_FILE: return "duplicate_file";
        case OUTCOME_AWAITING_APPROVAL: return "awaiting_approval";
        case OUTCOME_ERROR: break;
        }
        return "error";
}

void pipeline_result_release(struct bf_result *r)
{
        if (!r)
                return;
        invoice_release(&r->invoice);
        decision_release(&r->decision);
        g_free(r->error);
        memset(r, 0, sizeof(*r));
}

void pipeline_failpoint(const char *name)
{
        const char *fp = getenv("BILLFLOW_FAILPOINT");

        if (fp && strcmp(fp, name) == 0)
                raise(SIGKILL);
}

static int64_t now_ms(void)
{
        return g_get_monotonic_time() / 1000;
}

const bf_vendor *pipeline_find_vendor(bf_app *app, const char *vendor_id)
{
        for (size_t i = 0; vendor_id && i < app->n_vendors; i++)
                if (strcmp(app->vendors[i].vendor_id, vendor_id) == 0)
                        return &app->vendors[i];
        return NULL;
}

/* The word layer as plain text, one line per line, for review screens. */
static char *doc_plain_text(const bf_doc_text *doc)
{
        GString *s = g_string_new(NULL);

        for (size_t p = 0; p < doc->n_pages; p++) {
                const bf_page *page = &doc->pages[p];
                if (p)
                        g_string_append(s, "\f\n");
                for (size_t i = 0; i < page->n_words; i++) {
                        if (i && page->words[i].line != page->words[i - 1].line)
                                g_string_append_c(s, '\n');
                        else if (i)
                                g_string_append_c(s, ' ');
                        g_string_append(s, page->words[i].text);
                }
                g_string_append_c(s, '\n');
        }
        return g_string_free(s, FALSE);
}

/* How many open POs and earlier invoice numbers of a vendor extraction
 * weighs. */
#define EVIDENCE_MAX_POS 500
#define EVIDENCE_MAX_NUMBERS 20

/* Once the vendor is known, extract again with what the store knows of it:
 * the layout reviewers taught (store-learn.c, extract/learn.c), its open
 * purchase orders and its earlier invoice numbers (extract/evidence.c), if
 * any. Extraction is cheap beside OCR; a failure keeps inv as is. */
static void extract_with_master(bf_app *app, const bf_doc_text *doc, struct extract_options *xopt,
                                bf_invoice *inv)
{
        const char *key = inv->vendor_id ? inv->vendor_id : inv->vendor_name;
        g_autofree char *vendor_id = g_strdup(inv->vendor_id);
        bf_field_hint *list = NULL;
        size_t n = 0, n_pos = 0, n_numbers = 0;
        char **pos = NULL, **numbers = NULL;
        struct extract_hint *hints = NULL;
        bf_invoice again;

        if (!app->store || !key)
                return;
        if (store_hints_load(app->store, key, &list, &n, NULL) < 0)
                n = 0;
        /* evidence that cannot be read is only evidence missed */
        if (vendor_id && store_open_pos(app->store, vendor_id, EVIDENCE_MAX_POS, &pos, &n_pos,
                                        NULL) < 0)
                n_pos = 0;
        if (vendor_id && store_vendor_invoice_numbers(app->store, vendor_id, EVIDENCE_MAX_NUMBERS,
                                                      &numbers, &n_numbers, NULL) < 0)
                n_numbers = 0;
        if (n + n_pos + n_numbers == 0)
                goto out;
        hints = g_new0(struct extract_hint, n + 1);
        for (size_t i = 0; i < n; i++)
                hints[i] = (struct extract_hint){
                        .field = (enum bf_field)list[i].field, .label = list[i].label,
                        .below = list[i].below, .dx = list[i].dx, .dy = list[i].dy,
                        .px = list[i].px, .py = list[i].py, .page = list[i].page,
                };
        xopt->hints = hints;
        xopt->n_hints = n;
        xopt->master_vendor_id = vendor_id;
        xopt->open_pos = pos;
        xopt->n_open_pos = n_pos;
        xopt->earlier_numbers = numbers;
        xopt->n_earlier_numbers = n_numbers;
        if (extract_invoice(doc, xopt, &again, NULL) == 0) {
                invoice_release(inv);
                *inv = again;
        }
        xopt->hints = NULL;
        xopt->n_hints = 0;
        xopt->master_vendor_id = NULL;
        xopt->open_pos = xopt->earlier_numbers = NULL;
        xopt->n_open_pos = xopt->n_earlier_numbers = 0;
out:
        g_free(hints);
        hints_free(list, n);
        strings_free(pos, n_pos);
        strings_free(numbers, n_numbers);
}

/* How far inv's line items are from adding up: each line whose quantity
 * times unit price is not its amount or, in a table that has them, lacks
 * either, and the lines' sum missing what the
 * page says they total (the subtotal, or total less tax) counts 2. */
static int disagreements(const bf_invoice *inv)
{
        int n = 0;
        int64_t sum = 0, net;
        bool priced = false, summed = true;     /* summed: no overflow */

        for (size_t i = 0; i < inv->n_lines; i++)
                priced |= inv->lines[i].has_quantity && inv->lines[i].has_unit_price;
        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *ln = &inv->lines[i];
                bf_decimal p;
                bf_money m;

                if (ln->has_amount && summed)
                        summed = !__builtin_add_overflow(sum, ln->amount.minor, &sum);
                /* a quantity or price lost where the table has them */
                if (priced && ln->has_amount && (!ln->has_quantity || !ln->has_unit_price))
                        n++;
                if (ln->has_quantity && ln->has_unit_price && ln->has_amount &&
                    (decimal_mul(ln->quantity, ln->unit_price, &p) != 0 ||
                     decimal_to_money(p, ln->amount.currency[0] ? ln->amount.currency
                                                                : inv->currency, &m) != 0 ||
                     m.minor != ln->amount.minor))
                        n++;
        }
        if (inv->n_lines > 0 && inv->meta[FIELD_SUBTOTAL].present)
                n += 2 * (!summed || sum != inv->subtotal.minor);
        else if (inv->n_lines > 0 && inv->meta[FIELD_TOTAL].present && inv->meta[FIELD_TAX].present)
                n += 2 * (!summed || __builtin_sub_overflow(inv->total.minor, inv->tax.minor, &net) || sum != net);
        return n;
}

/* A word OCR may have garbled in a figure: a digit, and at most one
 * character besides digits, '.' and ','. */
static bool figure_word(const char *s)
{
        int digits = 0, other = 0;

        for (; *s; s++) {
                if (*s >= '0' && *s <= '9')
                        digits++;
                else if (*s != '.' && *s != ',')
                        other++;
        }
        return digits > 0 && other <= 1;
}

/* Words read at least this confidently are not read again. */
#define REREAD_MAX_CONF 0.95f
/* A re-read box reaches this many word heights left and right of the word
 * (a digit OCR lost beside it) and this many above and below. */
#define REREAD_PAD_X 0.4
#define REREAD_PAD_Y 0.15

/* Which of an OCRed page's words are read again, and how: pick says
 * whether word w of page pg is (and from which box), take whether its
 * second reading replaces the first; wants is pick's to read (which
 * words it looks for). */
struct reread_kind {
        unsigned how;   /* OCR_REREAD_* */
        bool (*pick)(const struct reread_kind *kind, const bf_page *pg, const bf_word *w,
                     bf_box *ret_box);
        bool (*take)(const bf_word *w, const char *text, float conf);
        unsigned wants;
};

/* doc's pages copied into *copy (fresh) with the words kind picks read
 * again by the reader and their second readings taken where kind takes
 * them. Returns how many were taken. */
static int reread_copy(bf_app *app, const bf_doc_text *doc, const struct reread_kind *kind,
                       bf_doc_text *copy)
{
        int changed = 0;

        for (size_t pi = 0; pi < doc->n_pages; pi++) {
                const bf_page *pg = &doc->pages[pi];
                bf_page *out = doc_text_add_page(copy, pg->width, pg->height, pg->ocr);
                bf_box *boxes = g_new0(bf_box, pg->n_words + 1);
                size_t *which = g_new0(size_t, pg->n_words + 1);
                char **texts;
                float *confs;
                size_t n = 0;

                for (size_t i = 0; pg->ocr && i < pg->n_words; i++)
                        if (kind->pick(kind, pg, &pg->words[i], &boxes[n]))
                                which[n++] = i;
                texts = g_new0(char *, n + 1);
                confs = g_new0(float, n + 1);
                if (n > 0)
                        reader_reread_boxes(app->reader, pg->number, boxes, n, kind->how, texts,
                                            confs);
                for (size_t i = 0, k = 0; i < pg->n_words; i++) {
                        const bf_word *w = &pg->words[i];
                        const char *text = w->text;
                        float conf = w->conf;

                        if (k < n && which[k] == i) {
                                if (texts[k] && strchr(texts[k], ' ') == NULL &&
                                    strcmp(texts[k], w->text) != 0 &&
                                    kind->take(w, texts[k], confs[k])) {
                                        text = texts[k];
                                        conf = confs[k];
                                        changed++;
                                }
                                k++;
                        }
                        page_add_word(out, text, w->box, conf, w->line, w->block);
                }
                for (size_t k = 0; k < n; k++)
                        free(texts[k]); /* the reader's (floor 2): malloc */
                g_free(texts);
                g_free(confs);
                g_free(boxes);
                g_free(which);
        }
        return changed;
}

/* reread_figures: a doubtful figure, from its box widened a little. */
static bool pick_figure(const struct reread_kind *kind, const bf_page *pg, const bf_word *w,
                        bf_box *ret_box)
{
        double h = w->box.y1 - w->box.y0;

        (void)kind;
        if (w->conf >= REREAD_MAX_CONF || !figure_word(w->text))
                return false;
        *ret_box = (bf_box){ fmax(0, w->box.x0 - REREAD_PAD_X * h),
                             fmax(0, w->box.y0 - REREAD_PAD_Y * h),
                             fmin(pg->width, w->box.x1 + REREAD_PAD_X * h),
                             fmin(pg->height, w->box.y1 + REREAD_PAD_Y * h) };
        return true;
}

/* ... taken when it still looks like a figure. */
static bool take_figure(const bf_word *w, const char *text, float conf)
{
        (void)w;
        (void)conf;
        return figure_word(text);
}

/* The scanned page's doubtful figures read again one by one from the
 * pixels OCR used; the line items extracted from them replace inv's only
 * when they add up better. Only pages whose lines disagree pay. */
static void reread_figures(bf_app *app, const bf_doc_text *doc, const struct extract_options *xopt,
                           bf_invoice *inv)
{
        int before = disagreements(inv);
        bf_doc_text copy = { .source = doc->source };
        bf_invoice again;
        int changed;

        if (before == 0 || !app->reader || doc->source == SOURCE_TEXT)
                return;
        changed = reread_copy(app, doc, &(struct reread_kind){ OCR_REREAD_NUMERIC, pick_figure,
                                                               take_figure, 0 }, &copy);
        invoice_init(&again);
        if (changed > 0 && extract_invoice(&copy, xopt, &again, NULL) == 0) {
                /* The line items only: the other fields stay as first read
                 * (a figure read alone lost a date's or a total's context). */
                bf_invoice probe = *inv;        /* inv's fields, again's lines */

                probe.lines = again.lines;
                probe.n_lines = again.n_lines;
                if (disagreements(&probe) < before) {
                        again.lines = inv->lines;
                        again.n_lines = inv->n_lines;
                        inv->lines = probe.lines;
                        inv->n_lines = probe.n_lines;
                        /* lines that now add up vouch for the totals,
                         * where the second reading found them vouching
                         * (not on a till's receipt) */
                        if (again.meta[FIELD_TOTAL].present &&
                            again.meta[FIELD_TOTAL].confidence >= 0.9)
                                extract_amounts_agree(inv);
                }
        }
        invoice_release(&again);
        doc_text_release(&copy);
}

static int digit_count(const char *s)
{
        int n = 0;

        for (; *s; s++)
                n += *s >= '0' && *s <= '9';
        return n;
}

/* Words with a digit read less surely than this are read again larger. */
#define SMALL_DOUBT_CONF 0.90f
/* ... when they may be part of a field the second reading serves: an
 * amount or a date. A word with more digits than a date has (a phone or
 * registration number, a barcode) is neither. */
#define SMALL_MAX_DIGITS 8
enum { SMALL_AMOUNT = 1u, SMALL_DATE = 2u };

/* What a word of small print may be part of (SMALL_* bits): an amount
 * when it is a figure (figure_word) with a decimal point or comma; a date
 * when it has '/', '-' or '.' beside a digit ("30/03/2018", "12-0l-17")
 * or is a year ("2018" of "25 Oct 2018"). 0: neither (a phone number, a
 * postcode, a quantity, an item code), and not worth reading again. */
static unsigned small_kind(const char *s)
{
        int digits = digit_count(s);
        unsigned kind = 0;

        if (digits == 0 || digits > SMALL_MAX_DIGITS)
                return 0;
        if (figure_word(s) && strpbrk(s, ".,"))
                kind |= SMALL_AMOUNT;
        for (const char *p = s; *p; p++)
                if (strchr("/-.", *p) &&
                    ((p > s && g_ascii_isdigit(p[-1])) || g_ascii_isdigit(p[1])))
                        kind |= SMALL_DATE;
        if (digits == 4 && strlen(s) == 4 && (strncmp(s, "19", 2) == 0 || strncmp(s, "20", 2) == 0))
                kind |= SMALL_DATE;
        return kind;
}

/* The fields a second reading of small print may change, each with the
 * kind of word it is read from: each is taken from it only when its kind
 * was read again and extraction is surer of it there. */
static const struct {
        enum bf_field field;
        unsigned kind;
} small_fields[] = {
        { FIELD_TOTAL, SMALL_AMOUNT }, { FIELD_SUBTOTAL, SMALL_AMOUNT },
        { FIELD_TAX, SMALL_AMOUNT }, { FIELD_INVOICE_DATE, SMALL_DATE },
};

/* Puts field f of from into inv (value and meta; from's old ones swapped
 * in, so that each invoice still owns what it holds). */
static void take_field(bf_invoice *inv, bf_invoice *from, enum bf_field f)
{
        bf_field_meta m = inv->meta[f];

        inv->meta[f] = from->meta[f];
        from->meta[f] = m;
        switch (f) {
        case FIELD_TOTAL: inv->total = from->total; break;
        case FIELD_SUBTOTAL: inv->subtotal = from->subtotal; break;
        case FIELD_TAX: inv->tax = from->tax; break;
        case FIELD_INVOICE_DATE: inv->invoice_date = from->invoice_date; break;
        default: break;
        }
}

/* reread_small_print: a doubtful word that may be part of a field in
 * doubt (kind->wants: SMALL_* bits), from its own box (the reader widens
 * it). */
static bool pick_small(const struct reread_kind *kind, const bf_page *pg, const bf_word *w,
                       bf_box *ret_box)
{
        (void)pg;
        if (w->conf >= SMALL_DOUBT_CONF || !(small_kind(w->text) & kind->wants))
                return false;
        *ret_box = w->box;
        return true;
}

/* ... taken when it is surer and keeps every digit. */
static bool take_small(const bf_word *w, const char *text, float conf)
{
        return conf > w->conf && digit_count(text) >= digit_count(w->text);
}

/* Small print (a low-resolution receipt scan) whose total or date came out
 * doubtful: the page's doubtful figures (a digit, read less surely than
 * SMALL_DOUBT_CONF) are read again scaled up (OCR_REREAD_SMALL), a figure
 * taking its second reading when that is surer and keeps every digit, and
 * the invoice extracted again from them. The total, subtotal, tax and date
 * are each taken from the second reading only where extraction is surer of
 * it: the ranker's confidence weighs the readings by how the amounts agree
 * (tendered less change, subtotal and tax, the rounding), so a second
 * reading surer of its pixels and wrong ('19.20' read '17.20') is left.
 * Pages whose text is not small are not read again (the reader reads none
 * of their boxes). */
static void reread_small_print(bf_app *app, const bf_doc_text *doc, const struct extract_options *xopt,
                               bf_invoice *inv)
{
        bf_doc_text copy = { .source = doc->source };
        bf_invoice again;
        double sure = app->cfg.rules.min_confidence;
        unsigned wants = 0;
        int changed;

        if (!inv->meta[FIELD_TOTAL].present || inv->meta[FIELD_TOTAL].confidence < sure)
                wants |= SMALL_AMOUNT;
        if (!inv->meta[FIELD_INVOICE_DATE].present ||
            inv->meta[FIELD_INVOICE_DATE].confidence < sure)
                wants |= SMALL_DATE;
        if (!app->reader || doc->source == SOURCE_TEXT || wants == 0)
                return;
        changed = reread_copy(app, doc, &(struct reread_kind){ OCR_REREAD_SMALL, pick_small,
                                                               take_small, wants }, &copy);
        invoice_init(&again);
        if (changed > 0 && extract_invoice(&copy, xopt, &again, NULL) == 0)
                for (size_t i = 0; i < G_N_ELEMENTS(small_fields); i++) {
                        enum bf_field f = small_fields[i].field;

                        if ((small_fields[i].kind & wants) && again.meta[f].present &&
                            (!inv->meta[f].present ||
                             again.meta[f].confidence > inv->meta[f].confidence))
                                take_field(inv, &again, f);
                }
        invoice_release(&again);
        doc_text_release(&copy);
}

/* Whether two identifiers (VAT ids, IBANs) are the same, compared without
 * spaces or case; an empty one matches nothing. */
static bool same_id(const char *a, const char *b)
{
        bool any = false;

        if (!a || !b)
                return false;
        for (;;) {
                while (g_ascii_isspace(*a))
                        a++;
                while (g_ascii_isspace(*b))
                        b++;
                if (!*a || !*b)
                        return !*a && !*b && any;
                if (g_ascii_toupper(*a) != g_ascii_toupper(*b))
                        return false;
                any = true;
                a++;
                b++;
        }
}

/* The vendor an e-invoice is from: the one whose VAT id or IBAN it states
 * (exact, so first), else by name as extraction matches it. -1 if none. */
static int einvoice_vendor(const bf_invoice *inv, const bf_vendor *vendors, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (same_id(inv->vendor_tax_id, vendors[i].tax_id) ||
                    same_id(inv->vendor_iban, vendors[i].iban))
                        return (int)i;
        return extract_match_vendor(inv->vendor_name, vendors, n, NULL);
}

/* Extracts inv from a word layer: the fields, then the master's hints and
 * the figures read again. */
static int extract_words(bf_app *app, bf_doc_text *doc, struct extract_options *xopt,
                         bf_invoice *inv, struct bf_error *err)
{
        int r = extract_invoice(doc, xopt, inv, err);

        /* hints first: they extract the whole invoice again, which would
         * drop line items mended by the re-read */
        if (r == 0)
                extract_with_master(app, doc, xopt, inv);
        if (r == 0)
                reread_figures(app, doc, xopt, inv);
        if (r == 0)
                reread_small_print(app, doc, xopt, inv);
        return r;
}

/* With ocr.language = auto, a document OCRed in one language whose vendor
 * (as the first reading found it) writes in another, by the vendor
 * master's `language`, is read again in the vendor's language, and that
 * reading kept when it names the same vendor. The master cannot be asked
 * before a first reading: which vendor it is comes from the page. */
static void reread_in_vendor_language(bf_app *app, const void *data, size_t len,
                                      struct extract_options *xopt, bf_doc_text *doc,
                                      bf_invoice *inv)
{
        const bf_vendor *v = inv->vendor_id ? pipeline_find_vendor(app, inv->vendor_id) : NULL;
        const char *want = v && v->language[0] ? language_ocr_code(v->language) : NULL;
        bf_doc_text again = { 0 };
        bf_invoice inv2, unused;
        bool einvoice = false;

        if (!want || !doc->language[0] || strcmp(want, doc->language) == 0 ||
            g_strcmp0(app->cfg.ocr_language, "auto") != 0)
                return;
        invoice_init(&inv2);
        invoice_init(&unused);
        if (reader_read_in(pipeline_app_reader(app), want, data, len, &again, &unused, &einvoice,
                           NULL) == 0 && !einvoice &&
            extract_words(app, &again, xopt, &inv2, NULL) == 0 &&
            g_strcmp0(inv2.vendor_id, inv->vendor_id) == 0) {
                bf_doc_text t = *doc;
                bf_invoice ti = *inv;

                *doc = again;
                again = t;
                *inv = inv2;
                inv2 = ti;
        }
        invoice_release(&inv2);
        invoice_release(&unused);
        doc_text_release(&again);
}

/* Reads and extracts; ret_text (may be NULL) gets the plain text, ret_doc
 * (may be NULL) the word layer, released by the caller. */
static int read_and_extract(bf_app *app, const void *data, size_t len, bf_invoice *inv,
                            char **ret_text, bf_doc_text *ret_doc, struct bf_timings *tm,
                            struct bf_error *err)
{
        struct extract_options xopt = { 0 };
        bf_doc_text doc = { 0 };
        bool einvoice = false;
        int64_t t0 = g_get_monotonic_time(), ocr_us = 0;
        int r;

        if (len > MAX_DOCUMENT_BYTES)
                return bf_error_set(err, BF_ETOOBIG, "file too large (%zu bytes)", len);
        /* poppler, leptonica, Tesseract and libxml2 run in the reader
         * process (capture/reader.h): a file that crashes or hangs them
         * costs this call, not the program. */
        r = reader_read(pipeline_app_reader(app), data, len, &doc, inv, &einvoice, err);
        for (size_t i = 0; i < doc.n_pages; i++)
                ocr_us += doc.pages[i].ocr_us;
        if (tm) {
                int64_t read_us = g_get_monotonic_time() - t0;
                tm->ocr_us = ocr_us < read_us ? ocr_us : read_us;
                tm->capture_us = read_us - tm->ocr_us;
        }
        t0 = g_get_monotonic_time();
        if (r < 0)
                return r;
        /* An e-invoice (a PDF's Factur-X/ZUGFeRD/ISDOC attachment, an XML
         * file of any format capture_einvoice() reads) is read exactly from
         * its XML: no OCR, no extraction; only the vendor master is
         * consulted, as extraction would, by VAT id or IBAN first. */
        if (einvoice) {
                int k = einvoice_vendor(inv, app->vendors, app->n_vendors);

                if (k >= 0) {
                        const bf_vendor *v = &app->vendors[k];

                        inv->vendor_id = bf_xstrdup(v->vendor_id);
                        if (!inv->meta[FIELD_DUE_DATE].present &&
                            date_is_set(inv->invoice_date) && v->payment_terms_days >= 0) {
                                inv->due_date = date_add_days(inv->invoice_date,
                                                              v->payment_terms_days);
                                inv->meta[FIELD_DUE_DATE].present = true;
                                inv->meta[FIELD_DUE_DATE].confidence = 1.0;
                        }
                }
                return 0;
        }
        xopt.vendors = app->vendors;
        xopt.n_vendors = app->n_vendors;
        xopt.model = app->model;
        r = extract_words(app, &doc, &xopt, inv, err);
        if (r == 0)
                reread_in_vendor_language(app, data, len, &xopt, &doc, inv);
        /* once, on what is kept: the rereads above weigh the finders' own */
        if (r == 0 && !app->no_calibration)
                extract_calibrate(app->calibration, inv, doc.source != SOURCE_TEXT);
        if (r == 0)
                g_strlcpy(inv->ocr_language, doc.language, sizeof(inv->ocr_language));
        if (tm)
                tm->extract_us = g_get_monotonic_time() - t0;
        if (r == 0 && ret_text)
                *ret_text = doc_plain_text(&doc);
        if (r == 0 && ret_doc) {
                *ret_doc = doc;
                return 0;
        }
        doc_text_release(&doc);
        return r;
}

int pipeline_extract(bf_app *app, const void *data, size_t len, struct bf_result *ret,
                     struct bf_error *err)
{
        int64_t t0 = now_ms();
        int r;

        memset(ret, 0, sizeof(*ret));
        bf_sha256_hex(data, len, ret->sha256);
        r = read_and_extract(app, data, len, &ret->invoice, NULL, NULL, &ret->timings, err);
        ret->elapsed_ms = now_ms() - t0;
        return r;
}

/* Fills in the lookups the rules need, runs them and posts or queues, all
 * inside the caller's transaction. */
int pipeline_decide(bf_app *app, int64_t doc_id, bf_invoice *inv, bool unreadable,
                    const enum bf_reason *overrides, size_t n_overrides, bool approved,
                    struct bf_result *ret, struct bf_error *err)
{
        struct rules_input in = { 0 };
        bf_po po;
        bool have_po = false;
        g_autofree char *norm = NULL;
        bf_journal_entry entry;
        int r;

        po_init(&po);
        entry_init(&entry);
        decision_release(&ret->decision);
        in.invoice = inv;
        in.unreadable = unreadable;
        in.overrides = overrides;
        in.n_overrides = n_overrides;
        /* Looked up even for an unreadable document: a reviewer may have typed
         * its fields in and overridden `unreadable`. */
        in.vendor = pipeline_find_vendor(app, inv->vendor_id);
        if (inv->po_number && *inv->po_number) {
                r = store_po_load(app->store, inv->po_number, doc_id, &po, err);
                if (r == BF_ENOTFOUND)
                        in.po_not_found = true;
                else if (r < 0)
                        goto out;
                else
                        have_po = true;
        }
        in.po = have_po ? &po : NULL;
        /* The cost centre it is booked to: its PO's, else its vendor's. */
        {
                const char *cc = rules_cost_centre(in.vendor, in.po);

                free(inv->cost_centre);
                inv->cost_centre = bf_xstrdup(cc);
                r = store_invoice_set_cost_centre(app->store, doc_id, cc, err);
                if (r < 0 && r != BF_ENOTFOUND)
                        goto out;
        }
        if (inv->vendor_id && inv->invoice_number) {
                norm = invoice_number_normalise(inv->invoice_number);
                in.duplicate_of = store_find_duplicate(app->store, inv->vendor_id, norm,
                                                       doc_id, err);
                if (in.duplicate_of < 0) {
                        r = (int)in.duplicate_of;
                        goto out;
                }
        }
        if (inv->vendor_id && inv->meta[FIELD_TOTAL].present &&
            date_is_set(inv->invoice_date)) {
                in.possible_duplicate_of = store_find_possible_duplicate(
                        app->store, inv->vendor_id, inv->total, inv->invoice_date, 7,
                        norm, doc_id, err);
                if (in.possible_duplicate_of < 0) {
                        r = (int)in.possible_duplicate_of;
                        goto out;
                }
        }
        if ((r = rules_check(&in, &app->cfg.rules, &ret->decision, err)) < 0)
                goto out;

        ret->approval_id = 0;
        if (ret->decision.n_reasons == 0 && !approved) {
                /* Passed every check: it posts now unless it needs approval. */
                r = pipeline_approval_gate(app, doc_id, inv, in.vendor, in.po, ret, err);
                if (r != 0) {
                        r = r > 0 ? 0 : r;
                        goto out;
                }
        }
        if (ret->decision.n_reasons == 0) {
                if ((r = rules_build_entry(inv, in.vendor, in.po, &app->cfg.rules, doc_id,
                                           &entry, err)) < 0)
                        goto out;
                if ((r = store_entry_insert(app->store, &entry, err)) < 0)
                        goto out;
                pipeline_failpoint("after-entry");
                for (size_t i = 0; have_po && i < inv->n_lines; i++) {
                        int k = rules_match_po_line(&inv->lines[i], &po);
                        if (k >= 0 && inv->lines[i].has_quantity &&
                            (r = store_billed_add(app->store, doc_id, po.po_number,
                                                  po.lines[k].line_no, inv->lines[i].quantity,
                                                  err)) < 0)
                                goto out;
                }
                if ((r = store_document_set_state(app->store, doc_id, DOC_POSTED, err)) < 0)
                        goto out;
                ret->outcome = OUTCOME_POSTED;
                ret->entry_id = entry.id;
                ret->exception_id = 0;
                {
                        g_autofree char *id = g_strdup_printf("%" PRId64, entry.id);
                        r = store_audit(app->store, app->user, "post", doc_id, "entry", NULL, id, err);
                }
        } else {
                GString *reasons = g_string_new(NULL);
                for (size_t i = 0; i < ret->decision.n_reasons; i++)
                        g_string_append_printf(reasons, "%s%s", i ? "," : "",
                                               reason_name(ret->decision.reasons[i].reason));
                r = store_exception_open(app->store, doc_id, ret->decision.reasons,
                                         ret->decision.n_reasons, &ret->exception_id, err);
                if (r == 0)
                        r = store_document_set_state(app->store, doc_id,
                                                     unreadable ? DOC_UNREADABLE_STATE : DOC_EXCEPTION,
                                                     err);
                if (r == 0)
                        r = store_audit(app->store, app->user, "queue", doc_id, "reasons", NULL,
                                        reasons->str, err);
                if (r == 0)
                        r = pipeline_approval_exception_alert(app, doc_id, ret->exception_id, inv,
                                                     &ret->decision, err);
                g_string_free(reasons, TRUE);
                ret->outcome = OUTCOME_EXCEPTION;
        }
out:
        po_release(&po);
        entry_release(&entry);
        return r;
}

/* BF_ECRASH when the reader has failed on these bytes capture.max_attempts
 * times already. */
static int quarantined(bf_app *app, const char *sha256, struct bf_error *err)
{
        g_autofree char *why = NULL;
        int n = 0, r;

        if ((r = store_attempts_get(app->store, sha256, &n, &why, err)) < 0)
                return r;
        if (n < app->cfg.capture.max_attempts)
                return 0;
        return bf_error_set(err, BF_ECRASH, "quarantined after %d failed attempts: %s", n,
                            why ? why : "reader failed");
}

/* Counts a reader failure (cerr) against the document: BF_EBUSY (try it
 * again later) below capture.max_attempts, else BF_ECRASH (give it up). */
static int count_crash(bf_app *app, const char *sha256, const struct bf_error *cerr,
                       struct bf_error *err)
{
        int max = app->cfg.capture.max_attempts, n = 0, r;

        if ((r = store_attempt_fail(app->store, sha256, cerr->msg, &n, err)) < 0)
                return r;
        if (n < max)
                return bf_error_set(err, BF_EBUSY, "%s (attempt %d of %d)", cerr->msg, n, max);
        return bf_error_set(err, BF_ECRASH, "quarantined after %d failed attempts: %s", n,
                            cerr->msg);
}

/* pipeline_process's transaction: the document, what was read of it, the
 * checks and the entry or exception, committed together (or nothing). */
static int commit_document(bf_app *app, const char *filename, const char *source, size_t len,
                           bool unreadable, const char *text, const bf_doc_text *words,
                           struct bf_result *ret, struct bf_error *err)
{
        int64_t t_tx = g_get_monotonic_time(), t_rules;
        bf_document doc = { 0 };
        int r;

        if ((r = store_begin(app->store, err)) < 0)
                return r;
        doc.filename = bf_xstrdup(filename); /* a bf_document's: malloc */
        doc.source = bf_xstrdup(source);
        doc.size = (int64_t)len;
        doc.pages = ret->invoice.pages;
        doc.state = DOC_RECEIVED;
        g_strlcpy(doc.sha256, ret->sha256, sizeof(doc.sha256));
        r = store_document_insert(app->store, &doc, &ret->document_id, err);
        document_release(&doc);
        if (r == BF_EEXIST) {
                /* Another worker stored the same bytes first. */
                store_rollback(app->store);
                ret->outcome = OUTCOME_DUPLICATE_FILE;
                ret->document_id = store_document_by_sha(app->store, ret->sha256, NULL);
                return 0;
        }
        if (r < 0)
                goto fail;
        if ((r = store_audit(app->store, app->user, "receive", ret->document_id, "file", NULL,
                             filename, err)) < 0)
                goto fail;
        if (unreadable) {
                if ((r = store_audit(app->store, app->user, "unreadable", ret->document_id,
                                     "error", NULL, ret->error, err)) < 0)
                        goto fail;
        } else {
                if (text && (r = store_document_set_text(app->store, ret->document_id, text, err)) < 0)
                        goto fail;
                if (words->n_pages &&
                    (r = store_words_save(app->store, ret->document_id, words, err)) < 0)
                        goto fail;
                if ((r = store_invoice_save(app->store, ret->document_id, &ret->invoice, NULL,
                                            err)) < 0)
                        goto fail;
        }
        t_rules = g_get_monotonic_time();
        if ((r = pipeline_decide(app, ret->document_id, &ret->invoice, unreadable, NULL, 0, false,
                                 ret, err)) < 0)
                goto fail;
        ret->timings.rules_us = g_get_monotonic_time() - t_rules;
        if (unreadable && ret->decision.n_reasons && !ret->decision.reasons[0].detail)
                ret->decision.reasons[0].detail = bf_xstrdup(ret->error); /* rules_ memory: malloc */
        pipeline_failpoint("before-commit");
        if ((r = store_commit(app->store, err)) < 0)
                goto fail;
        ret->timings.commit_us = g_get_monotonic_time() - t_tx - ret->timings.rules_us;
        return 0;
fail:
        store_rollback(app->store);
        ret->outcome = OUTCOME_ERROR;
        return r;
}

int pipeline_process(bf_app *app, const void *data, size_t len, const char *filename,
                     const char *source, struct bf_result *ret, struct bf_error *err)
{
        int64_t t0 = now_ms(), existing;
        struct bf_error cerr = { 0 };
        g_autofree char *text = NULL;
        bf_doc_text words = { 0 };     /* kept so that a correction can be learned */
        bool unreadable;
        int r;

        memset(ret, 0, sizeof(*ret));
        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        if ((r = store_put_original(app->store, data, len, ret->sha256, err)) < 0)
                return r;
        existing = store_document_by_sha(app->store, ret->sha256, err);
        if (existing < 0)
                return (int)existing;
        if (existing > 0) {
                ret->outcome = OUTCOME_DUPLICATE_FILE;
                ret->document_id = existing;
                (void)store_invoice_load(app->store, existing, &ret->invoice, NULL);
                ret->elapsed_ms = now_ms() - t0;
                return 0;
        }

        /* A document that keeps killing its reader is not read again. */
        if ((r = quarantined(app, ret->sha256, err)) < 0)
                return r;
        /* The slow part, OCR, runs outside the transaction. */
        r = read_and_extract(app, data, len, &ret->invoice, &text, &words, &ret->timings, &cerr);
        unreadable = r < 0;
        if (unreadable && cerr.code == BF_ECRASH) {
                invoice_release(&ret->invoice);
                doc_text_release(&words);
                return count_crash(app, ret->sha256, &cerr, err);
        }
        if (unreadable) {
                if (cerr.code == BF_ENOMEM || cerr.code == BF_EINTERNAL) {
                        *err = cerr;
                        doc_text_release(&words);
                        return cerr.code;
                }
                ret->error = g_strdup(cerr.msg);
                invoice_release(&ret->invoice);
        }

        for (int attempt = 0;; attempt++) {
                r = commit_document(app, filename, source, len, unreadable, text, &words, ret, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        break;
                decision_release(&ret->decision);
        }
        ret->elapsed_ms = now_ms() - t0;
        doc_text_release(&words);
        return r;
}

int pipeline_gauges(bf_app *app, struct bf_gauges *ret, struct bf_error *err)
{
        int r;

        memset(ret, 0, sizeof(*ret));
        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        int64_t bank = 0;
        char oldest[32];

        if ((r = store_queue_depth(app->store, &ret->open_exceptions, &ret->oldest_exception_age_s,
                                   err)) < 0 ||
            (r = store_bank_lines_open_count(app->store, &bank, oldest, err)) < 0)
                return r;
        /* The queue holds the bank's statement lines too. */
        ret->open_exceptions += bank;
        if (bank) {
                char unused[16];
                double age = (double)pipeline_age_text(oldest, 0, unused, sizeof(unused));
                if (age > ret->oldest_exception_age_s)
                        ret->oldest_exception_age_s = age;
        }
        ret->approvals_waiting = store_approvals_pending_count(app->store, err);
        return ret->approvals_waiting < 0 ? -1 : 0;
}

int pipeline_page_png(bf_app *app, int64_t doc_id, int page, void **ret_png, size_t *ret_len,
                      struct bf_error *err)
{
        g_autofree char *path = NULL, *data = NULL;
        bf_document d = { 0 };
        gsize len = 0;
        int r;

        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        if ((r = store_document_get(app->store, doc_id, &d, err)) < 0)
                return r;
        path = store_original_path(app->store, d.sha256);
        document_release(&d);
        if (!path || !g_file_get_contents(path, &data, &len, NULL))
                return bf_error_set(err, BF_ENOTFOUND, "no original stored for document %" PRId64,
                                    doc_id);
        /* poppler and leptonica run in the reader process, as for reading. */
        return reader_page_png(pipeline_app_reader(app), data, len, page, ret_png, ret_len, err);
}
