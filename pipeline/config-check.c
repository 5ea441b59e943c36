/* config-check.c: what is wrong with a loaded configuration that loading
 * alone cannot see — files and folders it names, and the mailbox settings
 * that only fail when the service first polls. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pipeline/pipeline.h"

static void add(GPtrArray *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(GPtrArray *out, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        g_ptr_array_add(out, g_strdup_vprintf(fmt, ap));
        va_end(ap);
}

static void check_dir(GPtrArray *out, const char *key, const char *path)
{
        GStatBuf st;

        if (!path || !*path)
                add(out, "%s is empty", key);
        else if (g_stat(path, &st) < 0)
                add(out, "%s '%s': %s", key, path, g_strerror(errno));
        else if (!S_ISDIR(st.st_mode))
                add(out, "%s '%s' is not a folder", key, path);
        else if (g_access(path, W_OK | X_OK) < 0)
                add(out, "%s '%s' is not writable", key, path);
}

static void check_file(GPtrArray *out, const char *key, const char *path, bool secret)
{
        GStatBuf st;

        if (g_stat(path, &st) < 0) {
                add(out, "%s '%s': %s", key, path, g_strerror(errno));
                return;
        }
        if (!S_ISREG(st.st_mode))
                add(out, "%s '%s' is not a file", key, path);
        else if (g_access(path, R_OK) < 0)
                add(out, "%s '%s' is not readable", key, path);
        else if (secret && (st.st_mode & 077))
                add(out, "%s '%s' can be read by others (mode %03o): chmod 600 it; the service "
                    "refuses to use it", key, path, (unsigned)(st.st_mode & 0777));
}

char **pipeline_config_problems(const struct bf_config *cfg)
{
        GPtrArray *out = g_ptr_array_new();
        const char *url = cfg->imap_url;

        check_dir(out, "inbox.path", cfg->inbox_path);
        check_dir(out, "inbox.archive", cfg->archive_path);
        check_dir(out, "inbox.failed", cfg->failed_path);
        if (pipeline_config_store_is_pg(cfg)) {
                const char *u = strstr(cfg->store_url, "://") + 3;
                const char *at = strchr(u, '@'), *colon = strchr(u, ':');

                if (at && colon && colon < at)
                        add(out, "store.url has a password in it: put the password alone in "
                                 "store.password_file (chmod 600) instead");
                if (cfg->store_password_file && *cfg->store_password_file)
                        check_file(out, "store.password_file", cfg->store_password_file, true);
        } else if (cfg->store_password_file && *cfg->store_password_file) {
                add(out, "store.password_file is set but store.url is SQLite, which has none");
        }
        if (url && *url) {
                if (!g_str_has_prefix(url, "imap://") && !g_str_has_prefix(url, "imaps://"))
                        add(out, "imap.url '%s' is neither imap:// nor imaps://", url);
                if (!cfg->imap_user || !*cfg->imap_user)
                        add(out, "imap.url is set but imap.user is empty");
                if (!cfg->imap_password_file || !*cfg->imap_password_file)
                        add(out, "imap.url is set but imap.password_file is empty");
                else
                        check_file(out, "imap.password_file", cfg->imap_password_file, true);
                if (cfg->imap_ca_file && *cfg->imap_ca_file)
                        check_file(out, "imap.ca_file", cfg->imap_ca_file, false);
        }
        if (url && g_str_has_prefix(url, "imap://") && !cfg->imap_starttls &&
            !cfg->imap_allow_plaintext)
                add(out, "imap.url '%s' sends the password in clear unless the server is on "
                         "this machine: use imaps:// or imap.starttls = true", url);
        {
                /* What the home holds is its owner's alone (pipeline_home_init makes
                 * it so); say when others can read or enter it. */
                g_autofree char *db = g_build_filename(cfg->home, "billflow.db", NULL);
                g_autofree char *conf = g_build_filename(cfg->home, "billflow.conf", NULL);
                const char *const paths[] = { cfg->home, db, conf, cfg->archive_path };
                struct stat st;

                for (size_t i = 0; i < G_N_ELEMENTS(paths); i++)
                        if (paths[i] && stat(paths[i], &st) == 0 && (st.st_mode & 0077))
                                add(out, "'%s' can be read by others (chmod %s it)", paths[i],
                                    S_ISDIR(st.st_mode) ? "700" : "600");
        }
        {
                /* Notifications: what only fails at the first send. */
                const struct bf_notify_config *n = &cfg->notify;
                bool smtp = n->smtp_url && *n->smtp_url;
                if (smtp && !g_str_has_prefix(n->smtp_url, "smtp://") &&
                    !g_str_has_prefix(n->smtp_url, "smtps://"))
                        add(out, "notify.smtp_url '%s' is neither smtp:// nor smtps://", n->smtp_url);
                if (smtp && (!n->from || !*n->from))
                        add(out, "notify.smtp_url is set but notify.from is empty");
                if (smtp && n->smtp_user && *n->smtp_user) {
                        if (!n->smtp_password_file || !*n->smtp_password_file)
                                add(out, "notify.smtp_user is set but notify.smtp_password_file is empty");
                        else
                                check_file(out, "notify.smtp_password_file", n->smtp_password_file, true);
                }
                if (n->webhook_url && *n->webhook_url && !g_str_has_prefix(n->webhook_url, "http://") &&
                    !g_str_has_prefix(n->webhook_url, "https://"))
                        add(out, "notify.webhook_url '%s' is neither http:// nor https://", n->webhook_url);
                if (n->webhook_secret_file && *n->webhook_secret_file)
                        check_file(out, "notify.webhook_secret_file", n->webhook_secret_file, true);
        }
        if (!cfg->payable_account || !*cfg->payable_account)
                add(out, "ledger.payable_account is empty");
        if (!cfg->tax_account || !*cfg->tax_account)
                add(out, "ledger.tax_account is empty");
        g_ptr_array_add(out, NULL);
        return (char **)g_ptr_array_free(out, FALSE);
}
