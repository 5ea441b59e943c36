/* words.c: the word layer shared by the PDF text path and OCR, and the
 * name tables of sources, reasons and fields. */
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

void page_add_word(bf_page *page, const char *text, bf_box box, float conf, int line,
                   int block)
{
        bf_word *w;

        /* Grow by doubling: capacity is implied by n_words being a power of two. */
        if ((page->n_words & (page->n_words - 1)) == 0) {
                size_t cap = page->n_words ? page->n_words * 2 : 16;
                if (page->n_words < 16 && page->n_words != 0)
                        cap = 16;
                page->words = bf_xrealloc(page->words, cap * sizeof(*page->words));
        }
        w = &page->words[page->n_words++];
        w->text = bf_xstrdup(text ? text : "");
        w->box = box;
        w->conf = conf;
        w->line = line;
        w->block = block;
}

bf_page *doc_text_add_page(bf_doc_text *doc, double width, double height, bool ocr)
{
        bf_page *p;

        doc->pages = bf_xrealloc(doc->pages, (doc->n_pages + 1) * sizeof(*doc->pages));
        p = &doc->pages[doc->n_pages];
        memset(p, 0, sizeof(*p));
        p->number = (int)++doc->n_pages;
        p->width = width;
        p->height = height;
        p->ocr = ocr;
        return p;
}

void doc_text_release(bf_doc_text *doc)
{
        if (!doc)
                return;
        for (size_t i = 0; i < doc->n_pages; i++) {
                for (size_t j = 0; j < doc->pages[i].n_words; j++)
                        free(doc->pages[i].words[j].text);
                free(doc->pages[i].words);
        }
        free(doc->pages);
        doc->pages = NULL;
        doc->n_pages = 0;
        doc->source = SOURCE_NONE;
}

const char *source_name(enum bf_source s)
{
        switch (s) {
        case SOURCE_TEXT: return "text";
        case SOURCE_OCR: return "ocr";
        case SOURCE_MIXED: return "mixed";
        case SOURCE_EINVOICE: return "einvoice";
        case SOURCE_NONE: break;
        }
        return "none";
}

static const char *const reason_names[REASON__COUNT] = {
        [REASON_UNREADABLE] = "unreadable",
        [REASON_MISSING_FIELD] = "missing_field",
        [REASON_LOW_CONFIDENCE] = "low_confidence",
        [REASON_UNKNOWN_VENDOR] = "unknown_vendor",
        [REASON_MISSING_PO] = "missing_po",
        [REASON_PO_NOT_FOUND] = "po_not_found",
        [REASON_VENDOR_MISMATCH] = "vendor_mismatch",
        [REASON_CURRENCY_MISMATCH] = "currency_mismatch",
        [REASON_PRICE_VARIANCE] = "price_variance",
        [REASON_QUANTITY_EXCEEDS_RECEIVED] = "quantity_exceeds_received",
        [REASON_TOTAL_MISMATCH] = "total_mismatch",
        [REASON_DUPLICATE] = "duplicate",
        [REASON_POSSIBLE_DUPLICATE] = "possible_duplicate",
        [REASON_OVER_LIMIT] = "over_limit",
        [REASON_DECLINED] = "declined",
        [REASON_BANK_DETAILS_CHANGED] = "bank_details_changed",
};

const char *reason_name(enum bf_reason r)
{
        return (unsigned)r < REASON__COUNT ? reason_names[r] : "unknown";
}

int reason_from_name(const char *name)
{
        for (int i = 0; name && i < REASON__COUNT; i++)
                if (strcmp(name, reason_names[i]) == 0)
                        return i;
        return BF_EINVAL;
}

static const char *const field_names[FIELD__COUNT] = {
        [FIELD_VENDOR] = "vendor",
        [FIELD_INVOICE_NUMBER] = "invoice_number",
        [FIELD_INVOICE_DATE] = "invoice_date",
        [FIELD_DUE_DATE] = "due_date",
        [FIELD_CURRENCY] = "currency",
        [FIELD_SUBTOTAL] = "subtotal",
        [FIELD_TAX] = "tax",
        [FIELD_TOTAL] = "total",
        [FIELD_PO_NUMBER] = "po_number",
};

const char *field_name(enum bf_field f)
{
        return (unsigned)f < FIELD__COUNT ? field_names[f] : "unknown";
}

int field_from_name(const char *name)
{
        for (int i = 0; name && i < FIELD__COUNT; i++)
                if (strcmp(name, field_names[i]) == 0)
                        return i;
        return BF_EINVAL;
}
