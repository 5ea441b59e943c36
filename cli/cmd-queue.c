/* cmd-queue.c: `billflow queue` lists open exceptions: invoices stopped
 * by a check, then bank statement lines that answer nothing or differ. */
#include <time.h>

#include "cli/cli.h"

/* What `queue` was asked to show; NULL or unset members let all through. */
struct queue_filter {
        int reason;             /* a bf_reason, or -1 */
        const char *bank_reason; /* one of pipeline_bank_reasons, or NULL */
        bool invoices, bank;    /* the kinds shown */
        const char *vendor;     /* a part of the vendor name, any case */
        bf_date since, until;   /* the day it was queued, inclusive */
};

/* The filters every kind has: vendor (or the bank line's other side) and
 * the day it was queued. */
static bool common_shows(const struct queue_filter *f, const char *vendor, const char *created_at)
{
        if (f->vendor && *f->vendor) {
                g_autofree char *want = g_utf8_casefold(f->vendor, -1);
                g_autofree char *have = g_utf8_casefold(vendor ? vendor : "", -1);
                if (!strstr(have, want))
                        return false;
        }
        if (date_is_set(f->since) || date_is_set(f->until)) {
                char day[11] = "", lo[11] = "", hi[11] = "";
                g_strlcpy(day, created_at ? created_at : "", sizeof(day));
                if (date_is_set(f->since))
                        date_format(f->since, lo, sizeof(lo));
                if (date_is_set(f->until))
                        date_format(f->until, hi, sizeof(hi));
                if ((*lo && strcmp(day, lo) < 0) || (*hi && strcmp(day, hi) > 0))
                        return false;
        }
        return true;
}

static bool queue_shows(const struct queue_filter *f, const bf_exception *e)
{
        if (!f->invoices || f->bank_reason)
                return false;
        if (f->reason >= 0) {
                bool has = false;
                for (size_t k = 0; k < e->n_reasons && !has; k++)
                        has = (int)e->reasons[k].reason == f->reason;
                if (!has)
                        return false;
        }
        return common_shows(f, e->vendor, e->created_at);
}

static bool bank_shows(const struct queue_filter *f, const bf_bank_line *l)
{
        if (!f->bank || f->reason >= 0 || (f->bank_reason && g_strcmp0(l->reason, f->bank_reason) != 0))
                return false;
        return common_shows(f, l->counter_name, l->imported_at);
}

static void add_text(JsonBuilder *b, const char *name, const char *v)
{
        json_builder_set_member_name(b, name);
        v ? json_builder_add_string_value(b, v) : json_builder_add_null_value(b);
}

static void add_id(JsonBuilder *b, const char *name, int64_t id)
{
        json_builder_set_member_name(b, name);
        id ? json_builder_add_int_value(b, id) : json_builder_add_null_value(b);
}

/* A bank line of the queue. In JSON its "id" is null (it is no exception
 * `resolve` takes) and "bank_line" is what `bank match` takes; in text its
 * id is "b" and that number. */
static void print_bank_line(const struct cli *cli, const bf_bank_line *l)
{
        char amt[48], day[16], age[32], id[24];
        gint64 secs = pipeline_age_text(l->imported_at, 0, age, sizeof(age));

        money_format(l->amount, amt, sizeof(amt));
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                add_text(b, "kind", "bank");
                json_builder_set_member_name(b, "id");
                json_builder_add_null_value(b);
                add_id(b, "bank_line", l->id);
                add_id(b, "document_id", l->document_id);
                add_id(b, "payment_id", l->payment_id);
                add_text(b, "vendor", l->counter_name);
                add_text(b, "invoice_number", NULL);
                add_text(b, "total", amt);
                add_text(b, "amount", amt);
                add_text(b, "currency", l->amount.currency[0] ? l->amount.currency : NULL);
                add_text(b, "booking_date", date_format(l->booking_date, day, sizeof(day)) > 0 ? day : NULL);
                add_text(b, "reference", l->reference);
                add_text(b, "end_to_end", l->end_to_end);
                json_builder_set_member_name(b, "reasons");
                json_builder_begin_array(b);
                json_builder_add_string_value(b, l->reason ? l->reason : "unmatched");
                json_builder_end_array(b);
                json_builder_set_member_name(b, "reason_details");
                json_builder_begin_array(b);
                json_builder_begin_object(b);
                add_text(b, "reason", l->reason ? l->reason : "unmatched");
                add_text(b, "detail", l->detail);
                json_builder_end_object(b);
                json_builder_end_array(b);
                add_text(b, "created_at", l->imported_at ? l->imported_at : "");
                json_builder_set_member_name(b, "age_seconds");
                json_builder_add_int_value(b, secs);
                json_builder_end_object(b);
                cli_json_line(b);
                return;
        }
        g_snprintf(id, sizeof(id), "b%" PRId64, l->id);
        g_autofree char *v = text_safe(l->counter_name ? l->counter_name : "-");
        g_autofree char *ref = text_safe(l->reference ? l->reference : l->end_to_end ? l->end_to_end : "-");
        printf("%-6s %-6s %-28.28s %-16.16s %14s  %s\n", id, age, v, ref, amt, l->reason ? l->reason : "unmatched");
}

static void add_date(JsonBuilder *b, const char *name, bf_date d)
{
        char buf[16];

        json_builder_set_member_name(b, name);
        if (date_format(d, buf, sizeof(buf)) > 0)
                json_builder_add_string_value(b, buf);
        else
                json_builder_add_null_value(b);
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_exception *list = NULL;
        size_t n = 0;
        struct queue_filter f = { .reason = -1, .invoices = true, .bank = true };
        bf_bank_line *lines = NULL;
        size_t n_lines = 0;
        bf_app app;

        for (int i = 1; i < argc; i++) {
                const char *v;
                if (cli_take_option(argc, argv, &i, "--reason", &v)) {
                        for (size_t k = 0; pipeline_bank_reasons[k] && !f.bank_reason; k++)
                                if (strcmp(v, pipeline_bank_reasons[k]) == 0)
                                        f.bank_reason = pipeline_bank_reasons[k];
                        if (!f.bank_reason && (f.reason = reason_from_name(v)) < 0)
                                return cli_usage_error(&cmd_queue, "unknown reason '%s'", v);
                } else if (cli_take_option(argc, argv, &i, "--kind", &v)) {
                        if (strcmp(v, "invoice") != 0 && strcmp(v, "bank") != 0)
                                return cli_usage_error(&cmd_queue, "--kind is invoice or bank, not '%s'", v);
                        f.invoices = strcmp(v, "invoice") == 0;
                        f.bank = !f.invoices;
                } else if (cli_take_option(argc, argv, &i, "--vendor", &v)) {
                        f.vendor = v;
                } else if (cli_take_option(argc, argv, &i, "--since", &v)) {
                        if (!cli_parse_date_option(&cmd_queue, "--since", v, &f.since))
                                return EXIT_USAGE;
                } else if (cli_take_option(argc, argv, &i, "--until", &v)) {
                        if (!cli_parse_date_option(&cmd_queue, "--until", v, &f.until))
                                return EXIT_USAGE;
                } else
                        return cli_usage_error(&cmd_queue, "unexpected '%s'", argv[i]);
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_exceptions_open(&app, &list, &n, &err) < 0 ||
            (f.bank && pipeline_bank_lines_list(&app, true, &lines, &n_lines, &err) < 0)) {
                cli_error("%s", err.msg);
                exceptions_free(list, n);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (!cli->json)
                printf("%-6s %-6s %-28s %-16s %14s  %s\n", "ID", "AGE", "VENDOR", "INVOICE", "TOTAL",
                       "REASONS");
        for (size_t i = 0; i < n; i++) {
                const bf_exception *e = &list[i];
                char age[32];
                gint64 secs;

                if (!queue_shows(&f, e))
                        continue;
                secs = pipeline_age_text(e->created_at, 0, age, sizeof(age));
                if (cli->json) {
                        JsonBuilder *b = json_builder_new();
                        json_builder_begin_object(b);
                        add_text(b, "kind", "invoice");
                        json_builder_set_member_name(b, "id");
                        json_builder_add_int_value(b, e->id);
                        json_builder_set_member_name(b, "document_id");
                        json_builder_add_int_value(b, e->document_id);
                        json_builder_set_member_name(b, "vendor");
                        e->vendor ? json_builder_add_string_value(b, e->vendor) : json_builder_add_null_value(b);
                        json_builder_set_member_name(b, "invoice_number");
                        e->invoice_number ? json_builder_add_string_value(b, e->invoice_number)
                                          : json_builder_add_null_value(b);
                        json_builder_set_member_name(b, "total");
                        e->total ? json_builder_add_string_value(b, e->total) : json_builder_add_null_value(b);
                        json_builder_set_member_name(b, "amount");
                        if (e->has_amount) {
                                char amt[48];
                                money_format(e->amount, amt, sizeof(amt));
                                json_builder_add_string_value(b, amt);
                        } else {
                                json_builder_add_null_value(b);
                        }
                        json_builder_set_member_name(b, "currency");
                        e->has_amount && e->amount.currency[0]
                                ? json_builder_add_string_value(b, e->amount.currency)
                                : json_builder_add_null_value(b);
                        add_date(b, "invoice_date", e->invoice_date);
                        add_date(b, "due_date", e->due_date);
                        json_builder_set_member_name(b, "file");
                        e->filename ? json_builder_add_string_value(b, e->filename)
                                    : json_builder_add_null_value(b);
                        cli_json_reasons(b, e->reasons, e->n_reasons);
                        json_builder_set_member_name(b, "created_at");
                        json_builder_add_string_value(b, e->created_at ? e->created_at : "");
                        json_builder_set_member_name(b, "age_seconds");
                        json_builder_add_int_value(b, secs);
                        json_builder_end_object(b);
                        cli_json_line(b);
                } else {
                        GString *reasons = g_string_new(NULL);
                        g_autofree char *v = text_safe(e->vendor ? e->vendor : "-");
                        g_autofree char *num = text_safe(e->invoice_number ? e->invoice_number : "-");
                        for (size_t k = 0; k < e->n_reasons; k++)
                                g_string_append_printf(reasons, "%s%s", k ? "," : "",
                                                       reason_name(e->reasons[k].reason));
                        printf("%-6" PRId64 " %-6s %-28.28s %-16.16s %14s  %s\n", e->id, age, v, num,
                               e->total ? e->total : "-", reasons->str);
                        g_string_free(reasons, TRUE);
                }
        }
        for (size_t i = 0; i < n_lines; i++)
                if (bank_shows(&f, &lines[i]))
                        print_bank_line(cli, &lines[i]);
        exceptions_free(list, n);
        pipeline_bank_lines_free(lines, n_lines);
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_queue = {
        .name = "queue",
        .usage = "[--kind invoice|bank] [--reason REASON] [--vendor TEXT] [--since DATE] [--until DATE]",
        .run = run,
        .summary = "list open exceptions: id, age, vendor, invoice number, total, reasons",
        .help = "Invoices oldest first, then bank statement lines that answer no payment or bill\n"
                "or differ from it (ids b1, b2...: clear them with `bank match`; their reasons\n"
                "unmatched, partial_payment, overpayment, payment_returned). --kind shows one\n"
                "kind; --reason keeps those stopped for that reason (e.g. price_variance);\n"
                "--vendor those whose vendor (a bank line's other side) holds TEXT (any case);\n"
                "--since and --until (YYYY-MM-DD, inclusive) bound the day each was queued.\n"
                "--json: one object per row with \"kind\" (invoice or bank); an invoice's\n"
                "total's amount and currency apart, its invoice and due dates; a bank line's\n"
                "\"id\" is null and \"bank_line\" is its id.\n",
};
