/* cmd-resolve.c: `billflow resolve ID ...`, the scripted twin of the TUI's
 * actions (both go through pipeline_resolve_apply). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_print_result(struct cli *cli, const char *file, const struct bf_result *res);

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_resolve_request req = { 0 };
        struct bf_error err = { 0 };
        struct bf_result res;
        g_autoptr(GPtrArray) sets = g_ptr_array_new();
        g_autoptr(GArray) overrides = g_array_new(FALSE, FALSE, sizeof(enum bf_reason));
        bf_app app;
        int actions = 0, status = EXIT_OK;

        if (argc < 2)
                return cli_usage_error(&cmd_resolve, "resolve needs an exception id");
        if (!record_id_parse(argv[1], &req.exception_id))
                return cli_usage_error(&cmd_resolve, "'%s' is not an exception id", argv[1]);
        for (int i = 2; i < argc; i++) {
                const char *a = argv[i];
                if (strcmp(a, "--set") == 0 && i + 1 < argc) {
                        g_ptr_array_add(sets, argv[++i]);
                } else if (g_str_has_prefix(a, "--set=")) {
                        g_ptr_array_add(sets, argv[i] + 6);
                } else if (strcmp(a, "--post") == 0) {
                        req.action = RESOLVE_POST;
                        actions++;
                } else if (strcmp(a, "--recheck") == 0) {
                        req.action = RESOLVE_RECHECK;
                        actions++;
                } else if (strcmp(a, "--reject") == 0 && i + 1 < argc) {
                        req.action = RESOLVE_REJECT;
                        req.reject_reason = argv[++i];
                        actions++;
                } else if (strcmp(a, "--override") == 0) {
                        bool any = false;
                        while (i + 1 < argc && argv[i + 1][0] != '-') {
                                int r = reason_from_name(argv[++i]);
                                if (r < 0)
                                        return cli_usage_error(&cmd_resolve, "unknown reason '%s'", argv[i]);
                                enum bf_reason reason = r;
                                g_array_append_val(overrides, reason);
                                any = true;
                        }
                        if (!any)
                                return cli_usage_error(&cmd_resolve, "--override needs at least one reason");
                } else {
                        return cli_usage_error(&cmd_resolve, "unknown or incomplete option '%s'", a);
                }
        }
        if (actions > 1)
                return cli_usage_error(&cmd_resolve, "give one of --post, --reject, --recheck");
        if (actions == 0 && sets->len == 0)
                return cli_usage_error(&cmd_resolve, "nothing to do: give --set, --post, --reject or --recheck");
        if (overrides->len && req.action != RESOLVE_POST)
                return cli_usage_error(&cmd_resolve, "--override goes with --post");
        if (req.action == RESOLVE_REJECT && !*req.reject_reason)
                return cli_usage_error(&cmd_resolve, "--reject needs a reason");
        req.sets = (char *const *)sets->pdata;
        req.n_sets = sets->len;
        req.overrides = (const enum bf_reason *)(void *)overrides->data;
        req.n_overrides = overrides->len;
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_resolve_apply(&app, &req, &res, &err) < 0) {
                cli_error("%s", err.msg);
                status = EXIT_FAIL;
        } else {
                char label[32];
                snprintf(label, sizeof(label), "exception %" PRId64, req.exception_id);
                if (req.action == RESOLVE_REJECT && !cli->json)
                        printf("%s: rejected\n", label);
                else
                        cli_print_result(cli, label, &res);
                if (req.action == RESOLVE_POST && res.outcome != OUTCOME_POSTED &&
                    res.outcome != OUTCOME_AWAITING_APPROVAL) {
                        cli_error("exception %" PRId64 " was not posted: reasons remain (override them with --override)",
                                  req.exception_id);
                        status = EXIT_FAIL;
                }
        }
        pipeline_result_release(&res);
        pipeline_app_close(&app);
        return status;
}

const struct bf_cmd cmd_resolve = {
        .name = "resolve",
        .usage = "ID [--set FIELD=VALUE]... (--post [--override REASON...] | --reject TEXT | --recheck)",
        .run = run,
        .summary = "resolve an exception: edit fields, then post, reject or recheck",
        .help = "--set FIELD=VALUE  edit a field (vendor, invoice_number, invoice_date, due_date,\n"
                "                   currency, subtotal, tax, total, po_number); the checks run again\n"
                "--post             post when the checks pass; with --override REASON... post\n"
                "                   despite those reasons (recorded in the audit log)\n"
                "--reject TEXT      close the exception with a reason\n"
                "--recheck          run the checks again; posts when they now pass\n",
};
