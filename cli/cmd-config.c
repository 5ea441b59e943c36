/* cmd-config.c: `billflow config check` — is billflow.conf right, before
 * the service finds out at its first poll. */
#include <string.h>

#include "cli/cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
        g_auto(GStrv) problems = NULL;
        bf_app app;

        if (argc != 2 || strcmp(argv[1], "check") != 0)
                return cli_usage_error(&cmd_config, "say 'billflow config check'");
        /* Syntax, unknown keys and bad values: cli_open reports them with the
         * file's line and fails. */
        if (!cli_open(cli, &app, false))
                return EXIT_FAIL;
        problems = pipeline_config_problems(&app.cfg);
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "ok");
                json_builder_add_boolean_value(b, !problems[0]);
                cli_json_strv(b, "problems", problems);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                for (char **p = problems; *p; p++) {
                        g_autofree char *safe = text_safe(*p);
                        printf("problem: %s\n", safe);
                }
                if (!problems[0])
                        printf("%s/billflow.conf: ok\n", app.cfg.home);
        }
        pipeline_app_close(&app);
        return problems[0] ? EXIT_FAIL : EXIT_OK;
}

const struct bf_cmd cmd_config = {
        .name = "config", .usage = "check", .run = run,
        .summary = "check billflow.conf: syntax and values (with line numbers), folders, mailbox files",
        .help = "Exit status 0 when the configuration is usable, 1 with one line per problem.\n"
                "It checks what loading does (unknown keys, bad values, each with its line)\n"
                "and what only shows later: missing or unwritable folders, a mailbox without\n"
                "a user or password file, a password file that others can read.\n",
};
