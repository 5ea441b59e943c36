/* reader.h: reading untrusted documents and mails in a child process — the
 * capture API (poppler, leptonica, Tesseract, GMime, libxml2) run by a
 * long-lived reader process under resource limits and a seccomp filter,
 * answering over a socket. A reader that crashes, runs out of memory or
 * time costs the call that was running; the next call starts a new one. */
#ifndef BILLFLOW_READER_H
#define BILLFLOW_READER_H

#include "capture/capture.h"
#include "capture/mail.h"

/* argv[1] that makes a program the reader process: the program's main()
 * must hand over to reader_child_main() first thing when it sees it. */
#define READER_CHILD_ARG "--billflow-reader"

/* The caps one document or mail is read under; each refusal names the
 * configuration key that was over ("capture.max_pages"...; pixels are
 * configured in megapixels, decoded bytes in MiB). */
struct reader_budget {
        int max_pages;                /* pages of a document; default 200 */
        int64_t max_page_pixels;      /* one page or image; default 100e6 */
        int64_t max_total_pixels;     /* all pages of a document at the OCR
                                         resolution; default 1e9 */
        int max_mime_parts;           /* MIME parts of a mail; default 1000 */
        int max_mime_depth;           /* multipart/message nesting; default 10 */
        int64_t max_decoded_bytes;    /* attachments of a mail, decoded; default 100 MiB */
};

struct reader_options {
        const char *language;         /* OCR language ("eng", "auto"); copied */
        const char *tessdata;         /* model directory; NULL: Tesseract's own; copied */
        int dpi;                      /* render resolution for OCR; default 300 */
        int timeout_seconds;          /* wall clock (and CPU time) per call; default 300 */
        int64_t max_memory_bytes;     /* the reader's address space; default 2 GiB */
        struct reader_budget budget;
        const char *exe;              /* the program to run as the reader; default
                                         /proc/self/exe (its main() must call
                                         reader_child_main()); copied */
};
void reader_options_init(struct reader_options *opt);

typedef struct bf_reader bf_reader;

/* A reader with these options; no process starts before the first call.
 * Not thread-safe: one per thread. Free with reader_free() (ends the
 * process). */
bf_reader *reader_new(const struct reader_options *opt);
void reader_free(bf_reader *r); /* NULL-safe */

/* Errors of the calls below, besides each one's own: BF_ECRASH when the
 * reader process died (a signal, out of memory or CPU time), went past the
 * wall clock (it is killed) or sent a malformed reply; err says which
 * ("reader killed by signal 11 (SIGSEGV)", "reader timed out after 300 s").
 * The next call starts a new process. BF_EIO when none can be started. */

/* Reads a document's bytes: an e-invoice (Factur-X/ZUGFeRD PDF, UBL, CII)
 * fills ret_inv exactly and sets *ret_einvoice (see capture_einvoice());
 * anything else fills ret_doc with its word layer (see capture_read()).
 * ret_doc and ret_inv must be fresh; the caller releases them. Over a
 * budget: BF_ETOOBIG naming the key. The reader keeps the pages it OCRed
 * for reader_reread_boxes() until its next call of reader_read(). */
int reader_read(bf_reader *r, const void *data, size_t len, bf_doc_text *ret_doc,
                bf_invoice *ret_inv, bool *ret_einvoice, struct bf_error *err);
/* reader_read() with the document's language known (Tesseract's code,
 * "lav"; NULL: found per document): with the reader's language "auto",
 * every OCRed page is read in it directly (capture_options.language). */
int reader_read_in(bf_reader *r, const char *language, const void *data, size_t len,
                   bf_doc_text *ret_doc, bf_invoice *ret_inv, bool *ret_einvoice,
                   struct bf_error *err);

/* ocr_reread_boxes() on the pages the last reader_read() OCRed. Returns
 * how many boxes were read, -1 when the page is not kept or the reader
 * failed (ret_text[i] NULL then). */
int reader_reread_boxes(bf_reader *r, int page, const bf_box *boxes, size_t n, unsigned how,
                        char **ret_text, float *ret_conf);

/* capture_page_png() in the reader, at the reader's dpi and budget: page
 * `page` (1-based) of a PDF or image as PNG bytes (*ret_png: the caller
 * frees it with free()). */
int reader_page_png(bf_reader *r, const void *data, size_t len, int page, void **ret_png,
                    size_t *ret_len, struct bf_error *err);

/* mail_parse() in the reader, under the budget's MIME caps (BF_ETOOBIG
 * naming the key). ret is released with mail_release(). */
int reader_mail(bf_reader *r, const void *raw, size_t len, const struct mail_limits *lim,
                bf_mail *ret, struct bf_error *err);

/* The reader's process id, 0 when none runs (for tests and logs). */
int reader_pid(const bf_reader *r);
/* How many times a reader process was started again after the first (one
 * died, timed out or sent a malformed reply); NULL-safe. */
int reader_restarts(const bf_reader *r);

/* The reader process: installs its limits and seccomp filter and answers
 * requests on fd 3 until it closes. argv is the program's. Returns the
 * program's exit status. */
int reader_child_main(int argc, char **argv);

#endif
