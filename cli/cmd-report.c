/* cmd-report.c: `billflow report` — the KPIs for a date range, as text,
 * JSON, or one self-contained HTML page with inline SVG charts. */
#include <string.h>

#include "cli/cli.h"

static double pct(int64_t part, int64_t whole)
{
        return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

/* "42s", "7m", "3.5h", "2.1d", or "-" for an unmeasured time. */
static void duration_text(double s, char *buf, size_t size)
{
        if (s < 0)
                snprintf(buf, size, "-");
        else if (s < 120)
                snprintf(buf, size, "%.0fs", s);
        else if (s < 7200)
                snprintf(buf, size, "%.0fm", s / 60);
        else if (s < 172800)
                snprintf(buf, size, "%.1fh", s / 3600);
        else
                snprintf(buf, size, "%.1fd", s / 86400);
}

static void json_time(JsonBuilder *b, const char *name, double s)
{
        json_builder_set_member_name(b, name);
        if (s < 0)
                json_builder_add_null_value(b);
        else
                json_builder_add_double_value(b, s);
}

static void json_group(JsonBuilder *b, const struct bf_report_group *g, const char *key_name)
{
        json_builder_begin_object(b);
        if (key_name) {
                json_builder_set_member_name(b, key_name);
                json_builder_add_string_value(b, g->key);
        }
        json_builder_set_member_name(b, "documents");
        json_builder_add_int_value(b, g->documents);
        json_builder_set_member_name(b, "posted");
        json_builder_add_int_value(b, g->posted);
        json_builder_set_member_name(b, "straight_through");
        json_builder_add_int_value(b, g->straight_through);
        json_builder_set_member_name(b, "straight_through_rate");
        json_builder_add_double_value(b, g->documents ? (double)g->straight_through / (double)g->documents : 0);
        json_builder_set_member_name(b, "queued");
        json_builder_add_int_value(b, g->queued);
        json_builder_set_member_name(b, "open");
        json_builder_add_int_value(b, g->open);
        json_builder_set_member_name(b, "rejected");
        json_builder_add_int_value(b, g->rejected);
        json_builder_set_member_name(b, "unreadable");
        json_builder_add_int_value(b, g->unreadable);
        json_time(b, "receipt_to_post_median_s", g->post_median_s);
        json_time(b, "receipt_to_post_p90_s", g->post_p90_s);
        json_time(b, "exception_to_resolution_median_s", g->resolve_median_s);
        json_time(b, "exception_to_resolution_p90_s", g->resolve_p90_s);
        json_builder_end_object(b);
}

static void print_json(const struct bf_report *r)
{
        JsonBuilder *b = json_builder_new();
        char d[16];

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "since");
        date_format(r->since, d, sizeof(d)) > 0 ? json_builder_add_string_value(b, d)
                                                : json_builder_add_null_value(b);
        json_builder_set_member_name(b, "until");
        date_format(r->until, d, sizeof(d)) > 0 ? json_builder_add_string_value(b, d)
                                                : json_builder_add_null_value(b);
        json_builder_set_member_name(b, "total");
        json_group(b, &r->total, NULL);
        json_builder_set_member_name(b, "error_rate");
        json_builder_begin_object(b);
        for (size_t i = 0; i < r->n_fields; i++) {
                json_builder_set_member_name(b, r->fields[i]);
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "corrected");
                json_builder_add_int_value(b, r->corrected[i]);
                json_builder_set_member_name(b, "rate");
                json_builder_add_double_value(b, r->total.documents
                        ? (double)r->corrected[i] / (double)r->total.documents : 0);
                json_builder_end_object(b);
        }
        json_builder_end_object(b);
        json_builder_set_member_name(b, "vendors");
        json_builder_begin_array(b);
        for (size_t i = 0; i < r->n_vendors; i++)
                json_group(b, &r->vendors[i], "vendor");
        json_builder_end_array(b);
        json_builder_set_member_name(b, "sources");
        json_builder_begin_array(b);
        for (size_t i = 0; i < r->n_sources; i++)
                json_group(b, &r->sources[i], "source");
        json_builder_end_array(b);
        json_builder_end_object(b);
        cli_json_line(b);
}

static void text_row(FILE *out, const struct bf_report_group *g)
{
        char pm[16], p9[16], rm[16], r9[16];
        g_autofree char *key = text_safe(g->key);

        duration_text(g->post_median_s, pm, sizeof(pm));
        duration_text(g->post_p90_s, p9, sizeof(p9));
        duration_text(g->resolve_median_s, rm, sizeof(rm));
        duration_text(g->resolve_p90_s, r9, sizeof(r9));
        fprintf(out, "  %-30.30s %6" PRId64 " %6" PRId64 " %5.1f%% %6" PRId64 " %5" PRId64
                "  %6s %6s  %6s %6s\n", key, g->documents, g->posted,
                pct(g->straight_through, g->documents), g->queued, g->open, pm, p9, rm, r9);
}

static void print_text(const struct bf_report *r)
{
        const struct bf_report_group *t = &r->total;
        char since[16] = "the start", until[16] = "now";

        date_format(r->since, since, sizeof(since));
        date_format(r->until, until, sizeof(until));
        printf("documents received from %s to %s: %" PRId64 "\n", since, until, t->documents);
        printf("  posted %" PRId64 ", straight through %" PRId64 " (%.1f%%), queued %" PRId64
               ", open %" PRId64 ", rejected %" PRId64 ", unreadable %" PRId64 "\n",
               t->posted, t->straight_through, pct(t->straight_through, t->documents), t->queued,
               t->open, t->rejected, t->unreadable);
        printf("corrections by reviewers (documents, share of all):\n");
        for (size_t i = 0; i < r->n_fields; i++)
                printf("  %-16s %6" PRId64 "  %5.1f%%\n", r->fields[i], r->corrected[i],
                       pct(r->corrected[i], t->documents));
        if (!r->n_fields)
                printf("  none\n");
        printf("\n  %-30s %6s %6s %6s %6s %5s  %6s %6s  %6s %6s\n", "", "DOCS", "POSTED", "STP",
               "QUEUED", "OPEN", "POST50", "POST90", "RES50", "RES90");
        text_row(stdout, t);
        printf("by vendor:\n");
        for (size_t i = 0; i < r->n_vendors; i++)
                text_row(stdout, &r->vendors[i]);
        printf("by source:\n");
        for (size_t i = 0; i < r->n_sources; i++)
                text_row(stdout, &r->sources[i]);
}

/* Horizontal bars, one per (label, value), value/max of the width; inline SVG. */
static void svg_bars(GString *h, const char *title, const char *const *labels, const double *values,
                     const char *const *value_text, size_t n, double max)
{
        const int row = 22, label_w = 220, bar_w = 360;
        int height = (int)n * row + 10;

        g_string_append_printf(h, "<figure><figcaption>%s</figcaption>\n"
                               "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" "
                               "height=\"%d\" viewBox=\"0 0 %d %d\">\n", title, label_w + bar_w + 90,
                               height, label_w + bar_w + 90, height);
        for (size_t i = 0; i < n; i++) {
                g_autofree char *l = g_markup_escape_text(labels[i], -1);
                double w = max > 0 ? values[i] / max * bar_w : 0;
                int y = (int)i * row + 4;
                g_string_append_printf(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                                       "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                                       "<title>%s: %s</title></rect>"
                                       "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
                                       label_w - 6, y + 14, l, label_w, y, w, row - 6, l, value_text[i],
                                       label_w + w + 4, y + 14, value_text[i]);
        }
        g_string_append(h, "</svg></figure>\n");
}

static void html_table(GString *h, const char *title, const struct bf_report_group *g, size_t n)
{
        g_string_append_printf(h, "<h2>%s</h2>\n<table><tr><th></th><th>documents</th><th>posted</th>"
                               "<th>straight through</th><th>queued</th><th>open</th>"
                               "<th>receipt&#8594;post median</th><th>p90</th>"
                               "<th>exception&#8594;resolution median</th><th>p90</th></tr>\n", title);
        for (size_t i = 0; i < n; i++) {
                char pm[16], p9[16], rm[16], r9[16];
                g_autofree char *key = g_markup_escape_text(g[i].key, -1);
                duration_text(g[i].post_median_s, pm, sizeof(pm));
                duration_text(g[i].post_p90_s, p9, sizeof(p9));
                duration_text(g[i].resolve_median_s, rm, sizeof(rm));
                duration_text(g[i].resolve_p90_s, r9, sizeof(r9));
                g_string_append_printf(h, "<tr><td>%s</td><td>%" PRId64 "</td><td>%" PRId64 "</td>"
                                       "<td>%.1f%%</td><td>%" PRId64 "</td><td>%" PRId64 "</td>"
                                       "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                                       key, g[i].documents, g[i].posted,
                                       pct(g[i].straight_through, g[i].documents), g[i].queued,
                                       g[i].open, pm, p9, rm, r9);
        }
        g_string_append(h, "</table>\n");
}

static char *render_html(const struct bf_report *r)
{
        const struct bf_report_group *t = &r->total;
        GString *h = g_string_new(NULL);
        char since[16] = "the start", until[16] = "now";

        date_format(r->since, since, sizeof(since));
        date_format(r->until, until, sizeof(until));
        g_string_append_printf(h,
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                "<title>billflow report %s to %s</title>\n"
                "<style>body{font:14px sans-serif;margin:2em;color:#222}"
                "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                "td:first-child,th:first-child{text-align:left}svg text{font:12px sans-serif}"
                ".bar{fill:#3b7dd8}.kpi{display:inline-block;margin:0 2em 1em 0}"
                ".kpi b{display:block;font-size:28px}</style></head><body>\n"
                "<h1>billflow: documents received from %s to %s</h1>\n", since, until, since, until);
        g_string_append_printf(h,
                "<div class=\"kpi\" id=\"documents\"><b>%" PRId64 "</b>documents</div>"
                "<div class=\"kpi\" id=\"stp\"><b>%.1f%%</b>straight through</div>"
                "<div class=\"kpi\" id=\"open\"><b>%" PRId64 "</b>open exceptions</div>\n",
                t->documents, pct(t->straight_through, t->documents), t->open);
        {
                const char *labels[] = { "straight through", "queued, then posted", "open",
                                         "rejected", "unreadable" };
                double v[5] = { (double)t->straight_through, (double)(t->posted - t->straight_through),
                                (double)t->open, (double)t->rejected, (double)t->unreadable };
                char txt[5][32];
                const char *vt[5];
                for (int i = 0; i < 5; i++) {
                        snprintf(txt[i], sizeof(txt[i]), "%.0f", v[i]);
                        vt[i] = txt[i];
                }
                svg_bars(h, "Outcomes", labels, v, vt, 5, (double)(t->documents ? t->documents : 1));
        }
        if (r->n_vendors) {
                const char **labels = g_new0(const char *, r->n_vendors);
                const char **vt = g_new0(const char *, r->n_vendors);
                double *v = g_new0(double, r->n_vendors);
                char **txt = g_new0(char *, r->n_vendors + 1);
                for (size_t i = 0; i < r->n_vendors; i++) {
                        labels[i] = r->vendors[i].key;
                        v[i] = pct(r->vendors[i].straight_through, r->vendors[i].documents);
                        txt[i] = g_strdup_printf("%.0f%% of %" PRId64, v[i], r->vendors[i].documents);
                        vt[i] = txt[i];
                }
                svg_bars(h, "Straight-through rate by vendor", labels, v, vt, r->n_vendors, 100);
                g_strfreev(txt);
                g_free(labels);
                g_free(vt);
                g_free(v);
        }
        if (r->n_fields) {
                const char **vt = g_new0(const char *, r->n_fields);
                double *v = g_new0(double, r->n_fields);
                char **txt = g_new0(char *, r->n_fields + 1);
                for (size_t i = 0; i < r->n_fields; i++) {
                        v[i] = pct(r->corrected[i], t->documents);
                        txt[i] = g_strdup_printf("%.1f%% (%" PRId64 ")", v[i], r->corrected[i]);
                        vt[i] = txt[i];
                }
                svg_bars(h, "Reviewer corrections by field (share of documents)",
                         (const char *const *)r->fields, v, vt, r->n_fields, 100);
                g_strfreev(txt);
                g_free(vt);
                g_free(v);
        }
        html_table(h, "All", t, 1);
        html_table(h, "By vendor", r->vendors, r->n_vendors);
        html_table(h, "By source", r->sources, r->n_sources);
        g_string_append(h, "</body></html>\n");
        return g_string_free(h, FALSE);
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        struct bf_report r = { 0 };
        bf_date since = { 0 }, until = { 0 };
        const char *format = "text", *out = NULL;
        bool force = false;
        int status = EXIT_FAIL;
        bf_app app;

        for (int i = 1; i < argc; i++) {
                const char *v;
                if (cli_take_option(argc, argv, &i, "--since", &v)) {
                        if (!cli_parse_date_option(&cmd_report, "--since", v, &since))
                                return EXIT_USAGE;
                } else if (cli_take_option(argc, argv, &i, "--until", &v)) {
                        if (!cli_parse_date_option(&cmd_report, "--until", v, &until))
                                return EXIT_USAGE;
                } else if (cli_take_option(argc, argv, &i, "--format", &v)) {
                        if (strcmp(v, "text") != 0 && strcmp(v, "html") != 0 && strcmp(v, "json") != 0)
                                return cli_usage_error(&cmd_report, "unknown format '%s' (text, json, html)", v);
                        format = v;
                } else if (cli_take_option(argc, argv, &i, "--out", &v)) {
                        out = v;
                } else if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0) {
                        force = true;
                } else {
                        return cli_usage_error(&cmd_report, "unexpected '%s'", argv[i]);
                }
        }
        if (cli->json)
                format = "json";
        if (out && strcmp(out, "-") != 0 && !force && g_file_test(out, G_FILE_TEST_EXISTS)) {
                cli_error("'%s' exists; give --force to replace it, or another --out", out);
                return EXIT_FAIL;
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_report_build(&app, since, until, &r, &err) < 0)
                goto out;
        if (strcmp(format, "html") == 0) {
                g_autofree char *html = render_html(&r);
                g_autoptr(GError) gerr = NULL;
                if (out && strcmp(out, "-") != 0) {
                        if (!g_file_set_contents(out, html, -1, &gerr)) {
                                bf_error_set(&err, BF_EIO, "cannot write '%s': %s", out, gerr->message);
                                goto out;
                        }
                } else {
                        fputs(html, stdout);
                }
        } else if (strcmp(format, "json") == 0) {
                print_json(&r);
        } else {
                print_text(&r);
        }
        status = EXIT_OK;
out:
        if (status != EXIT_OK)
                cli_error("%s", err.msg);
        pipeline_report_release(&r);
        pipeline_app_close(&app);
        return status;
}

const struct bf_cmd cmd_report = {
        .name = "report",
        .usage = "[--since DATE] [--until DATE] [--format text|json|html] [--out FILE [--force]]",
        .run = run,
        .summary = "KPIs: documents, straight-through rate, corrections per field, time to post and to resolve",
        .help = "Over the documents received from --since to --until (YYYY-MM-DD, inclusive):\n"
                "how many, how many went straight through (posted without being queued),\n"
                "the reviewers' corrections per field (from the audit log), and the median\n"
                "and 90th percentile of the time from receipt to posting and from exception\n"
                "to resolution; overall, per vendor and per source. --format html writes one\n"
                "self-contained page with inline SVG charts (no scripts); --json (or --format\n"
                "json) one object.\n",
};
