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

/* Copies the original (or a page image) to dest ("-": stdout), refusing to
 * replace a file unless force. */
static int write_original(const char *data, size_t len, const char *dest, bool force,
                          struct bf_error *err)
{
        g_autoptr(GError) gerr = NULL;

        if (strcmp(dest, "-") == 0) {
                if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
                        return bf_error_set(err, BF_EIO, "cannot write to stdout");
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
        const char *dest = NULL, *png_dest = NULL;
        bool force = false;
        long page = 0;
        int64_t id = 0;
        struct bf_document_view v = { 0 };
        g_autofree char *path = NULL, *data = NULL;
        gsize len = 0;
        const char *kind = "bin";
        int status = EXIT_FAIL;
        bf_app app;
        char *end;

        for (int i = 1; i < argc; i++) {
                const char *o;
                if (cli_take_option(argc, argv, &i, "--original", &o)) {
                        if (!*o)
                                return cli_usage_error(&cmd_show, "--original needs a file name or '-'");
                        dest = o;
                } else if (cli_take_option(argc, argv, &i, "--png", &o)) {
                        if (!*o)
                                return cli_usage_error(&cmd_show, "--png needs a file name or '-'");
                        png_dest = o;
                } else if (cli_take_option(argc, argv, &i, "--page", &o)) {
                        errno = 0;
                        page = strtol(o, &end, 10);
                        if (errno || *end || page <= 0 || page > 100000)
                                return cli_usage_error(&cmd_show, "--page wants a page number, not '%s'", o);
                } else if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0) {
                        force = true;
                } else if (argv[i][0] != '-' && id == 0) {
                        if (!record_id_parse(argv[i], &id))
                                return cli_usage_error(&cmd_show, "'%s' is not a document id", argv[i]);
                } else {
                        return cli_usage_error(&cmd_show, "unexpected '%s'", argv[i]);
                }
        }
        if (!id)
                return cli_usage_error(&cmd_show, "show needs a document id");
        if (page && !png_dest)
                return cli_usage_error(&cmd_show, "--page goes with --png FILE");
        if (png_dest && dest)
                return cli_usage_error(&cmd_show, "--png and --original write one file each: give one");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (png_dest) {
                void *png = NULL;
                size_t png_len = 0;

                if (!force && strcmp(png_dest, "-") != 0 && g_file_test(png_dest, G_FILE_TEST_EXISTS)) {
                        bf_error_set(&err, BF_EEXIST, "'%s' exists; give --force to replace it", png_dest);
                        goto out;
                }
                if (pipeline_page_png(&app, id, page ? (int)page : 1, &png, &png_len, &err) < 0)
                        goto out;
                if (write_original(png, png_len, png_dest, force, &err) == 0) {
                        status = EXIT_OK;
                        if (strcmp(png_dest, "-") != 0)
                                cli_log(cli, 0, "wrote page %ld of document %" PRId64 " (png, %zu bytes) to %s",
                                        page ? page : 1, id, png_len, png_dest);
                }
                free(png);
                goto out;
        }
        if (pipeline_document_view(&app, id, &v, &err) < 0)
                goto out;
        path = pipeline_original_path(&app, v.doc.sha256);
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

        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "document_id");
                json_builder_add_int_value(b, v.doc.id);
                add_str(b, "file", v.doc.filename);
                add_str(b, "sha256", v.doc.sha256);
                add_str(b, "source", v.doc.source);
                json_builder_set_member_name(b, "pages");
                json_builder_add_int_value(b, v.doc.pages);
                json_builder_set_member_name(b, "size");
                json_builder_add_int_value(b, v.doc.size);
                add_str(b, "state", doc_state_name(v.doc.state));
                add_str(b, "received_at", v.doc.received_at);
                add_str(b, "original", data ? path : NULL);
                add_str(b, "original_type", data ? kind : NULL);
                json_builder_set_member_name(b, "extract");
                if (v.has_invoice) {
                        json_builder_begin_object(b);
                        cli_json_invoice(b, &v.inv);
                        json_builder_end_object(b);
                } else {
                        json_builder_add_null_value(b);
                }
                json_builder_set_member_name(b, "exception");
                if (v.has_exception) {
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "id");
                        json_builder_add_int_value(b, v.exc.id);
                        add_str(b, "state", exc_state_name(v.exc.state));
                        add_str(b, "created_at", v.exc.created_at);
                        add_str(b, "resolution", v.exc.resolution);
                        cli_json_reasons(b, v.exc.reasons, v.exc.n_reasons);
                        json_builder_end_object(b);
                } else {
                        json_builder_add_null_value(b);
                }
                json_builder_set_member_name(b, "entry_id");
                v.entry_id > 0 ? json_builder_add_int_value(b, v.entry_id) : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "reversed_by");
                v.reversed_by > 0 ? json_builder_add_int_value(b, v.reversed_by)
                                : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "history");
                json_builder_begin_array(b);
                for (size_t i = 0; i < v.n_history; i++) {
                        JsonBuilder *row = cli_audit_json(&v.history[i]);
                        JsonNode *node = json_builder_get_root(row);
                        json_builder_add_value(b, node);
                        g_object_unref(row);
                }
                json_builder_end_array(b);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                g_autofree char *fn = text_safe(v.doc.filename ? v.doc.filename : "-");
                g_autofree char *src = text_safe(v.doc.source ? v.doc.source : "-");
                printf("document %" PRId64 "  %s  %s\n", v.doc.id, fn, doc_state_name(v.doc.state));
                printf("  received %s from %s, %" PRId64 " bytes, %d page%s, sha256 %s\n",
                       v.doc.received_at ? v.doc.received_at : "-", src, v.doc.size, v.doc.pages,
                       v.doc.pages == 1 ? "" : "s", v.doc.sha256);
                if (data)
                        printf("  original %s (%s): 'billflow show %" PRId64
                               " --original FILE.%s' writes a copy\n", path, kind, v.doc.id, kind);
                else
                        printf("  original not stored\n");
                if (v.has_invoice) {
                        printf("fields (confidence):\n");
                        cli_print_invoice(stdout, &v.inv);
                }
                if (v.has_exception) {
                        printf("exception %" PRId64 ": %s since %s\n", v.exc.id, exc_state_name(v.exc.state),
                               v.exc.created_at ? v.exc.created_at : "-");
                        for (size_t i = 0; i < v.exc.n_reasons; i++) {
                                g_autofree char *det = text_safe(v.exc.reasons[i].detail ? v.exc.reasons[i].detail : "");
                                printf("  %-26s %s\n", reason_name(v.exc.reasons[i].reason), det);
                        }
                        if (v.exc.resolution) {
                                g_autofree char *res = text_safe(v.exc.resolution);
                                printf("  resolution: %s\n", res);
                        }
                }
                if (v.entry_id > 0) {
                        printf("posted as entry %" PRId64, v.entry_id);
                        if (v.reversed_by > 0)
                                printf(", reversed by entry %" PRId64, v.reversed_by);
                        printf("\n");
                }
                printf("history:\n");
                for (size_t i = 0; i < v.n_history; i++) {
                        fputs("  ", stdout);
                        cli_print_audit(stdout, &v.history[i]);
                }
                if (!v.n_history)
                        printf("  (none)\n");
        }
        status = EXIT_OK;
out:
        if (status != EXIT_OK)
                cli_error("%s", err.msg);
        pipeline_document_view_release(&v);
        pipeline_app_close(&app);
        return status;
}

const struct bf_cmd cmd_show = {
        .name = "show", .usage = "DOC [--original FILE|- | --png FILE|- [--page N]] [--force]", .run = run,
        .summary = "one document: fields and confidences, reasons, entry, history; the original back",
        .help = "Without options, prints what was read from document DOC (with each field's\n"
                "confidence), its exception and reasons, the ledger entry it was posted as,\n"
                "and its history from the audit log; --json prints one object.\n"
                "--original FILE writes a copy of the stored original (the archive names\n"
                "files by hash, without extension; show names the type) — '-' for stdout;\n"
                "--png FILE writes page N (--page, default 1) as a PNG image: a PDF page\n"
                "rendered at ocr.dpi, a scan's page as stored; an existing FILE is\n"
                "replaced only with --force.\n",
};
