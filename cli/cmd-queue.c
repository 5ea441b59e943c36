/* cmd-queue.c: `billflow queue` lists open exceptions. */
#include <time.h>

#include "cli/cli.h"

/* "3d", "5h", "12m" since an ISO 8601 UTC timestamp. */
static void age_text(const char *iso, char *buf, size_t size, gint64 *ret_seconds)
{
        g_autoptr(GDateTime) then = g_date_time_new_from_iso8601(iso ? iso : "", NULL);
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        gint64 s = then ? g_date_time_difference(now, then) / G_TIME_SPAN_SECOND : 0;

        *ret_seconds = s;
        if (s >= 86400)
                snprintf(buf, size, "%" G_GINT64_FORMAT "d", s / 86400);
        else if (s >= 3600)
                snprintf(buf, size, "%" G_GINT64_FORMAT "h", s / 3600);
        else
                snprintf(buf, size, "%" G_GINT64_FORMAT "m", s / 60);
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_exception *list = NULL;
        size_t n = 0;
        bf_app app;

        (void)argv;
        if (argc > 1)
                return cli_usage_error(&cmd_queue, "queue takes no arguments");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (store_exceptions_open(app.store, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                app_close(&app);
                return EXIT_FAIL;
        }
        if (!cli->json)
                printf("%-6s %-6s %-28s %-16s %14s  %s\n", "ID", "AGE", "VENDOR", "INVOICE", "TOTAL",
                       "REASONS");
        for (size_t i = 0; i < n; i++) {
                const bf_exception *e = &list[i];
                char age[32];
                gint64 secs;

                age_text(e->created_at, age, sizeof(age), &secs);
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
                        g_autofree char *v = cli_safe_text(e->vendor ? e->vendor : "-");
                        g_autofree char *num = cli_safe_text(e->invoice_number ? e->invoice_number : "-");
                        for (size_t k = 0; k < e->n_reasons; k++)
                                g_string_append_printf(reasons, "%s%s", k ? "," : "",
                                                       reason_name(e->reasons[k].reason));
                        printf("%-6" PRId64 " %-6s %-28.28s %-16.16s %14s  %s\n", e->id, age, v, num,
                               e->total ? e->total : "-", reasons->str);
                        g_string_free(reasons, TRUE);
                }
        }
        store_exceptions_free(list, n);
        app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_queue = {
        .name = "queue", .usage = "", .run = run,
        .summary = "list open exceptions: id, age, vendor, invoice number, total, reasons",
};
