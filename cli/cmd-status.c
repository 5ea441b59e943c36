/* cmd-status.c: `billflow status`, what a person checks first — counts by
 * state and by source, the service's polls, documents in flight, failures. */
#include "cli/cli.h"
#include "service/service.h"

#define STATUS_ROWS 20

/* What the running service reads now (its state file), for both outputs. */
struct now_reading {
        struct service_reading *r;
        size_t n;
};

static void json_service(JsonBuilder *b, const struct bf_config *cfg, const bf_service_status *sv,
                         char **in_flight, int running, pid_t pid, const struct now_reading *now)
{
        json_builder_set_member_name(b, "sources");
        json_builder_begin_object(b);
        for (size_t i = 0; i < sv->n_sources; i++) {
                json_builder_set_member_name(b, sv->sources[i].source);
                json_builder_add_int_value(b, sv->sources[i].documents);
        }
        json_builder_end_object(b);
        json_builder_set_member_name(b, "service");
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "running");
        json_builder_add_boolean_value(b, running == 1);
        json_builder_set_member_name(b, "pid");
        if (running == 1 && pid > 0)
                json_builder_add_int_value(b, pid);
        else
                json_builder_add_null_value(b);
        json_builder_set_member_name(b, "reading");
        json_builder_begin_array(b);
        for (size_t i = 0; i < now->n; i++) {
                g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc(now->r[i].since);
                g_autofree char *at = t ? g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ") : NULL;
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "what");
                json_builder_add_string_value(b, now->r[i].what);
                json_builder_set_member_name(b, "since");
                json_builder_add_string_value(b, at ? at : "");
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_set_member_name(b, "instances");
        json_builder_begin_array(b);
        for (size_t i = 0; i < sv->n_instances; i++) {
                const bf_instance_row *in = &sv->instances[i];
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "id");
                json_builder_add_string_value(b, in->instance);
                json_builder_set_member_name(b, "host");
                if (in->host)
                        json_builder_add_string_value(b, in->host);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "pid");
                json_builder_add_int_value(b, in->pid);
                json_builder_set_member_name(b, "started");
                json_builder_add_string_value(b, in->started_at ? in->started_at : "");
                json_builder_set_member_name(b, "lease_until");
                json_builder_add_string_value(b, in->lease_until ? in->lease_until : "");
                json_builder_set_member_name(b, "live");
                json_builder_add_boolean_value(b, in->live);
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_set_member_name(b, "inbox");
        json_builder_add_string_value(b, cfg->inbox_path);
        json_builder_set_member_name(b, "mailbox");
        if (cfg->imap_url && *cfg->imap_url)
                json_builder_add_string_value(b, cfg->imap_url);
        else
                json_builder_add_null_value(b);
        json_builder_end_object(b);
        json_builder_set_member_name(b, "polls");
        json_builder_begin_array(b);
        for (size_t i = 0; i < sv->n_polls; i++) {
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "source");
                json_builder_add_string_value(b, sv->polls[i].source);
                json_builder_set_member_name(b, "at");
                json_builder_add_string_value(b, sv->polls[i].polled_at);
                json_builder_set_member_name(b, "ok");
                json_builder_add_boolean_value(b, sv->polls[i].ok);
                json_builder_set_member_name(b, "result");
                json_builder_add_string_value(b, sv->polls[i].result ? sv->polls[i].result : "");
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_set_member_name(b, "in_flight");
        json_builder_begin_array(b);
        for (char **n = in_flight; *n; n++)
                json_builder_add_string_value(b, *n);
        json_builder_end_array(b);
        json_builder_set_member_name(b, "failures_total");
        json_builder_add_int_value(b, sv->failures_total);
        json_builder_set_member_name(b, "failures");
        json_builder_begin_array(b);
        for (size_t i = 0; i < sv->n_failures; i++) {
                const bf_failure_row *f = &sv->failures[i];
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "at");
                json_builder_add_string_value(b, f->failed_at);
                json_builder_set_member_name(b, "source");
                json_builder_add_string_value(b, f->source);
                json_builder_set_member_name(b, "name");
                if (f->name)
                        json_builder_add_string_value(b, f->name);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "reason");
                json_builder_add_string_value(b, f->reason);
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_set_member_name(b, "mails");
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "handled");
        json_builder_add_int_value(b, sv->mails_handled);
        json_builder_set_member_name(b, "no_attachment");
        json_builder_add_int_value(b, sv->mails_no_attachment);
        json_builder_set_member_name(b, "failed");
        json_builder_add_int_value(b, sv->mails_failed);
        json_builder_set_member_name(b, "not_acknowledged");
        json_builder_begin_array(b);
        for (size_t i = 0; i < sv->n_mails; i++) {
                const bf_mail_record *m = &sv->mails[i];
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "uid");
                json_builder_add_int_value(b, m->uid);
                json_builder_set_member_name(b, "outcome");
                json_builder_add_string_value(b, m->outcome);
                json_builder_set_member_name(b, "subject");
                if (m->subject)
                        json_builder_add_string_value(b, m->subject);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "detail");
                if (m->detail)
                        json_builder_add_string_value(b, m->detail);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "at");
                json_builder_add_string_value(b, m->handled_at);
                json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_end_object(b);
}

static void print_service(const struct bf_config *cfg, const bf_service_status *sv,
                          char **in_flight, int running, pid_t pid, const struct now_reading *now)
{
        size_t n_flight = g_strv_length(in_flight);

        printf("by source:      ");
        if (!sv->n_sources)
                printf(" none");
        for (size_t i = 0; i < sv->n_sources; i++) {
                g_autofree char *src = text_safe(sv->sources[i].source);
                printf(" %s %" PRId64 "%s", *src ? src : "(none)", sv->sources[i].documents,
                       i + 1 < sv->n_sources ? "," : "");
        }
        printf("\n");
        if (running == 1)
                printf("service:         running (pid %d)\n", (int)pid);
        else
                printf("service:         not running\n");
        for (size_t i = 0; i < sv->n_instances; i++) {
                const bf_instance_row *in = &sv->instances[i];
                g_autofree char *id = text_safe(in->instance);
                printf("instance:        %s (pid %" PRId64 ") since %s, %s %s\n", id, in->pid,
                       in->started_at ? in->started_at : "?",
                       in->live ? "lease until" : "lease ran out at",
                       in->lease_until ? in->lease_until : "?");
        }
        if (running == 1) {
                int64_t now_s = g_get_real_time() / G_USEC_PER_SEC;
                if (!now->n)
                        printf("reading now:     nothing\n");
                for (size_t i = 0; i < now->n; i++) {
                        g_autofree char *w = text_safe(now->r[i].what);
                        int64_t secs = now_s - now->r[i].since;
                        printf("reading now:     %s (for %" PRId64 " s)\n", w, secs < 0 ? 0 : secs);
                }
        }
        for (size_t i = 0; i < sv->n_polls; i++) {
                g_autofree char *res = text_safe(sv->polls[i].result ? sv->polls[i].result : "");
                printf("last poll %-6s %s %s: %s\n", sv->polls[i].source, sv->polls[i].polled_at,
                       sv->polls[i].ok ? "ok" : "FAILED", res);
        }
        if (cfg->imap_url && *cfg->imap_url)
                printf("mails:           %" PRId64 " handled, %" PRId64 " without attachment, %"
                       PRId64 " failed\n", sv->mails_handled, sv->mails_no_attachment,
                       sv->mails_failed);
        for (size_t i = 0; i < sv->n_mails; i++) {
                const bf_mail_record *m = &sv->mails[i];
                g_autofree char *subj = text_safe(m->subject ? m->subject : "(no subject)");
                g_autofree char *det = text_safe(m->detail ? m->detail : "");
                printf("  uid %u %s: %s: %s (left in the mailbox)\n", m->uid, m->outcome, subj, det);
        }
        printf("in flight:       %zu\n", n_flight);
        for (size_t i = 0; i < n_flight; i++) {
                g_autofree char *n = text_safe(in_flight[i]);
                printf("  %s\n", n);
        }
        printf("failures:        %" PRId64 "%s\n", sv->failures_total,
               sv->failures_total > (int64_t)sv->n_failures ? " (newest shown)" : "");
        for (size_t i = 0; i < sv->n_failures; i++) {
                const bf_failure_row *f = &sv->failures[i];
                g_autofree char *n = text_safe(f->name ? f->name : "-");
                g_autofree char *r = text_safe(f->reason);
                printf("  %s %s %s: %s\n", f->failed_at, f->source, n, r);
        }
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_service_status sv = { 0 };
        char **in_flight = NULL, **problems = NULL;
        struct now_reading now = { 0 };
        pid_t pid = 0;
        int running;
        struct bf_notify_status ns = { 0 };
        bf_status st;
        bf_app app;

        (void)argv;
        if (argc > 1)
                return cli_usage_error(&cmd_status, "status takes no arguments");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_status(&app, STATUS_ROWS, &st, &sv, &err) < 0 ||
            pipeline_workflow_status(&app, &ns, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        in_flight = service_in_flight(&app.cfg);
        running = service_running(&app.cfg, &pid);
        if (running == 1)
                (void)service_now_reading(&app.cfg, &now.r, &now.n);
        problems = pipeline_config_problems(&app.cfg);
        if (cli->json) {
                JsonBuilder *b = json_builder_new();
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "home");
                json_builder_add_string_value(b, app.cfg.home);
                json_builder_set_member_name(b, "documents");
                json_builder_add_int_value(b, st.documents);
                json_builder_set_member_name(b, "by_state");
                json_builder_begin_object(b);
                for (int s = 0; s < DOC_N_STATES; s++) {
                        json_builder_set_member_name(b, doc_state_name(s));
                        json_builder_add_int_value(b, st.by_state[s]);
                }
                json_builder_end_object(b);
                json_builder_set_member_name(b, "open_exceptions");
                json_builder_add_int_value(b, st.open_exceptions);
                json_builder_set_member_name(b, "open_bank_lines");
                json_builder_add_int_value(b, st.open_bank_lines);
                json_builder_set_member_name(b, "entries");
                json_builder_add_int_value(b, st.entries);
                json_builder_set_member_name(b, "vendors");
                json_builder_add_int_value(b, st.vendors);
                json_builder_set_member_name(b, "pos");
                json_builder_add_int_value(b, st.pos);
                json_builder_set_member_name(b, "receipts");
                json_builder_add_int_value(b, st.receipts);
                json_builder_set_member_name(b, "approvals_pending");
                json_builder_add_int_value(b, ns.approvals_pending);
                json_builder_set_member_name(b, "notifications");
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "sent");
                json_builder_add_int_value(b, ns.sent);
                json_builder_set_member_name(b, "waiting");
                json_builder_add_int_value(b, ns.waiting);
                json_builder_set_member_name(b, "failing");
                json_builder_add_int_value(b, ns.failing);
                json_builder_set_member_name(b, "last_error");
                if (ns.last_error)
                        json_builder_add_string_value(b, ns.last_error);
                else
                        json_builder_add_null_value(b);
                json_builder_end_object(b);
                json_service(b, &app.cfg, &sv, in_flight, running, pid, &now);
                cli_json_strv(b, "config_problems", problems);
                json_builder_end_object(b);
                cli_json_line(b);
        } else {
                printf("home:            %s\n", app.cfg.home);
                printf("documents:       %" PRId64 "\n", st.documents);
                for (int s = 0; s < DOC_N_STATES; s++)
                        printf("  %-18s %" PRId64 "\n", doc_state_name(s), st.by_state[s]);
                printf("open exceptions: %" PRId64 "\n", st.open_exceptions);
                if (st.open_bank_lines)
                        printf("open bank lines: %" PRId64 "\n", st.open_bank_lines);
                printf("ledger entries:  %" PRId64 "\n", st.entries);
                printf("master data:     %" PRId64 " vendors, %" PRId64 " POs, %" PRId64 " receipts\n",
                       st.vendors, st.pos, st.receipts);
                printf("approvals:       %" PRId64 " pending\n", ns.approvals_pending);
                printf("notifications:   %" PRId64 " sent, %" PRId64 " waiting, %" PRId64 " failing\n",
                       ns.sent, ns.waiting, ns.failing);
                if (ns.last_error) {
                        g_autofree char *safe = text_safe(ns.last_error);
                        printf("  last failure:  %s\n", safe);
                }
                print_service(&app.cfg, &sv, in_flight, running, pid, &now);
                for (char **p = problems; *p; p++) {
                        g_autofree char *safe = text_safe(*p);
                        printf("warning: %s (see 'billflow config check')\n", safe);
                }
        }
        g_strfreev(problems);
        g_strfreev(in_flight);
        service_reading_free(now.r, now.n);
        service_status_release(&sv);
        pipeline_workflow_status_release(&ns);
        pipeline_app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_status = {
        .name = "status", .usage = "", .run = run,
        .summary = "counts by state and source, last polls, documents in flight, failures",
};
