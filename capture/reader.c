/* reader.c: the parent's side of a reader process — starting it, sending
 * requests, waiting for replies under the wall clock, and telling why it
 * died. Everything it receives is checked before use. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "capture/reader-int.h"

extern char **environ;

struct bf_reader {
        struct reader_options opt;
        char *language, *tessdata, *exe; /* owned copies of opt's */
        pid_t pid;               /* 0: none running */
        int fd;                  /* our end of the socket; -1 with no process */
        int starts;              /* processes started so far */
};

void reader_options_init(struct reader_options *opt)
{
        memset(opt, 0, sizeof(*opt));
        opt->language = "eng";
        opt->dpi = 300;
        opt->timeout_seconds = 300;
        opt->max_memory_bytes = (int64_t)2 << 30;
        opt->budget.max_pages = 200;
        opt->budget.max_page_pixels = 100000000;
        opt->budget.max_total_pixels = 1000000000;
        opt->budget.max_mime_parts = 1000;
        opt->budget.max_mime_depth = 10;
        opt->budget.max_decoded_bytes = (int64_t)100 << 20;
}

void reader_put_budget(struct wire_out *o, const struct reader_budget *b)
{
        wire_put_u32(o, (uint32_t)b->max_pages);
        wire_put_i64(o, b->max_page_pixels);
        wire_put_i64(o, b->max_total_pixels);
        wire_put_u32(o, (uint32_t)b->max_mime_parts);
        wire_put_u32(o, (uint32_t)b->max_mime_depth);
        wire_put_i64(o, b->max_decoded_bytes);
}

void reader_get_budget(struct wire_in *in, struct reader_budget *b)
{
        b->max_pages = (int)(wire_get_u32(in) & 0x7fffffff);
        b->max_page_pixels = wire_get_i64(in);
        b->max_total_pixels = wire_get_i64(in);
        b->max_mime_parts = (int)(wire_get_u32(in) & 0x7fffffff);
        b->max_mime_depth = (int)(wire_get_u32(in) & 0x7fffffff);
        b->max_decoded_bytes = wire_get_i64(in);
}

bf_reader *reader_new(const struct reader_options *opt)
{
        bf_reader *r = bf_xcalloc(1, sizeof(*r));

        if (opt)
                r->opt = *opt;
        else
                reader_options_init(&r->opt);
        r->language = bf_xstrdup(r->opt.language ? r->opt.language : "eng");
        r->exe = bf_xstrdup(r->opt.exe ? r->opt.exe : "/proc/self/exe");
        r->tessdata = r->opt.tessdata && *r->opt.tessdata ? bf_xstrdup(r->opt.tessdata) : NULL;
        r->opt.language = r->language;
        r->opt.tessdata = r->tessdata;
        r->opt.exe = r->exe;
        if (r->opt.timeout_seconds <= 0)
                r->opt.timeout_seconds = 300;
        r->fd = -1;
        return r;
}

/* Ends the process (SIGKILL) and reaps it; ret_status (may be NULL) gets
 * its wait status. */
static void stop(bf_reader *r, int *ret_status)
{
        int status = 0;

        if (r->fd >= 0)
                close(r->fd);
        r->fd = -1;
        if (r->pid > 0) {
                kill(r->pid, SIGKILL);
                while (waitpid(r->pid, &status, 0) < 0 && errno == EINTR)
                        ;
        }
        r->pid = 0;
        if (ret_status)
                *ret_status = status;
}

void reader_free(bf_reader *r)
{
        if (!r)
                return;
        if (r->fd >= 0 && r->pid > 0) {
                int status;

                /* A closed socket ends the reader: give it a moment to go
                 * on its own (sanitizers report at exit), then make sure. */
                shutdown(r->fd, SHUT_RDWR);
                close(r->fd);
                r->fd = -1;
                for (int i = 0; i < 50; i++) {
                        if (waitpid(r->pid, &status, WNOHANG) == r->pid) {
                                r->pid = 0;
                                break;
                        }
                        g_usleep(10000);
                }
        }
        stop(r, NULL);
        free(r->language);
        free(r->tessdata);
        free(r->exe);
        free(r);
}

int reader_pid(const bf_reader *r)
{
        return r ? (int)r->pid : 0;
}

int reader_restarts(const bf_reader *r)
{
        return r && r->starts > 1 ? r->starts - 1 : 0;
}

static int start(bf_reader *r, struct bf_error *err)
{
        posix_spawn_file_actions_t fa;
        posix_spawnattr_t attr;
        sigset_t none;
        char mem[32], ppid[32];
        char *argv[] = { "billflow-reader", READER_CHILD_ARG, mem, ppid, NULL };
        int sv[2], rc;

        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
                return bf_error_set(err, BF_EIO, "cannot start the reader: %s", strerror(errno));
        snprintf(mem, sizeof(mem), "%" PRId64, r->opt.max_memory_bytes);
        snprintf(ppid, sizeof(ppid), "%d", (int)getpid());
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        if (!getenv("BILLFLOW_READER_STDERR"))
                posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        /* dup2 clears close-on-exec, also when sv[1] is already fd 3. */
        posix_spawn_file_actions_adddup2(&fa, sv[1], READER_FD);
        posix_spawnattr_init(&attr);
        sigemptyset(&none);
        posix_spawnattr_setsigmask(&attr, &none);
        /* Its own process group: ^C at a terminal stops the service, which
         * then ends its readers, instead of killing a reader mid-document
         * (that would count against the document). */
        posix_spawnattr_setpgroup(&attr, 0);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
        rc = posix_spawn(&r->pid, r->exe, &fa, &attr, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
        posix_spawnattr_destroy(&attr);
        close(sv[1]);
        if (rc != 0) {
                close(sv[0]);
                r->pid = 0;
                return bf_error_set(err, BF_EIO, "cannot start the reader '%s': %s", r->exe,
                                    strerror(rc));
        }
        r->fd = sv[0];
        r->starts++;
        fcntl(r->fd, F_SETFL, fcntl(r->fd, F_GETFL) | O_NONBLOCK);
        return 0;
}

/* The reader's CPU seconds so far, from /proc/PID/stat; -1 if unknown. */
static long cpu_seconds(pid_t pid)
{
        char path[64], buf[1024];
        unsigned long utime, stime;
        const char *p;
        FILE *f;
        size_t n;

        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        if (!(f = fopen(path, "re")))
                return -1;
        n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        /* Fields after the command name (which may hold spaces). */
        if (!(p = strrchr(buf, ')')) ||
            sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                   &stime) != 2)
                return -1;
        return (long)((utime + stime) / (unsigned long)sysconf(_SC_CLK_TCK));
}

/* The CPU time this call may use: set from outside, since the reader's
 * filter forbids it to change its own limits. SIGXCPU at the soft limit. */
static void limit_cpu(bf_reader *r)
{
        long used = cpu_seconds(r->pid);
        struct rlimit rl;

        if (used < 0)
                return;
        rl.rlim_cur = (rlim_t)(used + r->opt.timeout_seconds + 1);
        rl.rlim_max = RLIM_INFINITY;
        (void)prlimit(r->pid, RLIMIT_CPU, &rl, NULL);
}

static int64_t now_ms(void)
{
        return g_get_monotonic_time() / 1000;
}

enum io_result { IO_OK = 0, IO_CLOSED, IO_TIMEOUT };

/* Sends or receives exactly n bytes before the deadline. */
static enum io_result transfer(int fd, bool out, void *buf, size_t n, int64_t deadline)
{
        unsigned char *p = buf;

        while (n > 0) {
                struct pollfd pfd = { .fd = fd, .events = out ? POLLOUT : POLLIN };
                int64_t left = deadline - now_ms();
                ssize_t k;

                if (left <= 0)
                        return IO_TIMEOUT;
                if (poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left) < 0) {
                        if (errno == EINTR)
                                continue;
                        return IO_CLOSED;
                }
                if (!(pfd.revents & (out ? POLLOUT : POLLIN)) && (pfd.revents & (POLLHUP | POLLERR)))
                        return IO_CLOSED;
                if (!pfd.revents)
                        continue;
                k = out ? send(fd, p, n, MSG_NOSIGNAL) : recv(fd, p, n, 0);
                if (k < 0 && (errno == EINTR || errno == EAGAIN))
                        continue;
                if (k <= 0)
                        return IO_CLOSED;
                p += k;
                n -= (size_t)k;
        }
        return IO_OK;
}

static void put_header(unsigned char *h, uint32_t type, int64_t len)
{
        struct wire_out o = { 0 };

        wire_put_u32(&o, type);
        wire_put_u32(&o, 0);
        wire_put_i64(&o, len);
        memcpy(h, o.p, READER_HEADER_BYTES);
        wire_out_release(&o);
}

/* Why the reader is gone, from its wait status, into err. */
static int describe_death(bf_reader *r, bool timed_out, struct bf_error *err)
{
        int status = 0;

        stop(r, &status);
        if (timed_out)
                return bf_error_set(err, BF_ECRASH, "reader timed out after %d s",
                                    r->opt.timeout_seconds);
        if (WIFSIGNALED(status)) {
                int sig = WTERMSIG(status);

                return bf_error_set(err, BF_ECRASH, "reader killed by signal %d (SIG%s%s)",
                                    sig, sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
                                    sig == SIGXCPU ? ": over its CPU time" : "");
        }
        if (WIFEXITED(status))
                return bf_error_set(err, BF_ECRASH, "reader exited with status %d",
                                    WEXITSTATUS(status));
        return bf_error_set(err, BF_ECRASH, "reader stopped answering");
}

/* A request's last field, the document's len bytes at data: its length
 * here, its bytes sent by call() from where they are (a scan's megabytes
 * copied into the request had been 2 ms a page). */
static void put_document_head(struct wire_out *req, const void *data, size_t len)
{
        if (data)
                wire_put_bytes_head(req, len);
        else
                wire_put_bytes(req, NULL, 0);
}

/* One request and its reply: *ret_reply (caller frees) holds the reply's
 * payload after the status and message, which went to the return value
 * and err. The request is req's bytes and then tail_len bytes at tail
 * (a document, sent from the caller's buffer rather than copied into
 * req; NULL and 0: none). */
static int call(bf_reader *r, uint32_t type, const struct wire_out *req, const void *tail,
                size_t tail_len, int64_t max_reply, void **ret_reply, size_t *ret_len,
                struct bf_error *err)
{
        unsigned char h[READER_HEADER_BYTES];
        int64_t deadline, len;
        struct wire_in in;
        enum io_result io;
        unsigned char *buf;
        char *msg;
        int status;

        if (r->pid == 0 && start(r, err) < 0)
                return err ? err->code : BF_EIO;
        limit_cpu(r);
        deadline = now_ms() + (int64_t)r->opt.timeout_seconds * 1000;
        put_header(h, type, (int64_t)(req->len + tail_len));
        if ((io = transfer(r->fd, true, h, sizeof(h), deadline)) != IO_OK ||
            (io = transfer(r->fd, true, req->p, req->len, deadline)) != IO_OK ||
            (tail_len && (io = transfer(r->fd, true, (void *)(uintptr_t)tail, tail_len,
                                        deadline)) != IO_OK) ||
            (io = transfer(r->fd, false, h, sizeof(h), deadline)) != IO_OK)
                return describe_death(r, io == IO_TIMEOUT, err);
        in = (struct wire_in){ .p = h, .len = sizeof(h) };
        if (wire_get_u32(&in) != type || wire_get_u32(&in) != 0 ||
            (len = wire_get_i64(&in)) < 8 || len > max_reply) {
                stop(r, NULL);
                return bf_error_set(err, BF_ECRASH, "reader sent a malformed reply");
        }
        if (!(buf = malloc((size_t)len))) {
                stop(r, NULL);
                return bf_error_set(err, BF_ENOMEM, "out of memory for the reader's reply");
        }
        if ((io = transfer(r->fd, false, buf, (size_t)len, deadline)) != IO_OK) {
                free(buf);
                return describe_death(r, io == IO_TIMEOUT, err);
        }
        in = (struct wire_in){ .p = buf, .len = (size_t)len };
        status = (int32_t)wire_get_u32(&in);
        msg = wire_get_str(&in);
        if (in.bad || status > 0 || status < BF_ECRASH) {
                free(msg);
                free(buf);
                stop(r, NULL);
                return bf_error_set(err, BF_ECRASH, "reader sent a malformed reply");
        }
        if (status < 0)
                bf_error_set(err, status, "%s", msg ? msg : "reader failed");
        free(msg);
        /* The caller reads on from here: move the rest to the front. */
        memmove(buf, buf + in.off, (size_t)len - in.off);
        *ret_reply = buf;
        *ret_len = (size_t)len - in.off;
        return status;
}

int reader_read(bf_reader *r, const void *data, size_t len, bf_doc_text *ret_doc,
                bf_invoice *ret_inv, bool *ret_einvoice, struct bf_error *err)
{
        return reader_read_in(r, NULL, data, len, ret_doc, ret_inv, ret_einvoice, err);
}

int reader_read_in(bf_reader *r, const char *language, const void *data, size_t len,
                   bf_doc_text *ret_doc, bf_invoice *ret_inv, bool *ret_einvoice,
                   struct bf_error *err)
{
        struct wire_out req = { 0 };
        struct wire_in in;
        void *reply = NULL;
        size_t n = 0;
        uint32_t kind;
        int rc;

        if ((int64_t)len > READER_MAX_REQUEST - 4096)
                return bf_error_set(err, BF_ETOOBIG, "file too large (%zu bytes)", len);
        reader_put_budget(&req, &r->opt.budget);
        wire_put_str(&req, r->language);
        wire_put_str(&req, r->tessdata);
        wire_put_str(&req, language);
        wire_put_u32(&req, (uint32_t)r->opt.dpi);
        put_document_head(&req, data, len);
        rc = call(r, READER_REQ_READ, &req, data, data ? len : 0, READER_MAX_REPLY, &reply, &n,
                  err);
        wire_out_release(&req);
        if (rc < 0) {
                free(reply);
                return rc;
        }
        in = (struct wire_in){ .p = reply, .len = n };
        kind = wire_get_u32(&in);
        if (kind == 1)
                rc = wire_get_invoice(&in, ret_inv);
        else if (kind == 0)
                rc = wire_get_doc(&in, ret_doc);
        else
                rc = BF_EINVAL;
        free(reply);
        if (rc < 0) {
                stop(r, NULL);
                return bf_error_set(err, BF_ECRASH, "reader sent a malformed reply");
        }
        *ret_einvoice = kind == 1;
        return 0;
}

int reader_reread_boxes(bf_reader *r, int page, const bf_box *boxes, size_t n, unsigned how,
                        char **ret_text, float *ret_conf)
{
        struct wire_out req = { 0 };
        struct wire_in in;
        void *reply = NULL;
        size_t len = 0, got;
        int rc;

        for (size_t i = 0; i < n; i++) {
                ret_text[i] = NULL;
                ret_conf[i] = 0;
        }
        if (r->pid == 0)
                return -1;      /* a new reader keeps no pages */
        wire_put_u32(&req, (uint32_t)page);
        wire_put_u32(&req, how);
        wire_put_u32(&req, (uint32_t)n);
        for (size_t i = 0; i < n; i++)
                wire_put_box(&req, &boxes[i]);
        rc = call(r, READER_REQ_REREAD, &req, NULL, 0, READER_MAX_REPLY, &reply, &len, NULL);
        wire_out_release(&req);
        if (rc < 0) {
                free(reply);
                return -1;
        }
        in = (struct wire_in){ .p = reply, .len = len };
        rc = (int32_t)wire_get_u32(&in);
        got = wire_get_count(&in, 12, n);
        for (size_t i = 0; i < got && !in.bad; i++) {
                double conf;

                ret_text[i] = wire_get_str(&in);
                conf = wire_get_f64(&in);
                ret_conf[i] = conf >= 0 && conf <= 1 ? (float)conf : 0;
        }
        free(reply);
        if (in.bad || rc < -1 || rc > (int)got) {
                for (size_t i = 0; i < n; i++) {
                        free(ret_text[i]);
                        ret_text[i] = NULL;
                }
                stop(r, NULL);
                return -1;
        }
        return rc;
}

int reader_page_png(bf_reader *r, const void *data, size_t len, int page, void **ret_png,
                    size_t *ret_len, struct bf_error *err)
{
        struct wire_out req = { 0 };
        struct wire_in in;
        void *reply = NULL, *png;
        size_t n = 0, png_len = 0;
        int rc;

        if ((int64_t)len > READER_MAX_REQUEST - 4096)
                return bf_error_set(err, BF_ETOOBIG, "file too large (%zu bytes)", len);
        reader_put_budget(&req, &r->opt.budget);
        wire_put_u32(&req, (uint32_t)r->opt.dpi);
        wire_put_u32(&req, (uint32_t)(page > 0 ? page : 0));
        put_document_head(&req, data, len);
        rc = call(r, READER_REQ_PAGE_PNG, &req, data, data ? len : 0, READER_MAX_REPLY, &reply,
                  &n, err);
        wire_out_release(&req);
        if (rc < 0) {
                free(reply);
                return rc;
        }
        in = (struct wire_in){ .p = reply, .len = n };
        png = wire_get_bytes(&in, &png_len);
        free(reply);
        /* What comes back must at least look like a PNG before anyone writes it. */
        if (in.bad || !png || png_len < 8 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0) {
                free(png);
                stop(r, NULL);
                return bf_error_set(err, BF_ECRASH, "reader sent a malformed reply");
        }
        *ret_png = png;
        *ret_len = png_len;
        return 0;
}

int reader_mail(bf_reader *r, const void *raw, size_t len, const struct mail_limits *lim,
                bf_mail *ret, struct bf_error *err)
{
        struct mail_limits defaults;
        struct wire_out req = { 0 };
        struct wire_in in;
        void *reply = NULL;
        size_t n = 0;
        int rc;

        if (!lim) {
                mail_limits_init(&defaults);
                lim = &defaults;
        }
        wire_put_i64(&req, (int64_t)lim->max_message_bytes);
        wire_put_i64(&req, (int64_t)lim->max_attachment_bytes);
        wire_put_i64(&req, (int64_t)lim->max_attachments);
        reader_put_budget(&req, &r->opt.budget);
        put_document_head(&req, raw, len);
        rc = call(r, READER_REQ_MAIL, &req, raw, raw ? len : 0,
                  READER_MAX_REPLY + r->opt.budget.max_decoded_bytes, &reply, &n, err);
        wire_out_release(&req);
        if (rc < 0) {
                free(reply);
                return rc;
        }
        in = (struct wire_in){ .p = reply, .len = n };
        rc = wire_get_mail(&in, ret);
        free(reply);
        if (rc == 0) {
                /* The budget, checked again on this side. */
                int64_t total = 0;

                for (size_t i = 0; i < ret->n_attachments; i++)
                        total += (int64_t)ret->attachments[i].len;
                if (total > r->opt.budget.max_decoded_bytes) {
                        mail_release(ret);
                        rc = BF_EINVAL;
                }
        }
        if (rc < 0) {
                stop(r, NULL);
                return bf_error_set(err, BF_ECRASH, "reader sent a malformed reply");
        }
        return 0;
}
