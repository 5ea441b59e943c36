/* cmd-import.c: `billflow import vendors|pos|receipts FILE.csv` and
 * `billflow import bank FILE` (camt.053, MT940, CSV). */
#include <string.h>

#include "cli/cli.h"

/* `import bank FILE`: a statement, matched to payments and bills. */
static int import_bank(struct cli *cli, const char *path)
{
        struct bf_error err = { 0 };
        struct bank_import_result res = { 0 };
        g_autofree char *data = NULL;
        size_t len = 0;
        bf_app app;

        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (cli_read_input(path, &data, &len, &err) < 0 ||
            pipeline_bank_import(&app, data, len, path, &res, &err) < 0) {
                g_autofree char *msg = text_safe(err.msg);
                cli_error("%s", msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "kind");
                json_builder_add_string_value(b, "bank");
                json_builder_set_member_name(b, "file");
                json_builder_add_string_value(b, path);
                const char *names[] = { "lines", "added", "already", "matched", "queued" };
                const size_t vals[] = { res.lines, res.added, res.already, res.matched, res.queued };
                for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
                        json_builder_set_member_name(b, names[i]);
                        json_builder_add_int_value(b, (gint64)vals[i]);
                }
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("%zu statement line%s: %zu new (%zu matched, %zu to the exception queue), %zu imported before\n",
                       res.lines, res.lines == 1 ? "" : "s", res.added, res.matched, res.queued, res.already);
        }
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        g_auto(GStrv) problems = NULL;
        bf_app app;
        size_t rows = 0;
        int kind, posted = 0;

        if (argc == 3 && strcmp(argv[1], "bank") == 0)
                return import_bank(cli, argv[2]);
        if (argc != 3)
                return cli_usage_error(&cmd_import, "import takes a kind and one CSV file");
        if ((kind = pipeline_import_kind_from_name(argv[1])) < 0)
                return cli_usage_error(&cmd_import, "unknown kind '%s' (vendors, pos, receipts, users, approvals or bank)", argv[1]);
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_import_csv(&app, kind, argv[2], &rows, &problems, &err) < 0) {
                if (problems) {
                        for (char **p = problems; *p; p++)
                                cli_error("%s", *p);
                        cli_error("nothing from '%s' was stored", argv[2]);
                } else {
                        cli_error("%s", err.msg);
                }
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        /* New master data may clear open exceptions. */
        if ((kind == IMPORT_VENDORS || kind == IMPORT_POS || kind == IMPORT_RECEIPTS) &&
            pipeline_resolve_recheck_open(&app, &posted, &err) < 0)
                cli_error("rechecking open exceptions failed: %s", err.msg);
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "kind");
                json_builder_add_string_value(b, argv[1]);
                json_builder_set_member_name(b, "file");
                json_builder_add_string_value(b, argv[2]);
                json_builder_set_member_name(b, "rows");
                json_builder_add_int_value(b, (gint64)rows);
                json_builder_set_member_name(b, "rechecked_posted");
                json_builder_add_int_value(b, posted);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("imported %zu row%s of %s from %s\n", rows, rows == 1 ? "" : "s", argv[1], argv[2]);
                if (posted)
                        printf("%d open exception%s cleared and posted\n", posted, posted == 1 ? "" : "s");
        }
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_import = {
        .name = "import", .usage = "vendors|pos|receipts|users|approvals FILE.csv | bank FILE", .run = run,
        .summary = "load master data, users, approval rules (CSV) or a bank statement; re-importing updates; a file with a bad row stores nothing",
        .help = "Columns (header row, UTF-8, RFC 4180 quoting):\n"
                "  vendors:  vendor_id,name,aliases,currency,payment_terms_days,default_account\n"
                "            optional: po_required,tax_id,iban,bic,price_tolerance_pct,amount_tolerance,\n"
                "            auto_post_limit,discount_pct,discount_days,cost_centre (aliases are\n"
                "            ';'-separated; cost_centre: its invoices' unless their PO names one);\n"
                "            a changed IBAN or BIC waits for a second user (billflow bank confirm)\n"
                "  pos:      po_number,vendor_id,line_no,description,quantity,unit_price,currency\n"
                "            optional: account (the line's expense account), cost_centre (the PO's,\n"
                "            one per PO)\n"
                "  receipts: receipt_id,po_number,line_no,quantity_received,received_date\n"
                "  users:    user,name,email,roles,approval_limit,currency, optional: deputy\n"
                "            (roles ';'-separated: clerk, reviewer, approver, admin)\n"
                "  approvals: level,min_amount,max_amount,currency,vendor_id,account,approver,\n"
                "            cost_centre\n"
                "            (all but level and min_amount optional; an empty approver: any approver\n"
                "            whose limit covers the total; the file replaces the stored rules)\n"
                "  bank:     a statement: camt.053 XML, MT940, or CSV with the columns bank.csv_columns\n"
                "            names; matched to payments and bills, the rest to the exception queue;\n"
                "            importing the same statement again adds nothing\n"
                "After an import, open exceptions whose causes may have cleared are checked again.\n",
};
