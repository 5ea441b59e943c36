/* cmd-queue.c: `billflow queue` lists open exceptions. */
#include <time.h>

#include "cli/cli.h"

/* What `queue` was asked to show; NULL or unset members let all through. */
struct queue_filter {
        int reason;             /* a bf_reason, or -1 */
        const char *vendor;     /* a part of the vendor name, any case */
        bf_date since, until;   /* the day it was queued, inclusive */
};

static bool queue_shows(const struct queue_filter *f, const bf_exception *e)
{
        if (f->reason >= 0) {
                bool has = false;
                for (size_t k = 0; k < e->n_reasons && !has; k++)
                        has = (int)e->reasons[k].reason == f->reason;
                if (!has)
                        return false;
        }
        if (f->vendor && *f->vendor) {
                g_autofree char *want = g_utf8_casefold(f->vendor, -1);
                g_autofree char *have = g_utf8_casefold(e->vendor ? e->vendor : "", -1);
                if (!strstr(have, want))
                        return false;
        }
        if (date_is_set(f->since) || date_is_set(f->until)) {
                char day[11] = "", lo[11] = "", hi[11] = "";
                g_strlcpy(day, e->created_at ? e->created_at : "", sizeof(day));
                if (date_is_set(f->since))
                        date_format(f->since, lo, sizeof(lo));
                if (date_is_set(f->until))
                        date_format(f->until, hi, sizeof(hi));
                if ((*lo && strcmp(day, lo) < 0) || (*hi && strcmp(day, hi) > 0))
                        return false;
        }
        return true;
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
        struct queue_filter f = { .reason = -1 };
        bf_app app;

        for (int i = 1; i < argc; i++) {
                const char *v;
                if (cli_take_option(argc, argv, &i, "--reason", &v)) {
                        if ((f.reason = reason_from_name(v)) < 0)
                                return cli_usage_error(&cmd_queue, "unknown reason '%s'", v);
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
        if (pipeline_exceptions_open(&app, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
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
        exceptions_free(list, n);
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_queue = {
        .name = "queue", .usage = "[--reason REASON] [--vendor TEXT] [--since DATE] [--until DATE]",
        .run = run,
        .summary = "list open exceptions: id, age, vendor, invoice number, total, reasons",
        .help = "Oldest first. --reason keeps those stopped for that reason (e.g. price_variance);\n"
                "--vendor those whose vendor name holds TEXT (any case); --since and --until\n"
                "(YYYY-MM-DD, inclusive) bound the day each was queued. --json adds the\n"
                "total's amount and currency apart, the invoice date and the due date.\n",
};
