/* cmd-init.c: `billflow init` creates the home. */
#include "cli/cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };

        (void)argv;
        if (argc > 1)
                return cli_usage_error(&cmd_init, "init takes no arguments");
        if (pipeline_home_init(cli->home, &err) < 0) {
                cli_error("%s", err.msg);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "home");
                json_builder_add_string_value(b, cli->home);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("initialised billflow home at %s\n", cli->home);
        }
        return EXIT_OK;
}

const struct bf_cmd cmd_init = {
        .name = "init", .usage = "", .run = run,
        .summary = "create the home: billflow.conf, billflow.db, inbox/, archive/, failed/ (safe to run twice)",
};
