/* cmd-export.c: `billflow export` writes posted entries for an accounting
 * system and records the batch; `billflow exports` lists the batches. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "export/export.h"

/* Writes text to path atomically (temp file, fsync, rename), or to stdout. */
static int write_out(const char *path, const char *text, struct bf_error *err)
{
        g_autoptr(GError) gerr = NULL;

        if (!path || strcmp(path, "-") == 0) {
                fputs(text, stdout);
                return fflush(stdout) == 0 ? 0 : bf_error_set(err, BF_EIO, "cannot write to stdout");
        }
        if (!g_file_set_contents_full(path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                      G_FILE_SET_CONTENTS_DURABLE, 0644, &gerr))
                return bf_error_set(err, BF_EIO, "cannot write '%s': %s", path, gerr->message);
        return 0;
}

static int run_export(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        const char *format = NULL, *out = NULL;
        bool all = false;
        int64_t batch = 0, new_batch = 0, *ids = NULL;
        size_t n = 0;
        bf_journal_entry *entries = NULL;
        bf_invoice *invoices = NULL;
        struct export_item *items = NULL;
        g_autofree char *batch_format = NULL, *text = NULL;
        int fmt, status = EXIT_FAIL;
        bf_app app;
        char *end;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
                        format = argv[++i];
                else if (g_str_has_prefix(argv[i], "--format="))
                        format = argv[i] + 9;
                else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
                        out = argv[++i];
                else if (g_str_has_prefix(argv[i], "--out="))
                        out = argv[i] + 6;
                else if (strcmp(argv[i], "--all") == 0)
                        all = true;
                else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) {
                        errno = 0;
                        batch = strtoll(argv[++i], &end, 10);
                        if (errno || *end || batch <= 0)
                                return cli_usage_error(&cmd_export, "'%s' is not a batch id", argv[i]);
                } else
                        return cli_usage_error(&cmd_export, "unexpected '%s'", argv[i]);
        }
        if (!batch && !format)
                return cli_usage_error(&cmd_export, "give --format FMT (beancount, ledger, csv, iif, xero, json) or --batch ID");
        if (format && export_format_from_name(format) < 0)
                return cli_usage_error(&cmd_export, "unknown format '%s' (beancount, ledger, csv, iif, xero, json)", format);
        if (batch && all)
                return cli_usage_error(&cmd_export, "--batch and --all do not go together");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (store_begin(app.store, &err) < 0)
                goto out;
        if (batch) {
                if (store_export_batch_entries(app.store, batch, &batch_format, &ids, &n, &err) < 0)
                        goto fail;
                if (format && strcmp(format, batch_format) != 0) {
                        bf_error_set(&err, BF_EINVAL, "batch %" PRId64 " was exported as %s, not %s",
                                     batch, batch_format, format);
                        goto fail;
                }
                format = batch_format;
        } else if (store_export_candidates(app.store, format, all, &ids, &n, &err) < 0) {
                goto fail;
        }
        fmt = export_format_from_name(format);
        if (cli_load_export_items(&app, ids, n, &entries, &invoices, &items, &err) < 0)
                goto fail;
        {
                struct export_accounts acc = { app.cfg.payable_account, app.cfg.tax_account };
                text = export_render(fmt, items, n, &acc);
        }
        if (write_out(out, text, &err) < 0)
                goto fail;
        if (!batch && n && store_export_batch_add(app.store, format, out, app.user, ids, n, &new_batch,
                                                  &err) < 0)
                goto fail;
        if (!batch && n && store_audit(app.store, app.user, "export", 0, format, NULL,
                                       out ? out : "-", &err) < 0)
                goto fail;
        if (store_commit(app.store, &err) < 0)
                goto out;
        if (n == 0)
                cli_log(cli, 0, "no entries to export in %s", format);
        else
                cli_log(cli, 0, "exported %zu entr%s as %s%s%s (batch %" PRId64 ")", n,
                        n == 1 ? "y" : "ies", format, out ? " to " : "", out ? out : "",
                        batch ? batch : new_batch);
        status = EXIT_OK;
        goto out;
fail:
        store_rollback(app.store);
out:
        if (status != EXIT_OK)
                cli_error("%s", err.msg);
        if (entries)
                cli_free_export_items(entries, invoices, items, n);
        free(ids);
        app_close(&app);
        return status;
}

const struct bf_cmd cmd_export = {
        .name = "export", .usage = "--format FMT [--out FILE] [--all] | --batch ID [--out FILE]",
        .run = run_export,
        .summary = "write posted entries not exported before (or --all) for an accounting system",
        .help = "Formats: beancount, ledger (ledger-cli/hledger journal), csv (one row per posting),\n"
                "iif (QuickBooks), xero (Xero bills CSV), json (JSON Lines).\n"
                "Without --out the export goes to stdout. Each export is recorded as a batch\n"
                "per format; --batch ID writes a batch again, byte for byte.\n",
};

static int run_exports(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_export_batch *list = NULL;
        size_t n = 0;
        bf_app app;

        (void)argv;
        if (argc > 1)
                return cli_usage_error(&cmd_exports, "exports takes no arguments");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (store_export_batches_load(app.store, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                app_close(&app);
                return EXIT_FAIL;
        }
        if (!cli->json)
                printf("%-6s %-24s %-10s %7s  %s\n", "BATCH", "CREATED", "FORMAT", "ENTRIES", "OUT");
        for (size_t i = 0; i < n; i++) {
                const bf_export_batch *b = &list[i];
                if (cli->json) {
                        JsonBuilder *jb = json_builder_new();
                        json_builder_begin_object(jb);
                        json_builder_set_member_name(jb, "id");
                        json_builder_add_int_value(jb, b->id);
                        json_builder_set_member_name(jb, "format");
                        json_builder_add_string_value(jb, b->format);
                        json_builder_set_member_name(jb, "created_at");
                        json_builder_add_string_value(jb, b->created_at);
                        json_builder_set_member_name(jb, "entries");
                        json_builder_add_int_value(jb, b->n_entries);
                        json_builder_set_member_name(jb, "out");
                        b->out ? json_builder_add_string_value(jb, b->out) : json_builder_add_null_value(jb);
                        json_builder_set_member_name(jb, "user");
                        b->user ? json_builder_add_string_value(jb, b->user) : json_builder_add_null_value(jb);
                        json_builder_end_object(jb);
                        cli_json_line(jb);
                } else {
                        g_autofree char *o = cli_safe_text(b->out ? b->out : "(stdout)");
                        printf("%-6" PRId64 " %-24s %-10s %7" PRId64 "  %s\n", b->id, b->created_at,
                               b->format, b->n_entries, o);
                }
        }
        store_export_batches_free(list, n);
        app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_exports = {
        .name = "exports", .usage = "", .run = run_exports,
        .summary = "list the export batches made so far ('export --batch ID' writes one again)",
};
