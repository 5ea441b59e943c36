/* util.c: output and error helpers shared by the subcommands. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "capture/capture.h"
#include "cli/cli.h"
#include "export/export.h"

#define MAX_INPUT_BYTES (256u * 1024 * 1024)

void cli_error(const char *fmt, ...)
{
        g_autofree char *msg = NULL, *safe = NULL;
        va_list ap;

        /* Messages quote file names and document text: made safe whole. */
        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        safe = text_safe(msg);
        fprintf(stderr, "billflow: %s\n", safe);
}

void cli_log(const struct cli *cli, int level, const char *fmt, ...)
{
        va_list ap;
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;

        if (level > cli->verbosity)
                return;
        gmtime_r(&now, &tm);
        strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
        fprintf(stderr, "%s %s ", stamp, level > 0 ? "debug" : "info");
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
}

void cli_print_help(const struct bf_cmd *cmd)
{
        printf("usage: billflow %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
        if (cmd->help)
                printf("\n%s", cmd->help);
        printf("\nGlobal options: --home DIR, --json, -q, -v, --user NAME, --set SECTION.KEY=VALUE\n");
}

int cli_usage_error(const struct bf_cmd *cmd, const char *fmt, ...)
{
        va_list ap;

        fputs("billflow: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fprintf(stderr, "\nusage: billflow %s %s\n", cmd->name, cmd->usage);
        return EXIT_USAGE;
}

bool cli_wants_help(int argc, char **argv)
{
        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--") == 0)
                        return false;
                if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
                        return true;
        }
        return false;
}

bool cli_open(struct cli *cli, bf_app *app, bool need_store)
{
        struct bf_error err = { 0 };

        if (pipeline_app_open(app, cli->home, cli->sets, cli->n_sets, cli->user, need_store, &err) < 0) {
                cli_error("%s", err.msg);
                return false;
        }
        /* Once users exist, whoever acts must be one of them. */
        if (pipeline_app_check_user(app, 0, NULL, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(app);
                return false;
        }
        return true;
}

void cli_json_line(JsonBuilder *b)
{
        g_autoptr(JsonGenerator) gen = json_generator_new();
        g_autoptr(JsonNode) root = json_builder_get_root(b);
        g_autofree char *text = NULL;

        json_generator_set_root(gen, root);
        text = json_generator_to_data(gen, NULL);
        puts(text);
        fflush(stdout);
        g_object_unref(b);
}

static void add_text_or_null(JsonBuilder *b, const char *key, const char *value)
{
        json_builder_set_member_name(b, key);
        if (value)
                json_builder_add_string_value(b, value);
        else
                json_builder_add_null_value(b);
}

void cli_json_file_error(const char *file, const char *msg)
{
        JsonBuilder *b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "file");
        json_builder_add_string_value(b, file);
        json_builder_set_member_name(b, "error");
        json_builder_add_string_value(b, msg);
        json_builder_end_object(b);
        cli_json_line(b);
}

void cli_json_invoice(JsonBuilder *b, const bf_invoice *inv)
{
        char buf[64];

        json_builder_set_member_name(b, "pages");
        json_builder_add_int_value(b, inv->pages);
        json_builder_set_member_name(b, "source");
        json_builder_add_string_value(b, source_name(inv->source));
        add_text_or_null(b, "vendor", inv->meta[FIELD_VENDOR].present ? inv->vendor_name : NULL);
        add_text_or_null(b, "vendor_id", inv->vendor_id);
        for (int f = FIELD_INVOICE_NUMBER; f < FIELD__COUNT; f++)
                add_text_or_null(b, field_name(f),
                                 invoice_field_text(inv, f, buf, sizeof(buf)) ? buf : NULL);
        if (inv->source == SOURCE_EINVOICE) {
                add_text_or_null(b, "vendor_tax_id", inv->vendor_tax_id);
                add_text_or_null(b, "einvoice_format", inv->einvoice_format);
        }
        if (inv->ocr_language[0])
                add_text_or_null(b, "ocr_language", inv->ocr_language);
        /* the account the invoice asks to be paid to, and its early-payment terms */
        add_text_or_null(b, "vendor_iban", inv->vendor_iban);
        /* booked to: its PO's cost centre, else its vendor's (set by the checks) */
        add_text_or_null(b, "cost_centre", inv->cost_centre);
        if (inv->discount_bp > 0) {
                bf_decimal pct = { inv->discount_bp, 2 };
                decimal_format(pct, buf, sizeof(buf));
        }
        add_text_or_null(b, "discount_pct", inv->discount_bp > 0 ? buf : NULL);
        json_builder_set_member_name(b, "discount_days");
        if (inv->discount_bp > 0)
                json_builder_add_int_value(b, inv->discount_days);
        else
                json_builder_add_null_value(b);
        json_builder_set_member_name(b, "lines");
        json_builder_begin_array(b);
        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *l = &inv->lines[i];
                json_builder_begin_object(b);
                add_text_or_null(b, "description", l->description);
                add_text_or_null(b, "quantity",
                                 l->has_quantity && decimal_format(l->quantity, buf, sizeof(buf)) > 0
                                         ? buf : NULL);
                add_text_or_null(b, "unit_price",
                                 l->has_unit_price && decimal_format(l->unit_price, buf, sizeof(buf)) > 0
                                         ? buf : NULL);
                add_text_or_null(b, "amount",
                                 l->has_amount && money_format(l->amount, buf, sizeof(buf)) > 0
                                         ? buf : NULL);
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_set_member_name(b, "confidence");
        json_builder_begin_object(b);
        for (int f = 0; f < FIELD__COUNT; f++) {
                if (!inv->meta[f].present)
                        continue;
                json_builder_set_member_name(b, field_name(f));
                /* Two decimals: a confidence is a score, not money. */
                json_builder_add_double_value(b, (double)(int)(inv->meta[f].confidence * 100 + 0.5) / 100.0);
        }
        json_builder_end_object(b);
}

void cli_json_reasons(JsonBuilder *b, const bf_reason_item *items, size_t n)
{
        json_builder_set_member_name(b, "reasons");
        json_builder_begin_array(b);
        for (size_t i = 0; i < n; i++)
                json_builder_add_string_value(b, reason_name(items[i].reason));
        json_builder_end_array(b);
        json_builder_set_member_name(b, "reason_details");
        json_builder_begin_array(b);
        for (size_t i = 0; i < n; i++) {
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "reason");
                json_builder_add_string_value(b, reason_name(items[i].reason));
                add_text_or_null(b, "detail", items[i].detail);
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
}

void cli_print_invoice(FILE *out, const bf_invoice *inv)
{
        char buf[64];

        for (int f = 0; f < FIELD__COUNT; f++) {
                g_autofree char *safe = NULL;
                bool have = invoice_field_text(inv, f, buf, sizeof(buf));
                if (f == FIELD_VENDOR && have)
                        safe = text_safe(inv->vendor_name ? inv->vendor_name : buf);
                else
                        safe = text_safe(have ? buf : "-");
                fprintf(out, "  %-15s %s", field_name(f), safe);
                if (f == FIELD_VENDOR && inv->vendor_id)
                        fprintf(out, " [%s]", inv->vendor_id);
                if (have)
                        fprintf(out, "  (%.2f)", inv->meta[f].confidence);
                fputc('\n', out);
        }
        if (inv->cost_centre) {
                g_autofree char *cc = text_safe(inv->cost_centre);
                fprintf(out, "  %-15s %s\n", "cost_centre", cc);
        }
        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *l = &inv->lines[i];
                char q[32] = "-", u[32] = "-", a[32] = "-";
                g_autofree char *d = text_safe(l->description ? l->description : "");
                if (l->has_quantity)
                        decimal_format(l->quantity, q, sizeof(q));
                if (l->has_unit_price)
                        decimal_format(l->unit_price, u, sizeof(u));
                if (l->has_amount)
                        money_format(l->amount, a, sizeof(a));
                fprintf(out, "  line %-3zu %-40.40s %8s x %10s = %10s\n", i + 1, d, q, u, a);
        }
}

int cli_read_input(const char *path, char **ret_data, size_t *ret_len, struct bf_error *err)
{
        g_autoptr(GError) gerr = NULL;
        GStatBuf st;
        gsize len;

        /* An empty file is still a document (unreadable), so it is read here
         * rather than refused. */
        if (g_stat(path, &st) < 0)
                return bf_error_set(err, BF_EIO, "%s", g_strerror(errno));
        if (!S_ISREG(st.st_mode))
                return bf_error_set(err, BF_EINVAL, "not a regular file");
        if ((guint64)st.st_size > MAX_INPUT_BYTES)
                return bf_error_set(err, BF_ETOOBIG, "file too large (%lld bytes)", (long long)st.st_size);
        if (!g_file_get_contents(path, ret_data, &len, &gerr))
                return bf_error_set(err, BF_EIO, "%s", gerr->message);
        *ret_len = len;
        return 0;
}

bool cli_parse_date_option(const struct bf_cmd *cmd, const char *option, const char *text,
                           bf_date *ret)
{
        if (date_parse_iso(text, ret) < 0) {
                cli_usage_error(cmd, "%s wants a date as YYYY-MM-DD, not '%s'", option, text);
                return false;
        }
        return true;
}

bool cli_take_option(int argc, char **argv, int *i, const char *name, const char **ret)
{
        size_t len = strlen(name);

        if (strcmp(argv[*i], name) == 0 && *i + 1 < argc) {
                *ret = argv[++*i];
                return true;
        }
        if (strncmp(argv[*i], name, len) == 0 && argv[*i][len] == '=') {
                *ret = argv[*i] + len + 1;
                return true;
        }
        return false;
}

void cli_json_add(JsonBuilder *b, const char *k, const char *v)
{
        json_builder_set_member_name(b, k);
        v ? json_builder_add_string_value(b, v) : json_builder_add_null_value(b);
}

static void add_opt(JsonBuilder *b, const char *k, const char *v)
{
        cli_json_add(b, k, v);
}

JsonBuilder *cli_audit_json(const bf_audit_row *a)
{
        JsonBuilder *b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "id");
        json_builder_add_int_value(b, a->id);
        add_opt(b, "at", a->at);
        add_opt(b, "user", a->user);
        add_opt(b, "action", a->action);
        json_builder_set_member_name(b, "document_id");
        a->document_id ? json_builder_add_int_value(b, a->document_id) : json_builder_add_null_value(b);
        add_opt(b, "field", a->field);
        add_opt(b, "old", a->old_value);
        add_opt(b, "new", a->new_value);
        json_builder_end_object(b);
        return b;
}

void cli_print_audit(FILE *out, const bf_audit_row *a)
{
        g_autofree char *u = text_safe(a->user), *f = text_safe(a->field);
        g_autofree char *o = text_safe(a->old_value), *nv = text_safe(a->new_value);

        fprintf(out, "%s %-10s %-10s doc %-5" PRId64 " %s: %s -> %s\n", a->at, u, a->action,
                a->document_id, *f ? f : "-", a->old_value ? o : "-", a->new_value ? nv : "-");
}

static bool progress_shown(const struct cli *cli, int n)
{
        return n > 1 && cli->verbosity >= 0 && isatty(STDERR_FILENO);
}

void cli_progress(const struct cli *cli, int i, int n, const char *name)
{
        g_autofree char *base = NULL, *safe = NULL;

        if (!progress_shown(cli, n))
                return;
        base = g_path_get_basename(name);
        safe = text_safe(base);
        /* \r and erase-line: one line, rewritten, never scrolling the log away. */
        fprintf(stderr, "\r\033[K[%d/%d] %.60s", i, n, safe);
        fflush(stderr);
}

void cli_progress_end(const struct cli *cli)
{
        if (cli->verbosity >= 0 && isatty(STDERR_FILENO)) {
                fputs("\r\033[K", stderr);
                fflush(stderr);
        }
}

void cli_json_strv(JsonBuilder *b, const char *name, char *const *strv)
{
        json_builder_set_member_name(b, name);
        json_builder_begin_array(b);
        for (char *const *p = strv; p && *p; p++)
                json_builder_add_string_value(b, *p);
        json_builder_end_array(b);
}

/* Writes text to a new file beside path (same directory, so the rename
 * that publishes it cannot cross file systems), flushed to disk. ret_tmp
 * gets its name (caller frees, and unlinks it when it is not renamed). */
int cli_write_temp(const char *path, const char *text, char **ret_tmp, struct bf_error *err)
{
        g_autofree char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
        g_autofree char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
        size_t len = strlen(text), off = 0;
        int fd, saved;

        if (g_file_test(path, G_FILE_TEST_IS_DIR))
                return bf_error_set(err, BF_EINVAL, "cannot write '%s': is a directory", path);
        if ((fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0644)) < 0)
                return bf_error_set(err, BF_EIO, "cannot write '%s': %s", path, g_strerror(errno));
        while (off < len) {
                ssize_t w = write(fd, text + off, len - off);
                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0)
                        goto fail;
                off += (size_t)w;
        }
        if (fsync(fd) < 0)
                goto fail;
        if (close(fd) < 0) {
                fd = -1;
                goto fail;
        }
        *ret_tmp = g_steal_pointer(&tmp);
        return 0;
fail:
        saved = errno ? errno : EIO;
        if (fd >= 0)
                close(fd);
        g_unlink(tmp);
        return bf_error_set(err, BF_EIO, "cannot write '%s': %s", path, g_strerror(saved));
}

/* Publishes a written temp file under its name and makes the rename durable. */
int cli_publish(const char *tmp, const char *path, struct bf_error *err)
{
        g_autofree char *dir = g_path_get_dirname(path);
        int fd;

        if (g_rename(tmp, path) < 0) {
                int saved = errno;
                g_unlink(tmp);
                return bf_error_set(err, BF_EIO, "cannot write '%s': %s", path, g_strerror(saved));
        }
        if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
                fsync(fd);
                close(fd);
        }
        return 0;
}

int cli_run_subcommand(const struct bf_cmd *cmd, const struct bf_subcmd *subs, size_t n,
                       struct cli *cli, int argc, char **argv)
{
        if (argc < 2)
                return cli_usage_error(cmd, "which %s command?", cmd->name);
        for (size_t i = 0; i < n; i++)
                if (strcmp(argv[1], subs[i].name) == 0)
                        return subs[i].run(cli, argc, argv);
        return cli_usage_error(cmd, "unknown %s command '%s'", cmd->name, argv[1]);
}
