/* capture.h: turning a file's bytes into billflow's word layer — the PDF's
 * own text with word boxes where a page has one, Tesseract OCR where not,
 * images through leptonica. Owns poppler, leptonica and tesseract. */
#ifndef BILLFLOW_CAPTURE_H
#define BILLFLOW_CAPTURE_H

#include "models/models.h"

/* One OCR engine (a TessBaseAPI), initialised once and reused across pages.
 * Not thread-safe: one per worker. */
typedef struct bf_ocr bf_ocr;

/* Creates an engine for `language` ("eng", "eng+deu", or "auto") from the
 * traineddata in `tessdata` (ocr_new_at; NULL or "": Tesseract's own
 * directory, /usr/share/tesseract-ocr/5/tessdata on Debian); sets
 * OMP_THREAD_LIMIT=1 if unset. With "auto" each page is read in English
 * first; a page whose words are another language's (or, read badly, whose
 * script orientation detection finds Cyrillic or Greek) has its doubtful
 * lines (or, for another script, the page) read again in that language,
 * and the document's later pages are read in it directly. Each language's
 * engine is made on first need and kept until ocr_free(); one whose data
 * is missing is skipped. Files opened: LANG.traineddata and
 * osd.traineddata under the model directory (osd also under Tesseract's
 * own), on first need. NULL and err (BF_ENOTFOUND) if the first language
 * data is missing. Free with ocr_free(). */
bf_ocr *ocr_new(const char *language, struct bf_error *err);
bf_ocr *ocr_new_at(const char *language, const char *tessdata, struct bf_error *err);
void ocr_free(bf_ocr *ocr); /* NULL-safe */

/* Tesseract's OpenMP runtime reads OMP_THREAD_LIMIT once, when the process
 * starts, so ocr_new()'s setenv comes too late for the process itself (a
 * page then takes ~6x longer on two cores). A program that OCRs calls this
 * first thing in main(): if OMP_THREAD_LIMIT is unset it sets it to 1 and
 * re-executes /proc/self/exe with argv. Returns 0 when the variable was
 * already set; returns only on failure otherwise (BF_EIO, err says why;
 * the program may carry on, slower). */
int ocr_limit_threads(char *const argv[], struct bf_error *err);

/* Reads the boxes (page units, as capture_read() gave the words) of page
 * `page` (1-based) of the document this engine last read, each as one line
 * of text on its own: ruling lines in a box are whitened, a white margin is
 * added. how: OCR_REREAD_NUMERIC, only digits, '.', ',' and '-' are read;
 * OCR_REREAD_SMALL, each box is a word's own: on a receipt-wide page
 * (under 1200 pixels as given) whose text was small (under 20 pixels as
 * OCR read it; else nothing is read and 0 returned) it is read in grey, scaled up to text 32 pixels high, from a
 * crop reaching 1.5 text heights either side, and ret_text[i] is the one
 * word read where the box stood (NULL when none or several). ret_text[i] gets
 * a new string (caller frees; NULL when unread) and ret_conf[i] its 0..1
 * confidence. The engine keeps the pixels of up to 8 pages of its last
 * document (not pages it found turned) until the next capture_read() or
 * ocr_free(). Returns how many boxes were read; -1 when the page is not
 * kept. */
enum { OCR_REREAD_NUMERIC = 1u, OCR_REREAD_SMALL = 2u };
int ocr_reread_boxes(bf_ocr *ocr, int page, const bf_box *boxes, size_t n, unsigned how,
                     char **ret_text, float *ret_conf);

enum bf_file_kind {
        FILE_KIND_UNKNOWN = 0,
        FILE_KIND_PDF,
        FILE_KIND_PNG,
        FILE_KIND_JPEG,
        FILE_KIND_TIFF,
        FILE_KIND_XML,
};
/* Decides the kind from the leading bytes (never from the name). */
enum bf_file_kind capture_sniff(const void *data, size_t len);

struct capture_options {
        int dpi;                 /* render DPI for pages without text; default 300 */
        int max_pages;           /* refuse documents with more; default 200 */
        int64_t max_pixels;      /* refuse images/renders larger; default 100e6 */
        const char *language;    /* with ocr.language = auto: the document's language
                                    (Tesseract's code, "lav"), every OCRed page read in
                                    it directly; NULL (default): found per document */
};
void capture_options_init(struct capture_options *opt);

/* Page `page` (1-based) of a PDF (rendered at opt->dpi, coarser over
 * opt->max_pixels) or of a PNG, JPEG or TIFF file (decoded) as PNG bytes:
 * *ret_png is malloc'd, the caller frees it. BF_ENOTFOUND for no such page,
 * BF_EUNSUPPORTED for an e-invoice or unknown file, BF_EINVAL corrupt,
 * BF_ETOOBIG over a cap. Runs poppler and leptonica: call it in a reader
 * process (reader_page_png()). */
int capture_page_png(const void *data, size_t len, int page, const struct capture_options *opt,
                     void **ret_png, size_t *ret_len, struct bf_error *err);

/* Reads a document from memory into ret (caller releases with
 * doc_text_release()); on failure ret is left untouched. ocr may be NULL when no OCR engine is available: then
 * pages needing OCR fail with BF_EUNSUPPORTED. Errors: BF_EUNSUPPORTED for an
 * unknown kind, BF_EINVAL for a corrupt or encrypted file, BF_ETOOBIG over a
 * cap; err says which. */
int capture_read(const void *data, size_t len, bf_ocr *ocr,
                 const struct capture_options *opt, bf_doc_text *ret, struct bf_error *err);

/* Reads the structured e-invoice a document carries — a PDF's Factur-X,
 * ZUGFeRD (1.0 or 2.x), XRechnung or ISDOC attachment, or a standalone
 * XML file: CII (Factur-X, ZUGFeRD 2, XRechnung CII), ZUGFeRD 1.0, UBL 2
 * Invoice/CreditNote (XRechnung UBL, Peppol BIS Billing 3), FatturaPA 1.x,
 * Facturae 3.2.x or ISDOC 5/6, also a FatturaPA signed as .xml.p7m (CMS,
 * DER or base64; the signature is not checked), or an ISDOC package
 * (.isdocx: a ZIP with the .isdoc its manifest.xml names, else the one at
 * its top level; attachments not read) — into ret exactly: every field found has confidence 1.0, ret->source is
 * SOURCE_EINVOICE and ret->vendor_id is left NULL (matching the vendor
 * master is the caller's). ret must be fresh or released; the caller
 * releases it with invoice_release(); on failure it is left untouched.
 * Returns BF_ENOTFOUND when the document is no e-invoice (read it with
 * capture_read() instead; a PDF whose attachment is broken or unsafe counts
 * as none), BF_EINVAL for a standalone XML that is malformed or declares a
 * DTD or entities (refused unparsed) and for a corrupt .isdocx,
 * BF_EUNSUPPORTED for a ZIP holding no .isdoc, BF_ETOOBIG over the 8 MiB
 * XML cap (or a ZIP inflating to over 32 MiB or 256 entries).
 * Never touches the network. */
int capture_einvoice(const void *data, size_t len, bf_invoice *ret, struct bf_error *err);

/* Whether the bytes (the start of an XML document will do) name one of the
 * formats capture_einvoice() reads: a cheap look for its namespace, no
 * parsing. */
bool capture_einvoice_sniff(const void *data, size_t len);

/* Reads a whole file into a new buffer (caller frees) with a size cap.
 * BF_ETOOBIG over max_bytes. */
int capture_read_file(const char *path, size_t max_bytes, char **ret_data, size_t *ret_len,
                      struct bf_error *err);
/* The same for a file someone else may have placed (the inbox): opened
 * without following a symlink and without blocking, and read only when the
 * opened descriptor is a regular file. BF_EUNSUPPORTED for a symlink or a
 * special file (err names which), BF_EINVAL for an empty file, BF_ENOTFOUND
 * when it is gone. */
int capture_read_regular_file(const char *path, size_t max_bytes, char **ret_data,
                              size_t *ret_len, struct bf_error *err);

/* Reads a bank statement (bankstmt.c): ISO 20022 camt.053 XML, SWIFT MT940,
 * else CSV whose columns csv_columns names ("date=Date,amount=Amount,
 * currency=Currency,iban=IBAN,name=Name,reference=Reference,end_to_end=E2E";
 * date and amount needed). Each line gets its amount (credits positive,
 * debits negative), booking date, the other side's IBAN and name, the
 * reference text, the end-to-end id, whether the bank marks it a returned
 * or reversed transfer, and a line_key that is the same whenever the same
 * statement line is read again. *ret (caller releases each line with
 * bank_line_release() and the array with g_free()) holds *ret_n lines;
 * BF_EINVAL naming the bad entry, BF_ETOOBIG over 64 MB. */
int bank_statement_parse(const char *data, size_t len, const char *csv_columns,
                         bf_bank_line **ret, size_t *ret_n, struct bf_error *err);

#endif
