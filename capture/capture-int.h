/* capture-int.h: what capture's own files share — the per-format readers
 * and the OCR step they call. Not for use outside capture/. */
#ifndef BILLFLOW_CAPTURE_INT_H
#define BILLFLOW_CAPTURE_INT_H

#include <cairo.h>
#include <leptonica/allheaders.h>

#include "capture/capture.h"

/* Lowest render/assumed resolution worth handing to Tesseract. */
#define CAPTURE_MIN_DPI 72

/* Each reader appends pages to doc (which the caller releases on failure)
 * and sets doc->source. data must not be empty. */
int capture_pdf_read(const void *data, size_t len, bf_ocr *ocr,
                     const struct capture_options *opt, bf_doc_text *doc,
                     struct bf_error *err);
int capture_image_read(const void *data, size_t len, enum bf_file_kind kind, bf_ocr *ocr,
                       const struct capture_options *opt, bf_doc_text *doc,
                       struct bf_error *err);

/* Quietens leptonica (it would print to stderr). Idempotent. */
void capture_quiet_leptonica(void);

/* An RGB24 or ARGB32 surface as 8-bit grey, transparency as white; NULL
 * for other formats or out of memory. Caller destroys. */
PIX *capture_surface_to_grey(cairo_surface_t *s);

/* OCRs pix (any depth; borrowed) at `dpi` and appends its words to page,
 * boxes in pixels. page's size is left to the caller. */
int ocr_page_words(bf_ocr *ocr, PIX *pix, int dpi, bf_page *page, struct bf_error *err);

#endif
