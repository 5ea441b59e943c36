/* cmd-review.c: `billflow review`, the terminal UI for clearing the
 * exception queue (tui/). */
#include <unistd.h>

#include "cli/cli.h"
#include "tui/tui.h"

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_app app;
        int status = EXIT_OK;

        (void)argv;
        if (argc > 1)
                return cli_usage_error(&cmd_review, "review takes no arguments");
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
                cli_error("review needs a terminal on stdin and stdout (use 'billflow queue' and 'resolve' in scripts)");
                return EXIT_FAIL;
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (tui_review_run(&app, &err) < 0) {
                cli_error("%s", err.msg);
                status = EXIT_FAIL;
        }
        pipeline_app_close(&app);
        return status;
}

const struct bf_cmd cmd_review = {
        .name = "review",
        .usage = "",
        .run = run,
        .summary = "the terminal UI for clearing the exception queue",
        .help = "Lists the open exceptions (Enter opens one, / filters, ? shows every key).\n"
                "Actions (e edit, p post, r reject, c recheck) go through the same code as\n"
                "'billflow resolve' and are audited under --user or the login name. An\n"
                "exception open in one reviewer's screen is read-only for the others until\n"
                "they leave it or it sits untouched for 10 minutes. 'o' opens the original\n"
                "in $BILLFLOW_VIEWER (a command line; else xdg-open).\n",
};
