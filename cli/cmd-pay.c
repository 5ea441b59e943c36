/* cmd-pay.c: `billflow pay propose|approve|export|show|bills` — payment
 * runs: what to pay by a date, a second user's approval, the bank file
 * (SEPA pain.001 or CSV) written exactly once, and the bills' status. */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "export/export.h"

static void add_money(JsonBuilder *b, const char *k, bf_money m)
{
        char buf[32];
        money_format(m, buf, sizeof(buf));
        cli_json_add(b, k, buf);
}

static void add_date(JsonBuilder *b, const char *k, bf_date d)
{
        char buf[16];
        cli_json_add(b, k, date_format(d, buf, sizeof(buf)) > 0 ? buf : NULL);
}

static void json_payments(JsonBuilder *b, const bf_pay_run *run)
{
        json_builder_set_member_name(b, "payments");
        json_builder_begin_array(b);
        for (size_t i = 0; i < run->n_payments; i++) {
                const bf_payment *p = &run->payments[i];
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "id");
                json_builder_add_int_value(b, p->id);
                cli_json_add(b, "end_to_end", p->end_to_end);
                cli_json_add(b, "vendor_id", p->vendor_id);
                cli_json_add(b, "vendor", p->vendor_name);
                cli_json_add(b, "iban", p->iban);
                cli_json_add(b, "bic", p->bic);
                add_money(b, "amount", p->amount);
                add_money(b, "discount", p->discount);
                cli_json_add(b, "currency", p->amount.currency);
                cli_json_add(b, "state", p->state);
                json_builder_set_member_name(b, "bills");
                json_builder_begin_array(b);
                for (size_t k = 0; k < p->n_items; k++) {
                        const bf_pay_item *it = &p->items[k];
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "document_id");
                        json_builder_add_int_value(b, it->document_id);
                        cli_json_add(b, "invoice_number", it->invoice_number);
                        add_date(b, "due_date", it->due_date);
                        add_money(b, "amount", it->amount);
                        add_money(b, "discount", it->discount);
                        add_money(b, "pay", it->pay);
                        json_builder_end_object(b);
                }
                json_builder_end_array(b);
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
}

/* Totals per currency, for people. */
static void print_run(const bf_pay_run *run)
{
        char d[16], a[32], ds[32];
        date_format(run->pay_date, d, sizeof(d));
        printf("payment run %" PRId64 " for %s: %s, %zu payment%s\n", run->id, d,
               run_state_name(run->state), run->n_payments, run->n_payments == 1 ? "" : "s");
        for (size_t i = 0; i < run->n_payments; i++) {
                const bf_payment *p = &run->payments[i];
                char m[32];
                g_autofree char *name = text_safe(p->vendor_name ? p->vendor_name : p->vendor_id);
                money_format(p->amount, a, sizeof(a));
                money_format(p->discount, ds, sizeof(ds));
                printf("  %-14s %-12s %-30.30s %s %12s %s (discount %s)\n", p->end_to_end, p->vendor_id,
                       name, iban_mask(p->iban, m, sizeof(m)), a, p->amount.currency, ds);
                for (size_t k = 0; k < p->n_items; k++) {
                        const bf_pay_item *it = &p->items[k];
                        g_autofree char *num = text_safe(it->invoice_number ? it->invoice_number : "-");
                        char due[16] = "-";
                        date_format(it->due_date, due, sizeof(due));
                        money_format(it->pay, a, sizeof(a));
                        money_format(it->discount, ds, sizeof(ds));
                        printf("      %-20s due %-10s pay %12s  discount %s\n", num, due, a, ds);
                }
        }
        /* one total per currency */
        for (size_t i = 0; i < run->n_payments; i++) {
                bool first = true;
                for (size_t k = 0; k < i; k++)
                        first &= strcmp(run->payments[k].amount.currency, run->payments[i].amount.currency) != 0;
                if (!first)
                        continue;
                bf_money sum = { 0, "" };
                memcpy(sum.currency, run->payments[i].amount.currency, BF_CURRENCY_LEN);
                for (size_t k = i; k < run->n_payments; k++)
                        if (strcmp(run->payments[k].amount.currency, sum.currency) == 0)
                                money_add(sum, run->payments[k].amount, &sum);
                money_format(sum, a, sizeof(a));
                printf("  total %s %s\n", a, sum.currency);
        }
}

static int propose(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        struct pay_proposal prop = { 0 };
        bf_date date = { 0 }, until = { 0 };
        const char *v;
        bf_app app;

        for (int i = 2; i < argc; i++) {
                if (cli_take_option(argc, argv, &i, "--date", &v)) {
                        if (!cli_parse_date_option(&cmd_pay, "--date", v, &date))
                                return EXIT_USAGE;
                } else if (cli_take_option(argc, argv, &i, "--until", &v)) {
                        if (!cli_parse_date_option(&cmd_pay, "--until", v, &until))
                                return EXIT_USAGE;
                } else
                        return cli_usage_error(&cmd_pay, "unexpected '%s'", argv[i]);
        }
        if (!date_is_set(date))
                return cli_usage_error(&cmd_pay, "pay propose needs --date YYYY-MM-DD");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_pay_propose(&app, date, until, &prop, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "run");
                prop.run.id ? json_builder_add_int_value(b, prop.run.id) : json_builder_add_null_value(b);
                add_date(b, "date", date);
                add_date(b, "until", prop.run.until);
                cli_json_add(b, "state", run_state_name(prop.run.state));
                json_payments(b, &prop.run);
                json_builder_set_member_name(b, "skipped");
                json_builder_begin_array(b);
                for (size_t i = 0; i < prop.n_skipped; i++) {
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "document_id");
                        json_builder_add_int_value(b, prop.skipped[i].document_id);
                        cli_json_add(b, "vendor_id", prop.skipped[i].vendor_id);
                        cli_json_add(b, "invoice_number", prop.skipped[i].invoice_number);
                        cli_json_add(b, "reason", prop.skipped[i].reason);
                        json_builder_end_object(b);
                }
                json_builder_end_array(b);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                if (prop.run.id)
                        print_run(&prop.run);
                else
                        printf("nothing to pay\n");
                for (size_t i = 0; i < prop.n_skipped; i++) {
                        g_autofree char *num = text_safe(prop.skipped[i].invoice_number ?
                                                             prop.skipped[i].invoice_number : "-");
                        g_autofree char *vid = text_safe(prop.skipped[i].vendor_id ?
                                                             prop.skipped[i].vendor_id : "-");
                        printf("  left out: document %" PRId64 " %s %s: %s\n", prop.skipped[i].document_id,
                               vid, num, prop.skipped[i].reason);
                }
        }
        pipeline_pay_proposal_release(&prop);
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int approve(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        int64_t id;
        bf_app app;

        if (argc != 3 || !record_id_parse(argv[2], &id))
                return cli_usage_error(&cmd_pay, "pay approve takes a run id");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_pay_approve(&app, id, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "run");
                json_builder_add_int_value(b, id);
                cli_json_add(b, "state", "approved");
                cli_json_add(b, "approved_by", app.user);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("payment run %" PRId64 " approved\n", id);
        }
        pipeline_app_close(&app);
        return EXIT_OK;
}

struct write_ctx {
        const char *format, *out;
        const struct bf_config *cfg;
        char *tmp;           /* the written temp file, or NULL for stdout */
        char *text;          /* for stdout: printed after the commit */
};

static int write_file(const bf_pay_run *run, void *ctx_, struct bf_error *err)
{
        struct write_ctx *ctx = ctx_;
        char *text;

        /* an earlier attempt's, its transaction run again */
        if (ctx->tmp)
                g_unlink(ctx->tmp);
        g_clear_pointer(&ctx->tmp, g_free);
        g_clear_pointer(&ctx->text, g_free);

        if (g_str_has_prefix(ctx->format, "sepa")) {
                enum export_pain version = strcmp(ctx->format, "sepa09") == 0 ? EXPORT_PAIN_09 : EXPORT_PAIN_03;
                struct export_debtor d = { ctx->cfg->pay_name, ctx->cfg->pay_iban,
                                           ctx->cfg->pay_bic && *ctx->cfg->pay_bic ? ctx->cfg->pay_bic : NULL };
                g_autoptr(GDateTime) now = g_date_time_new_now_utc();
                g_autofree char *at = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S");
                text = export_payments_sepa(run, &d, at, version, err);
                if (!text)
                        return err ? err->code : BF_EINVAL;
        } else {
                text = export_payments_csv(run);
        }
        if (!ctx->out || strcmp(ctx->out, "-") == 0) {
                ctx->text = text;
                return 0;
        }
        int r = cli_write_temp(ctx->out, text, &ctx->tmp, err);
        g_free(text);
        return r;
}

static int export_run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        struct write_ctx ctx = { 0 };
        const char *format = NULL, *out = NULL, *v;
        bool force = false;
        int64_t id = 0;
        bf_app app;

        for (int i = 2; i < argc; i++) {
                if (cli_take_option(argc, argv, &i, "--format", &v))
                        format = v;
                else if (cli_take_option(argc, argv, &i, "--out", &v))
                        out = v;
                else if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0)
                        force = true;
                else if (!id && record_id_parse(argv[i], &id))
                        ;
                else
                        return cli_usage_error(&cmd_pay, "unexpected '%s'", argv[i]);
        }
        if (!id)
                return cli_usage_error(&cmd_pay, "pay export takes a run id");
        if (format && strcmp(format, "sepa03") == 0)
                format = "sepa";
        if (!format || (strcmp(format, "sepa") != 0 && strcmp(format, "sepa09") != 0 && strcmp(format, "csv") != 0))
                return cli_usage_error(&cmd_pay, "pay export needs --format sepa, sepa09 or csv");
        if (out && strcmp(out, "-") != 0 && !force && g_file_test(out, G_FILE_TEST_EXISTS))
                { cli_error("'%s' exists; give --force to replace it", out); return EXIT_FAIL; }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        ctx.format = format;
        ctx.out = out;
        ctx.cfg = &app.cfg;
        if (pipeline_pay_export(&app, id, format, write_file, &ctx, &err) < 0) {
                if (ctx.tmp)
                        g_unlink(ctx.tmp);
                g_free(ctx.tmp);
                g_free(ctx.text);
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        int status = EXIT_OK;
        if (ctx.tmp && cli_publish(ctx.tmp, out, &err) < 0) {
                cli_error("%s (the run is recorded as exported)", err.msg);
                status = EXIT_FAIL;
        }
        if (ctx.text)
                fputs(ctx.text, stdout);
        else if (status == EXIT_OK)
                cli_log(cli, 0, "payment run %" PRId64 " written to '%s' (%s)", id, out, format);
        g_free(ctx.tmp);
        g_free(ctx.text);
        pipeline_app_close(&app);
        return status;
}

static int show(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_pay_run run = { 0 };
        int64_t id;
        bf_app app;

        if (argc != 3 || !record_id_parse(argv[2], &id))
                return cli_usage_error(&cmd_pay, "pay show takes a run id");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_pay_run_get(&app, id, &run, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "run");
                json_builder_add_int_value(b, run.id);
                add_date(b, "date", run.pay_date);
                cli_json_add(b, "state", run_state_name(run.state));
                cli_json_add(b, "created_by", run.created_by);
                cli_json_add(b, "approved_by", run.approved_by);
                cli_json_add(b, "exported_by", run.exported_by);
                cli_json_add(b, "format", run.format);
                json_payments(b, &run);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                print_run(&run);
        }
        pay_run_release(&run);
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int bills(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_bill *list = NULL;
        size_t n = 0;
        bf_app app;

        if (argc != 2)
                return cli_usage_error(&cmd_pay, "unexpected '%s'", argv[2]);
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_pay_bills(&app, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        for (size_t i = 0; i < n; i++) {
                const bf_bill *b = &list[i];
                if (cli->json) {
                        JsonBuilder *j = json_builder_new();
                        json_builder_begin_object(j);
                        json_builder_set_member_name(j, "document_id");
                        json_builder_add_int_value(j, b->document_id);
                        cli_json_add(j, "vendor_id", b->vendor_id);
                        cli_json_add(j, "invoice_number", b->invoice_number);
                        add_date(j, "invoice_date", b->invoice_date);
                        add_date(j, "due_date", b->due_date);
                        add_money(j, "amount", b->total);
                        cli_json_add(j, "currency", b->total.currency);
                        cli_json_add(j, "status", b->status);
                        json_builder_end_object(j);
                        cli_json_line(j);
                } else {
                        char a[32], due[16] = "-";
                        g_autofree char *vid = text_safe(b->vendor_id ? b->vendor_id : "-");
                        g_autofree char *num = text_safe(b->invoice_number ? b->invoice_number : "-");
                        money_format(b->total, a, sizeof(a));
                        date_format(b->due_date, due, sizeof(due));
                        printf("%6" PRId64 "  %-12s %-20s due %-10s %12s %s  %s\n", b->document_id, vid, num,
                               due, a, b->total.currency, b->status);
                }
        }
        bills_free(list, n);
        pipeline_app_close(&app);
        return EXIT_OK;
}

static int run(struct cli *cli, int argc, char **argv)
{
        static const struct bf_subcmd subs[] = {
                { "propose", propose }, { "approve", approve }, { "export", export_run },
                { "show", show }, { "bills", bills },
        };

        return cli_run_subcommand(&cmd_pay, subs, G_N_ELEMENTS(subs), cli, argc, argv);
}

const struct bf_cmd cmd_pay = {
        .name = "pay",
        .usage = "propose --date D [--until D2] | approve RUN | export RUN --format sepa|sepa09|csv "
                 "[--out FILE [--force]] | show RUN | bills",
        .run = run,
        .summary = "payment runs: propose what to pay, approve, write the bank file",
        .help = "  propose --date D [--until D2]  bills due by D2 (default D) or with a discount still\n"
                "                                 open on D, net of credit notes, one payment per\n"
                "                                 vendor and currency; stored as a run to approve\n"
                "  approve RUN                    approve a run (another user than its proposer)\n"
                "  export RUN --format FMT        the bank file, once; posts the payments. FMT: sepa\n"
                "         [--out FILE [--force]]  (pain.001.001.03), sepa09 (pain.001.001.09), each\n"
                "                                 checked against ISO's schema, or csv\n"
                "  show RUN                       a run with its payments and bills\n"
                "  bills                          posted bills: open, in_run or paid\n",
};
