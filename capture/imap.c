/* imap.c: the IMAP client — one libcurl easy handle (one persistent
 * connection) that lists, peeks, acknowledges and appends mail. */
#include <curl/curl.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/capture-int.h"
#include "capture/mail.h"

/* Longest password file read; longer is not a password. */
#define IMAP_MAX_PASSWORD 4096
/* A message is fetched in pieces of this size, plus protocol lines around:
 * libcurl refuses a response whose lines add up to more than 300 KiB as it
 * counts them (192 KiB pieces already fail with 7.88), and clips lines
 * longer than half its buffer, which a 64 KiB piece cannot hold. */
#define IMAP_FETCH_CHUNK (64u << 10)
#define IMAP_FETCH_SLACK (64u << 10)
/* Reconnections allowed while fetching one message whose lines mimic tags. */
#define IMAP_MAX_CUTS 64
/* Cap on any other response (a UID SEARCH of a million messages fits). */
#define IMAP_MAX_RESPONSE (64u << 20)
/* libcurl clips response lines longer than half its buffer: use the largest
 * buffer so mail lines (at most 998 bytes by RFC 5322) always fit. */
#define IMAP_BUFFER_SIZE (512L << 10)

enum imap_after { AFTER_SEEN, AFTER_MOVE, AFTER_DELETE };

struct bf_imap {
        CURL *curl;
        char *base_url;       /* scheme://host:port/, no mailbox */
        bool cleartext;       /* imap:// to a host not on this machine */
        char *mailbox;        /* as configured, e.g. INBOX */
        char *mailbox_q;      /* the same as an IMAP quoted string */
        enum imap_after after;
        char *folder_q;       /* move target, quoted */
        char *user, *password, *ca_file;
        bool starttls;
        long timeout;
        bool selected;        /* mailbox selected on the current connection */
        uint32_t uidvalidity; /* as of the last imap_list; 0: unknown */
        GString *resp;        /* every response line of the last request */
        size_t resp_cap;
        bool resp_over;
        const unsigned char *up; /* upload source (imap_append) */
        size_t up_len, up_pos;
        char errbuf[CURL_ERROR_SIZE];
};

static gpointer imap_init_curl(gpointer unused)
{
        (void)unused;
        curl_global_init(CURL_GLOBAL_DEFAULT);
        return NULL;
}

/* ---------------------------------------------------------- callbacks */

/* libcurl hands every server line (and, for custom commands, the bytes of a
 * FETCH literal) to the header callback: that is the response we parse. */
static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
        bf_imap *imap = ud;
        size_t len = size * n;

        if (imap->resp->len + len > imap->resp_cap) {
                imap->resp_over = true;
                return 0; /* aborts the transfer */
        }
        g_string_append_len(imap->resp, data, (gssize)len);
        return len;
}

/* Untagged lines of custom commands also arrive here; the header copy is
 * the complete one, so these are dropped. */
static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
        (void)data;
        (void)ud;
        return size * n;
}

static size_t on_read(char *buf, size_t size, size_t n, void *ud)
{
        bf_imap *imap = ud;
        size_t want = size * n, left = imap->up_len - imap->up_pos;

        if (want > left)
                want = left;
        memcpy(buf, imap->up + imap->up_pos, want);
        imap->up_pos += want;
        return want;
}

/* ------------------------------------------------------------ helpers */

/* An IMAP quoted string for a mailbox name, or NULL when the name holds
 * anything but printable ASCII (CR/LF would inject commands; non-ASCII
 * names must be given in IMAP's modified UTF-7). */
static char *quote_mailbox(const char *name)
{
        GString *q;

        if (!name || !*name)
                return NULL;
        for (const char *p = name; *p; p++)
                if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
                        return NULL;
        q = g_string_new("\"");
        for (const char *p = name; *p; p++) {
                if (*p == '"' || *p == '\\')
                        g_string_append_c(q, '\\');
                g_string_append_c(q, *p);
        }
        g_string_append_c(q, '"');
        {
                char *s = bf_xstrdup(q->str);

                g_string_free(q, TRUE);
                return s;
        }
}

static void wipe_free(char *s)
{
        if (!s)
                return;
        explicit_bzero(s, strlen(s));
        free(s);
}

int capture_read_secret(const char *path, const char *key, char **ret, struct bf_error *err)
{
        char buf[IMAP_MAX_PASSWORD + 1];
        struct stat st;
        ssize_t n;
        size_t len = 0;
        int fd;

        if (!path || !*path)
                return bf_error_set(err, BF_EINVAL, "%s is not set", key);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return bf_error_set(err, errno == EACCES ? BF_EINVAL : BF_EIO,
                                    "cannot open password file '%s': %s", path, strerror(errno));
        /* fstat on the opened file: the mode checked is the mode read. */
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                close(fd);
                return bf_error_set(err, BF_EINVAL, "password file '%s' is not a regular file",
                                    path);
        }
        if (st.st_mode & 077) {
                close(fd);
                return bf_error_set(err, BF_EINVAL,
                                    "password file '%s' is readable by others (chmod 600 it)",
                                    path);
        }
        while (len < sizeof buf && (n = read(fd, buf + len, sizeof buf - len)) != 0) {
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        close(fd);
                        explicit_bzero(buf, sizeof buf);
                        return bf_error_set(err, BF_EIO, "cannot read password file '%s': %s",
                                            path, strerror(errno));
                }
                len += (size_t)n;
        }
        close(fd);
        if (len > IMAP_MAX_PASSWORD) {
                explicit_bzero(buf, sizeof buf);
                return bf_error_set(err, BF_EINVAL, "password file '%s' is too long", path);
        }
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
                len--;
        if (len == 0 || memchr(buf, '\0', len)) {
                explicit_bzero(buf, sizeof buf);
                return bf_error_set(err, BF_EINVAL, "password file '%s' is empty or binary",
                                    path);
        }
        *ret = bf_xstrndup(buf, len);
        explicit_bzero(buf, sizeof buf);
        return 0;
}

bool capture_loopback_host(const char *host)
{
        struct in_addr a4;
        struct in6_addr a6;
        char buf[64];
        size_t n;

        if (!host)
                return false;
        if (g_ascii_strcasecmp(host, "localhost") == 0)
                return true;
        if (inet_pton(AF_INET, host, &a4) == 1)
                return (ntohl(a4.s_addr) >> 24) == 127;
        n = strlen(host);
        if (n >= 2 && n < sizeof(buf) && host[0] == '[' && host[n - 1] == ']') {
                memcpy(buf, host + 1, n - 2);
                buf[n - 2] = '\0';
                host = buf;
        }
        return inet_pton(AF_INET6, host, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

/* Splits url into the server part and the mailbox (URL-decoded; INBOX when
 * the path is empty). Only imap:// and imaps:// are accepted. */
static int parse_url(bf_imap *imap, const char *url, struct bf_error *err)
{
        CURLU *u = curl_url();
        char *scheme = NULL, *path = NULL, *base = NULL, *mb;
        int r = 0, dlen = 0;

        if (!url || !*url || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
                r = bf_error_set(err, BF_EINVAL, "bad imap url '%s'", url ? url : "");
                goto out;
        }
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
        if (!scheme || (strcmp(scheme, "imap") != 0 && strcmp(scheme, "imaps") != 0)) {
                r = bf_error_set(err, BF_EINVAL, "bad imap url '%s': not imap:// or imaps://",
                                 url);
                goto out;
        }
        if (strcmp(scheme, "imap") == 0) {
                char *host = NULL;

                curl_url_get(u, CURLUPART_HOST, &host, 0);
                imap->cleartext = !capture_loopback_host(host);
                curl_free(host);
        }
        curl_url_get(u, CURLUPART_PATH, &path, 0);
        mb = path ? path : "";
        while (*mb == '/')
                mb++;
        mb[strcspn(mb, ";")] = '\0'; /* drop ;UIDVALIDITY=... style parameters */
        {
                char *dec = curl_easy_unescape(NULL, mb, 0, &dlen);
                size_t n;

                if (!dec || memchr(dec, '\0', (size_t)dlen)) {
                        curl_free(dec);
                        r = bf_error_set(err, BF_EINVAL, "bad mailbox in imap url '%s'", url);
                        goto out;
                }
                n = strlen(dec);
                while (n > 0 && dec[n - 1] == '/')
                        dec[--n] = '\0';
                imap->mailbox = bf_xstrdup(n ? dec : "INBOX");
                curl_free(dec);
        }
        curl_url_set(u, CURLUPART_PATH, "/", 0);
        curl_url_set(u, CURLUPART_QUERY, NULL, 0);
        curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
        if (curl_url_get(u, CURLUPART_URL, &base, 0) != CURLUE_OK) {
                r = bf_error_set(err, BF_EINVAL, "bad imap url '%s'", url);
                goto out;
        }
        imap->base_url = bf_xstrdup(base);
out:
        curl_free(scheme);
        curl_free(path);
        curl_free(base);
        curl_url_cleanup(u);
        return r;
}

static int parse_after(bf_imap *imap, const char *after, struct bf_error *err)
{
        if (!after || !*after || strcmp(after, "seen") == 0) {
                imap->after = AFTER_SEEN;
        } else if (strcmp(after, "delete") == 0) {
                imap->after = AFTER_DELETE;
        } else if (strncmp(after, "move:", 5) == 0) {
                imap->after = AFTER_MOVE;
                imap->folder_q = quote_mailbox(after + 5);
                if (!imap->folder_q)
                        return bf_error_set(err, BF_EINVAL,
                                            "bad imap.after folder '%s' (printable ASCII; "
                                            "modified UTF-7 for other names)", after + 5);
        } else {
                return bf_error_set(err, BF_EINVAL,
                                    "bad imap.after '%s' (seen, move:FOLDER or delete)", after);
        }
        return 0;
}

/* (Re)creates the easy handle, dropping any connection it held. */
static int setup_handle(bf_imap *imap, struct bf_error *err)
{
        CURL *c;

        if (imap->curl)
                curl_easy_cleanup(imap->curl);
        imap->selected = false;
        imap->curl = c = curl_easy_init();
        if (!c)
                return bf_error_set(err, BF_ENOMEM, "cannot create a libcurl handle");
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
#else
        curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_IMAP | CURLPROTO_IMAPS));
#endif
        if (imap->user)
                curl_easy_setopt(c, CURLOPT_USERNAME, imap->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, imap->password);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
        if (imap->ca_file)
                curl_easy_setopt(c, CURLOPT_CAINFO, imap->ca_file);
        if (imap->starttls)
                curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, imap->timeout);
        curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, imap->timeout);
        /* A stalled transfer, not a long one, is the failure. */
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, imap->timeout);
        curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(c, CURLOPT_BUFFERSIZE, IMAP_BUFFER_SIZE);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, imap);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, imap);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(c, CURLOPT_READDATA, imap);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, imap->errbuf);
        return 0;
}

/* The server's refusal of our command (its last tagged NO or BAD line; on
 * an error libcurl also logs out, so the very last line is the LOGOUT's),
 * else its last tagged line; cut at the line end into buf. */
static const char *last_tagged(bf_imap *imap, char *buf, size_t size)
{
        const char *s = imap->resp->str, *end = s + imap->resp->len, *line = NULL, *bad = NULL;
        const char *p = s;

        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *next = nl ? nl + 1 : end;

                if (*p != '*' && *p != '+' && next - p > 2) {
                        const char *sp = memchr(p, ' ', (size_t)(next - p));

                        line = p;
                        if (sp && (g_ascii_strncasecmp(sp, " NO", 3) == 0 ||
                                   g_ascii_strncasecmp(sp, " BAD", 4) == 0))
                                bad = p;
                }
                p = next;
        }
        if (bad)
                line = bad;
        if (!line || size == 0)
                return "";
        {
                size_t n = strcspn(line, "\r\n");

                if (n >= size)
                        n = size - 1;
                memcpy(buf, line, n);
                buf[n] = '\0';
        }
        return buf;
}

static bool is_transient(CURLcode rc)
{
        switch (rc) {
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_AGAIN:
                return true;
        default:
                return false;
        }
}

/* Runs one request. cmd: a custom command (NULL for an upload); url: NULL
 * for the server URL. Fills imap->resp. 0, or BF_EBUSY (try again later:
 * timeout, refused, connection lost), BF_ETOOBIG (response over cap),
 * BF_EIO (refused by the server, TLS or login failure) with err. */
static int perform(bf_imap *imap, const char *url, const char *cmd, size_t cap,
                   struct bf_error *err)
{
        char tagged[256];
        CURLcode rc;

        g_string_truncate(imap->resp, 0);
        imap->resp_cap = cap;
        imap->resp_over = false;
        imap->errbuf[0] = '\0';
        curl_easy_setopt(imap->curl, CURLOPT_URL, url ? url : imap->base_url);
        curl_easy_setopt(imap->curl, CURLOPT_CUSTOMREQUEST, cmd);
        rc = curl_easy_perform(imap->curl);
        curl_easy_setopt(imap->curl, CURLOPT_CUSTOMREQUEST, NULL);
        if (rc == CURLE_OK)
                return 0;
        if (imap->resp_over)
                return bf_error_set(err, BF_ETOOBIG, "imap response to '%s' over %zu bytes",
                                    cmd ? cmd : "APPEND", cap);
        if (rc == CURLE_QUOTE_ERROR || rc == CURLE_UPLOAD_FAILED)
                return bf_error_set(err, BF_EIO, "imap '%s' refused: %s", cmd ? cmd : "APPEND",
                                    last_tagged(imap, tagged, sizeof tagged));
        return bf_error_set(err, is_transient(rc) ? BF_EBUSY : BF_EIO, "imap '%s' failed: %s",
                            cmd ? cmd : "APPEND",
                            imap->errbuf[0] ? imap->errbuf : curl_easy_strerror(rc));
}

static bool new_connection(bf_imap *imap)
{
        long n = 0;

        curl_easy_getinfo(imap->curl, CURLINFO_NUM_CONNECTS, &n);
        return n > 0;
}

/* The n in "* OK [UIDVALIDITY n]" of the last response, or 0. */
static uint32_t parse_uidvalidity(bf_imap *imap)
{
        const char *p = imap->resp->str;

        while ((p = strstr(p, "[UIDVALIDITY ")) != NULL) {
                unsigned long long v;
                char *end;

                p += strlen("[UIDVALIDITY ");
                v = strtoull(p, &end, 10);
                if (end != p && *end == ']' && v > 0 && v <= UINT32_MAX)
                        return (uint32_t)v;
        }
        return 0;
}

/* SELECTs the mailbox on the current connection. With `check`, a
 * UIDVALIDITY other than the one imap_list reported is an error (the UIDs
 * the caller holds no longer name the same messages). */
static int select_mailbox(bf_imap *imap, bool check, struct bf_error *err)
{
        char *cmd = bf_xasprintf("SELECT %s", imap->mailbox_q);
        uint32_t v;
        int r;

        imap->selected = false;
        r = perform(imap, NULL, cmd, IMAP_MAX_RESPONSE, err);
        free(cmd);
        if (r < 0)
                return r;
        v = parse_uidvalidity(imap);
        if (v == 0)
                return bf_error_set(err, BF_EIO, "no UIDVALIDITY for mailbox '%s'",
                                    imap->mailbox);
        if (check && imap->uidvalidity && v != imap->uidvalidity)
                return bf_error_set(err, BF_EINVAL,
                                    "UIDVALIDITY of mailbox '%s' changed (%" PRIu32 " to %" PRIu32
                                    "); list it again", imap->mailbox, imap->uidvalidity, v);
        if (!check)
                imap->uidvalidity = v;
        imap->selected = true;
        return 0;
}

/* Runs a command that needs the mailbox selected. libcurl may have replaced
 * a dropped connection (the new one has nothing selected): then select and
 * run it once more. */
static int mailbox_cmd(bf_imap *imap, const char *cmd, size_t cap, struct bf_error *err)
{
        for (int attempt = 0;; attempt++) {
                int r;

                if (!imap->selected) {
                        r = select_mailbox(imap, true, err);
                        if (r < 0)
                                return r;
                }
                r = perform(imap, NULL, cmd, cap, err);
                if (new_connection(imap)) {
                        imap->selected = false;
                        if (attempt == 0 && r != BF_EBUSY && r != BF_ETOOBIG)
                                continue;
                }
                return r;
        }
}

/* ---------------------------------------------------------------- API */

bf_imap *imap_open(const struct imap_options *opt, struct bf_error *err)
{
        static GOnce once = G_ONCE_INIT;
        bf_imap *imap;

        g_once(&once, imap_init_curl, NULL);
        imap = bf_xcalloc(1, sizeof *imap);
        imap->resp = g_string_new(NULL);
        imap->timeout = opt->timeout_seconds > 0 ? opt->timeout_seconds : 60;
        imap->starttls = opt->starttls;
        imap->user = bf_xstrdup(opt->user && *opt->user ? opt->user : NULL);
        imap->ca_file = bf_xstrdup(opt->ca_file && *opt->ca_file ? opt->ca_file : NULL);
        if (parse_url(imap, opt->url, err) < 0 || parse_after(imap, opt->after, err) < 0)
                goto fail;
        if (imap->cleartext && !imap->starttls && !opt->allow_plaintext) {
                bf_error_set(err, BF_EINVAL,
                             "'%s' would send the password in clear: use imaps://, or "
                             "imap.starttls = true (or, knowingly, imap.allow_plaintext = true)",
                             opt->url);
                goto fail;
        }
        imap->mailbox_q = quote_mailbox(imap->mailbox);
        if (!imap->mailbox_q) {
                bf_error_set(err, BF_EINVAL,
                             "bad mailbox '%s' (printable ASCII; modified UTF-7 for other names)",
                             imap->mailbox);
                goto fail;
        }
        if (capture_read_secret(opt->password_file, "imap.password_file", &imap->password, err) < 0 ||
            setup_handle(imap, err) < 0)
                goto fail;
        return imap;
fail:
        imap_close(imap);
        return NULL;
}

void imap_close(bf_imap *imap)
{
        if (!imap)
                return;
        if (imap->curl)
                curl_easy_cleanup(imap->curl);
        free(imap->base_url);
        free(imap->mailbox);
        free(imap->mailbox_q);
        free(imap->folder_q);
        free(imap->user);
        wipe_free(imap->password);
        free(imap->ca_file);
        g_string_free(imap->resp, TRUE);
        free(imap);
}

static int cmp_uid(const void *a, const void *b)
{
        uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

        return (x > y) - (x < y);
}

int imap_list(bf_imap *imap, uint32_t after_uid, uint32_t *ret_uidvalidity, uint32_t **ret_uids,
              size_t *ret_n, struct bf_error *err)
{
        GArray *uids;
        const char *p, *end;
        char *cmd;
        size_t n = 0;
        int r;

        /* A fresh SELECT each poll: it reports the current UIDVALIDITY. */
        r = select_mailbox(imap, false, err);
        if (r < 0)
                return r;
        if (after_uid == UINT32_MAX) {
                *ret_uidvalidity = imap->uidvalidity;
                *ret_uids = NULL;
                *ret_n = 0;
                return 0;
        }
        cmd = bf_xasprintf("UID SEARCH UID %" PRIu32 ":*", after_uid + 1);
        r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);
        free(cmd);
        if (r < 0)
                return r;

        uids = g_array_new(FALSE, FALSE, sizeof(uint32_t));
        p = imap->resp->str;
        end = p + imap->resp->len;
        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *next = nl ? nl + 1 : end;

                if (next - p > 8 && g_ascii_strncasecmp(p, "* SEARCH", 8) == 0) {
                        const char *q = p + 8;

                        while (q < next) {
                                unsigned long long v;
                                char *e;

                                while (q < next && *q == ' ')
                                        q++;
                                v = strtoull(q, &e, 10);
                                if (e == q)
                                        break;
                                /* "n:*" always matches the highest UID, even below n. */
                                if (v > after_uid && v <= UINT32_MAX) {
                                        uint32_t u = (uint32_t)v;

                                        g_array_append_val(uids, u);
                                }
                                q = e;
                        }
                }
                p = next;
        }
        if (uids->len > 1)
                qsort(uids->data, uids->len, sizeof(uint32_t), cmp_uid);
        for (size_t i = 0; i < uids->len; i++)
                if (n == 0 || g_array_index(uids, uint32_t, i) != g_array_index(uids, uint32_t, n - 1))
                        g_array_index(uids, uint32_t, n++) = g_array_index(uids, uint32_t, i);
        *ret_uidvalidity = imap->uidvalidity;
        *ret_n = n;
        *ret_uids = n ? bf_xmalloc(n * sizeof(uint32_t)) : NULL;
        if (n)
                memcpy(*ret_uids, uids->data, n * sizeof(uint32_t));
        g_array_free(uids, TRUE);
        return 0;
}

/* True when the untagged FETCH line [p, e) names `uid`. */
static bool line_has_uid(const char *p, const char *e, uint32_t uid)
{
        char needle[32];
        size_t n = (size_t)snprintf(needle, sizeof needle, "UID %" PRIu32, uid);

        for (const char *q = p; q + n <= e; q++)
                if (g_ascii_strncasecmp(q, needle, n) == 0 &&
                    (q + n == e || q[n] == ' ' || q[n] == ')' || q[n] == '\r'))
                        return true;
        return false;
}

/* Finds the BODY[]<...> literal for `uid` in the last response: *ret_data
 * points into imap->resp. 0 or BF_ENOTFOUND. *ret_cut is set when the
 * response ended inside the literal: a message line looked like libcurl's
 * tag for the command, so it stopped reading there. The bytes up to that
 * line are genuine and returned; the connection is out of step. */
static int find_body(bf_imap *imap, uint32_t uid, const char **ret_data, size_t *ret_len,
                     bool *ret_cut, struct bf_error *err)
{
        const char *p = imap->resp->str, *end = p + imap->resp->len;

        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *le = nl ? nl : end, *next = nl ? nl + 1 : end, *body, *brace = NULL;
                unsigned long long size = 0;

                if (le > p && le[-1] == '\r')
                        le--;
                /* A line ending in {n} announces n bytes of literal data. */
                if (le > p && le[-1] == '}') {
                        brace = le - 1;
                        while (brace > p && *brace != '{')
                                brace--;
                        if (*brace == '{')
                                size = strtoull(brace + 1, NULL, 10);
                        else
                                brace = NULL;
                }
                body = p[0] == '*' && g_strstr_len(p, le - p, " FETCH (") ?
                               g_strstr_len(p, le - p, "BODY[]") : NULL;
                if (body && line_has_uid(p, le, uid)) {
                        if (!brace) {
                                /* An empty range comes as "" (or NIL). */
                                *ret_data = "";
                                *ret_len = 0;
                                return 0;
                        }
                        *ret_cut = size > (unsigned long long)(end - next);
                        *ret_data = next;
                        *ret_len = *ret_cut ? (size_t)(end - next) : (size_t)size;
                        return 0;
                }
                if (brace)
                        next = size > (unsigned long long)(end - next) ? end : next + size;
                p = next;
        }
        return bf_error_set(err, BF_ENOTFOUND, "no message with UID %" PRIu32 " in '%s'", uid,
                            imap->mailbox);
}

int imap_fetch(bf_imap *imap, uint32_t uid, size_t max_bytes, char **ret_raw, size_t *ret_len,
               struct bf_error *err)
{
        unsigned long long announced;
        char *buf = NULL, *cmd;
        size_t len = 0, alloc;
        const char *p;
        int r;

        /* Ask the size first: an oversized mail is refused without a download. */
        cmd = bf_xasprintf("UID FETCH %" PRIu32 " (RFC822.SIZE)", uid);
        r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);
        free(cmd);
        if (r < 0)
                return r;
        p = strstr(imap->resp->str, "RFC822.SIZE ");
        if (!p)
                return bf_error_set(err, BF_ENOTFOUND, "no message with UID %" PRIu32 " in '%s'",
                                    uid, imap->mailbox);
        announced = strtoull(p + strlen("RFC822.SIZE "), NULL, 10);
        if (announced > max_bytes)
                return bf_error_set(err, BF_ETOOBIG,
                                    "message UID %" PRIu32 " too large (limit %zu bytes)", uid,
                                    max_bytes);

        /* In pieces: libcurl caps one response's lines at 300 KiB. BODY.PEEK:
         * fetching must not set \Seen; only the acknowledgement may. */
        alloc = (size_t)announced + 1;
        buf = malloc(alloc);
        if (!buf)
                return bf_error_set(err, BF_ENOMEM, "out of memory for a %llu-byte message",
                                    announced);
        for (int cuts = 0;;) {
                const char *data = NULL;
                size_t n = 0;
                bool cut = false;

                cmd = bf_xasprintf("UID FETCH %" PRIu32 " BODY.PEEK[]<%zu.%u>", uid, len,
                                   IMAP_FETCH_CHUNK);
                r = mailbox_cmd(imap, cmd, IMAP_FETCH_CHUNK + IMAP_FETCH_SLACK, err);
                free(cmd);
                if (r == 0)
                        r = find_body(imap, uid, &data, &n, &cut, err);
                if (r < 0)
                        goto fail;
                if (cut && ++cuts > IMAP_MAX_CUTS) {
                        r = bf_error_set(err, BF_EIO,
                                         "message UID %" PRIu32 " keeps cutting FETCH short", uid);
                        goto fail;
                }
                if (n > IMAP_FETCH_CHUNK || len + n > max_bytes) {
                        r = bf_error_set(err, BF_ETOOBIG,
                                         "message UID %" PRIu32 " too large (limit %zu bytes)",
                                         uid, max_bytes);
                        goto fail;
                }
                if (len + n + 1 > alloc) {
                        char *grown;

                        alloc = (len + n + 1) * 2;
                        grown = realloc(buf, alloc);
                        if (!grown) {
                                r = bf_error_set(err, BF_ENOMEM, "out of memory for a message");
                                goto fail;
                        }
                        buf = grown;
                }
                if (n) {
                        memcpy(buf + len, data, n);
                        len += n;
                }
                if (cut)
                        setup_handle(imap, NULL); /* new connection, new tags; go on */
                else if (n < IMAP_FETCH_CHUNK)
                        break;
        }
        buf[len] = '\0';
        *ret_raw = buf;
        *ret_len = len;
        return 0;
fail:
        free(buf);
        return r;
}

/* Flags `uid` \Deleted and expunges it (just it with UIDPLUS). */
static int delete_uid(bf_imap *imap, uint32_t uid, struct bf_error *err)
{
        char *cmd = bf_xasprintf("UID STORE %" PRIu32 " +FLAGS.SILENT (\\Deleted)", uid);
        int r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);

        free(cmd);
        if (r < 0)
                return r;
        cmd = bf_xasprintf("UID EXPUNGE %" PRIu32, uid);
        r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);
        free(cmd);
        if (r == BF_EIO) /* no UIDPLUS: expunge whatever is flagged */
                r = mailbox_cmd(imap, "EXPUNGE", IMAP_MAX_RESPONSE, err);
        return r;
}

static bool said_trycreate(bf_imap *imap)
{
        char tagged[256];

        return strstr(last_tagged(imap, tagged, sizeof tagged), "[TRYCREATE]") != NULL;
}

/* Runs a command naming the move folder; creates the folder when the
 * server says it does not exist yet, and runs it again. */
static int folder_cmd(bf_imap *imap, const char *cmd, struct bf_error *err)
{
        int r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);

        if (r == BF_EIO && said_trycreate(imap)) {
                char *create = bf_xasprintf("CREATE %s", imap->folder_q);

                perform(imap, NULL, create, IMAP_MAX_RESPONSE, NULL);
                free(create);
                r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);
        }
        return r;
}

int imap_acknowledge(bf_imap *imap, uint32_t uid, struct bf_error *err)
{
        char *cmd;
        int r;

        switch (imap->after) {
        case AFTER_SEEN:
                cmd = bf_xasprintf("UID STORE %" PRIu32 " +FLAGS.SILENT (\\Seen)", uid);
                r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);
                free(cmd);
                return r;
        case AFTER_DELETE:
                return delete_uid(imap, uid, err);
        case AFTER_MOVE:
                cmd = bf_xasprintf("UID MOVE %" PRIu32 " %s", uid, imap->folder_q);
                r = folder_cmd(imap, cmd, err);
                free(cmd);
                if (r != BF_EIO)
                        return r;
                /* No MOVE (RFC 6851) on this server: copy, then delete. */
                cmd = bf_xasprintf("UID COPY %" PRIu32 " %s", uid, imap->folder_q);
                r = folder_cmd(imap, cmd, err);
                free(cmd);
                if (r < 0)
                        return r;
                return delete_uid(imap, uid, err);
        }
        return bf_error_set(err, BF_EINTERNAL, "bad imap.after");
}

int imap_append(bf_imap *imap, const char *mailbox, const void *raw, size_t len,
                struct bf_error *err)
{
        const char *target = mailbox && *mailbox ? mailbox : imap->mailbox;
        char *quoted = quote_mailbox(target), *escaped, *url, *cmd;
        const char *p;
        unsigned long long v, u;
        int r;

        if (!quoted)
                return bf_error_set(err, BF_EINVAL, "bad mailbox '%s'", target);
        escaped = curl_easy_escape(imap->curl, target, 0);
        url = bf_xasprintf("%s%s", imap->base_url, escaped);
        curl_free(escaped);

        imap->up = raw;
        imap->up_len = len;
        imap->up_pos = 0;
        curl_easy_setopt(imap->curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(imap->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
        r = perform(imap, url, NULL, IMAP_MAX_RESPONSE, err);
        curl_easy_setopt(imap->curl, CURLOPT_UPLOAD, 0L);
        curl_easy_setopt(imap->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)-1);
        imap->up = NULL;
        free(url);
        if (new_connection(imap))
                imap->selected = false;
        if (r < 0)
                goto out;

        /* libcurl appends with \Seen set; a new mail should look new. */
        p = strstr(imap->resp->str, "[APPENDUID ");
        if (!p || sscanf(p, "[APPENDUID %llu %llu]", &v, &u) != 2 || u == 0 || u > UINT32_MAX)
                goto out; /* no UIDPLUS: leave it */
        if (strcmp(target, imap->mailbox) == 0) {
                cmd = bf_xasprintf("UID STORE %llu -FLAGS.SILENT (\\Seen)", u);
                r = mailbox_cmd(imap, cmd, IMAP_MAX_RESPONSE, err);
        } else {
                cmd = bf_xasprintf("SELECT %s", quoted);
                imap->selected = false;
                r = perform(imap, NULL, cmd, IMAP_MAX_RESPONSE, err);
                free(cmd);
                cmd = bf_xasprintf("UID STORE %llu -FLAGS.SILENT (\\Seen)", u);
                if (r == 0 && !new_connection(imap))
                        r = perform(imap, NULL, cmd, IMAP_MAX_RESPONSE, err);
        }
        free(cmd);
out:
        free(quoted);
        return r;
}
