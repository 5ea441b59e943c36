/* capture.c: the capture module's front door — sniffing a file's kind,
 * dispatching to the PDF and image readers, reading files with a cap. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/capture-int.h"

/* How far into a file "%PDF-" may start (Acrobat accepts 1 KiB of junk). */
#define PDF_HEADER_WINDOW 1024

static bool has_prefix(const unsigned char *p, size_t len, const char *magic, size_t n)
{
        return len >= n && memcmp(p, magic, n) == 0;
}

static bool find_pdf_header(const unsigned char *p, size_t len)
{
        size_t end = len < PDF_HEADER_WINDOW + 5 ? len : PDF_HEADER_WINDOW + 5;

        for (size_t i = 0; i + 5 <= end; i++)
                if (p[i] == '%' && memcmp(p + i, "%PDF-", 5) == 0)
                        return true;
        return false;
}

static bool looks_like_xml(const unsigned char *p, size_t len)
{
        size_t i = 0;

        if (has_prefix(p, len, "\xef\xbb\xbf", 3))
                i = 3;
        while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
                i++;
        return i < len && p[i] == '<';
}

enum bf_file_kind capture_sniff(const void *data, size_t len)
{
        const unsigned char *p = data;

        if (!p || len == 0)
                return FILE_KIND_UNKNOWN;
        if (has_prefix(p, len, "\x89PNG\r\n\x1a\n", 8))
                return FILE_KIND_PNG;
        if (has_prefix(p, len, "\xff\xd8\xff", 3))
                return FILE_KIND_JPEG;
        if (has_prefix(p, len, "II*\0", 4) || has_prefix(p, len, "MM\0*", 4))
                return FILE_KIND_TIFF;
        if (find_pdf_header(p, len))
                return FILE_KIND_PDF;
        if (looks_like_xml(p, len))
                return FILE_KIND_XML;
        return FILE_KIND_UNKNOWN;
}

void capture_options_init(struct capture_options *opt)
{
        opt->dpi = 300;
        opt->max_pages = 200;
        opt->max_pixels = 100000000;
        opt->language = NULL;
}

static void discard_message(const char *msg)
{
        (void)msg;
}

void capture_quiet_leptonica(void)
{
        /* Process-wide, but every caller wants the same: silence. The
         * severity covers L_ERROR() and friends; the handler covers what
         * leptonica prints directly (its TIFF reader's "Bad file: ..."). */
        setMsgSeverity(L_SEVERITY_NONE);
        leptSetStderrHandler(discard_message);
}

static const char *kind_name(enum bf_file_kind kind)
{
        switch (kind) {
        case FILE_KIND_PDF: return "pdf";
        case FILE_KIND_PNG: return "png";
        case FILE_KIND_JPEG: return "jpeg";
        case FILE_KIND_TIFF: return "tiff";
        case FILE_KIND_XML: return "xml";
        case FILE_KIND_UNKNOWN: break;
        }
        return "unknown";
}

int capture_page_png(const void *data, size_t len, int page, const struct capture_options *opt,
                     void **ret_png, size_t *ret_len, struct bf_error *err)
{
        struct capture_options defaults;
        enum bf_file_kind kind;

        if (!opt) {
                capture_options_init(&defaults);
                opt = &defaults;
        }
        if (!data || len == 0)
                return bf_error_set(err, BF_EINVAL, "empty document");
        capture_quiet_leptonica();
        kind = capture_sniff(data, len);
        switch (kind) {
        case FILE_KIND_PDF:
                return capture_pdf_page_png(data, len, page, opt, ret_png, ret_len, err);
        case FILE_KIND_PNG:
        case FILE_KIND_JPEG:
        case FILE_KIND_TIFF:
                return capture_image_page_png(data, len, kind, page, opt, ret_png, ret_len, err);
        default:
                return bf_error_set(err, BF_EUNSUPPORTED,
                                    "no page image: the document is not a PDF or an image");
        }
}

int capture_read(const void *data, size_t len, bf_ocr *ocr,
                 const struct capture_options *opt, bf_doc_text *ret, struct bf_error *err)
{
        struct capture_options defaults;
        bf_doc_text doc = {0};
        enum bf_file_kind kind;
        int r;

        assert(ret);
        if (!opt) {
                capture_options_init(&defaults);
                opt = &defaults;
        }
        if (!data || len == 0)
                return bf_error_set(err, BF_EINVAL, "empty document");

        capture_quiet_leptonica();
        ocr_forget_pages(ocr);
        if (opt->language)
                ocr_set_document_language(ocr, opt->language);
        kind = capture_sniff(data, len);
        switch (kind) {
        case FILE_KIND_PDF:
                r = capture_pdf_read(data, len, ocr, opt, &doc, err);
                break;
        case FILE_KIND_PNG:
        case FILE_KIND_JPEG:
        case FILE_KIND_TIFF:
                r = capture_image_read(data, len, kind, ocr, opt, &doc, err);
                break;
        case FILE_KIND_XML:
        case FILE_KIND_UNKNOWN:
        default:
                return bf_error_set(err, BF_EUNSUPPORTED, "unsupported file kind '%s'",
                                    kind_name(kind));
        }
        if (r < 0) {
                doc_text_release(&doc);
                return r;
        }
        for (size_t i = 0; ocr && i < doc.n_pages; i++)
                if (doc.pages[i].ocr) {
                        snprintf(doc.language, sizeof(doc.language), "%s",
                                 ocr_document_language(ocr));
                        break;
                }
        *ret = doc;
        return 0;
}

static const char *file_type_name(mode_t mode)
{
        if (S_ISDIR(mode)) return "a directory";
        if (S_ISFIFO(mode)) return "a fifo";
        if (S_ISSOCK(mode)) return "a socket";
        if (S_ISCHR(mode)) return "a character device";
        if (S_ISBLK(mode)) return "a block device";
        return "not a regular file";
}

static int read_file(const char *path, bool strict, size_t max_bytes, char **ret_data,
                     size_t *ret_len, struct bf_error *err)
{
        struct stat st;
        char *buf = NULL;
        size_t len = 0, cap, limit;
        int fd, r;

        /* strict: never through a symlink, and never blocking on a fifo
         * (the descriptor is checked before anything is read). */
        fd = open(path, O_RDONLY | O_CLOEXEC | (strict ? O_NOFOLLOW | O_NONBLOCK : 0));
        if (fd < 0 && strict && errno == ELOOP)
                return bf_error_set(err, BF_EUNSUPPORTED, "refused '%s': a symbolic link", path);
        if (fd < 0)
                return bf_error_set(err, strict && errno == ENOENT ? BF_ENOTFOUND : BF_EIO,
                                    "cannot open '%s': %s", path, strerror(errno));
        if (fstat(fd, &st) < 0) {
                r = bf_error_set(err, BF_EIO, "cannot stat '%s': %s", path, strerror(errno));
                goto out;
        }
        if (strict && !S_ISREG(st.st_mode)) {
                r = bf_error_set(err, BF_EUNSUPPORTED, "refused '%s': %s", path,
                                 file_type_name(st.st_mode));
                goto out;
        }
        if (strict)
                (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        if (S_ISDIR(st.st_mode)) {
                r = bf_error_set(err, BF_EIO, "cannot read '%s': %s", path, strerror(EISDIR));
                goto out;
        }
        if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_bytes) {
                r = bf_error_set(err, BF_ETOOBIG, "file too large '%s' (%jd bytes, limit %zu)",
                                 path, (intmax_t)st.st_size, max_bytes);
                goto out;
        }

        /* Read one byte past the cap so that growth since fstat is noticed. */
        limit = max_bytes < SIZE_MAX ? max_bytes + 1 : SIZE_MAX;
        cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
        if (cap > limit)
                cap = limit;
        buf = malloc(cap);
        if (!buf) {
                r = bf_error_set(err, BF_ENOMEM, "cannot read '%s': out of memory", path);
                goto out;
        }
        for (;;) {
                ssize_t n;

                if (len == cap) {
                        size_t ncap = cap <= limit / 2 ? cap * 2 : limit;
                        char *nbuf;

                        if (len >= limit)
                                break;
                        nbuf = realloc(buf, ncap);
                        if (!nbuf) {
                                r = bf_error_set(err, BF_ENOMEM,
                                                 "cannot read '%s': out of memory", path);
                                goto out;
                        }
                        buf = nbuf;
                        cap = ncap;
                }
                n = read(fd, buf + len, cap - len);
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        r = bf_error_set(err, BF_EIO, "cannot read '%s': %s", path,
                                         strerror(errno));
                        goto out;
                }
                if (n == 0)
                        break;
                len += (size_t)n;
        }
        if (len > max_bytes) {
                r = bf_error_set(err, BF_ETOOBIG, "file too large '%s' (limit %zu bytes)",
                                 path, max_bytes);
                goto out;
        }
        if (len == 0) {
                r = bf_error_set(err, BF_EINVAL, "empty file '%s'", path);
                goto out;
        }
        *ret_data = buf;
        *ret_len = len;
        buf = NULL;
        r = 0;
out:
        free(buf);
        close(fd);
        return r;
}

int capture_read_file(const char *path, size_t max_bytes, char **ret_data, size_t *ret_len,
                      struct bf_error *err)
{
        return read_file(path, false, max_bytes, ret_data, ret_len, err);
}

int capture_read_regular_file(const char *path, size_t max_bytes, char **ret_data,
                              size_t *ret_len, struct bf_error *err)
{
        return read_file(path, true, max_bytes, ret_data, ret_len, err);
}
