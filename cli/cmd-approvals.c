/* cmd-approvals.c: `billflow approvals [--mine]`, `approve ID` and
 * `decline ID --reason TEXT` — the approval workflow from the command line
 * (the TUI's approvals view shares pipeline_approval_decide). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_print_result(struct cli *cli, const char *file, const struct bf_result *res);

static void add_text(JsonBuilder *b, const char *name, const char *v)
{
        json_builder_set_member_name(b, name);
        if (v)
                json_builder_add_string_value(b, v);
        else
                json_builder_add_null_value(b);
}

static void print_json(const struct bf_approval_view *v)
{
        JsonBuilder *b = json_builder_new();
        char amount[32] = "";

        money_format(v->a.amount, amount, sizeof(amount));
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "id");
        json_builder_add_int_value(b, v->a.id);
        json_builder_set_member_name(b, "document_id");
        json_builder_add_int_value(b, v->a.document_id);
        add_text(b, "vendor", v->a.vendor);
        add_text(b, "invoice_number", v->a.invoice_number);
        add_text(b, "amount", amount);
        add_text(b, "currency", v->a.amount.currency);
        json_builder_set_member_name(b, "level");
        json_builder_add_int_value(b, v->a.level);
        json_builder_set_member_name(b, "levels");
        json_builder_add_int_value(b, v->a.levels);
        add_text(b, "approver", v->a.approver);
        add_text(b, "escalated_to", v->a.escalated_to);
        add_text(b, "must_act", v->must_act);
        add_text(b, "created_at", v->a.created_at);
        json_builder_set_member_name(b, "age_seconds");
        json_builder_add_int_value(b, v->age_seconds);
        add_text(b, "reminded_at", v->a.reminded_at);
        add_text(b, "escalated_at", v->a.escalated_at);
        json_builder_set_member_name(b, "mine");
        json_builder_add_boolean_value(b, v->mine);
        json_builder_end_object(b);
        cli_json_line(b);
}

static int run_list(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        struct bf_approval_view *list = NULL;
        size_t n = 0;
        bool mine = false;
        bf_app app;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--mine") == 0)
                        mine = true;
                else
                        return cli_usage_error(&cmd_approvals, "unexpected '%s'", argv[i]);
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_approvals_list(&app, mine, &list, &n, &err) < 0) {
                cli_error("%s", err.msg);
                pipeline_app_close(&app);
                return EXIT_FAIL;
        }
        if (!cli->json && n)
                printf("%-5s %-5s %14s %-4s  %-24s %-16s %s\n", "ID", "AGE", "AMOUNT", "", "VENDOR",
                       "INVOICE", "MUST ACT");
        for (size_t i = 0; i < n; i++) {
                const struct bf_approval_view *v = &list[i];
                char age[16], amount[32] = "";
                g_autofree char *vendor = NULL, *number = NULL, *who = NULL;

                if (cli->json) {
                        print_json(v);
                        continue;
                }
                pipeline_age_text(v->a.created_at, 0, age, sizeof(age));
                money_format(v->a.amount, amount, sizeof(amount));
                vendor = text_safe(v->a.vendor ? v->a.vendor : "-");
                number = text_safe(v->a.invoice_number ? v->a.invoice_number : "-");
                who = text_safe(v->must_act);
                printf("%-5" PRId64 " %-5s %14s %-4s  %-24.24s %-16.16s %s\n", v->a.id, age, amount,
                       v->a.amount.currency, vendor, number, who);
        }
        if (!cli->json && n == 0)
                printf("no approvals %s\n", mine ? "wait for you" : "are pending");
        pipeline_approvals_list_free(list, n);
        pipeline_app_close(&app);
        return EXIT_OK;
}

/* approve and decline: the one code path, pipeline_approval_decide. */
static int decide(struct cli *cli, const struct bf_cmd *cmd, bool approve, int argc, char **argv)
{
        struct bf_error err = { 0 };
        struct bf_result res;
        const char *reason = NULL;
        int64_t id = 0;
        int status = EXIT_OK;
        char label[48];
        bf_app app;

        for (int i = 1; i < argc; i++) {
                const char *v;
                if (!approve && cli_take_option(argc, argv, &i, "--reason", &v))
                        reason = v;
                else if (!id && record_id_parse(argv[i], &id))
                        continue;
                else
                        return cli_usage_error(cmd, "unexpected '%s'", argv[i]);
        }
        if (!id)
                return cli_usage_error(cmd, "%s needs an approval id", cmd->name);
        if (!approve && (!reason || !*reason))
                return cli_usage_error(cmd, "decline needs --reason TEXT");
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (pipeline_approval_decide(&app, id, approve, reason, &res, &err) < 0) {
                cli_error("%s", err.msg);
                status = EXIT_FAIL;
        } else {
                snprintf(label, sizeof(label), "approval %" PRId64, id);
                if (!cli->json && !approve)
                        printf("%s: declined; document %" PRId64 " queued as exception %" PRId64 "\n",
                               label, res.document_id, res.exception_id);
                else if (!cli->json && res.outcome == OUTCOME_AWAITING_APPROVAL)
                        printf("%s: approved at this level; waits for the next (document %" PRId64 ")\n",
                               label, res.document_id);
                else
                        cli_print_result(cli, label, &res);
        }
        pipeline_result_release(&res);
        pipeline_app_close(&app);
        return status;
}

static int run_approve(struct cli *cli, int argc, char **argv)
{
        return decide(cli, &cmd_approve, true, argc, argv);
}

static int run_decline(struct cli *cli, int argc, char **argv)
{
        return decide(cli, &cmd_decline, false, argc, argv);
}

const struct bf_cmd cmd_approvals = {
        .name = "approvals", .usage = "[--mine]", .run = run_list,
        .summary = "pending approvals, oldest first: age, amount, who must act",
        .help = "--mine   only those you (--user) may approve now\n"
                "Approve with 'billflow approve ID', decline with 'billflow decline ID --reason TEXT'.\n",
};

const struct bf_cmd cmd_approve = {
        .name = "approve", .usage = "ID", .run = run_approve,
        .summary = "approve an invoice waiting for approval; the last level posts it",
        .help = "You (--user) must be an approver who may act at its level, with a limit that\n"
                "covers the total; not one who edited it or overrode a check as its only\n"
                "approver, approved an earlier level, or changed the vendor's bank details.\n",
};

const struct bf_cmd cmd_decline = {
        .name = "decline", .usage = "ID --reason TEXT", .run = run_decline,
        .summary = "decline an invoice waiting for approval: it goes to the queue as declined",
};
