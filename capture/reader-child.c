/* reader-child.c: the reader process — limits itself (address space, no
 * files written, no core), installs a seccomp filter, then answers the
 * parent's requests with the capture API: documents, re-reads of OCRed
 * boxes, mails. One OCR engine for the process's life, made on first need.
 *
 * The filter: files may be opened read-only (Tesseract's language data,
 * fonts and gconv modules are opened on first need, after the filter is
 * in); opening for writing, creating, and every other call not listed
 * (sockets, connect, kill, ptrace, mkdir, unlink...) fail with EPERM; exec
 * kills the process. The document itself comes over the socket. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <seccomp.h>

#include "capture/capture-int.h"
#include "capture/reader-int.h"

/* AddressSanitizer reserves terabytes of address space for its shadow:
 * under it the reader goes without RLIMIT_AS (tests only). */
#if defined(__SANITIZE_ADDRESS__)
#define READER_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define READER_SANITIZED 1
#endif
#endif
#ifndef READER_SANITIZED
#define READER_SANITIZED 0
#endif

/* Blocks at least this large are mapped apart (a 600 dpi page), smaller
 * ones come from the heap; free memory beyond READER_HEAP_KEEP at its top
 * goes back to the system (see reader_child_main). */
#define READER_MMAP_FROM (32 << 20)
#define READER_HEAP_KEEP (64 << 20)

struct child {
        bf_ocr *ocr;
        char *ocr_language;
        char *ocr_tessdata;            /* NULL: Tesseract's own */
};

/* ------------------------------------------------------------ limits */

static void set_limit(int resource, rlim_t v)
{
        struct rlimit rl = { v, v };

        (void)setrlimit(resource, &rl);
}

static int install_filter(void)
{
        static const int allowed[] = {
                SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev),
                SCMP_SYS(pread64), SCMP_SYS(lseek), SCMP_SYS(close), SCMP_SYS(fstat),
                SCMP_SYS(newfstatat), SCMP_SYS(stat), SCMP_SYS(lstat), SCMP_SYS(statx),
                SCMP_SYS(fstatfs), SCMP_SYS(statfs), SCMP_SYS(access), SCMP_SYS(faccessat),
                SCMP_SYS(faccessat2), SCMP_SYS(readlink), SCMP_SYS(readlinkat),
                SCMP_SYS(getdents64), SCMP_SYS(getcwd), SCMP_SYS(fcntl), SCMP_SYS(dup),
                SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(mprotect),
                SCMP_SYS(madvise), SCMP_SYS(brk), SCMP_SYS(futex), SCMP_SYS(membarrier),
                SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn),
                SCMP_SYS(sigaltstack), SCMP_SYS(exit), SCMP_SYS(exit_group),
                SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getppid), SCMP_SYS(getuid),
                SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
                SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(gettimeofday),
                SCMP_SYS(time), SCMP_SYS(nanosleep), SCMP_SYS(clock_nanosleep),
                SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity), SCMP_SYS(sysinfo),
                SCMP_SYS(getrandom), SCMP_SYS(getrusage), SCMP_SYS(uname), SCMP_SYS(umask),
                SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(pipe2), SCMP_SYS(eventfd2),
                SCMP_SYS(set_robust_list), SCMP_SYS(rseq), SCMP_SYS(set_tid_address),
                SCMP_SYS(sendmsg), SCMP_SYS(recvmsg), SCMP_SYS(sendto), SCMP_SYS(recvfrom),
        };
        const uint64_t write_flags = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND;
        scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
        int r = 0;

        if (!ctx)
                return -1;
        for (size_t i = 0; i < G_N_ELEMENTS(allowed) && r == 0; i++)
                r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed[i], 0);
        /* Read-only opens only. */
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(open), 1,
                                     SCMP_A1(SCMP_CMP_MASKED_EQ, write_flags, 0));
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
                                     SCMP_A2(SCMP_CMP_MASKED_EQ, write_flags, 0));
        /* Threads, never processes. */
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
                                     SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
        /* abort() and raise() signal the process itself, nothing else. */
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                                     SCMP_A0(SCMP_CMP_EQ, (uint64_t)getpid()));
        /* Limits may be read (getrlimit), not changed. */
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1,
                                     SCMP_A2(SCMP_CMP_EQ, 0));
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(execve), 0);
        if (r == 0)
                r = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(execveat), 0);
        if (r == 0)
                r = seccomp_load(ctx);
        seccomp_release(ctx);
        return r;
}

/* ------------------------------------------------------------- budget */

static int pdf_budget(const void *data, size_t len, const struct reader_budget *b, int dpi,
                      struct bf_error *err)
{
        GBytes *bytes = g_bytes_new_static(data, len);
        PopplerDocument *pdf = poppler_document_new_from_bytes(bytes, NULL, NULL);
        int64_t total = 0;
        int n, r = 0;

        g_bytes_unref(bytes);
        if (!pdf)
                return 0;       /* the reader says what is wrong with it */
        n = poppler_document_get_n_pages(pdf);
        if (n > b->max_pages)
                r = bf_error_set(err, BF_ETOOBIG,
                                 "document has %d pages, over capture.max_pages (%d)", n,
                                 b->max_pages);
        for (int i = 0; i < n && r == 0; i++) {
                PopplerPage *page = poppler_document_get_page(pdf, i);
                double w = 0, h = 0, px;
                char *text;
                bool has_text;

                if (!page)
                        continue;
                poppler_page_get_size(page, &w, &h);
                text = poppler_page_get_text(page);
                has_text = text && *g_strstrip(text);
                g_free(text);
                g_object_unref(page);
                if (has_text)
                        continue;       /* read from its text layer, never rendered */
                px = (w / 72.0 * dpi) * (h / 72.0 * dpi);
                if (!(px >= 0))
                        continue;
                total += px > (double)b->max_page_pixels ? b->max_page_pixels : (int64_t)px;
                if (total > b->max_total_pixels)
                        r = bf_error_set(err, BF_ETOOBIG,
                                         "pages to OCR come to %lld megapixels by page %d, "
                                         "over capture.max_total_megapixels (%lld)",
                                         (long long)(total / 1000000), i + 1,
                                         (long long)(b->max_total_pixels / 1000000));
        }
        g_object_unref(pdf);
        return r;
}

static int image_budget(const void *data, size_t len, enum bf_file_kind kind,
                        const struct reader_budget *b, struct bf_error *err)
{
        l_int32 format, w = 0, h = 0, bps, spp, cmap, n = 1;
        int64_t one, total;

        if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 ||
            h <= 0)
                return 0;       /* the reader says what is wrong with it */
        if (kind == FILE_KIND_TIFF) {
                FILE *f = fmemopen((void *)(uintptr_t)data, len, "rb"); /* "rb": never written */

                if (f) {
                        if (tiffGetCount(f, &n) != 0 || n < 1)
                                n = 1;
                        fclose(f);
                }
                if (n > b->max_pages)
                        return bf_error_set(err, BF_ETOOBIG,
                                            "document has %d pages, over capture.max_pages (%d)",
                                            n, b->max_pages);
        }
        one = (int64_t)w * h;
        if (one > b->max_page_pixels)
                return bf_error_set(err, BF_ETOOBIG,
                                    "image has %dx%d pixels, over capture.max_page_megapixels (%lld)",
                                    w, h, (long long)(b->max_page_pixels / 1000000));
        /* The pages of a TIFF are taken to be the size of its first. */
        total = one * n;
        if (total > b->max_total_pixels)
                return bf_error_set(err, BF_ETOOBIG,
                                    "%d pages of %dx%d pixels, over capture.max_total_megapixels (%lld)",
                                    n, w, h, (long long)(b->max_total_pixels / 1000000));
        return 0;
}

/* MIME parts and nesting, counted on the raw text before GMime builds a
 * tree of them: a delimiter line ("--B") of an open boundary opens a part,
 * its close ("--B--") ends the multipart. */
static int mime_budget(const char *raw, size_t len, const struct reader_budget *b,
                       struct bf_error *err)
{
        GPtrArray *open = g_ptr_array_new_with_free_func(g_free);
        const char *p = raw, *end = raw + len;
        int parts = 0, r = 0;

        while (p < end && r == 0) {
                const char *eol = memchr(p, '\n', (size_t)(end - p));
                size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
                const char *bp;

                if (n > 2 && p[0] == '-' && p[1] == '-') {
                        for (guint i = open->len; i-- > 0;) {
                                const char *bd = open->pdata[i];
                                size_t k = strlen(bd);

                                if (n < k + 2 || memcmp(p + 2, bd, k) != 0)
                                        continue;
                                if (n >= k + 4 && p[k + 2] == '-' && p[k + 3] == '-')
                                        g_ptr_array_set_size(open, i);
                                else if (++parts > b->max_mime_parts)
                                        r = bf_error_set(err, BF_ETOOBIG,
                                                         "message has over %d MIME parts, over "
                                                         "capture.max_mime_parts",
                                                         b->max_mime_parts);
                                break;
                        }
                } else if ((bp = g_strstr_len(p, (gssize)n, "boundary=")) ||
                           (bp = g_strstr_len(p, (gssize)n, "BOUNDARY="))) {
                        const char *v = bp + 9, *ve;

                        if (v < p + n && *v == '"') {
                                v++;
                                ve = memchr(v, '"', (size_t)(p + n - v));
                        } else {
                                ve = v;
                                while (ve < p + n && !strchr(" \t\r;", *ve))
                                        ve++;
                        }
                        if (ve && ve > v) {
                                g_ptr_array_add(open, g_strndup(v, (gsize)(ve - v)));
                                if ((int)open->len > b->max_mime_depth)
                                        r = bf_error_set(err, BF_ETOOBIG,
                                                         "message nests multiparts over %d deep, "
                                                         "over capture.max_mime_depth",
                                                         b->max_mime_depth);
                        }
                }
                p = eol ? eol + 1 : end;
        }
        g_ptr_array_free(open, TRUE);
        return r;
}

/* ------------------------------------------------------------ test hooks */

#ifdef BF_TEST_HOOKS
/* Built with -Dtest_hooks=true only: a document carrying one of these
 * markers makes the reader misbehave, so that tests can prove the
 * supervisor and the filter. */
static void test_hooks(const void *data, size_t len, struct bf_error *err)
{
        if (memmem(data, len, "BILLFLOW-TEST-CRASH", 19)) {
                volatile int *nowhere = NULL;

                *nowhere = 1; /* NOLINT(clang-analyzer-core.NullDereference): the crash is the point */
        }
        if (memmem(data, len, "BILLFLOW-TEST-HANG", 18))
                for (volatile unsigned long i = 0;; i++)
                        ;
        if (memmem(data, len, "BILLFLOW-TEST-BALLOON", 21)) {
                for (;;) {
                        char *p = malloc(1 << 20);

                        if (!p)
                                abort();
                        memset(p, 1, 1 << 20);
                }
        }
        if (memmem(data, len, "BILLFLOW-TEST-EXEC", 18)) {
                char *argv[] = { "/bin/true", NULL };

                execv(argv[0], argv);
        }
        if (memmem(data, len, "BILLFLOW-TEST-ESCAPE", 20)) {
                int s = socket(AF_INET, SOCK_STREAM, 0), e1 = errno;
                int f = open("/tmp/billflow-reader-escape", O_WRONLY | O_CREAT, 0600),
                    e2 = errno;

                bf_error_set(err, BF_EINVAL, "escape: socket %s, open for writing %s",
                             s >= 0 ? "allowed" : strerror(e1),
                             f >= 0 ? "allowed" : strerror(e2));
        }
}
#endif

/* --------------------------------------------------------------- requests */

static int ensure_ocr(struct child *c, const char *language, const char *tessdata,
                      struct bf_error *err)
{
        if (c->ocr && c->ocr_language && strcmp(c->ocr_language, language) == 0 &&
            g_strcmp0(c->ocr_tessdata, tessdata) == 0)
                return 0;
        ocr_free(c->ocr);
        g_free(c->ocr_language);
        g_free(c->ocr_tessdata);
        c->ocr_language = c->ocr_tessdata = NULL;
        if (!(c->ocr = ocr_new_at(language, tessdata, err)))
                return err->code < 0 ? err->code : BF_EINTERNAL;
        c->ocr_language = g_strdup(language);
        c->ocr_tessdata = g_strdup(tessdata);
        return 0;
}

static int do_read(struct child *c, struct wire_in *in, struct wire_out *out,
                   struct bf_error *err)
{
        struct reader_budget b;
        struct capture_options opt;
        bf_doc_text doc = { 0 };
        bf_invoice inv;
        enum bf_file_kind kind;
        g_autofree char *language = NULL, *tessdata = NULL, *doc_language = NULL;
        g_autofree void *data = NULL;
        size_t len = 0;
        int dpi, r;

        reader_get_budget(in, &b);
        language = wire_get_str(in);
        tessdata = wire_get_str(in);
        doc_language = wire_get_str(in);
        dpi = (int)wire_get_u32(in);
        data = wire_get_bytes(in, &len);
        if (in->bad || !language || !data)
                return bf_error_set(err, BF_EINVAL, "malformed request");
        if (len == 0)
                return bf_error_set(err, BF_EINVAL, "empty document");
#ifdef BF_TEST_HOOKS
        test_hooks(data, len, err);
        if (err->code)
                return err->code;
#endif
        invoice_init(&inv);
        r = capture_einvoice(data, len, &inv, err);
        if (r == 0) {
                wire_put_u32(out, 1);
                wire_put_invoice(out, &inv);
                invoice_release(&inv);
                return 0;
        }
        if (r != BF_ENOTFOUND)
                return r;
        memset(err, 0, sizeof(*err));

        capture_options_init(&opt);
        opt.dpi = dpi > 0 ? dpi : 300;
        opt.max_pages = b.max_pages;
        opt.max_pixels = b.max_page_pixels;
        opt.language = doc_language && *doc_language ? doc_language : NULL;
        kind = capture_sniff(data, len);
        if (kind == FILE_KIND_PDF)
                r = pdf_budget(data, len, &b, opt.dpi, err);
        else if (kind == FILE_KIND_PNG || kind == FILE_KIND_JPEG || kind == FILE_KIND_TIFF)
                r = image_budget(data, len, kind, &b, err);
        if (r < 0)
                return r;
        if (kind == FILE_KIND_PNG || kind == FILE_KIND_JPEG || kind == FILE_KIND_TIFF) {
                if ((r = ensure_ocr(c, language, tessdata, err)) < 0)
                        return r;
        }
        /* A PDF is read without an engine first: one with a text layer
         * never pays for loading Tesseract. */
        r = capture_read(data, len, kind == FILE_KIND_PDF && !c->ocr ? NULL : c->ocr, &opt, &doc,
                         err);
        if (r == BF_EUNSUPPORTED && kind == FILE_KIND_PDF && !c->ocr) {
                if ((r = ensure_ocr(c, language, tessdata, err)) < 0)
                        return r;
                r = capture_read(data, len, c->ocr, &opt, &doc, err);
        }
        if (r < 0)
                return r;
        wire_put_u32(out, 0);
        wire_put_doc(out, &doc);
        doc_text_release(&doc);
        return 0;
}

static int do_page_png(struct wire_in *in, struct wire_out *out, struct bf_error *err)
{
        struct reader_budget b;
        struct capture_options opt;
        g_autofree void *data = NULL;
        void *png = NULL;
        size_t len = 0, png_len = 0;
        int dpi, page, r;

        reader_get_budget(in, &b);
        dpi = (int)wire_get_u32(in);
        page = (int)(wire_get_u32(in) & 0x7fffffff);
        data = wire_get_bytes(in, &len);
        if (in->bad || !data)
                return bf_error_set(err, BF_EINVAL, "malformed request");
        capture_options_init(&opt);
        opt.dpi = dpi > 0 ? dpi : 300;
        opt.max_pages = b.max_pages;
        opt.max_pixels = b.max_page_pixels;
        if ((r = capture_page_png(data, len, page, &opt, &png, &png_len, err)) < 0)
                return r;
        wire_put_bytes(out, png, png_len);
        free(png);
        return 0;
}

static int do_reread(struct child *c, struct wire_in *in, struct wire_out *out)
{
        int page = (int)(wire_get_u32(in) & 0x7fffffff);
        unsigned how = wire_get_u32(in) & (OCR_REREAD_NUMERIC | OCR_REREAD_SMALL);
        size_t n = wire_get_count(in, 32, 100000);
        bf_box *boxes = bf_xcalloc(n + 1, sizeof(*boxes));
        char **texts = bf_xcalloc(n + 1, sizeof(*texts));
        float *confs = bf_xcalloc(n + 1, sizeof(*confs));
        int got = -1;

        for (size_t i = 0; i < n; i++)
                wire_get_box(in, &boxes[i]);
        if (!in->bad && c->ocr && n > 0)
                got = ocr_reread_boxes(c->ocr, page, boxes, n, how, texts, confs);
        wire_put_u32(out, (uint32_t)got);
        wire_put_u32(out, (uint32_t)n);
        for (size_t i = 0; i < n; i++) {
                wire_put_str(out, texts[i]);
                wire_put_f64(out, confs[i]);
                free(texts[i]);
        }
        free(boxes);
        free(texts);
        free(confs);
        return 0;
}

static int do_mail(struct wire_in *in, struct wire_out *out, struct bf_error *err)
{
        struct mail_limits lim;
        struct reader_budget b;
        g_autofree char *raw = NULL;
        bf_mail m = { 0 };
        int64_t total = 0;
        size_t len = 0;
        int r;

        lim.max_message_bytes = (size_t)wire_get_i64(in);
        lim.max_attachment_bytes = (size_t)wire_get_i64(in);
        lim.max_attachments = (size_t)wire_get_i64(in);
        reader_get_budget(in, &b);
        raw = wire_get_bytes(in, &len);
        if (in->bad || !raw)
                return bf_error_set(err, BF_EINVAL, "malformed request");
#ifdef BF_TEST_HOOKS
        test_hooks(raw, len, err);
        if (err->code)
                return err->code;
#endif
        if ((r = mime_budget(raw, len, &b, err)) < 0)
                return r;
        if ((r = mail_parse(raw, len, &lim, &m, err)) < 0)
                return r;
        for (size_t i = 0; i < m.n_attachments; i++)
                total += (int64_t)m.attachments[i].len;
        if (total > b.max_decoded_bytes) {
                mail_release(&m);
                return bf_error_set(err, BF_ETOOBIG,
                                    "attachments decode to %lld bytes, over "
                                    "capture.max_decoded_mb (%lld)",
                                    (long long)total, (long long)(b.max_decoded_bytes >> 20));
        }
        wire_put_mail(out, &m);
        mail_release(&m);
        return 0;
}

/* ---------------------------------------------------------------- loop */

/* Reads (out false) or writes exactly n bytes; false at EOF or on error. */
static bool io_all(int fd, bool out, void *buf, size_t n)
{
        unsigned char *p = buf;

        while (n > 0) {
                ssize_t k = out ? write(fd, p, n) : read(fd, p, n);

                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        return false;
                p += k;
                n -= (size_t)k;
        }
        return true;
}

static int serve(struct child *c)
{
        for (;;) {
                unsigned char h[READER_HEADER_BYTES];
                struct wire_in hin = { .p = h, .len = sizeof(h) };
                struct wire_out body = { 0 }, reply = { 0 };
                struct bf_error err = { 0 };
                struct wire_in in;
                uint32_t type;
                int64_t len;
                void *buf;
                int r;

                if (!io_all(READER_FD, false, h, sizeof(h)))
                        return 0;       /* the parent closed: done */
                type = wire_get_u32(&hin);
                (void)wire_get_u32(&hin);
                len = wire_get_i64(&hin);
                if (len < 0 || len > READER_MAX_REQUEST || !(buf = malloc((size_t)len + 1)) ||
                    !io_all(READER_FD, false, buf, (size_t)len))
                        return 2;
                in = (struct wire_in){ .p = buf, .len = (size_t)len };
                switch (type) {
                case READER_REQ_READ: r = do_read(c, &in, &body, &err); break;
                case READER_REQ_REREAD: r = do_reread(c, &in, &body); break;
                case READER_REQ_MAIL: r = do_mail(&in, &body, &err); break;
                case READER_REQ_PAGE_PNG: r = do_page_png(&in, &body, &err); break;
                default: r = bf_error_set(&err, BF_EINVAL, "unknown request %u", type); break;
                }
                free(buf);
                if (r < BF_ECRASH || r > 0)
                        r = BF_EINTERNAL;
                wire_put_u32(&reply, type);
                wire_put_u32(&reply, 0);
                wire_put_i64(&reply, (int64_t)(8 + strlen(r < 0 ? err.msg : "")) +
                                             (r == 0 ? (int64_t)body.len : 0));
                wire_put_u32(&reply, (uint32_t)r);
                wire_put_str(&reply, r < 0 ? err.msg : "");
                if (!io_all(READER_FD, true, reply.p, reply.len) ||
                    (r == 0 && body.len && !io_all(READER_FD, true, body.p, body.len)))
                        return 1;
                wire_out_release(&reply);
                wire_out_release(&body);
        }
}

int reader_child_main(int argc, char **argv)
{
        struct child c = { 0 };
        long long mem;
        int r;

        /* Gone with the parent, and never outliving it unnoticed. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (argc < 4 || getppid() != (pid_t)atoi(argv[3]))
                return 2;
        /* One OpenMP thread: read at process start (see capture.h). */
        (void)ocr_limit_threads(argv, NULL);
        /* A page's images (8.7 MB for A4 at 300 dpi, a dozen of them a
         * page: the grey page, its deskewed and derulled copies,
         * Tesseract's own) come from the heap and go back to it, not from
         * fresh mappings the kernel must fault in and zero each time:
         * 16 generated scans, reader's system time 0.28-0.36 s -> 0.14-0.20 s.
         * At most READER_HEAP_KEEP stays kept beyond what is in use. */
        mallopt(M_MMAP_THRESHOLD, READER_MMAP_FROM);
        mallopt(M_TRIM_THRESHOLD, READER_HEAP_KEEP);
        mem = atoll(argv[2]);
        if (mem > 0 && !READER_SANITIZED)
                set_limit(RLIMIT_AS, (rlim_t)mem);
        set_limit(RLIMIT_FSIZE, 0);
        set_limit(RLIMIT_CORE, 0);
        set_limit(RLIMIT_NOFILE, 256);
        /* Nothing of the parent's but the socket and the standard three. */
        for (int fd = READER_FD + 1; fd < 1024; fd++)
                (void)close(fd);
        signal(SIGPIPE, SIG_DFL);
        capture_quiet_leptonica();
        if (install_filter() != 0)
                return 3;
        r = serve(&c);
        ocr_free(c.ocr);
        g_free(c.ocr_language);
        g_free(c.ocr_tessdata);
        return r;
}
