/* notify.c: SMTP and webhook delivery through libcurl, for the outbox. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <glib.h>

#include "capture/capture-int.h"
#include "capture/notify.h"

/* An upload from memory. */
struct upload {
        const char *data;
        size_t len, off;
};

static size_t on_read(char *buf, size_t size, size_t n, void *ctx)
{
        struct upload *u = ctx;
        size_t want = size * n, left = u->len - u->off;

        if (want > left)
                want = left;
        memcpy(buf, u->data + u->off, want);
        u->off += want;
        return want;
}

static size_t on_discard(char *buf, size_t size, size_t n, void *ctx)
{
        (void)buf;
        (void)ctx;
        return size * n;
}

/* A header value on one line: CR, LF and other controls become spaces, so
 * nothing a document says can add a header. */
static char *one_line(const char *s)
{
        char *out = g_strdup(s ? s : "");

        for (char *p = out; *p; p++)
                if ((unsigned char)*p < 0x20 || *p == 0x7f)
                        *p = ' ';
        return out;
}

/* RFC 2047 for a header with text outside ASCII. */
static char *header_text(const char *s)
{
        g_autofree char *line = one_line(s);
        g_autofree char *b64 = NULL;

        for (const char *p = line; *p; p++)
                if ((unsigned char)*p >= 0x80) {
                        b64 = g_base64_encode((const guchar *)line, strlen(line));
                        return g_strdup_printf("=?UTF-8?B?%s?=", b64);
                }
        return g_steal_pointer(&line);
}

static bool url_scheme(const char *url, const char *scheme, char **ret_host)
{
        CURLU *u = curl_url();
        char *sch = NULL, *host = NULL;
        bool ok = false;

        if (url && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_SCHEME, &sch, 0) == CURLUE_OK && strcmp(sch, scheme) == 0) {
                ok = true;
                curl_url_get(u, CURLUPART_HOST, &host, 0);
                if (ret_host)
                        *ret_host = g_strdup(host);
        }
        curl_free(sch);
        curl_free(host);
        curl_url_cleanup(u);
        return ok;
}

static int curl_failure(CURL *c, CURLcode rc, const char *errbuf, const char *what,
                        struct bf_error *err)
{
        (void)c;
        return bf_error_set(err, BF_EIO, "cannot %s: %s", what,
                            errbuf && *errbuf ? errbuf : curl_easy_strerror(rc));
}

int notify_send_mail(const struct notify_smtp *smtp, const char *to, const char *subject,
                     const char *message_id, const char *body, struct bf_error *err)
{
        g_autofree char *host = NULL, *password = NULL, *mail = NULL, *subj = NULL,
                        *rcpt = NULL, *from = NULL;
        char errbuf[CURL_ERROR_SIZE] = "", date[64];
        struct curl_slist *rcpts = NULL;
        struct upload up;
        bool smtps, plain_local = false;
        time_t now = time(NULL);
        struct tm tm;
        CURLcode rc;
        CURL *c;
        int r = 0;

        if (!smtp->url || !*smtp->url)
                return bf_error_set(err, BF_EINVAL, "notify.smtp_url is not set");
        if (!smtp->from || !*smtp->from)
                return bf_error_set(err, BF_EINVAL, "notify.from is not set");
        smtps = url_scheme(smtp->url, "smtps", NULL);
        if (!smtps) {
                if (!url_scheme(smtp->url, "smtp", &host))
                        return bf_error_set(err, BF_EINVAL, "bad notify.smtp_url '%s': not smtp:// or smtps://",
                                            smtp->url);
                plain_local = capture_loopback_host(host);
        }
        if (smtp->user && *smtp->user &&
            (r = capture_read_secret(smtp->password_file, "notify.smtp_password_file", &password,
                                     err)) < 0)
                return r;
        rcpt = one_line(to);
        from = one_line(smtp->from);
        subj = header_text(subject);
        gmtime_r(&now, &tm);
        strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
        mail = g_strdup_printf("Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\n"
                               "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n"
                               "Content-Type: text/plain; charset=UTF-8\r\n"
                               "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n",
                               date, from, rcpt, subj, message_id);
        {
                /* The body with CRLF line ends (libcurl dot-stuffs lines
                 * that start with a dot). */
                g_auto(GStrv) lines = g_strsplit(body ? body : "", "\n", -1);
                GString *m = g_string_new(mail);
                for (char **l = lines; *l; l++) {
                        size_t n = strlen(*l);
                        if (n && (*l)[n - 1] == '\r')
                                (*l)[n - 1] = '\0';
                        g_string_append(m, *l);
                        g_string_append(m, "\r\n");
                }
                g_free(mail);
                mail = g_string_free(m, FALSE);
        }
        up = (struct upload){ .data = mail, .len = strlen(mail) };
        if (!(c = curl_easy_init())) {
                r = bf_error_set(err, BF_ENOMEM, "cannot start libcurl");
                goto out;
        }
        rcpts = curl_slist_append(NULL, rcpt);
        curl_easy_setopt(c, CURLOPT_URL, smtp->url);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
        curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
        /* smtp:// to another machine must go encrypted (STARTTLS); on this
         * machine STARTTLS is used when the server offers it. */
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(plain_local ? CURLUSESSL_TRY : CURLUSESSL_ALL));
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
        if (smtp->ca_file && *smtp->ca_file)
                curl_easy_setopt(c, CURLOPT_CAINFO, smtp->ca_file);
        if (password) {
                curl_easy_setopt(c, CURLOPT_USERNAME, smtp->user);
                curl_easy_setopt(c, CURLOPT_PASSWORD, password);
        }
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(c, CURLOPT_READDATA, &up);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.len);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)smtp->timeout_seconds);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)smtp->timeout_seconds * 3);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        rc = curl_easy_perform(c);
        if (rc != CURLE_OK)
                r = curl_failure(c, rc, errbuf, "send mail", err);
        curl_slist_free_all(rcpts);
        curl_easy_cleanup(c);
out:
        if (password)
                explicit_bzero(password, strlen(password));
        return r;
}

char *notify_signature(const char *key, const char *body)
{
        GHmac *h = g_hmac_new(G_CHECKSUM_SHA256, (const guchar *)key, strlen(key));
        char *sig;

        g_hmac_update(h, (const guchar *)body, (gssize)strlen(body));
        sig = g_strdup_printf("sha256=%s", g_hmac_get_string(h));
        g_hmac_unref(h);
        return sig;
}

int notify_post_webhook(const char *url, const char *secret_file, const char *event_id,
                        const char *event_type, const char *body, int timeout_seconds,
                        struct bf_error *err)
{
        g_autofree char *secret = NULL, *h_sig = NULL, *h_id = NULL, *h_type = NULL,
                        *sig = NULL, *id = NULL, *type = NULL;
        char errbuf[CURL_ERROR_SIZE] = "";
        struct curl_slist *hdrs = NULL;
        long status = 0;
        CURLcode rc;
        CURL *c;
        int r = 0;

        if (!url || (!url_scheme(url, "http", NULL) && !url_scheme(url, "https", NULL)))
                return bf_error_set(err, BF_EINVAL, "bad notify.webhook_url '%s': not http:// or https://",
                                    url ? url : "");
        if (secret_file && *secret_file &&
            (r = capture_read_secret(secret_file, "notify.webhook_secret_file", &secret, err)) < 0)
                return r;
        id = one_line(event_id);
        type = one_line(event_type);
        h_id = g_strdup_printf("X-Billflow-Event-Id: %s", id);
        h_type = g_strdup_printf("X-Billflow-Event: %s", type);
        hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
        hdrs = curl_slist_append(hdrs, h_id);
        hdrs = curl_slist_append(hdrs, h_type);
        if (secret) {
                sig = notify_signature(secret, body);
                h_sig = g_strdup_printf("X-Billflow-Signature: %s", sig);
                hdrs = curl_slist_append(hdrs, h_sig);
                explicit_bzero(secret, strlen(secret));
        }
        if (!(c = curl_easy_init())) {
                curl_slist_free_all(hdrs);
                return bf_error_set(err, BF_ENOMEM, "cannot start libcurl");
        }
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
        curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
        curl_easy_setopt(c, CURLOPT_USERAGENT, "billflow/0.1");
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_discard);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)timeout_seconds);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)timeout_seconds * 3);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        rc = curl_easy_perform(c);
        if (rc != CURLE_OK)
                r = curl_failure(c, rc, errbuf, "post to the webhook", err);
        else if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status), status < 200 || status > 299)
                r = bf_error_set(err, BF_EIO, "the webhook answered HTTP %ld", status);
        curl_slist_free_all(hdrs);
        curl_easy_cleanup(c);
        return r;
}
