/* test-imap.c: the IMAP client against a real dovecot (tests/imap/dovecot.py):
 * append, list, peek, parse, acknowledge, TLS, and a server that goes away. */
#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/mail.h"
#include "tests/imap/mails.h"
#include "tests/tap.h"

#define HUGE_LEN (3u << 20)

struct server {
        char dir[64];
        const char *script;
        char imap_port[16], imaps_port[16], user[64], password[64];
        char password_file[256], ca_file[256], pid[16];
};

static struct server srv;

static int fixture(const char *verb)
{
        char cmd[1024], line[512];
        FILE *f;
        int status;

        snprintf(cmd, sizeof cmd, "python3 '%s' %s '%s'", srv.script, verb, srv.dir);
        f = popen(cmd, "r");
        if (!f)
                return -1;
        while (fgets(line, sizeof line, f)) {
                char *eq = strchr(line, '='), *v;

                if (!eq)
                        continue;
                *eq = '\0';
                v = eq + 1;
                v[strcspn(v, "\n")] = '\0';
#define FIELD(name) if (strcmp(line, #name) == 0) snprintf(srv.name, sizeof srv.name, "%s", v)
                FIELD(imap_port);
                FIELD(imaps_port);
                FIELD(user);
                FIELD(password);
                FIELD(password_file);
                FIELD(ca_file);
                FIELD(pid);
#undef FIELD
        }
        status = pclose(f);
        return status == 0 ? 0 : -1;
}

static char *url(const char *scheme, const char *port, const char *mailbox)
{
        return g_strdup_printf("%s://127.0.0.1:%s/%s", scheme, port, mailbox);
}

static bf_imap *open_with(const char *u, const char *after, bool starttls, const char *ca,
                          struct bf_error *err)
{
        struct imap_options opt = {
                .url = u,
                .user = srv.user,
                .password_file = srv.password_file,
                .after = after,
                .starttls = starttls,
                .ca_file = ca,
                .timeout_seconds = 10,
        };

        return imap_open(&opt, err);
}

static size_t collect(char *data, size_t size, size_t n, void *ud)
{
        g_string_append_len(ud, data, (gssize)(size * n));
        return size * n;
}

/* The untagged answer to one command in `mailbox`, on a connection of its
 * own (libcurl selects the mailbox first). g_free() it; NULL on failure. */
static char *raw_cmd(const char *mailbox, const char *cmd)
{
        GString *out = g_string_new(NULL);
        char *u = url("imap", srv.imap_port, mailbox);
        CURL *c = curl_easy_init();
        CURLcode rc;

        curl_easy_setopt(c, CURLOPT_URL, u);
        curl_easy_setopt(c, CURLOPT_USERNAME, srv.user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, srv.password);
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, cmd);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
        rc = curl_easy_perform(c);
        curl_easy_cleanup(c);
        g_free(u);
        if (rc != CURLE_OK) {
                g_string_free(out, TRUE);
                return NULL;
        }
        return g_string_free(out, FALSE);
}

/* 1: the message has \Seen, 0: it has not, -1: no such message. */
static int is_seen(uint32_t uid)
{
        char cmd[64], *out;
        int r;

        snprintf(cmd, sizeof cmd, "UID FETCH %u FLAGS", uid);
        out = raw_cmd("INBOX", cmd);
        if (!out || !strstr(out, "FLAGS"))
                r = -1;
        else
                r = strstr(out, "\\Seen") != NULL;
        g_free(out);
        return r;
}

static size_t count_in(const char *mailbox)
{
        char *out = raw_cmd(mailbox, "UID SEARCH ALL");
        size_t n = 0;

        if (!out)
                return (size_t)-1;
        for (char *p = strstr(out, "* SEARCH"); p && *p && *p != '\r'; p++)
                if (*p == ' ' && p[1] >= '0' && p[1] <= '9')
                        n++;
        g_free(out);
        return n;
}

static bool has_uid(const uint32_t *uids, size_t n, uint32_t uid)
{
        for (size_t i = 0; i < n; i++)
                if (uids[i] == uid)
                        return true;
        return false;
}

static void test_password_file(void)
{
        struct bf_error err = { 0 };
        char path[300];
        char *u = url("imap", srv.imap_port, "INBOX");
        struct imap_options opt = { .url = u, .user = srv.user, .password_file = path };
        FILE *f;

        snprintf(path, sizeof path, "%s/password-open", srv.dir);
        f = fopen(path, "w");
        fputs(srv.password, f);
        fclose(f);
        chmod(path, 0644);
        TAP_OK(imap_open(&opt, &err) == NULL && err.code == BF_EINVAL,
               "password file readable by others is refused");
        TAP_OK(strstr(err.msg, "is readable by others (chmod 600 it)") != NULL, "%s", err.msg);
        chmod(path, 0640);
        TAP_OK(imap_open(&opt, &err) == NULL, "group-readable is refused too");
        snprintf(path, sizeof path, "%s/no-such-file", srv.dir);
        TAP_OK(imap_open(&opt, &err) == NULL, "missing password file: %s", err.msg);

        opt.password_file = srv.password_file;
        opt.url = "http://127.0.0.1/INBOX";
        TAP_OK(imap_open(&opt, &err) == NULL && err.code == BF_EINVAL, "http:// refused: %s",
               err.msg);
        opt.url = u;
        opt.after = "move:Bad\r\nA1 LOGOUT";
        TAP_OK(imap_open(&opt, &err) == NULL && err.code == BF_EINVAL,
               "CR/LF in the move folder refused");
        opt.after = "archive";
        TAP_OK(imap_open(&opt, &err) == NULL && err.code == BF_EINVAL, "bad after refused: %s",
               err.msg);
        opt.after = NULL;

        /* A password in clear leaves this machine only when asked to. */
        opt.url = "imap://mail.example.com/INBOX";
        TAP_OK(imap_open(&opt, &err) == NULL && err.code == BF_EINVAL &&
               strstr(err.msg, "password in clear") != NULL,
               "imap:// to a remote server without STARTTLS refused: %s", err.msg);
        opt.url = "imap://10.1.2.3:143/INBOX";
        TAP_OK(imap_open(&opt, &err) == NULL, "so is a remote address");
        {
                static const char *const local[] = { "imap://localhost:1/INBOX",
                                                      "imap://127.0.0.2:1/INBOX",
                                                      "imap://[::1]:1/INBOX" };
                for (size_t i = 0; i < G_N_ELEMENTS(local); i++) {
                        bf_imap *ok;

                        opt.url = local[i];
                        ok = imap_open(&opt, &err);
                        TAP_OK(ok != NULL, "a loopback server is allowed: %s", local[i]);
                        imap_close(ok);
                }
        }
        opt.url = "imap://mail.example.com/INBOX";
        opt.starttls = true;
        {
                bf_imap *ok = imap_open(&opt, &err);

                TAP_OK(ok != NULL, "imap:// with STARTTLS required is allowed");
                imap_close(ok);
        }
        opt.starttls = false;
        opt.allow_plaintext = true;
        {
                bf_imap *ok = imap_open(&opt, &err);

                TAP_OK(ok != NULL, "and with imap.allow_plaintext, knowingly");
                imap_close(ok);
        }
        opt.url = "imaps://mail.example.com/INBOX";
        opt.allow_plaintext = false;
        {
                bf_imap *ok = imap_open(&opt, &err);

                TAP_OK(ok != NULL, "imaps:// is allowed");
                imap_close(ok);
        }
        g_free(u);
}

/* Appends every sample; fills uids[] (ascending, one per sample). */
static void test_append_list(bf_imap *imap, uint32_t *uids)
{
        struct bf_error err = { 0 };
        uint32_t uidvalidity = 0, *got = NULL;
        size_t n = 0;
        int ok = 1;

        for (int c = 0; c < SAMPLE_COUNT_; c++) {
                size_t len;
                char *raw = sample_mail((enum sample)c, HUGE_LEN, &len);

                if (imap_append(imap, NULL, raw, len, &err) < 0) {
                        ok = 0;
                        printf("# append %d: %s\n", c, err.msg);
                }
                g_free(raw);
        }
        TAP_OK(ok, "appended %d sample mails", SAMPLE_COUNT_);
        TAP_INT_EQ(imap_list(imap, 0, &uidvalidity, &got, &n, &err), 0, "list (%s)", err.msg);
        TAP_INT_EQ(n, SAMPLE_COUNT_, "list sees every mail");
        TAP_OK(uidvalidity != 0, "uidvalidity %u", uidvalidity);
        for (size_t i = 0; i < n && i < SAMPLE_COUNT_; i++)
                uids[i] = got[i];
        for (size_t i = 1; i < n; i++)
                ok = ok && got[i] > got[i - 1];
        TAP_OK(ok, "uids ascending");
        free(got);

        {
                uint32_t v2 = 0, *none = NULL, *some = NULL;
                size_t nn = 99, ns = 0;

                TAP_INT_EQ(imap_list(imap, uids[SAMPLE_COUNT_ - 1], &v2, &none, &nn, &err), 0,
                           "list after the last uid");
                TAP_INT_EQ(nn, 0, "nothing above the highest uid (n:* quirk filtered)");
                TAP_INT_EQ(v2, uidvalidity, "same uidvalidity");
                TAP_INT_EQ(imap_list(imap, uids[4], &v2, &some, &ns, &err), 0, "list after uid 5");
                TAP_OK(ns == SAMPLE_COUNT_ - 5 && some && some[0] == uids[5], "the rest: %zu", ns);
                free(none);
                free(some);
        }
        for (int c = 0; c < SAMPLE_COUNT_; c++)
                ok = ok && is_seen(uids[c]) == 0;
        TAP_OK(ok, "appended mails are not \\Seen");
}

static void test_fetch_parse(bf_imap *imap, const uint32_t *uids)
{
        struct mail_limits lim;
        struct bf_error err = { 0 };
        bool unseen = true;
        char *raw = NULL;
        size_t len = 0;

        mail_limits_init(&lim);
        lim.max_attachment_bytes = 1u << 20;
        for (int c = 0; c < SAMPLE_COUNT_; c++) {
                char label[64];
                size_t want_len;
                char *want = sample_mail((enum sample)c, HUGE_LEN, &want_len);
                bf_mail m = { 0 };
                int r = imap_fetch(imap, uids[c], 50u << 20, &raw, &len, &err);

                snprintf(label, sizeof label, "imap mail %d", c);
                TAP_INT_EQ(r, 0, "%s: fetched (%s)", label, r ? err.msg : "ok");
                if (r == 0) {
                        TAP_OK(len == want_len && memcmp(raw, want, len) == 0,
                               "%s: the exact message (%zu bytes)", label, len);
                        TAP_INT_EQ(mail_parse(raw, len, &lim, &m, &err), 0, "%s: parses", label);
                        sample_check((enum sample)c, &m, label);
                        mail_release(&m);
                        free(raw);
                }
                g_free(want);
                unseen = unseen && is_seen(uids[c]) == 0;
        }
        TAP_OK(unseen, "fetching set no \\Seen flag (BODY.PEEK)");

        TAP_INT_EQ(imap_fetch(imap, uids[SAMPLE_HUGE], 1u << 20, &raw, &len, &err), BF_ETOOBIG,
                   "message over max_bytes: BF_ETOOBIG (%s)", err.msg);
        TAP_INT_EQ(imap_fetch(imap, uids[SAMPLE_COUNT_ - 1] + 100, 1u << 20, &raw, &len, &err),
                   BF_ENOTFOUND, "unknown uid: BF_ENOTFOUND");
        /* The handle still works after both. */
        TAP_INT_EQ(imap_fetch(imap, uids[0], 1u << 20, &raw, &len, &err), 0, "fetch again");
        free(raw);
}

/* Message lines that look like the tagged end of libcurl's FETCH: the
 * result is the exact message or an error, never wrong bytes. */
static void test_tag_lookalikes(bf_imap *imap)
{
        struct bf_error err = { 0 };
        GString *s = g_string_new(NULL);
        uint32_t v, *uids = NULL;
        size_t n = 0, len = 0;
        char *raw = NULL;
        int r;

        sample_headers(s, "Tags", "tags");
        g_string_append(s, "Content-Type: text/plain\r\n\r\n");
        for (int l = 0; l < 5; l++)
                for (int i = 0; i < 1000; i++)
                        g_string_append_printf(s, "%c%03d OK Fetch completed\r\n", 'A' + l, i);
        g_string_append(s, "* 1 EXISTS\r\n)\r\n");
        imap_append(imap, NULL, s->str, s->len, &err);
        imap_list(imap, 0, &v, &uids, &n, &err);
        r = n ? imap_fetch(imap, uids[n - 1], 1u << 20, &raw, &len, &err) : -100;
        TAP_OK(r == 0 && len == s->len && memcmp(raw, s->str, len) == 0,
               "tag look-alike lines: the exact message (%d %s)", r, r ? err.msg : "");
        if (r == 0)
                free(raw);
        r = n ? imap_fetch(imap, uids[0], 1u << 20, &raw, &len, &err) : -100;
        TAP_INT_EQ(r, 0, "the handle works afterwards (%s)", r ? err.msg : "ok");
        if (r == 0)
                free(raw);
        free(uids);
        g_string_free(s, TRUE);
}

static void test_acknowledge(const uint32_t *uids)
{
        struct bf_error err = { 0 };
        char *u = url("imap", srv.imap_port, "INBOX");
        bf_imap *seen = open_with(u, "seen", false, NULL, &err);
        bf_imap *move = open_with(u, "move:Processed/2026", false, NULL, &err);
        bf_imap *del = open_with(u, "delete", false, NULL, &err);
        uint32_t v, *list = NULL;
        size_t n = 0;

        TAP_OK(seen && move && del, "three handles open");
        if (!seen || !move || !del)
                goto out;
        /* acknowledge works after a list, as the service does it */
        imap_list(seen, 0, &v, &list, &n, &err);
        free(list);
        imap_list(move, 0, &v, &list, &n, &err);
        free(list);
        imap_list(del, 0, &v, &list, &n, &err);
        free(list);

        TAP_INT_EQ(imap_acknowledge(seen, uids[0], &err), 0, "ack seen (%s)", err.msg);
        TAP_INT_EQ(is_seen(uids[0]), 1, "now \\Seen");
        TAP_INT_EQ(is_seen(uids[5]), 0, "others untouched");

        TAP_INT_EQ(imap_acknowledge(move, uids[1], &err), 0, "ack move (%s)", err.msg);
        TAP_INT_EQ(is_seen(uids[1]), -1, "moved out of INBOX");
        TAP_INT_EQ(count_in("Processed%2F2026"), 1, "one mail in Processed/2026 (created)");
        TAP_INT_EQ(imap_acknowledge(move, uids[3], &err), 0, "second move into the existing folder");
        TAP_INT_EQ(count_in("Processed%2F2026"), 2, "two mails there");

        TAP_INT_EQ(imap_acknowledge(del, uids[2], &err), 0, "ack delete (%s)", err.msg);
        TAP_INT_EQ(is_seen(uids[2]), -1, "deleted and expunged");
        imap_list(del, 0, &v, &list, &n, &err);
        TAP_OK(!has_uid(list, n, uids[1]) && !has_uid(list, n, uids[2]) &&
               has_uid(list, n, uids[0]) && has_uid(list, n, uids[4]),
               "list: moved and deleted gone, the rest still there");
        free(list);
        TAP_INT_EQ(imap_acknowledge(del, uids[2], &err), 0, "ack of a gone mail is harmless");
out:
        imap_close(seen);
        imap_close(move);
        imap_close(del);
        g_free(u);
}

static void test_tls(void)
{
        struct bf_error err = { 0 };
        uint32_t v, *list = NULL;
        size_t n = 0;
        char *u;
        bf_imap *imap;

        if (!srv.ca_file[0] || strcmp(srv.imaps_port, "0") == 0) {
                printf("ok %d - # SKIP no openssl for a test certificate\n", ++tap_n);
                return;
        }
        u = url("imaps", srv.imaps_port, "INBOX");
        imap = open_with(u, "seen", false, srv.ca_file, &err);
        TAP_INT_EQ(imap ? imap_list(imap, 0, &v, &list, &n, &err) : -100, 0,
                   "imaps with the test CA (%s)", err.msg);
        TAP_OK(n > 0, "imaps lists %zu", n);
        free(list);
        imap_close(imap);

        imap = open_with(u, "seen", false, NULL, &err);
        TAP_OK(imap && imap_list(imap, 0, &v, &list, &n, &err) < 0,
               "imaps with an unknown CA fails: %s", err.msg);
        imap_close(imap);
        g_free(u);

        u = url("imap", srv.imap_port, "INBOX");
        imap = open_with(u, "seen", true, srv.ca_file, &err);
        list = NULL;
        TAP_INT_EQ(imap ? imap_list(imap, 0, &v, &list, &n, &err) : -100, 0,
                   "STARTTLS with the test CA (%s)", err.msg);
        free(list);
        imap_close(imap);
        imap = open_with(u, "seen", true, NULL, &err);
        TAP_OK(imap && imap_list(imap, 0, &v, &list, &n, &err) < 0,
               "STARTTLS with an unknown CA fails: %s", err.msg);
        imap_close(imap);
        g_free(u);
}

static void test_server_gone(bf_imap *imap, const uint32_t *uids)
{
        struct bf_error err = { 0 };
        uint32_t v, *list = NULL;
        size_t n = 0, len;
        char *raw = NULL;
        int r;

        TAP_INT_EQ(imap_list(imap, 0, &v, &list, &n, &err), 0, "list before the server stops");
        free(list);
        TAP_INT_EQ(fixture("stop"), 0, "dovecot stopped");
        r = imap_fetch(imap, uids[4], 1u << 20, &raw, &len, &err);
        TAP_OK(r == BF_EBUSY, "fetch with the server gone: BF_EBUSY (%d: %s)", r, err.msg);
        r = imap_acknowledge(imap, uids[4], &err);
        TAP_OK(r == BF_EBUSY, "acknowledge with the server gone: BF_EBUSY (%d)", r);
        r = imap_list(imap, 0, &v, &list, &n, &err);
        TAP_OK(r == BF_EBUSY, "list with the server gone: BF_EBUSY (%d)", r);
        TAP_INT_EQ(fixture("start"), 0, "dovecot restarted");
        TAP_INT_EQ(is_seen(uids[4]), 0, "the mail is untouched");
        r = imap_fetch(imap, uids[4], 1u << 20, &raw, &len, &err);
        TAP_INT_EQ(r, 0, "the same handle reconnects and fetches (%s)", r ? err.msg : "ok");
        if (r == 0)
                free(raw);
        TAP_INT_EQ(is_seen(uids[4]), 0, "still not \\Seen");
}

/* Kills the whole server (its process group) a moment after the fetch starts. */
static void *kill_soon(void *unused)
{
        pid_t pid = (pid_t)atoi(srv.pid);

        (void)unused;
        usleep(3000);
        if (pid > 1)
                kill(-pid, SIGKILL);
        return NULL;
}

/* The server stops while a big message is coming in: an error (or, if the
 * fetch won the race, the exact message), and the mail stays unseen. */
static void test_stop_mid_fetch(bf_imap *imap, const uint32_t *uids)
{
        struct bf_error err = { 0 };
        size_t len = 0, want_len;
        char *raw = NULL, *want = sample_mail(SAMPLE_HUGE, HUGE_LEN, &want_len);
        pthread_t t;
        int r;

        pthread_create(&t, NULL, kill_soon, NULL);
        r = imap_fetch(imap, uids[SAMPLE_HUGE], 50u << 20, &raw, &len, &err);
        pthread_join(t, NULL);
        TAP_OK(r == BF_EBUSY || (r == 0 && len == want_len && memcmp(raw, want, len) == 0),
               "fetch while the server is killed: BF_EBUSY or the exact message (%d %s)", r,
               r ? err.msg : "");
        printf("# the stop came %s\n", r ? "mid-fetch" : "after the fetch");
        if (r == 0)
                free(raw);
        g_free(want);
        fixture("stop");
        TAP_INT_EQ(fixture("start"), 0, "dovecot restarted");
        TAP_INT_EQ(is_seen(uids[SAMPLE_HUGE]), 0, "the big mail is untouched");
}

int main(void)
{
        struct bf_error err = { 0 };
        uint32_t uids[SAMPLE_COUNT_] = { 0 };
        char *u;
        bf_imap *imap;

        if (access("/usr/sbin/dovecot", X_OK) != 0 && !getenv("DOVECOT_BIN"))
                TAP_SKIP_ALL("dovecot not installed");
        srv.script = getenv("BILLFLOW_DOVECOT_PY");
        if (!srv.script)
                srv.script = "tests/imap/dovecot.py";
        snprintf(srv.dir, sizeof srv.dir, "/tmp/bf-imap-XXXXXX");
        if (!mkdtemp(srv.dir) || fixture("start") < 0) {
                printf("not ok 1 - dovecot fixture started\n1..1\n");
                return 1;
        }
        curl_global_init(CURL_GLOBAL_DEFAULT);

        test_password_file();
        u = url("imap", srv.imap_port, "INBOX");
        imap = open_with(u, "seen", false, NULL, &err);
        TAP_OK(imap != NULL, "imap_open (%s)", err.msg);
        if (imap) {
                test_append_list(imap, uids);
                test_fetch_parse(imap, uids);
                test_tag_lookalikes(imap);
                test_acknowledge(uids);
                test_tls();
                test_server_gone(imap, uids);
                test_stop_mid_fetch(imap, uids);
                imap_close(imap);
        }
        g_free(u);

        fixture("stop");
        if (tap_failed == 0) {
                char cmd[128];

                snprintf(cmd, sizeof cmd, "rm -rf '%s'", srv.dir);
                if (system(cmd) != 0)
                        printf("# could not remove %s\n", srv.dir);
        } else {
                printf("# server files kept in %s\n", srv.dir);
        }
        curl_global_cleanup();
        return tap_done();
}
