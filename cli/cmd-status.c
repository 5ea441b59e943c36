/* cmd-status.c: `billflow status`, what a person checks first. */
#include "cli/cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_status st;
        bf_app app;

        (void)argv;
        if (argc > 1)
                return cli_usage_error(&cmd_status, "status takes no arguments");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (store_status(app.store, &st, &err) < 0) {
                cli_error("%s", err.msg);
                app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "home");
                json_builder_add_string_value(b, app.cfg.home);
                json_builder_set_member_name(b, "documents");
                json_builder_add_int_value(b, st.documents);
                json_builder_set_member_name(b, "by_state");
                json_builder_begin_object(b);
                for (int s = 0; s < 5; s++) {
                        json_builder_set_member_name(b, doc_state_name(s));
                        json_builder_add_int_value(b, st.by_state[s]);
                }
                json_builder_end_object(b);
                json_builder_set_member_name(b, "open_exceptions");
                json_builder_add_int_value(b, st.open_exceptions);
                json_builder_set_member_name(b, "entries");
                json_builder_add_int_value(b, st.entries);
                json_builder_set_member_name(b, "vendors");
                json_builder_add_int_value(b, st.vendors);
                json_builder_set_member_name(b, "pos");
                json_builder_add_int_value(b, st.pos);
                json_builder_set_member_name(b, "receipts");
                json_builder_add_int_value(b, st.receipts);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("home:            %s\n", app.cfg.home);
                printf("documents:       %" PRId64 "\n", st.documents);
                for (int s = 0; s < 5; s++)
                        printf("  %-14s %" PRId64 "\n", doc_state_name(s), st.by_state[s]);
                printf("open exceptions: %" PRId64 "\n", st.open_exceptions);
                printf("ledger entries:  %" PRId64 "\n", st.entries);
                printf("master data:     %" PRId64 " vendors, %" PRId64 " POs, %" PRId64 " receipts\n",
                       st.vendors, st.pos, st.receipts);
        }
        app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_status = {
        .name = "status", .usage = "", .run = run,
        .summary = "counts by state, open exceptions, ledger size, master data",
};
