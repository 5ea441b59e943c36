/* capture-int.h: what capture's own files share — the per-format readers
 * and the OCR step they call. Not for use outside capture/ (and its unit
 * test). */
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
/* Page `number` (1-based) of a PDF or image file as PNG bytes (*ret_png,
 * malloc'd, the caller frees), rendered or decoded under opt's caps
 * (dpi, max_pixels, max_pages). BF_ENOTFOUND for no such page. */
int capture_pdf_page_png(const void *data, size_t len, int number,
                         const struct capture_options *opt, void **ret_png, size_t *ret_len,
                         struct bf_error *err);
int capture_image_page_png(const void *data, size_t len, enum bf_file_kind kind, int number,
                           const struct capture_options *opt, void **ret_png, size_t *ret_len,
                           struct bf_error *err);
int capture_image_read(const void *data, size_t len, enum bf_file_kind kind, bf_ocr *ocr,
                       const struct capture_options *opt, bf_doc_text *doc,
                       struct bf_error *err);

/* Whether a PDF page's text layer (poppler's text, UTF-8; NULL reads as
 * empty) can be read as it is: false when it is mostly glyphs that map to
 * no character, or text that reads as no words. ret_visible (may be NULL)
 * gets the count of non-space characters. One pass, no allocation. */
bool pdf_text_usable(const char *text, size_t *ret_visible);

/* Reads a password or secret from a file of its owner's alone (refused
 * when others can read it, empty, binary or over 4 KiB), without its
 * trailing newline. `key` names the setting in messages. *ret: caller
 * frees (after wiping it). */
int capture_read_secret(const char *path, const char *key, char **ret, struct bf_error *err);
/* localhost, 127.0.0.0/8 or ::1 (brackets allowed): a password sent there
 * stays on this machine. */
bool capture_loopback_host(const char *host);

/* Quietens leptonica (it would print to stderr). Idempotent. */
void capture_quiet_leptonica(void);

/* An RGB24 or ARGB32 surface as 8-bit grey, transparency as white; NULL
 * for other formats or out of memory. Caller destroys. */
PIX *capture_surface_to_grey(cairo_surface_t *s);

/* OCRs pix (any depth; borrowed) at `dpi` and appends its words to page,
 * boxes in pix's pixels. Sets page's size to pix's, or to the turned size
 * when orientation detection found the page on its side. */
int ocr_page_words(bf_ocr *ocr, PIX *pix, int dpi, bf_page *page, struct bf_error *err);

/* Drops the pages ocr_page_words() kept for ocr_reread_boxes(), and the
 * language the last document was found in. */
void ocr_forget_pages(bf_ocr *ocr);
/* With "auto": the document about to be read is in `code` (Tesseract's,
 * "lav"): its pages are read in that language directly, no guess. */
void ocr_set_document_language(bf_ocr *ocr, const char *code);
/* With "auto": the language the pages read since ocr_forget_pages() were
 * read in ("eng" when none other); "" for a fixed list. Borrowed. */
const char *ocr_document_language(const bf_ocr *ocr);

/* langid.c: the Tesseract language ("deu", "fra", ...) whose invoice and
 * receipt words a page's words (as the English model read them) use
 * most; "eng" when none clearly does. Static string. */
const char *langid_guess(const bf_word *words, size_t n);
/* The same, but NULL when no language, English included, has enough of
 * its words among them to be named ("eng" only when English's words are
 * there): a few lines say nothing yet. Static string. */
const char *langid_named(const bf_word *words, size_t n);

/* morph.c, pngline.c: leptonica functions defined again for libtesseract's
 * calls (pixOpenBrick, pixWriteMem). capture_leptonica_own: leptonica's own
 * definition of `name`, looked up once into *cache (atomic: OCR workers
 * call from several threads); NULL when there is none. */
void *capture_leptonica_own(const char *name, _Atomic(void *) *cache);

/* prep.c: leptonica steps before OCR. Each returns a new PIX the caller
 * destroys, or NULL on failure (then the caller goes on without it). */
/* Median height in pixels of character-sized components; 0 if too few. */
int prep_text_height(PIX *grey);
/* The same, given grey halved by pixScaleAreaMap2 once (half) and twice
 * (quarter), as the caller may have them already; NULL: made here when
 * needed. */
int prep_text_height_reduced(PIX *grey, PIX *half, PIX *quarter);
/* The boxes of grey's character-like marks (binarised as prep_text_height()
 * does) between half and twice text_height high, in grey's pixels; NULL on
 * failure or text_height <= 0. The caller owns them (boxaDestroy). */
BOXA *prep_letter_boxes(PIX *grey, int text_height);
PIX *prep_scale(PIX *grey, double scale);
/* True when the text lines of grey confidently slope by 0.1 degrees or
 * more; sets *ret_degrees to the clockwise turn that levels them. Searched
 * on grey reduced `reduction` times (1, 2 or 4). */
bool prep_find_skew(PIX *grey, int reduction, double *ret_degrees);
/* grey (8 bpp, no colormap) reduced `factor` (2 or 4) times, each pixel
 * the darkest of its factor x factor block (leptonica's
 * pixScaleGrayMinMax2(L_CHOOSE_MIN) for 2, at a third of its cost); the
 * last columns and rows that make no whole block are dropped. NULL on
 * failure. */
PIX *prep_min_reduce(PIX *grey, int factor);
/* grey turned `degrees` clockwise about its centre, same size, white
 * brought in at the edges. */
PIX *prep_deskew(PIX *grey, double degrees);
/* True for a faint scan: ink and paper less than ~110 grey levels apart. */
bool prep_low_contrast(PIX *grey);
PIX *prep_contrast(PIX *grey);
PIX *prep_sauvola(PIX *grey);
/* grey with its dark strokes a pixel thicker each way (a 3 x 3 minimum):
 * the dots of a dot-matrix print joined into strokes. Caller destroys. */
PIX *prep_thicken(PIX *grey);
/* grey with its tables' ruling (grids of long, thin, straight runs of ink;
 * text_height: grey's, > 0) painted white: a clone of grey, whitened in place, when the
 * caller holds its only reference, else a copy; NULL when it has no rules,
 * or on failure. Caller destroys. */
PIX *prep_remove_rules(PIX *grey, int text_height);
/* grey with its dark bands and boxes (a region mostly darker than mid-grey,
 * at least text_height * 1.5 high and 4 wide: white letters on a coloured
 * heading) turned light, their grey levels inverted, so that Tesseract
 * (told not to invert lines itself) reads their letters dark on light; a
 * clone of grey, inverted in place, when the caller holds its only
 * reference, else a copy; NULL when it has none, or on failure. Caller
 * destroys. half: grey halved by pixScaleAreaMap2 when the caller has it
 * already (borrowed), else NULL and made here. */
PIX *prep_invert_dark(PIX *grey, PIX *half, int text_height);
/* A phone photo's paper: when grey (3 Mpx or more) shows a light region
 * on a darker surround, that region cut out and its perspective undone,
 * shrunk so that its text is at most text_cap pixels high (0: kept);
 * NULL for anything else (a scan), or on failure. Caller destroys. */
PIX *prep_flatten_paper(PIX *grey, double text_cap);
/* False when small (an image reduced to about 800 pixels or more on its
 * long side, by area mapping) cannot be a photo of paper as
 * prep_flatten_paper tells one: its edges no darker than its middle, as a
 * scan's; a few milliseconds less than prep_flatten_paper's own test on a
 * 300 dpi page. True on failure. */
bool prep_paper_possible(PIX *small);
/* grey with its text lines straightened (curled paper), by leptonica's
 * dewarping; NULL when it finds no model (too few lines) or on failure. */
PIX *prep_dewarp(PIX *grey);
/* grey with its paper's light levelled (shadows, light falling off). */
PIX *prep_even_light(PIX *grey);
/* The share of grey's letter-sized marks whose nearest such mark lies
 * more across than down: near 1 with lines of text running across the
 * page (upright or upside down), near 0 with a page on its side. Marks
 * are found at half size after a global threshold; *ret_letters gets how
 * many were measured (0 and 0.0 when none, or on failure). */
double prep_letters_across(PIX *grey, int *ret_letters);
/* grey turned `degrees` (a multiple of 90) clockwise. */
PIX *prep_rotate(PIX *grey, int degrees);

#endif
