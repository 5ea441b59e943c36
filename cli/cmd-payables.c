/* cmd-payables.c: `billflow payables [--as-of D]` — aged payables by vendor
 * (current, 1-30, 31-60, 61-90, 90+ days past due) and the cash needed by
 * week. */
#include <string.h>

#include "cli/cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        struct payables_report rep = { 0 };
        bf_date as_of = { 0 };
        const char *v;
        char buf[32], d[16];
        bf_app app;

        for (int i = 1; i < argc; i++) {
                if (cli_take_option(argc, argv, &i, "--as-of", &v)) {
                        if (!cli_parse_date_option(&cmd_payables, "--as-of", v, &as_of))
                                return EXIT_USAGE;
                } else
                        return cli_usage_error(&cmd_payables, "unexpected '%s'", argv[i]);
        }
        if (!date_is_set(as_of)) {
                g_autoptr(GDateTime) now = g_date_time_new_now_local();
                as_of = (bf_date){ (int16_t)g_date_time_get_year(now), (int8_t)g_date_time_get_month(now),
                                   (int8_t)g_date_time_get_day_of_month(now) };
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_payables_build(&app, as_of, &rep, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        date_format(as_of, d, sizeof(d));
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "as_of");
                json_builder_add_string_value(b, d);
                json_builder_set_member_name(b, "vendors");
                json_builder_begin_array(b);
                for (size_t i = 0; i < rep.n_rows; i++) {
                        const struct payables_row *r = &rep.rows[i];
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "vendor_id");
                        json_builder_add_string_value(b, r->vendor_id);
                        json_builder_set_member_name(b, "vendor");
                        r->vendor_name ? json_builder_add_string_value(b, r->vendor_name)
                                       : json_builder_add_null_value(b);
                        json_builder_set_member_name(b, "currency");
                        json_builder_add_string_value(b, r->total.currency);
                        for (int k = 0; k < PAYABLES_BUCKETS; k++) {
                                money_format(r->bucket[k], buf, sizeof(buf));
                                json_builder_set_member_name(b, pipeline_payables_bucket_name(k));
                                json_builder_add_string_value(b, buf);
                        }
                        money_format(r->total, buf, sizeof(buf));
                        json_builder_set_member_name(b, "total");
                        json_builder_add_string_value(b, buf);
                        json_builder_end_object(b);
                }
                json_builder_end_array(b);
                json_builder_set_member_name(b, "weeks");
                json_builder_begin_array(b);
                for (size_t i = 0; i < rep.n_weeks; i++) {
                        char w[16];
                        date_format(rep.weeks[i].start, w, sizeof(w));
                        money_format(rep.weeks[i].amount, buf, sizeof(buf));
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "week");
                        json_builder_add_string_value(b, w);
                        json_builder_set_member_name(b, "currency");
                        json_builder_add_string_value(b, rep.weeks[i].amount.currency);
                        json_builder_set_member_name(b, "amount");
                        json_builder_add_string_value(b, buf);
                        json_builder_end_object(b);
                }
                json_builder_end_array(b);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("aged payables as of %s\n%-12s %-24s %-3s", d, "VENDOR", "NAME", "CUR");
                for (int k = 0; k < PAYABLES_BUCKETS; k++)
                        printf(" %11s", pipeline_payables_bucket_name(k));
                printf(" %12s\n", "TOTAL");
                for (size_t i = 0; i < rep.n_rows; i++) {
                        const struct payables_row *r = &rep.rows[i];
                        g_autofree char *id = text_safe(r->vendor_id);
                        g_autofree char *name = text_safe(r->vendor_name ? r->vendor_name : "-");
                        printf("%-12s %-24.24s %-3s", id, name, r->total.currency);
                        for (int k = 0; k < PAYABLES_BUCKETS; k++) {
                                money_format(r->bucket[k], buf, sizeof(buf));
                                printf(" %11s", buf);
                        }
                        money_format(r->total, buf, sizeof(buf));
                        printf(" %12s\n", buf);
                }
                printf("\ncash needed by week (week of the due date; what is late, this week)\n");
                for (size_t i = 0; i < rep.n_weeks; i++) {
                        char w[16];
                        date_format(rep.weeks[i].start, w, sizeof(w));
                        money_format(rep.weeks[i].amount, buf, sizeof(buf));
                        printf("  week of %s %12s %s\n", w, buf, rep.weeks[i].amount.currency);
                }
        }
        pipeline_payables_release(&rep);
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_payables = {
        .name = "payables", .usage = "[--as-of YYYY-MM-DD]", .run = run,
        .summary = "aged payables by vendor (current, 1-30, 31-60, 61-90, 90+) and cash needed by week",
};
