/* cmd-ledger.c: `billflow ledger` prints the journal; `billflow reverse`
 * writes a reversing entry. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "export/export.h"

static void print_entry(const bf_journal_entry *e)
{
        char date[16], amt[32];
        g_autofree char *desc = text_safe(e->description);

        date_format(e->date, date, sizeof(date));
        printf("%s #%" PRId64 " %s", date, e->id, desc);
        if (e->po_number) {
                g_autofree char *po = text_safe(e->po_number);

                printf("  [po %s]", po);
        }
        printf("  [document %" PRId64 "]\n", e->document_id);
        for (size_t i = 0; i < e->n_postings; i++) {
                g_autofree char *acct = text_safe(e->postings[i].account);
                money_format(e->postings[i].amount, amt, sizeof(amt));
                printf("    %-40s %12s %s\n", acct, amt, e->postings[i].amount.currency);
        }
}

static int run_ledger(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_journal_entry *list = NULL;
        size_t n = 0;
        bf_app app;

        struct bf_entry_filter f = { 0 };
        for (int i = 1; i < argc; i++) {
                const char *v;
                if (cli_take_option(argc, argv, &i, "--vendor", &v))
                        f.vendor = v;
                else if (cli_take_option(argc, argv, &i, "--since", &v)) {
                        if (!cli_parse_date_option(&cmd_ledger, "--since", v, &f.since))
                                return EXIT_USAGE;
                } else if (cli_take_option(argc, argv, &i, "--until", &v)) {
                        if (!cli_parse_date_option(&cmd_ledger, "--until", v, &f.until))
                                return EXIT_USAGE;
                } else
                        return cli_usage_error(&cmd_ledger, "unexpected '%s'", argv[i]);
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_entries_find(&app, &f, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                /* The same JSON Lines as `export --format json`. */
                int64_t *ids = g_new(int64_t, n ? n : 1);
                g_autofree char *text = NULL;
                int r;

                for (size_t i = 0; i < n; i++)
                        ids[i] = list[i].id;
                r = pipeline_export_render(&app, EXPORT_JSON, ids, n, &text, &err);
                g_free(ids);
                if (r < 0) {
                        cli_error("%s", err.msg);
                        entries_free(list, n);
                        pipeline_app_close(&app);
                        return EXIT_FAIL;
                }
                fputs(text, stdout);
        } else {
                for (size_t i = 0; i < n; i++)
                        print_entry(&list[i]);
        }
        if (!cli->json && n == 0)
                printf("no entries\n");
        entries_free(list, n);
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_ledger = {
        .name = "ledger", .usage = "[--vendor TEXT] [--since DATE] [--until DATE]", .run = run_ledger,
        .summary = "print the posted journal entries (debits positive, credits negative)",
        .help = "Entries in date order. --vendor takes a vendor id or a part of the vendor's\n"
                "name (any case); --since and --until (YYYY-MM-DD, inclusive) bound the\n"
                "entry date.\n",
};

static int run_reverse(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        const char *reason = NULL;
        int64_t id = 0, new_id = 0;
        bf_app app;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
                        reason = argv[++i];
                else if (g_str_has_prefix(argv[i], "--reason="))
                        reason = argv[i] + 9;
                else if (argv[i][0] != '-' && id == 0) {
                        if (!record_id_parse(argv[i], &id))
                                return cli_usage_error(&cmd_reverse, "'%s' is not an entry id", argv[i]);
                } else
                        return cli_usage_error(&cmd_reverse, "unexpected '%s'", argv[i]);
        }
        if (!id || !reason || !*reason)
                return cli_usage_error(&cmd_reverse, "reverse needs an entry id and --reason TEXT");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_ledger_reverse(&app, id, reason, &new_id, &err) < 0) {
                cli_error("cannot reverse entry %" PRId64 ": %s", id, err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "reversed");
                json_builder_add_int_value(b, id);
                json_builder_set_member_name(b, "entry_id");
                json_builder_add_int_value(b, new_id);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("entry %" PRId64 " reversed by entry %" PRId64 "\n", id, new_id);
        }
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_reverse = {
        .name = "reverse", .usage = "ENTRY --reason TEXT", .run = run_reverse,
        .summary = "write the entry that reverses a posted one (entries are never edited)",
};
