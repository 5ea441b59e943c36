/* cmd-process.c: `billflow process FILE...` runs the whole pipeline and
 * prints one decision per file. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_print_result(struct cli *cli, const char *file, const struct bf_result *res)
{
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "file");
                json_builder_add_string_value(b, file);
                json_builder_set_member_name(b, "document_id");
                json_builder_add_int_value(b, res->document_id);
                json_builder_set_member_name(b, "status");
                json_builder_add_string_value(b, pipeline_outcome_name(res->outcome));
                cli_json_reasons(b, res->decision.reasons, res->decision.n_reasons);
                json_builder_set_member_name(b, "entry_id");
                if (res->entry_id)
                        json_builder_add_int_value(b, res->entry_id);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "exception_id");
                if (res->exception_id && res->outcome == OUTCOME_EXCEPTION)
                        json_builder_add_int_value(b, res->exception_id);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "approval_id");
                if (res->approval_id)
                        json_builder_add_int_value(b, res->approval_id);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "extract");
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "sha256");
                json_builder_add_string_value(b, res->sha256);
                cli_json_invoice(b, &res->invoice);
                if (res->error) {
                        json_builder_set_member_name(b, "error");
                        json_builder_add_string_value(b, res->error);
                }
                json_builder_end_object(b);
                json_builder_set_member_name(b, "elapsed_ms");
                json_builder_add_int_value(b, res->elapsed_ms);
                json_builder_end_object(b);
                cli_json_line(b);
                return;
        }
        g_autofree char *safe = text_safe(file);
        switch (res->outcome) {
        case OUTCOME_POSTED:
                printf("%s: posted as entry %" PRId64 " (document %" PRId64 ")\n", safe,
                       res->entry_id, res->document_id);
                break;
        case OUTCOME_DUPLICATE_FILE:
                printf("%s: duplicate_file (same bytes as document %" PRId64 ")\n", safe,
                       res->document_id);
                break;
        case OUTCOME_AWAITING_APPROVAL:
                printf("%s: awaiting_approval %" PRId64 " (document %" PRId64 ")\n", safe,
                       res->approval_id, res->document_id);
                break;
        case OUTCOME_EXCEPTION:
                printf("%s: exception %" PRId64 " (document %" PRId64 ")\n", safe,
                       res->exception_id, res->document_id);
                for (size_t i = 0; i < res->decision.n_reasons; i++) {
                        g_autofree char *d = text_safe(res->decision.reasons[i].detail);
                        printf("  %s%s%s\n", reason_name(res->decision.reasons[i].reason),
                               *d ? ": " : "", d);
                }
                break;
        case OUTCOME_ERROR:
                printf("%s: error\n", safe);
                break;
        }
}

static int run(struct cli *cli, int argc, char **argv)
{
        bf_app app;
        int status = EXIT_OK, n_files = 0, done = 0;
        int counts[5] = { 0 };  /* posted, queued, duplicate, failed, awaiting approval */

        for (int i = 1; i < argc; i++) {
                if (argv[i][0] == '-' && strcmp(argv[i], "--") != 0)
                        return cli_usage_error(&cmd_process, "unknown option '%s'", argv[i]);
                n_files += strcmp(argv[i], "--") != 0;
        }
        if (n_files == 0)
                return cli_usage_error(&cmd_process, "process needs at least one file");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        for (int i = 1; i < argc; i++) {
                struct bf_error err = { 0 };
                struct bf_result res;
                char *data = NULL;
                size_t len = 0;
                g_autofree char *base = NULL;

                if (strcmp(argv[i], "--") == 0)
                        continue;
                cli_progress(cli, ++done, n_files, argv[i]);
                if (cli_read_input(argv[i], &data, &len, &err) < 0) {
                        cli_progress_end(cli);
                        counts[3]++;
                        cli_error("cannot read '%s': %s", argv[i], err.msg);
                        if (cli->json)
                                cli_json_file_error(argv[i], err.msg);
                        status = EXIT_FAIL;
                        continue;
                }
                base = g_path_get_basename(argv[i]);
                if (pipeline_process(&app, data, len, base, "cli", &res, &err) < 0) {
                        cli_progress_end(cli);
                        counts[3]++;
                        cli_error("cannot process '%s': %s", argv[i], err.msg);
                        status = EXIT_FAIL;
                } else {
                        counts[res.outcome == OUTCOME_POSTED ? 0 : res.outcome == OUTCOME_EXCEPTION ? 1
                               : res.outcome == OUTCOME_DUPLICATE_FILE ? 2
                               : res.outcome == OUTCOME_AWAITING_APPROVAL ? 4 : 3]++;
                        cli_progress_end(cli);
                        cli_log(cli, 1, "%s: %s in %" PRId64 " ms", argv[i],
                                pipeline_outcome_name(res.outcome), res.elapsed_ms);
                        cli_print_result(cli, argv[i], &res);
                }
                pipeline_result_release(&res);
                g_free(data);
        }
        cli_progress_end(cli);
        if (n_files > 1) {
                char waiting[48] = "";
                if (counts[4])
                        snprintf(waiting, sizeof(waiting), ", %d awaiting approval", counts[4]);
                cli_log(cli, 0, "%d files: %d posted, %d queued, %d duplicates, %d failed%s", n_files,
                        counts[0], counts[1], counts[2], counts[3], waiting);
        }
        pipeline_app_close(&app);
        return status;
}

const struct bf_cmd cmd_process = {
        .name = "process", .usage = "FILE...", .run = run,
        .summary = "store, extract, check, then post or queue each file; prints one decision per file",
        .help = "Each file's original is kept (content-addressed under the archive). The same\n"
                "bytes never make a second document (status duplicate_file). An invoice sent to\n"
                "the exception queue is a success (exit 0).\n",
};
