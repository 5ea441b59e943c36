/* cmd-bank.c: `billflow bank changes|confirm|lines|match` — vendors' bank
 * details waiting for a second user, and bank statement lines matched to
 * payments and bills (by hand for those in the exception queue). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int changes(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_bank_change *list = NULL;
        size_t n = 0;
        bool all = false;
        bf_app app;

        for (int i = 2; i < argc; i++) {
                if (strcmp(argv[i], "--all") == 0)
                        all = true;
                else
                        return cli_usage_error(&cmd_bank, "unexpected '%s'", argv[i]);
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_bank_changes_list(&app, !all, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (!cli->json && n)
                printf("%-12s %-18s %-12s %-18s %-12s %-12s %s\n", "VENDOR", "OLD IBAN", "OLD BIC",
                       "NEW IBAN", "NEW BIC", "ASKED BY", "CONFIRMED BY");
        for (size_t i = 0; i < n; i++) {
                const bf_bank_change *c = &list[i];
                char o[32], w[32];
                iban_mask(c->old_iban, o, sizeof(o));
                iban_mask(c->new_iban, w, sizeof(w));
                if (cli->json) {
                        JsonBuilder *b = json_builder_new();
                        json_builder_begin_object(b);
                        cli_json_add(b, "vendor_id", c->vendor_id);
                        cli_json_add(b, "old_iban", c->old_iban ? o : NULL);
                        cli_json_add(b, "old_bic", c->old_bic);
                        cli_json_add(b, "new_iban", c->new_iban ? w : NULL);
                        cli_json_add(b, "new_bic", c->new_bic);
                        cli_json_add(b, "requested_by", c->requested_by);
                        cli_json_add(b, "requested_at", c->requested_at);
                        cli_json_add(b, "confirmed_by", c->confirmed_by);
                        cli_json_add(b, "confirmed_at", c->confirmed_at);
                        json_builder_end_object(b);
                        cli_json_line(b);
                } else {
                        g_autofree char *v = text_safe(c->vendor_id);
                        g_autofree char *by = text_safe(c->requested_by ? c->requested_by : "-");
                        g_autofree char *cb = text_safe(c->confirmed_by ? c->confirmed_by : "waiting");
                        printf("%-12s %-18s %-12s %-18s %-12s %-12s %s\n", v, c->old_iban ? o : "-",
                               c->old_bic ? c->old_bic : "-", c->new_iban ? w : "-",
                               c->new_bic ? c->new_bic : "-", by, cb);
                }
        }
        for (size_t i = 0; i < n; i++)
                bank_change_release(&list[i]);
        free(list);
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int confirm(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        int posted = 0;
        bf_app app;

        if (argc != 3)
                return cli_usage_error(&cmd_bank, "bank confirm takes one vendor id");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_bank_confirm(&app, argv[2], &posted, &err) < 0) {
                g_autofree char *msg = text_safe(err.msg);
                cli_error("%s", msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                cli_json_add(b, "vendor_id", argv[2]);
                cli_json_add(b, "confirmed_by", app.user);
                json_builder_set_member_name(b, "posted");
                json_builder_add_int_value(b, posted);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                g_autofree char *v = text_safe(argv[2]);
                printf("bank details of vendor %s confirmed; %d held invoice%s posted\n", v, posted,
                       posted == 1 ? "" : "s");
        }
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int lines(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_bank_line *list = NULL;
        size_t n = 0;
        bool open_only = false;
        bf_app app;

        for (int i = 2; i < argc; i++) {
                if (strcmp(argv[i], "--open") == 0)
                        open_only = true;
                else
                        return cli_usage_error(&cmd_bank, "unexpected '%s'", argv[i]);
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_bank_lines_list(&app, open_only, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        for (size_t i = 0; i < n; i++) {
                const bf_bank_line *l = &list[i];
                char a[32], d[16] = "-", m[32];
                money_format(l->amount, a, sizeof(a));
                date_format(l->booking_date, d, sizeof(d));
                if (cli->json) {
                        JsonBuilder *b = json_builder_new();
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "id");
                        json_builder_add_int_value(b, l->id);
                        cli_json_add(b, "date", date_is_set(l->booking_date) ? d : NULL);
                        cli_json_add(b, "amount", a);
                        cli_json_add(b, "currency", l->amount.currency);
                        cli_json_add(b, "counter_iban", l->counter_iban ? iban_mask(l->counter_iban, m, sizeof(m)) : NULL);
                        cli_json_add(b, "counter_name", l->counter_name);
                        cli_json_add(b, "reference", l->reference);
                        cli_json_add(b, "end_to_end", l->end_to_end);
                        cli_json_add(b, "state", l->state);
                        cli_json_add(b, "reason", l->reason);
                        cli_json_add(b, "detail", l->detail);
                        json_builder_set_member_name(b, "payment_id");
                        l->payment_id ? json_builder_add_int_value(b, l->payment_id) : json_builder_add_null_value(b);
                        json_builder_set_member_name(b, "document_id");
                        l->document_id ? json_builder_add_int_value(b, l->document_id) : json_builder_add_null_value(b);
                        json_builder_end_object(b);
                        cli_json_line(b);
                } else {
                        g_autofree char *name = text_safe(l->counter_name ? l->counter_name : "-");
                        g_autofree char *det = text_safe(l->detail ? l->detail : "");
                        printf("%6" PRId64 "  %-10s %12s %-3s %-24.24s %-8s %-16s %s\n", l->id, d, a,
                               l->amount.currency, name, l->state, l->reason ? l->reason : "-", det);
                }
        }
        pipeline_bank_lines_free(list, n);
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int match(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        enum bank_match_kind kind = BANK_MATCH_IGNORE;
        const char *v, *note = NULL;
        int64_t line = 0, target = 0;
        int given = 0;
        bf_app app;

        for (int i = 2; i < argc; i++) {
                if (cli_take_option(argc, argv, &i, "--payment", &v)) {
                        kind = BANK_MATCH_PAYMENT;
                        given++;
                        if (!record_id_parse(v, &target))
                                return cli_usage_error(&cmd_bank, "'%s' is not a payment id", v);
                } else if (cli_take_option(argc, argv, &i, "--document", &v)) {
                        kind = BANK_MATCH_DOCUMENT;
                        given++;
                        if (!record_id_parse(v, &target))
                                return cli_usage_error(&cmd_bank, "'%s' is not a document id", v);
                } else if (cli_take_option(argc, argv, &i, "--ignore", &v)) {
                        kind = BANK_MATCH_IGNORE;
                        note = v;
                        given++;
                } else if (cli_take_option(argc, argv, &i, "--note", &v)) {
                        note = v;
                } else if (!line) {
                        /* "b7" as `queue` shows it, or 7 */
                        const char *id = argv[i][0] == 'b' ? argv[i] + 1 : argv[i];
                        if (!record_id_parse(id, &line))
                                return cli_usage_error(&cmd_bank, "'%s' is not a bank line id", argv[i]);
                } else {
                        return cli_usage_error(&cmd_bank, "unexpected '%s'", argv[i]);
                }
        }
        if (!line || given != 1)
                return cli_usage_error(&cmd_bank, "bank match LINE takes one of --payment ID, --document ID, "
                                       "--ignore TEXT");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_bank_match(&app, line, kind, target, note, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "line");
                json_builder_add_int_value(b, line);
                cli_json_add(b, "state", kind == BANK_MATCH_IGNORE ? "ignored" : "matched");
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("bank line %" PRId64 " %s\n", line, kind == BANK_MATCH_IGNORE ? "ignored" : "matched");
        }
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int run(struct cli *cli, int argc, char **argv)
{
        static const struct bf_subcmd subs[] = {
                { "changes", changes }, { "confirm", confirm }, { "lines", lines }, { "match", match },
        };

        return cli_run_subcommand(&cmd_bank, subs, G_N_ELEMENTS(subs), cli, argc, argv);
}

const struct bf_cmd cmd_bank = {
        .name = "bank",
        .usage = "changes [--all] | confirm VENDOR | lines [--open] | match LINE (--payment ID|--document ID|"
                 "--ignore TEXT) [--note TEXT]",
        .run = run,
        .summary = "bank details waiting for a second user; statement lines and the queue's bank lines",
        .help = "  changes [--all]   changes of vendors' IBAN/BIC waiting for confirmation (--all: every one)\n"
                "  confirm VENDOR    confirm VENDOR's new bank details (a user other than the one\n"
                "                    who imported them); invoices held as bank_details_changed are\n"
                "                    checked again\n"
                "  lines [--open]    imported statement lines (--open: those in the exception queue: unmatched,\n"
                "                    payment_returned, partial_payment, overpayment)\n"
                "  match LINE ...    clear a queued line by hand: --payment ID (paid; for a return,\n"
                "                    returned), --document ID (a bill paid from the bank), --ignore TEXT\n",
};
