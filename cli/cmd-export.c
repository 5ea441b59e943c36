/* cmd-export.c: `billflow export` writes posted entries for an accounting
 * system and records the batch; `billflow exports` lists the batches. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "export/export.h"

static bool to_stdout(const char *out)
{
        return !out || strcmp(out, "-") == 0;
}

/* Where the export's text goes: stdout, or a temp file beside `out` that is
 * renamed into place after the commit. */
struct sink {
        const char *out;
        char *tmp;               /* the written temp file; owned */
};

static int sink_write(void *ctx, const char *text, struct bf_error *err)
{
        struct sink *s = ctx;

        if (!to_stdout(s->out))
                return cli_write_temp(s->out, text, &s->tmp, err);
        fputs(text, stdout);
        if (fflush(stdout) != 0 || ferror(stdout))
                return bf_error_set(err, BF_EIO, "cannot write to stdout");
        return 0;
}

/* An export is one transaction (pipeline_export_run): the entries are read,
 * rendered, written (stdout, or a temp file flushed to disk) and recorded
 * as a batch, then committed; a file is renamed into place only after the
 * commit. A failure before the commit records nothing and leaves no file; a
 * rename failing after it leaves the batch for --batch. */
static int run_export(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        struct bf_export_request req = { 0 };
        struct bf_export_result res = { 0 };
        struct sink sink = { 0 };
        const char *out = NULL;
        bool force = false;
        int status = EXIT_FAIL;
        bf_app app;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
                        req.format = argv[++i];
                else if (g_str_has_prefix(argv[i], "--format="))
                        req.format = argv[i] + 9;
                else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
                        out = argv[++i];
                else if (g_str_has_prefix(argv[i], "--out="))
                        out = argv[i] + 6;
                else if (strcmp(argv[i], "--all") == 0)
                        req.all = true;
                else if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0)
                        req.dry_run = true;
                else if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0)
                        force = true;
                else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) {
                        if (!record_id_parse(argv[++i], &req.batch))
                                return cli_usage_error(&cmd_export, "'%s' is not a batch id", argv[i]);
                } else
                        return cli_usage_error(&cmd_export, "unexpected '%s'", argv[i]);
        }
        if (!req.batch && !req.format)
                return cli_usage_error(&cmd_export, "give --format FMT (beancount, ledger, csv, iif, xero, json) or --batch ID");
        if (req.format && export_format_from_name(req.format) < 0)
                return cli_usage_error(&cmd_export, "unknown format '%s' (beancount, ledger, csv, iif, xero, json)", req.format);
        if (req.batch && req.all)
                return cli_usage_error(&cmd_export, "--batch and --all do not go together");
        if (out && !*out)
                return cli_usage_error(&cmd_export, "--out needs a file name or '-'");
        /* A file already there is somebody's: replacing it is asked for, not assumed. */
        if (!to_stdout(out) && !force && g_file_test(out, G_FILE_TEST_EXISTS)) {
                cli_error("'%s' exists; give --force to replace it, or another --out", out);
                return EXIT_FAIL;
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        req.out = to_stdout(out) ? NULL : out;
        req.write = sink_write;
        req.write_ctx = &sink;
        sink.out = out;
        if (pipeline_export_run(&app, &req, &res, &err) < 0)
                goto out;
        if (sink.tmp && cli_publish(sink.tmp, out, &err) < 0) {
                g_clear_pointer(&sink.tmp, g_free);
                if (res.batch) {
                        g_autofree char *why = g_strdup(err.msg);
                        bf_error_set(&err, BF_EIO, "%s; the entries are recorded as batch %" PRId64
                                     ": write them with 'billflow export --batch %" PRId64 " --out FILE'",
                                     why, res.batch, res.batch);
                }
                goto out;
        }
        g_clear_pointer(&sink.tmp, g_free);
        if (res.n == 0)
                cli_log(cli, 0, "no entries to export in %s", res.format);
        else if (req.dry_run && !req.batch && !req.all)
                cli_log(cli, 0, "dry run: %zu entr%s as %s%s%s; nothing recorded, the next export takes them",
                        res.n, res.n == 1 ? "y" : "ies", res.format, to_stdout(out) ? "" : " to ",
                        to_stdout(out) ? "" : out);
        else if (res.batch)
                cli_log(cli, 0, "exported %zu entr%s as %s%s%s (batch %" PRId64 ")", res.n,
                        res.n == 1 ? "y" : "ies", res.format, to_stdout(out) ? "" : " to ",
                        to_stdout(out) ? "" : out, res.batch);
        else
                cli_log(cli, 0, "wrote %zu entr%s as %s%s%s%s", res.n, res.n == 1 ? "y" : "ies",
                        res.format, to_stdout(out) ? "" : " to ", to_stdout(out) ? "" : out,
                        req.batch ? " (again)" : " (not recorded as a batch)");
        status = EXIT_OK;
out:
        if (sink.tmp) {
                g_unlink(sink.tmp);
                g_free(sink.tmp);
        }
        if (status != EXIT_OK)
                cli_error("%s", err.msg);
        g_free(res.format);
        pipeline_app_close(&app);
        return status;
}

const struct bf_cmd cmd_export = {
        .name = "export",
        .usage = "--format FMT [--out FILE [--force]] [--all | --dry-run] | --batch ID [--out FILE [--force]]",
        .run = run_export,
        .summary = "write posted entries not exported before (or --all) for an accounting system",
        .help = "Formats: beancount, ledger (ledger-cli/hledger journal), csv (one row per posting),\n"
                "iif (QuickBooks), xero (Xero bills CSV), json (JSON Lines).\n"
                "Without --out (or with --out -) the export goes to stdout; a file is written\n"
                "under a temporary name and renamed into place, never left half-written.\n"
                "Each export takes the entries not yet exported in that format and records\n"
                "them as a batch in the same transaction; --all writes every entry and\n"
                "records nothing; --batch ID writes a recorded batch again.\n"
                "--dry-run (-n) writes the entries the next export would take and records\n"
                "nothing: a preview that does not use them up. An existing --out file is\n"
                "refused unless --force (-f) is given.\n",
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
        if (pipeline_export_batches(&app, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
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
                        g_autofree char *o = text_safe(b->out ? b->out : "(stdout)");
                        printf("%-6" PRId64 " %-24s %-10s %7" PRId64 "  %s\n", b->id, b->created_at,
                               b->format, b->n_entries, o);
                }
        }
        export_batches_free(list, n);
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_exports = {
        .name = "exports", .usage = "", .run = run_exports,
        .summary = "list the export batches made so far ('export --batch ID' writes one again)",
};
