/* cmd-audit.c: `billflow audit [--document ID]` shows the audit log. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_audit_row *rows = NULL;
        size_t n = 0;
        int64_t doc = 0;
        bf_app app;

        for (int i = 1; i < argc; i++) {
                const char *v = NULL;
                if (strcmp(argv[i], "--document") == 0 && i + 1 < argc)
                        v = argv[++i];
                else if (g_str_has_prefix(argv[i], "--document="))
                        v = argv[i] + 11;
                else
                        return cli_usage_error(&cmd_audit, "unexpected '%s'", argv[i]);
                if (!record_id_parse(v, &doc))
                        return cli_usage_error(&cmd_audit, "'%s' is not a document id", v);
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (doc) {
                /* An unknown id is an error, not an empty history. */
                bf_document d = { 0 };
                if (pipeline_document_get(&app, doc, &d, &err) < 0) {
                        cli_error("%s", err.msg);
                        pipeline_app_close(&app);
                        return EXIT_FAIL;
                }
                document_release(&d);
        }
        if (pipeline_audit_load(&app, doc, &rows, &n, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        for (size_t i = 0; i < n; i++) {
                const bf_audit_row *a = &rows[i];
                if (cli->json)
                        cli_json_line(cli_audit_json(a));
                else
                        cli_print_audit(stdout, a);
        }
        audit_rows_free(rows, n);
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_audit = {
        .name = "audit", .usage = "[--document ID]", .run = run,
        .summary = "show the audit log: who, when, what, old and new values",
};
