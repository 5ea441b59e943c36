/* config.c: billflow.conf (INI with ';' comments) through GKeyFile, the
 * home directory and its layout. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

static const char default_conf[] =
        "# billflow configuration. Every key can also be given on the command line\n"
        "# as --set SECTION.KEY=VALUE. Relative paths are under the home.\n"
        "\n"
        "[inbox]\n"
        "path = inbox              ; watched for new documents\n"
        "archive = archive         ; originals after a successful commit\n"
        "failed = failed           ; originals that could not be processed, with a .reason file\n"
        "poll = false              ; true: poll instead of inotify (network mounts)\n"
        "stable_seconds = 2        ; a polled file is taken once unchanged this long\n"
        "\n"
        "[store]\n"
        "url = sqlite:             ; sqlite: the home's billflow.db; sqlite:PATH; or a shared\n"
        "                          ; PostgreSQL: postgresql://USER@HOST:PORT/DATABASE\n"
        "password_file =           ; PostgreSQL's password alone, readable by its owner alone\n"
        "lease_seconds = 30        ; PostgreSQL: the files a silent 'billflow run' claimed go to\n"
        "                          ; another after this long\n"
        "\n"
        "[imap]\n"
        "url =                     ; e.g. imaps://mail.example.com/INBOX; empty: no mailbox\n"
        "user =\n"
        "password_file =           ; readable by its owner alone\n"
        "poll_seconds = 60\n"
        "after = seen              ; seen | move:FOLDER | delete, done only after the commit\n"
        "starttls = false          ; true: require STARTTLS on imap:// URLs\n"
        "allow_plaintext = false   ; true: allow a password in clear on imap:// without STARTTLS\n"
        "                          ; to a server that is not on this machine (never do this)\n"
        "ca_file =                 ; extra CA certificates (PEM) for the server; empty: the system's\n"
        "\n"
        "[ocr]\n"
        "language = auto           ; auto: each document in its own language; or a list: eng+deu\n"
        "tessdata =                ; model directory; empty: tesseract's (Debian: tessdata_fast)\n"
        "dpi = 300\n"
        "workers = 0               ; 0: one per core\n"
        "host_workers = 0          ; PostgreSQL: documents read at once by all the 'billflow run'\n"
        "                          ; of this machine on the same store.url; 0: one per core\n"
        "\n"
        "[capture]\n"
        "; Documents and mails are read in sandboxed reader processes under these caps.\n"
        "max_attempts = 3          ; a document whose reader crashes or times out this often goes to failed/\n"
        "timeout_seconds = 300     ; wall clock (and CPU time) per document\n"
        "max_memory_mb = 2048      ; a reader's address space\n"
        "max_pages = 200           ; pages of a document\n"
        "max_page_megapixels = 100 ; one page or image, at the OCR resolution\n"
        "max_total_megapixels = 1000 ; all the pages of a document to OCR\n"
        "max_mime_parts = 1000     ; MIME parts of a mail\n"
        "max_mime_depth = 10       ; nested multiparts of a mail\n"
        "max_decoded_mb = 100      ; attachments of a mail, decoded\n"
        "\n"
        "[rules]\n"
        "min_confidence = 0.80\n"
        "price_tolerance_pct = 2\n"
        "amount_tolerance = 0.02\n"
        "auto_post_limit =         ; empty: no limit\n"
        "\n"
        "[ledger]\n"
        "payable_account = Liabilities:AccountsPayable\n"
        "tax_account = Assets:InputTax\n"
        "\n"
        "; paying the bills (billflow pay, billflow bank)\n"
        "[pay]\n"
        "name =                    ; the paying company, as the bank file names it\n"
        "iban =                    ; the account the bills are paid from\n"
        "bic =                     ; its bank's BIC; empty: IBAN only\n"
        "bank_account = Assets:Bank\n"
        "discount_account = Income:EarlyPaymentDiscounts\n"
        "\n"
        "[bank]\n"
        "csv_columns = date=Date,amount=Amount,currency=Currency,iban=IBAN,name=Name,reference=Reference\n"
        "match_days = 14           ; how far a statement line's date may be from the payment's\n"
        "\n"
        "[extract]\n"
        "model =                   ; a ranker trained on your documents (scripts/train-ranker.sh); empty: the built-in one\n"
        "calibration =             ; confidences calibrated on your documents (scripts/fit-calibration.py); empty: the built-in one; none: the finders' own\n"
        "\n"
        "[metrics]\n"
        "listen =                  ; HOST:PORT for Prometheus at /metrics (e.g. 127.0.0.1:9464); empty: none\n"
        "\n"
        "[approval]\n"
        "; Durations: 90 (seconds), 30m, 48h, 2d; empty: never.\n"
        "required_above =          ; invoices above this total wait for an approver; empty: none do\n"
        "auto_below =              ; invoices with a matched PO below this need no approval\n"
        "remind_after = 2d         ; remind who must act after this long\n"
        "escalate_after = 4d       ; then to their deputy (else the next level's approver, else the admins)\n"
        "\n"
        "[notify]\n"
        "smtp_url =                ; smtps://mail.example.com or smtp://mail.example.com:587 (STARTTLS)\n"
        "from =                    ; the sender address of notification mails\n"
        "smtp_user =\n"
        "smtp_password_file =      ; readable by its owner alone\n"
        "webhook_url =             ; each event is POSTed here as JSON\n"
        "webhook_secret_file =     ; HMAC-SHA256 key for the X-Billflow-Signature header\n"
        "retry_after = 30s         ; a failed send is tried again after this, then twice as long...\n"
        "\n"
        "[alert]\n"
        "after = 1h                ; the mailbox unreachable this long: alert the admins\n"
        "queue_age = 3d            ; the oldest open exception older than this: alert\n"
        "exception_above =         ; an exception queued above this total: alert; empty: never\n";

const char *pipeline_config_default_text(void)
{
        return default_conf;
}

char *pipeline_config_default_home(const char *home_option)
{
        const char *env;

        if (home_option && *home_option)
                return g_strdup(home_option);
        env = getenv("BILLFLOW_HOME");
        if (env && *env)
                return g_strdup(env);
        /* The XDG spec: a relative $XDG_DATA_HOME is invalid and ignored. */
        env = getenv("XDG_DATA_HOME");
        if (env && *env && !g_path_is_absolute(env))
                return g_build_filename(g_get_home_dir(), ".local", "share", "billflow", NULL);
        return g_build_filename(g_get_user_data_dir(), "billflow", NULL);
}

enum key_type { KEY_STRING, KEY_PATH, KEY_INT, KEY_BOOL, KEY_CONFIDENCE, KEY_DECIMAL,
                KEY_OPT_DECIMAL, KEY_DURATION };

struct key_spec {
        const char *section, *key;
        enum key_type type;
};

static const struct key_spec keys[] = {
        { "inbox", "path", KEY_PATH },
        { "inbox", "archive", KEY_PATH },
        { "inbox", "failed", KEY_PATH },
        { "inbox", "poll", KEY_BOOL },
        { "inbox", "stable_seconds", KEY_INT },
        { "store", "url", KEY_STRING },
        { "store", "password_file", KEY_PATH },
        { "store", "lease_seconds", KEY_INT },
        { "imap", "url", KEY_STRING },
        { "imap", "user", KEY_STRING },
        { "imap", "password_file", KEY_PATH },
        { "imap", "poll_seconds", KEY_INT },
        { "imap", "after", KEY_STRING },
        { "imap", "starttls", KEY_BOOL },
        { "imap", "allow_plaintext", KEY_BOOL },
        { "imap", "ca_file", KEY_PATH },
        { "ocr", "language", KEY_STRING },
        { "ocr", "tessdata", KEY_PATH },
        { "ocr", "dpi", KEY_INT },
        { "ocr", "workers", KEY_INT },
        { "ocr", "host_workers", KEY_INT },
        { "capture", "max_attempts", KEY_INT },
        { "capture", "timeout_seconds", KEY_INT },
        { "capture", "max_memory_mb", KEY_INT },
        { "capture", "max_pages", KEY_INT },
        { "capture", "max_page_megapixels", KEY_INT },
        { "capture", "max_total_megapixels", KEY_INT },
        { "capture", "max_mime_parts", KEY_INT },
        { "capture", "max_mime_depth", KEY_INT },
        { "capture", "max_decoded_mb", KEY_INT },
        { "rules", "min_confidence", KEY_CONFIDENCE },
        { "rules", "price_tolerance_pct", KEY_DECIMAL },
        { "rules", "amount_tolerance", KEY_DECIMAL },
        { "rules", "auto_post_limit", KEY_OPT_DECIMAL },
        { "ledger", "payable_account", KEY_STRING },
        { "ledger", "tax_account", KEY_STRING },
        { "extract", "model", KEY_PATH },
        { "extract", "calibration", KEY_PATH },
        { "metrics", "listen", KEY_STRING },
        { "approval", "required_above", KEY_OPT_DECIMAL },
        { "approval", "auto_below", KEY_OPT_DECIMAL },
        { "approval", "remind_after", KEY_DURATION },
        { "approval", "escalate_after", KEY_DURATION },
        { "notify", "smtp_url", KEY_STRING },
        { "notify", "from", KEY_STRING },
        { "notify", "smtp_user", KEY_STRING },
        { "notify", "smtp_password_file", KEY_PATH },
        { "notify", "webhook_url", KEY_STRING },
        { "notify", "webhook_secret_file", KEY_PATH },
        { "notify", "retry_after", KEY_DURATION },
        { "alert", "after", KEY_DURATION },
        { "alert", "queue_age", KEY_DURATION },
        { "alert", "exception_above", KEY_OPT_DECIMAL },
        { "pay", "name", KEY_STRING },
        { "pay", "iban", KEY_STRING },
        { "pay", "bic", KEY_STRING },
        { "pay", "bank_account", KEY_STRING },
        { "pay", "discount_account", KEY_STRING },
        { "bank", "csv_columns", KEY_STRING },
        { "bank", "match_days", KEY_INT },
};

static const struct key_spec *find_key(const char *section, const char *key)
{
        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
                if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].key, key) == 0)
                        return &keys[i];
        return NULL;
}

/* GKeyFile knows only '#' comments; billflow.conf also allows ';' lines and
 * inline " ; comment" tails, so rewrite those before parsing. */
static char *strip_semicolon_comments(const char *text)
{
        GString *out = g_string_new(NULL);
        gchar **lines = g_strsplit(text, "\n", -1);

        for (gchar **l = lines; *l; l++) {
                char *line = *l, *p = line;
                bool quoted = false;

                while (*p == ' ' || *p == '\t')
                        p++;
                if (*p == ';') {
                        g_string_append(out, "#\n");
                        continue;
                }
                if (*p != '#' && *p != '[') {
                        for (char *q = line; *q; q++) {
                                if (*q == '"')
                                        quoted = !quoted;
                                if (*q == ';' && !quoted && q > line &&
                                    (q[-1] == ' ' || q[-1] == '\t')) {
                                        *q = '\0';
                                        break;
                                }
                        }
                }
                g_string_append(out, line);
                g_string_append_c(out, '\n');
        }
        g_strfreev(lines);
        return g_string_free(out, FALSE);
}

static char *resolve_path(const char *home, const char *value)
{
        if (!value || !*value)
                return NULL;
        if (g_path_is_absolute(value))
                return g_strdup(value);
        return g_build_filename(home, value, NULL);
}

/* "90", "90s", "30m", "48h", "2d" as seconds (up to a year); "" is 0. */
static int parse_duration(const char *v, int *ret)
{
        static const struct { char unit; int seconds; } units[] = {
                { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
        };
        char *end;
        long n;
        int mult = 1;

        if (!*v) {
                *ret = 0;
                return 0;
        }
        errno = 0;
        n = strtol(v, &end, 10);
        if (errno || end == v || n < 0 || !g_ascii_isdigit(*v))
                return BF_EINVAL;
        if (*end) {
                mult = 0;
                for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
                        if (end[0] == units[i].unit && !end[1])
                                mult = units[i].seconds;
                if (!mult)
                        return BF_EINVAL;
        }
        if (n > 366L * 86400 / mult)
                return BF_EINVAL;
        *ret = (int)(n * mult);
        return 0;
}

static int parse_int(const char *v, int lo, int hi, int *ret)
{
        char *end;
        long n;

        errno = 0;
        n = strtol(v, &end, 10);
        if (errno || end == v || *end || n < lo || n > hi)
                return BF_EINVAL;
        *ret = (int)n;
        return 0;
}

/* Stores one validated key into cfg. */
int pipeline_config_split_listen(const char *text, char **ret_host, int *ret_port)
{
        const char *colon, *host = text, *host_end;
        int port = 0;

        if (text[0] == '[') {
                /* [::1]:9464 */
                host = text + 1;
                if (!(host_end = strchr(host, ']')) || host_end[1] != ':')
                        return BF_EINVAL;
                colon = host_end + 1;
        } else {
                if (!(colon = strrchr(text, ':')) || memchr(text, ':', (size_t)(colon - text)))
                        return BF_EINVAL;
                host_end = colon;
        }
        if (host_end == host || parse_int(colon + 1, 0, 65535, &port) < 0)
                return BF_EINVAL;
        if (ret_host)
                *ret_host = g_strndup(host, (gsize)(host_end - host));
        if (ret_port)
                *ret_port = port;
        return 0;
}

static int apply_key(struct bf_config *cfg, const struct key_spec *k, const char *raw,
                     struct bf_error *err)
{
        g_autofree char *v = g_strstrip(g_strdup(raw ? raw : ""));
        char **slot = NULL;
        int *islot = NULL, lo = 0, hi = 1 << 30;
        bool *bslot = NULL, *hslot = NULL;
        bf_decimal *dslot = NULL;

        if (strcmp(k->section, "inbox") == 0) {
                if (strcmp(k->key, "path") == 0) slot = &cfg->inbox_path;
                else if (strcmp(k->key, "poll") == 0) bslot = &cfg->inbox_poll;
                else if (strcmp(k->key, "archive") == 0) slot = &cfg->archive_path;
                else if (strcmp(k->key, "failed") == 0) slot = &cfg->failed_path;
                else if (strcmp(k->key, "stable_seconds") == 0) { islot = &cfg->inbox_stable_seconds; hi = 86400; }
        } else if (strcmp(k->section, "store") == 0) {
                if (strcmp(k->key, "url") == 0) slot = &cfg->store_url;
                else if (strcmp(k->key, "password_file") == 0) slot = &cfg->store_password_file;
                else if (strcmp(k->key, "lease_seconds") == 0) { islot = &cfg->store_lease_seconds; lo = 2; hi = 86400; }
                if (strcmp(k->key, "url") == 0 && *v && strncmp(v, "sqlite:", 7) != 0 &&
                    !store_url_is_pg(v))
                        return bf_error_set(err, BF_EINVAL, "store.url must be sqlite:, sqlite:PATH "
                                            "or postgresql://USER@HOST:PORT/DATABASE, not '%s'", v);
        } else if (strcmp(k->section, "imap") == 0) {
                if (strcmp(k->key, "url") == 0) slot = &cfg->imap_url;
                else if (strcmp(k->key, "user") == 0) slot = &cfg->imap_user;
                else if (strcmp(k->key, "password_file") == 0) slot = &cfg->imap_password_file;
                else if (strcmp(k->key, "after") == 0) slot = &cfg->imap_after;
                else if (strcmp(k->key, "ca_file") == 0) slot = &cfg->imap_ca_file;
                else if (strcmp(k->key, "starttls") == 0) bslot = &cfg->imap_starttls;
                else if (strcmp(k->key, "allow_plaintext") == 0) bslot = &cfg->imap_allow_plaintext;
                else if (strcmp(k->key, "poll_seconds") == 0) { islot = &cfg->imap_poll_seconds; lo = 1; hi = 86400; }
        } else if (strcmp(k->section, "ocr") == 0) {
                if (strcmp(k->key, "language") == 0) slot = &cfg->ocr_language;
                else if (strcmp(k->key, "tessdata") == 0) slot = &cfg->ocr_tessdata;
                else if (strcmp(k->key, "dpi") == 0) { islot = &cfg->ocr_dpi; lo = 50; hi = 1200; }
                else if (strcmp(k->key, "workers") == 0) { islot = &cfg->ocr_workers; hi = 256; }
                else if (strcmp(k->key, "host_workers") == 0) { islot = &cfg->ocr_host_workers; hi = 256; }
        } else if (strcmp(k->section, "capture") == 0) {
                struct bf_capture_config *c = &cfg->capture;

                lo = 1;
                if (strcmp(k->key, "max_attempts") == 0) { islot = &c->max_attempts; hi = 100; }
                else if (strcmp(k->key, "timeout_seconds") == 0) { islot = &c->timeout_seconds; hi = 86400; }
                else if (strcmp(k->key, "max_memory_mb") == 0) { islot = &c->max_memory_mb; lo = 256; hi = 1 << 20; }
                else if (strcmp(k->key, "max_pages") == 0) { islot = &c->max_pages; hi = 100000; }
                else if (strcmp(k->key, "max_page_megapixels") == 0) { islot = &c->max_page_megapixels; hi = 100000; }
                else if (strcmp(k->key, "max_total_megapixels") == 0) { islot = &c->max_total_megapixels; hi = 1000000; }
                else if (strcmp(k->key, "max_mime_parts") == 0) { islot = &c->max_mime_parts; hi = 1000000; }
                else if (strcmp(k->key, "max_mime_depth") == 0) { islot = &c->max_mime_depth; hi = 100; }
                else if (strcmp(k->key, "max_decoded_mb") == 0) { islot = &c->max_decoded_mb; hi = 4095; }
        } else if (strcmp(k->section, "ledger") == 0) {
                if (strcmp(k->key, "payable_account") == 0) slot = &cfg->payable_account;
                else if (strcmp(k->key, "tax_account") == 0) slot = &cfg->tax_account;
        } else if (strcmp(k->section, "extract") == 0) {
                if (strcmp(k->key, "model") == 0) slot = &cfg->extract_model;
                else if (strcmp(k->key, "calibration") == 0) slot = &cfg->extract_calibration;
        } else if (strcmp(k->section, "metrics") == 0) {
                if (strcmp(k->key, "listen") == 0) slot = &cfg->metrics_listen;
        } else if (strcmp(k->section, "approval") == 0) {
                struct approval_policy *p = &cfg->approval.policy;
                if (strcmp(k->key, "required_above") == 0) { dslot = &p->required_above; hslot = &p->has_required_above; }
                else if (strcmp(k->key, "auto_below") == 0) { dslot = &p->auto_below; hslot = &p->has_auto_below; }
                else if (strcmp(k->key, "remind_after") == 0) islot = &cfg->approval.remind_after;
                else if (strcmp(k->key, "escalate_after") == 0) islot = &cfg->approval.escalate_after;
        } else if (strcmp(k->section, "notify") == 0) {
                struct bf_notify_config *n = &cfg->notify;
                if (strcmp(k->key, "smtp_url") == 0) slot = &n->smtp_url;
                else if (strcmp(k->key, "from") == 0) slot = &n->from;
                else if (strcmp(k->key, "smtp_user") == 0) slot = &n->smtp_user;
                else if (strcmp(k->key, "smtp_password_file") == 0) slot = &n->smtp_password_file;
                else if (strcmp(k->key, "webhook_url") == 0) slot = &n->webhook_url;
                else if (strcmp(k->key, "webhook_secret_file") == 0) slot = &n->webhook_secret_file;
                else if (strcmp(k->key, "retry_after") == 0) islot = &n->retry_after;
        } else if (strcmp(k->section, "alert") == 0) {
                if (strcmp(k->key, "after") == 0) islot = &cfg->alert.after;
                else if (strcmp(k->key, "queue_age") == 0) islot = &cfg->alert.queue_age;
                else if (strcmp(k->key, "exception_above") == 0) { dslot = &cfg->alert.exception_above; hslot = &cfg->alert.has_exception_above; }
        } else if (strcmp(k->section, "rules") == 0) {
                if (strcmp(k->key, "auto_post_limit") == 0) { dslot = &cfg->rules.auto_post_limit; hslot = &cfg->rules.has_auto_post_limit; }
        } else if (strcmp(k->section, "pay") == 0) {
                if (strcmp(k->key, "name") == 0) slot = &cfg->pay_name;
                else if (strcmp(k->key, "iban") == 0) slot = &cfg->pay_iban;
                else if (strcmp(k->key, "bic") == 0) slot = &cfg->pay_bic;
                else if (strcmp(k->key, "bank_account") == 0) slot = &cfg->pay_bank_account;
                else if (strcmp(k->key, "discount_account") == 0) slot = &cfg->pay_discount_account;
                /* checked here, so a typo is found by config check, not by the bank */
                if (*v && strcmp(k->key, "iban") == 0 && iban_check(v, NULL, NULL) < 0)
                        return bf_error_set(err, BF_EINVAL, "pay.iban '%s' is not a valid IBAN", v);
                if (*v && strcmp(k->key, "bic") == 0 && bic_check(v, NULL, NULL) < 0)
                        return bf_error_set(err, BF_EINVAL, "pay.bic '%s' is not a valid BIC", v);
                if (!*v && (strcmp(k->key, "bank_account") == 0 || strcmp(k->key, "discount_account") == 0))
                        return bf_error_set(err, BF_EINVAL, "pay.%s must not be empty", k->key);
        } else if (strcmp(k->section, "bank") == 0) {
                if (strcmp(k->key, "csv_columns") == 0) slot = &cfg->bank_csv_columns;
                else if (strcmp(k->key, "match_days") == 0) { islot = &cfg->bank_match_days; lo = 0; hi = 365; }
        }

        /* A key in keys[] that the lines above do not place is a bug here. */
        if (((k->type == KEY_STRING || k->type == KEY_PATH) && !slot) ||
            ((k->type == KEY_INT || k->type == KEY_DURATION) && !islot) || (k->type == KEY_BOOL && !bslot))
                return bf_error_set(err, BF_EINTERNAL, "%s.%s has no setting", k->section, k->key);
        switch (k->type) {
        case KEY_STRING:
        case KEY_PATH:
                if (!*v && (strcmp(k->section, "ledger") == 0 || strcmp(k->section, "inbox") == 0 ||
                            strcmp(k->key, "language") == 0))
                        return bf_error_set(err, BF_EINVAL, "%s.%s must not be empty",
                                            k->section, k->key);
                if (k->type == KEY_STRING && strcmp(k->key, "after") == 0 && *v &&
                    strcmp(v, "seen") != 0 && strcmp(v, "delete") != 0 &&
                    !(g_str_has_prefix(v, "move:") && v[5]))
                        return bf_error_set(err, BF_EINVAL,
                                            "imap.after must be seen, move:FOLDER or delete, not '%s'", v);
                if (strcmp(k->section, "metrics") == 0 && *v &&
                    pipeline_config_split_listen(v, NULL, NULL) < 0)
                        return bf_error_set(err, BF_EINVAL,
                                            "metrics.listen must be HOST:PORT (e.g. 127.0.0.1:9464), not '%s'", v);
                g_free(*slot);
                /* extract.calibration = none is a word, not a file */
                *slot = k->type == KEY_PATH && strcmp(v, "none") != 0 ? resolve_path(cfg->home, v) : g_strdup(v);
                return 0;
        case KEY_INT:
                if (parse_int(v, lo, hi, islot) < 0)
                        return bf_error_set(err, BF_EINVAL, "%s.%s must be a whole number from %d to %d, not '%s'",
                                            k->section, k->key, lo, hi, v);
                return 0;
        case KEY_BOOL:
                if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0)
                        *bslot = true;
                else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0)
                        *bslot = false;
                else
                        return bf_error_set(err, BF_EINVAL, "%s.%s must be true or false, not '%s'",
                                            k->section, k->key, v);
                return 0;
        case KEY_CONFIDENCE: {
                bf_decimal d;
                if (decimal_parse_plain(v, &d, NULL) < 0 || d.units < 0 ||
                    decimal_cmp(d, (bf_decimal){ 1, 0 }) > 0)
                        return bf_error_set(err, BF_EINVAL, "%s.%s must be a number from 0 to 1, not '%s'",
                                            k->section, k->key, v);
                cfg->rules.min_confidence = (double)d.units;
                for (int i = 0; i < d.scale; i++)
                        cfg->rules.min_confidence /= 10.0;
                return 0;
        }
        case KEY_DECIMAL:
        case KEY_OPT_DECIMAL: {
                bf_decimal d;
                if (k->type == KEY_OPT_DECIMAL && !*v) {
                        if (!hslot)
                                return bf_error_set(err, BF_EINTERNAL, "%s.%s has no setting", k->section, k->key);
                        *hslot = false;
                        return 0;
                }
                if (decimal_parse_plain(v, &d, NULL) < 0 || d.units < 0)
                        return bf_error_set(err, BF_EINVAL, "%s.%s must be a non-negative number, not '%s'",
                                            k->section, k->key, v);
                if (strcmp(k->key, "price_tolerance_pct") == 0)
                        cfg->rules.price_tolerance_pct = d;
                else if (strcmp(k->key, "amount_tolerance") == 0)
                        cfg->rules.amount_tolerance = d;
                else if (dslot && hslot) {
                        *dslot = d;
                        *hslot = true;
                } else {
                        return bf_error_set(err, BF_EINTERNAL, "%s.%s has no setting", k->section, k->key);
                }
                return 0;
        }
        case KEY_DURATION:
                if (parse_duration(v, islot) < 0)
                        return bf_error_set(err, BF_EINVAL,
                                            "%s.%s must be a duration (90, 90s, 30m, 48h, 2d), not '%s'",
                                            k->section, k->key, v);
                return 0;
        }
        return bf_error_set(err, BF_EINTERNAL, "unhandled key %s.%s", k->section, k->key);
}

static int apply_text(struct bf_config *cfg, const char *section, const char *key,
                      const char *value, struct bf_error *err)
{
        const struct key_spec *k = find_key(section, key);

        if (!k)
                return bf_error_set(err, BF_EINVAL, "unknown configuration key '%s.%s'",
                                    section, key);
        return apply_key(cfg, k, value, err);
}

/* Resets cfg to the defaults. They come from the same text `init` writes,
 * so they cannot drift. */
static int load_defaults(struct bf_config *cfg, const char *home, struct bf_error *err)
{
        g_autofree char *clean = strip_semicolon_comments(default_conf);
        g_autoptr(GKeyFile) kf = g_key_file_new();
        g_autoptr(GError) gerr = NULL;
        int r;

        memset(cfg, 0, sizeof(*cfg));
        cfg->home = g_canonicalize_filename(home, NULL);
        rules_config_init(&cfg->rules);
        if (!g_key_file_load_from_data(kf, clean, (gsize)-1, G_KEY_FILE_NONE, &gerr))
                return bf_error_set(err, BF_EINTERNAL, "bad built-in configuration: %s", gerr->message);
        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
                g_autofree char *v = g_key_file_get_value(kf, keys[i].section, keys[i].key, NULL);
                if ((r = apply_key(cfg, &keys[i], v, err)) < 0)
                        return r;
        }
        return 0;
}

/* The 1-based line of `key` in section `group` of a billflow.conf text, or
 * of the first line GKeyFile cannot take when key is NULL; 0 if not found.
 * GKeyFile reports neither, and a person fixing the file needs it. */
static int conf_line(const char *text, const char *group, const char *key)
{
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        g_autofree char *section = NULL;
        int found = 0;

        for (int i = 0; lines[i]; i++) {
                char *l = g_strstrip(lines[i]);
                const char *eq;

                if (!*l || *l == '#' || *l == ';')
                        continue;
                if (*l == '[') {
                        char *close = strchr(l, ']');
                        if (!close && !key)
                                return i + 1;
                        g_free(section);
                        section = close ? g_strndup(l + 1, (gsize)(close - l - 1)) : NULL;
                        continue;
                }
                eq = strchr(l, '=');
                if (!key) {
                        if (!eq || !section)
                                return i + 1;
                        continue;
                }
                if (eq && section && strcmp(section, group) == 0) {
                        g_autofree char *k = g_strstrip(g_strndup(l, (gsize)(eq - l)));
                        if (strcmp(k, key) == 0)
                                found = i + 1;  /* the last one is the one that counts */
                }
        }
        return found;
}

/* Applies the keys of a billflow.conf text; `name` names it in messages. */
static int apply_conf_text(struct bf_config *cfg, const char *name, const char *text,
                           struct bf_error *err)
{
        g_autofree char *clean = strip_semicolon_comments(text);
        g_autoptr(GKeyFile) kf = g_key_file_new();
        g_autoptr(GError) gerr = NULL;
        g_auto(GStrv) groups = NULL;

        if (!g_key_file_load_from_data(kf, clean, (gsize)-1, G_KEY_FILE_NONE, &gerr)) {
                int line = conf_line(text, NULL, NULL);
                if (line)
                        return bf_error_set(err, BF_EINVAL, "cannot parse '%s' line %d: %s", name, line,
                                            gerr->message);
                return bf_error_set(err, BF_EINVAL, "cannot parse '%s': %s", name, gerr->message);
        }
        groups = g_key_file_get_groups(kf, NULL);
        for (char **g = groups; *g; g++) {
                g_auto(GStrv) ks = g_key_file_get_keys(kf, *g, NULL, NULL);
                for (char **k = ks; k && *k; k++) {
                        g_autofree char *v = g_key_file_get_value(kf, *g, *k, NULL);
                        if (apply_text(cfg, *g, *k, v, err) < 0) {
                                int line = conf_line(text, *g, *k);
                                if (line)
                                        return bf_error_prefix(err, "'%s' line %d", name, line);
                                return bf_error_prefix(err, "'%s'", name);
                        }
                }
        }
        return 0;
}

static void link_accounts(struct bf_config *cfg)
{
        cfg->rules.payable_account = cfg->payable_account;
        cfg->rules.tax_account = cfg->tax_account;
}

int pipeline_config_load_text(struct bf_config *cfg, const char *home, const char *text,
                     struct bf_error *err)
{
        int r = load_defaults(cfg, home, err);

        if (r == 0)
                r = apply_conf_text(cfg, "billflow.conf", text, err);
        if (r < 0) {
                pipeline_config_release(cfg);
                return r;
        }
        link_accounts(cfg);
        return 0;
}

int pipeline_config_load(struct bf_config *cfg, const char *home, char *const *overrides,
                size_t n_overrides, struct bf_error *err)
{
        g_autofree char *conf_path = NULL, *text = NULL;
        g_autoptr(GError) gerr = NULL;
        GStatBuf st;
        gsize len;
        int r;

        if ((r = load_defaults(cfg, home, err)) < 0)
                goto fail;
        conf_path = g_build_filename(cfg->home, "billflow.conf", NULL);
        if (g_stat(conf_path, &st) == 0 && st.st_size > 1024 * 1024) {
                r = bf_error_set(err, BF_ETOOBIG, "'%s' is too large", conf_path);
                goto fail;
        }
        if (g_file_get_contents(conf_path, &text, &len, &gerr)) {
                if ((r = apply_conf_text(cfg, conf_path, text, err)) < 0)
                        goto fail;
        } else if (!g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
                r = bf_error_set(err, BF_EIO, "cannot read '%s': %s", conf_path, gerr->message);
                goto fail;
        }

        for (size_t i = 0; i < n_overrides; i++) {
                g_autofree char *copy = g_strdup(overrides[i]);
                char *eq = strchr(copy, '='), *dot;

                if (!eq || !(dot = memchr(copy, '.', (size_t)(eq - copy)))) {
                        r = bf_error_set(err, BF_EINVAL,
                                         "--set takes SECTION.KEY=VALUE, not '%s'", overrides[i]);
                        goto fail;
                }
                *eq = '\0';
                *dot = '\0';
                if ((r = apply_text(cfg, copy, dot + 1, eq + 1, err)) < 0)
                        goto fail;
        }
        link_accounts(cfg);
        return 0;
fail:
        pipeline_config_release(cfg);
        return r;
}

void pipeline_config_release(struct bf_config *cfg)
{
        if (!cfg)
                return;
        g_free(cfg->home);
        g_free(cfg->inbox_path);
        g_free(cfg->archive_path);
        g_free(cfg->failed_path);
        g_free(cfg->imap_url);
        g_free(cfg->imap_user);
        g_free(cfg->imap_password_file);
        g_free(cfg->imap_after);
        g_free(cfg->imap_ca_file);
        g_free(cfg->store_url);
        g_free(cfg->store_password_file);
        g_free(cfg->extract_model);
        g_free(cfg->extract_calibration);
        g_free(cfg->metrics_listen);
        g_free(cfg->ocr_language);
        g_free(cfg->ocr_tessdata);
        g_free(cfg->payable_account);
        g_free(cfg->tax_account);
        g_free(cfg->notify.smtp_url);
        g_free(cfg->notify.from);
        g_free(cfg->notify.smtp_user);
        g_free(cfg->notify.smtp_password_file);
        g_free(cfg->notify.webhook_url);
        g_free(cfg->notify.webhook_secret_file);
        g_free(cfg->pay_name);
        g_free(cfg->pay_iban);
        g_free(cfg->pay_bic);
        g_free(cfg->pay_bank_account);
        g_free(cfg->pay_discount_account);
        g_free(cfg->bank_csv_columns);
        memset(cfg, 0, sizeof(*cfg));
}

char *pipeline_config_store_db(const struct bf_config *cfg)
{
        const char *url = cfg->store_url;

        if (url && store_url_is_pg(url))
                return g_strdup(url);
        if (url && strncmp(url, "sqlite:", 7) == 0 && url[7])
                return resolve_path(cfg->home, url + 7);
        return g_build_filename(cfg->home, "billflow.db", NULL);
}

bool pipeline_config_store_is_pg(const struct bf_config *cfg)
{
        return cfg->store_url && store_url_is_pg(cfg->store_url);
}

static int make_dir(const char *path, struct bf_error *err)
{
        /* The home holds invoices, bank details and a database of them:
         * its owner's alone, whatever the umask. */
        if (g_mkdir_with_parents(path, 0700) < 0)
                return bf_error_set(err, BF_EIO, "cannot create '%s': %s", path, g_strerror(errno));
        return 0;
}

int pipeline_home_init(const char *home, struct bf_error *err)
{
        struct bf_config cfg;
        g_autofree char *conf = NULL, *db = NULL;
        bf_store *s;
        int r;

        if ((r = make_dir(home, err)) < 0)
                return r;
        conf = g_build_filename(home, "billflow.conf", NULL);
        if (!g_file_test(conf, G_FILE_TEST_EXISTS)) {
                g_autoptr(GError) gerr = NULL;
                if (!g_file_set_contents_full(conf, default_conf, -1,
                                              G_FILE_SET_CONTENTS_CONSISTENT, 0600, &gerr))
                        return bf_error_set(err, BF_EIO, "cannot write '%s': %s", conf, gerr->message);
        }
        if ((r = pipeline_config_load(&cfg, home, NULL, 0, err)) < 0)
                return r;
        if ((r = make_dir(cfg.inbox_path, err)) < 0 || (r = make_dir(cfg.archive_path, err)) < 0 ||
            (r = make_dir(cfg.failed_path, err)) < 0)
                goto out;
        db = pipeline_config_store_db(&cfg);
        s = store_open_url(db, cfg.store_password_file, cfg.archive_path, err);
        if (!s) {
                r = err ? err->code : BF_EIO;
                goto out;
        }
        store_close(s);
        r = 0;
out:
        pipeline_config_release(&cfg);
        return r;
}
