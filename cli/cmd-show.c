/* cmd-show.c: `billflow show DOC` — one document without the TUI: what was
 * read, how sure, why it stopped, what was posted, its history, and the
 * original back under a name with its proper extension. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli/cli.h"

/* What the stored bytes are, from their first bytes: a file extension. */
static const char *original_kind(const char *head, size_t n)
{
        static const struct {
                const char *magic;
                size_t len;
                const char *ext;
        } kinds[] = {
                { "%PDF-", 5, "pdf" },         { "\x89PNG\r\n\x1a\n", 8, "png" },
                { "\xff\xd8\xff", 3, "jpg" },  { "II*\0", 4, "tif" },
                { "MM\0*", 4, "tif" },         { "<?xml", 5, "xml" },
                { "GIF8", 4, "gif" },          { "BM", 2, "bmp" },
        };

        for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
                if (n >= kinds[i].len && memcmp(head, kinds[i].magic, kinds[i].len) == 0)
                        return kinds[i].ext;
        for (size_t i = 0; i + 1 < n && i < 512; i++)
                if ((i == 0 || head[i - 1] == '\n') &&
                    (g_ascii_strncasecmp(head + i, "From:", 5) == 0 ||
                     g_ascii_strncasecmp(head + i, "Received:", 9) == 0 ||
                     g_ascii_strncasecmp(head + i, "MIME-Version:", 13) == 0))
                        return "eml";
        return "bin";
}

static const char *exc_state_name(enum bf_exc_state st)
{
        switch (st) {
        case EXC_OPEN: return "open";
        case EXC_POSTED: return "posted";
        case EXC_REJECTED: return "rejected";
        }
        return "unknown";
}

/* Copies the original to dest ("-": stdout), refusing to replace a file
 * unless force. */
static int write_original(const char *data, size_t len, const char *dest, bool force,
                          struct bf_error *err)
{
        g_autoptr(GError) gerr = NULL;

        if (strcmp(dest, "-") == 0) {
                if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
                        return bf_error_set(err, BF_EIO, "cannot write the original to stdout");
                return 0;
        }
        if (!force && g_file_test(dest, G_FILE_TEST_EXISTS))
                return bf_error_set(err, BF_EEXIST, "'%s' exists; give --force to replace it", dest);
        if (!g_file_set_contents(dest, data, (gssize)len, &gerr))
                return bf_error_set(err, BF_EIO, "cannot write '%s': %s", dest, gerr->message);
        return 0;
}

static void add_str(JsonBuilder *b, const char *k, const char *v)
{
        json_builder_set_member_name(b, k);
        v ? json_builder_add_string_value(b, v) : json_builder_add_null_value(b);
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        const char *dest = NULL;
        bool force = false;
        int64_t id = 0, exc_id = 0, entry_id = 0, reversed_by = 0;
        bf_document d = { 0 };
        bf_invoice inv;
        bool have_inv = false;
        bf_exception e = { 0 };
        bf_audit_row *hist = NULL;
        size_t n_hist = 0;
        g_autofree char *path = NULL, *data = NULL;
        gsize len = 0;
        const char *kind = "bin";
        int status = EXIT_FAIL;
        bf_app app;
        char *end;

        for (int i = 1; i < argc; i++) {
                const char *v;
                if (cli_take_option(argc, argv, &i, "--original", &v)) {
                        if (!*v)
                                return cli_usage_error(&cmd_show, "--original needs a file name or '-'");
                        dest = v;
                } else if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0) {
                        force = true;
                } else if (argv[i][0] != '-' && id == 0) {
                        errno = 0;
                        id = strtoll(argv[i], &end, 10);
                        if (errno || *end || id <= 0)
                                return cli_usage_error(&cmd_show, "'%s' is not a document id", argv[i]);
                } else {
                        return cli_usage_error(&cmd_show, "unexpected '%s'", argv[i]);
                }
        }
        if (!id)
                return cli_usage_error(&cmd_show, "show needs a document id");
        invoice_init(&inv);
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (store_document_get(app.store, id, &d, &err) < 0)
                goto out;
        path = store_original_path(app.store, d.sha256);
        if (path && g_file_get_contents(path, &data, &len, NULL))
                kind = original_kind(data, len);
        if (dest) {
                if (!data) {
                        bf_error_set(&err, BF_ENOTFOUND, "no original stored for document %" PRId64, id);
                        goto out;
                }
                if (write_original(data, len, dest, force, &err) < 0)
                        goto out;
                if (strcmp(dest, "-") != 0)
                        cli_log(cli, 0, "wrote the original of document %" PRId64 " (%s, %zu bytes) to %s",
                                id, kind, (size_t)len, dest);
                status = EXIT_OK;
                goto out;
        }
        if (store_invoice_load(app.store, id, &inv, &err) == 0)
                have_inv = true;
        else if (err.code != BF_ENOTFOUND)
                goto out;
        if ((exc_id = store_exception_latest(app.store, id, &err)) < 0)
                goto out;
        if (exc_id && store_exception_get(app.store, exc_id, &e, &err) < 0)
                goto out;
        entry_id = store_entry_for_document(app.store, id);
        if (entry_id > 0)
                reversed_by = store_entry_reversed_by(app.store, entry_id);
        if (store_audit_load(app.store, id, &hist, &n_hist, &err) < 0)
                goto out;

        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "document_id");
                json_builder_add_int_value(b, d.id);
                add_str(b, "file", d.filename);
                add_str(b, "sha256", d.sha256);
                add_str(b, "source", d.source);
                json_builder_set_member_name(b, "pages");
                json_builder_add_int_value(b, d.pages);
                json_builder_set_member_name(b, "size");
                json_builder_add_int_value(b, d.size);
                add_str(b, "state", doc_state_name(d.state));
                add_str(b, "received_at", d.received_at);
                add_str(b, "original", data ? path : NULL);
                add_str(b, "original_type", data ? kind : NULL);
                json_builder_set_member_name(b, "extract");
                if (have_inv) {
                        json_builder_begin_object(b);
                        cli_json_invoice(b, &inv);
                        json_builder_end_object(b);
                } else {
                        json_builder_add_null_value(b);
                }
                json_builder_set_member_name(b, "exception");
                if (exc_id) {
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "id");
                        json_builder_add_int_value(b, e.id);
                        add_str(b, "state", exc_state_name(e.state));
                        add_str(b, "created_at", e.created_at);
                        add_str(b, "resolution", e.resolution);
                        cli_json_reasons(b, e.reasons, e.n_reasons);
                        json_builder_end_object(b);
                } else {
                        json_builder_add_null_value(b);
                }
                json_builder_set_member_name(b, "entry_id");
                entry_id > 0 ? json_builder_add_int_value(b, entry_id) : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "reversed_by");
                reversed_by > 0 ? json_builder_add_int_value(b, reversed_by)
                                : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "history");
                json_builder_begin_array(b);
                for (size_t i = 0; i < n_hist; i++) {
                        JsonBuilder *row = cli_audit_json(&hist[i]);
                        JsonNode *node = json_builder_get_root(row);
                        json_builder_add_value(b, node);
                        g_object_unref(row);
                }
                json_builder_end_array(b);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                g_autofree char *fn = cli_safe_text(d.filename ? d.filename : "-");
                g_autofree char *src = cli_safe_text(d.source ? d.source : "-");
                printf("document %" PRId64 "  %s  %s\n", d.id, fn, doc_state_name(d.state));
                printf("  received %s from %s, %" PRId64 " bytes, %d page%s, sha256 %s\n",
                       d.received_at ? d.received_at : "-", src, d.size, d.pages,
                       d.pages == 1 ? "" : "s", d.sha256);
                if (data)
                        printf("  original %s (%s): 'billflow show %" PRId64
                               " --original FILE.%s' writes a copy\n", path, kind, d.id, kind);
                else
                        printf("  original not stored\n");
                if (have_inv) {
                        printf("fields (confidence):\n");
                        cli_print_invoice(stdout, &inv);
                }
                if (exc_id) {
                        printf("exception %" PRId64 ": %s since %s\n", e.id, exc_state_name(e.state),
                               e.created_at ? e.created_at : "-");
                        for (size_t i = 0; i < e.n_reasons; i++) {
                                g_autofree char *det = cli_safe_text(e.reasons[i].detail ? e.reasons[i].detail : "");
                                printf("  %-26s %s\n", reason_name(e.reasons[i].reason), det);
                        }
                        if (e.resolution) {
                                g_autofree char *res = cli_safe_text(e.resolution);
                                printf("  resolution: %s\n", res);
                        }
                }
                if (entry_id > 0) {
                        printf("posted as entry %" PRId64, entry_id);
                        if (reversed_by > 0)
                                printf(", reversed by entry %" PRId64, reversed_by);
                        printf("\n");
                }
                printf("history:\n");
                for (size_t i = 0; i < n_hist; i++) {
                        fputs("  ", stdout);
                        cli_print_audit(stdout, &hist[i]);
                }
                if (!n_hist)
                        printf("  (none)\n");
        }
        status = EXIT_OK;
out:
        if (status != EXIT_OK)
                cli_error("%s", err.msg);
        store_audit_free(hist, n_hist);
        if (exc_id)
                exception_release(&e);
        invoice_release(&inv);
        document_release(&d);
        app_close(&app);
        return status;
}

const struct bf_cmd cmd_show = {
        .name = "show", .usage = "DOC [--original FILE|- [--force]]", .run = run,
        .summary = "one document: fields and confidences, reasons, entry, history; the original back",
        .help = "Without options, prints what was read from document DOC (with each field's\n"
                "confidence), its exception and reasons, the ledger entry it was posted as,\n"
                "and its history from the audit log; --json prints one object.\n"
                "--original FILE writes a copy of the stored original (the archive names\n"
                "files by hash, without extension; show names the type) — '-' for stdout;\n"
                "an existing FILE is replaced only with --force.\n",
};
