/* cmd-master.c: `billflow master list|delete` — the master data as it is
 * stored, and removing what should not be there. */
#include <string.h>

#include "cli/cli.h"

static void add_str(JsonBuilder *b, const char *k, const char *v)
{
        json_builder_set_member_name(b, k);
        v ? json_builder_add_string_value(b, v) : json_builder_add_null_value(b);
}

static int list_vendors(struct cli *cli, bf_app *app)
{
        if (!cli->json)
                printf("%-12s %-36s %-4s %5s  %-24s %s\n", "VENDOR", "NAME", "CUR", "TERMS", "ACCOUNT",
                       "ALIASES");
        for (size_t i = 0; i < app->n_vendors; i++) {
                const bf_vendor *v = &app->vendors[i];
                if (cli->json) {
                        JsonBuilder *b = json_builder_new();
                        json_builder_begin_object(b);
                        add_str(b, "vendor_id", v->vendor_id);
                        add_str(b, "name", v->name);
                        add_str(b, "currency", v->currency[0] ? v->currency : NULL);
                        json_builder_set_member_name(b, "payment_terms_days");
                        v->payment_terms_days >= 0 ? json_builder_add_int_value(b, v->payment_terms_days)
                                                   : json_builder_add_null_value(b);
                        add_str(b, "default_account", v->default_account);
                        json_builder_set_member_name(b, "po_required");
                        json_builder_add_boolean_value(b, v->po_required);
                        add_str(b, "tax_id", v->tax_id);
                        add_str(b, "iban", v->iban);
                        add_str(b, "language", v->language[0] ? v->language : NULL);
                        add_str(b, "bic", v->bic);
                        add_str(b, "cost_centre", v->cost_centre);
                        json_builder_set_member_name(b, "aliases");
                        json_builder_begin_array(b);
                        for (size_t k = 0; k < v->n_aliases; k++)
                                json_builder_add_string_value(b, v->aliases[k]);
                        json_builder_end_array(b);
                        json_builder_end_object(b);
                        cli_json_line(b);
                } else {
                        g_autofree char *id = text_safe(v->vendor_id), *name = text_safe(v->name);
                        g_autofree char *acct = text_safe(v->default_account ? v->default_account : "-");
                        GString *al = g_string_new(NULL);
                        for (size_t k = 0; k < v->n_aliases; k++)
                                g_string_append_printf(al, "%s%s", k ? ";" : "", v->aliases[k]);
                        g_autofree char *als = text_safe(al->str);
                        g_string_free(al, TRUE);
                        char terms[16] = "-";
                        if (v->payment_terms_days >= 0)
                                snprintf(terms, sizeof(terms), "%d", v->payment_terms_days);
                        printf("%-12s %-36.36s %-4s %5s  %-24.24s %s\n", id, name,
                               v->currency[0] ? v->currency : "-", terms, acct, als);
                }
        }
        return EXIT_OK;
}

static int list_pos(struct cli *cli, bf_app *app)
{
        struct bf_error err = { 0 };
        char **numbers = NULL;
        size_t n = 0;
        int status = EXIT_OK;

        if (pipeline_po_numbers(app, &numbers, &n, &err) < 0) {
                cli_error("%s", err.msg);
                return EXIT_FAIL;
        }
        if (!cli->json)
                printf("%-14s %-12s %4s  %-32s %10s %10s %10s %10s\n", "PO", "VENDOR", "LINE",
                       "DESCRIPTION", "QTY", "PRICE", "RECEIVED", "BILLED");
        for (size_t i = 0; i < n && status == EXIT_OK; i++) {
                bf_po po;
                if (pipeline_po_load(app, numbers[i], &po, &err) < 0) {
                        cli_error("%s", err.msg);
                        status = EXIT_FAIL;
                        break;
                }
                for (size_t k = 0; k < po.n_lines; k++) {
                        const bf_po_line *l = &po.lines[k];
                        char q[32], p[32], rcv[32], bil[32];
                        decimal_format(l->quantity, q, sizeof(q));
                        decimal_format(l->unit_price, p, sizeof(p));
                        decimal_format(l->quantity_received, rcv, sizeof(rcv));
                        decimal_format(l->quantity_billed, bil, sizeof(bil));
                        if (cli->json) {
                                JsonBuilder *b = json_builder_new();
                                json_builder_begin_object(b);
                                add_str(b, "po_number", po.po_number);
                                add_str(b, "vendor_id", po.vendor_id);
                                add_str(b, "currency", po.currency);
                                json_builder_set_member_name(b, "line_no");
                                json_builder_add_int_value(b, l->line_no);
                                add_str(b, "description", l->description);
                                add_str(b, "quantity", q);
                                add_str(b, "unit_price", p);
                                add_str(b, "quantity_received", rcv);
                                add_str(b, "quantity_billed", bil);
                                add_str(b, "account", l->account);
                                add_str(b, "cost_centre", po.cost_centre);
                                json_builder_end_object(b);
                                cli_json_line(b);
                        } else {
                                g_autofree char *num = text_safe(po.po_number);
                                g_autofree char *vid = text_safe(po.vendor_id ? po.vendor_id : "-");
                                g_autofree char *d = text_safe(l->description ? l->description : "");
                                printf("%-14s %-12s %4d  %-32.32s %10s %10s %10s %10s\n", num, vid,
                                       l->line_no, d, q, p, rcv, bil);
                        }
                }
                po_release(&po);
        }
        strings_free(numbers, n);
        return status;
}

static int list_receipts(struct cli *cli, bf_app *app)
{
        struct bf_error err = { 0 };
        bf_receipt *list = NULL;
        size_t n = 0;

        if (pipeline_receipts_list(app, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                return EXIT_FAIL;
        }
        if (!cli->json)
                printf("%-14s %-14s %4s %10s  %s\n", "RECEIPT", "PO", "LINE", "QTY", "RECEIVED");
        for (size_t i = 0; i < n; i++) {
                char q[32], d[16] = "-";
                decimal_format(list[i].quantity_received, q, sizeof(q));
                date_format(list[i].received_date, d, sizeof(d));
                if (cli->json) {
                        JsonBuilder *b = json_builder_new();
                        json_builder_begin_object(b);
                        add_str(b, "receipt_id", list[i].receipt_id);
                        add_str(b, "po_number", list[i].po_number);
                        json_builder_set_member_name(b, "line_no");
                        json_builder_add_int_value(b, list[i].line_no);
                        add_str(b, "quantity_received", q);
                        add_str(b, "received_date", date_is_set(list[i].received_date) ? d : NULL);
                        json_builder_end_object(b);
                        cli_json_line(b);
                } else {
                        g_autofree char *id = text_safe(list[i].receipt_id);
                        g_autofree char *po = text_safe(list[i].po_number);
                        printf("%-14s %-14s %4d %10s  %s\n", id, po, list[i].line_no, q, d);
                }
        }
        receipts_free(list, n);
        return EXIT_OK;
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        int status;
        bf_app app;

        if (argc == 3 && strcmp(argv[1], "list") == 0) {
                const char *k = argv[2];
                if (strcmp(k, "vendors") != 0 && strcmp(k, "pos") != 0 && strcmp(k, "receipts") != 0)
                        return cli_usage_error(&cmd_master, "list vendors, pos or receipts, not '%s'", k);
                if (!cli_open(cli, &app, true))
                        return EXIT_FAIL;
                status = strcmp(k, "vendors") == 0 ? list_vendors(cli, &app)
                         : strcmp(k, "pos") == 0   ? list_pos(cli, &app)
                                                   : list_receipts(cli, &app);
                pipeline_app_close(&app);
                return status;
        }
        if (argc == 4 && strcmp(argv[1], "delete") == 0) {
                const char *k = argv[2];
                if (strcmp(k, "vendor") != 0 && strcmp(k, "po") != 0 && strcmp(k, "receipt") != 0)
                        return cli_usage_error(&cmd_master, "delete a vendor, po or receipt, not '%s'", k);
                if (!cli_open(cli, &app, true))
                        return EXIT_FAIL;
                status = EXIT_OK;
                if (pipeline_master_delete(&app, k, argv[3], &err) < 0) {
                        cli_error("cannot delete %s '%s': %s", k, argv[3], err.msg);
                        status = EXIT_FAIL;
                } else {
                        cli_log(cli, 0, "deleted %s '%s'", k, argv[3]);
                }
                pipeline_app_close(&app);
                return status;
        }
        return cli_usage_error(&cmd_master, "say 'master list vendors|pos|receipts' or "
                               "'master delete vendor|po|receipt ID'");
}

const struct bf_cmd cmd_master = {
        .name = "master", .usage = "list vendors|pos|receipts | delete vendor|po|receipt ID",
        .run = run,
        .summary = "list the master data as stored, or delete a vendor, PO or receipt",
        .help = "list prints one row per vendor, PO line (with the quantities received and\n"
                "billed so far) or receipt line; --json one object per row. delete removes one\n"
                "(a PO with its lines and receipts) and records it in the audit log; a vendor\n"
                "with invoices or POs, or a PO billed by a posted invoice, stays.\n",
};
