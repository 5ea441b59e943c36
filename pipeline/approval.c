/* approval.c: the approval workflow — who must approve an invoice that
 * passed its checks, approving and declining (roles, limits, segregation of
 * duties), reminders, escalation and the alerts, each audited and notified
 * through the outbox in the transaction of its cause. One code path for the
 * command line, the TUI and the service. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* The escalation target of a level without a deputy: the admins. */
#define ESCALATE_TO_ADMINS "admins"

static bool set(const char *s)
{
        return s && *s;
}

/* Seconds since an ISO 8601 UTC time; 0 when it cannot be read. */
static int64_t seconds_since(const char *iso)
{
        g_autoptr(GDateTime) t = iso ? g_date_time_new_from_iso8601(iso, NULL) : NULL;
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();

        if (!t)
                return 0;
        return g_date_time_difference(now, t) / G_TIME_SPAN_SECOND;
}

static void money_text(bf_money m, char buf[48])
{
        char a[32];

        if (money_format(m, a, sizeof(a)) < 0)
                g_strlcpy(a, "?", sizeof(a));
        g_snprintf(buf, 48, "%s %s", a, m.currency);
}

int pipeline_app_check_user(bf_app *app, unsigned roles, const char *what, struct bf_error *err)
{
        bf_user u;
        int64_t n;
        int r;

        if (!app->store)
                return 0;
        if ((n = store_users_count(app->store, err)) < 0)
                return (int)n;
        if (n == 0)
                return 0;
        r = store_user_get(app->store, app->user, &u, err);
        if (r == BF_ENOTFOUND)
                return bf_error_set(err, BF_EINVAL,
                                    "'%s' is not a billflow user (give --user NAME; see 'billflow import users')",
                                    app->user);
        if (r < 0)
                return r;
        r = 0;
        if (roles && !(u.roles & (roles | ROLE_ADMIN))) {
                char need[64];
                roles_format(roles, need, sizeof(need));
                r = bf_error_set(err, BF_EINVAL, "%s may not %s: that needs the role %s", app->user,
                                 what, need);
        }
        user_release(&u);
        return r;
}

/* Whether u's approval limit covers amount: same currency, at least as much. */
static bool limit_covers(const bf_user *u, bf_money amount)
{
        return u->has_limit && strcmp(u->approval_limit.currency, amount.currency) == 0 &&
               u->approval_limit.minor >= amount.minor;
}

/* Whether u is one who must act on a at its current level: the named
 * approver, the one it was escalated to, an admin, or — at a level open to
 * any approver — anyone with the approver role. Limits are checked apart. */
static bool may_act(const bf_user *u, const bf_approval *a)
{
        if (u->roles & ROLE_ADMIN)
                return true;
        if (!(u->roles & ROLE_APPROVER))
                return false;
        if (!a->approver)
                return true;
        return strcmp(a->approver, u->user_id) == 0 ||
               (a->escalated_to && strcmp(a->escalated_to, u->user_id) == 0);
}

/* Who must act, for people: "alice", "alice or her deputy bob", "any
 * approver with a limit of at least 12000.00 GBP". Caller frees. */
static char *must_act_text(const bf_approval *a)
{
        char amount[48];
        GString *s = g_string_new(NULL);

        money_text(a->amount, amount);
        if (a->approver)
                g_string_append(s, a->approver);
        else
                g_string_append_printf(s, "any approver with a limit of at least %s", amount);
        if (a->escalated_to)
                g_string_append_printf(s, ", escalated to %s", a->escalated_to);
        if (a->levels > 1)
                g_string_append_printf(s, " (level %d of %d)", a->level, a->levels);
        return g_string_free(s, FALSE);
}

/* The addresses of those who must act on a now: the named approver (and
 * the escalation target), else every approver whose limit covers it. */
static char **level_emails(bf_app *app, const bf_approval *a, bool escalation)
{
        GPtrArray *out = g_ptr_array_new();
        bf_user *users = NULL;
        size_t n = 0;

        if (store_users_load(app->store, &users, &n, NULL) == 0) {
                for (size_t i = 0; i < n; i++) {
                        const bf_user *u = &users[i];
                        bool to;
                        if (!set(u->email))
                                continue;
                        if (escalation)
                                to = a->escalated_to &&
                                     (strcmp(a->escalated_to, u->user_id) == 0 ||
                                      (strcmp(a->escalated_to, ESCALATE_TO_ADMINS) == 0 &&
                                       (u->roles & ROLE_ADMIN)));
                        else if (a->approver)
                                to = strcmp(a->approver, u->user_id) == 0 ||
                                     (a->escalated_to && strcmp(a->escalated_to, u->user_id) == 0);
                        else
                                to = (u->roles & ROLE_APPROVER) && limit_covers(u, a->amount);
                        if (to)
                                g_ptr_array_add(out, g_strdup(u->email));
                }
        }
        store_users_free(users, n);
        g_ptr_array_add(out, NULL);
        return (char **)g_ptr_array_free(out, FALSE);
}

/* An event about approval a, for those who must act at its level (or the
 * escalation target). */
static int notify_approval(bf_app *app, const char *type, const bf_approval *a,
                           const char *detail, const char *dedupe, struct bf_error *err)
{
        g_auto(GStrv) emails = level_emails(app, a, strcmp(type, "escalation") == 0);
        bf_invoice inv;
        int r;

        invoice_init(&inv);
        (void)store_invoice_load(app->store, a->document_id, &inv, NULL);
        struct notify_event ev = {
                .type = type, .document_id = a->document_id, .approval_id = a->id,
                .vendor = a->vendor, .vendor_id = inv.vendor_id,
                .invoice_number = a->invoice_number, .has_amount = true, .amount = a->amount,
                .level = a->level, .levels = a->levels, .detail = detail, .dedupe_key = dedupe,
        };
        r = pipeline_notify_queue(app, &ev, emails, err);
        invoice_release(&inv);
        return r;
}

static int audit_approval(bf_app *app, const bf_approval *a, const char *action,
                          const char *field, const char *value, struct bf_error *err)
{
        return store_audit(app->store, app->user, action, a->document_id, field, NULL, value, err);
}

int pipeline_approval_gate(bf_app *app, int64_t doc_id, const bf_invoice *inv, const bf_vendor *vendor,
                  const bf_po *po, struct bf_result *ret, struct bf_error *err)
{
        bf_approval_rule *rules = NULL;
        struct approval_route route;
        bf_approval a = { 0 };
        g_autofree char *who = NULL, *detail = NULL;
        char amount[48];
        size_t n = 0;
        int r;

        if ((r = store_approval_rules_load(app->store, &rules, &n, err)) < 0)
                return r;
        rules_route_approval(inv, vendor, po, rules, n, &app->cfg.approval.policy, &route);
        if (route.levels == 0) {
                store_approval_rules_free(rules, n);
                return 0;
        }
        r = store_approval_insert(app->store, doc_id, inv->total, route.levels, route.approver,
                                  &ret->approval_id, err);
        store_approval_rules_free(rules, n);
        if (r < 0)
                return r;
        if ((r = store_approval_get(app->store, ret->approval_id, &a, err)) < 0)
                return r;
        who = must_act_text(&a);
        money_text(a.amount, amount);
        detail = g_strdup_printf("%s %s (%s) waits for approval by %s.",
                                 a.vendor ? a.vendor : "an invoice",
                                 a.invoice_number ? a.invoice_number : "", amount, who);
        if ((r = store_document_set_state(app->store, doc_id, DOC_AWAITING_APPROVAL, err)) < 0 ||
            (r = audit_approval(app, &a, "await_approval", "approver", who, err)) < 0 ||
            (r = notify_approval(app, "approval_needed", &a, detail, NULL, err)) < 0)
                goto out;
        ret->outcome = OUTCOME_AWAITING_APPROVAL;
        ret->entry_id = 0;
        ret->exception_id = 0;
        r = 1;
out:
        approval_release(&a);
        return r;
}

int pipeline_approval_exception_alert(bf_app *app, int64_t doc_id, int64_t exception_id,
                             const bf_invoice *inv, const bf_decision *d, struct bf_error *err)
{
        const struct bf_alert_config *al = &app->cfg.alert;
        g_autofree char *key = NULL, *detail = NULL;
        g_auto(GStrv) emails = NULL;
        GString *reasons;

        if (!al->has_exception_above || !inv || !inv->meta[FIELD_TOTAL].present ||
            decimal_cmp(decimal_from_money(inv->total), al->exception_above) <= 0)
                return 0;
        reasons = g_string_new(NULL);
        for (size_t i = 0; i < d->n_reasons; i++)
                g_string_append_printf(reasons, "%s%s", i ? ", " : "", reason_name(d->reasons[i].reason));
        detail = g_strdup_printf("Exception %" PRId64 " queued: %s.", exception_id, reasons->str);
        g_string_free(reasons, TRUE);
        key = g_strdup_printf("exception:%" PRId64, exception_id);
        emails = pipeline_notify_emails_by_role(app, ROLE_REVIEWER | ROLE_ADMIN);
        struct notify_event ev = {
                .type = "exception", .document_id = doc_id, .vendor = inv->vendor_name,
                .vendor_id = inv->vendor_id, .invoice_number = inv->invoice_number,
                .has_amount = true, .amount = inv->total, .detail = detail, .dedupe_key = key,
        };
        int r = pipeline_notify_queue(app, &ev, emails, err);

        return r < 0 ? r : 0;
}

/* ------------------------------------------------------------ listing */

int pipeline_approvals_list(bf_app *app, bool mine, struct bf_approval_view **ret, size_t *ret_n,
                   struct bf_error *err)
{
        bf_approval *list = NULL;
        bf_user me;
        bool have_me = false;
        GArray *out;
        size_t n = 0;
        int r;

        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        if ((r = store_approvals_pending(app->store, &list, &n, err)) < 0)
                return r;
        have_me = store_user_get(app->store, app->user, &me, NULL) == 0;
        out = g_array_new(FALSE, TRUE, sizeof(struct bf_approval_view));
        for (size_t i = 0; i < n; i++) {
                struct bf_approval_view v = { 0 };
                v.mine = have_me && may_act(&me, &list[i]) && limit_covers(&me, list[i].amount);
                if (mine && !v.mine) {
                        approval_release(&list[i]);
                        continue;
                }
                v.a = list[i];
                v.must_act = must_act_text(&v.a);
                v.age_seconds = seconds_since(v.a.created_at);
                g_array_append_val(out, v);
        }
        g_free(list);
        if (have_me)
                user_release(&me);
        *ret_n = out->len;
        *ret = (struct bf_approval_view *)(void *)g_array_free(out, FALSE);
        return 0;
}

void pipeline_approvals_list_free(struct bf_approval_view *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++) {
                approval_release(&list[i].a);
                g_free(list[i].must_act);
        }
        g_free(list);
}

int64_t pipeline_approvals_pending_count(bf_app *app, struct bf_error *err)
{
        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        return store_approvals_pending_count(app->store, err);
}

/* ----------------------------------------------------------- deciding */

/* Segregation of duties and limits for approving a as u: 0, or BF_EINVAL
 * saying why not. */
static int check_approver(bf_app *app, const bf_user *u, const bf_approval *a,
                          const bf_invoice *inv, struct bf_error *err)
{
        g_auto(GStrv) voters = NULL;
        char amount[48], limit[48];
        int r;

        if (!limit_covers(u, a->amount)) {
                money_text(a->amount, amount);
                if (!u->has_limit)
                        return bf_error_set(err, BF_EINVAL, "%s has no approval limit: cannot approve %s",
                                            u->user_id, amount);
                money_text(u->approval_limit, limit);
                return bf_error_set(err, BF_EINVAL, "%s's approval limit %s does not cover %s",
                                    u->user_id, limit, amount);
        }
        if ((r = store_approval_voters(app->store, a->id, &voters, err)) < 0)
                return r;
        for (char **v = voters; *v; v++)
                if (strcmp(*v, u->user_id) == 0)
                        return bf_error_set(err, BF_EINVAL,
                                            "%s approved an earlier level of approval %" PRId64
                                            ": level %d needs another approver",
                                            u->user_id, a->id, a->level);
        /* Who changed the invoice cannot be its only approver. */
        if (a->levels == 1) {
                static const char *const acts[] = { "edit", "override" };
                for (size_t i = 0; i < G_N_ELEMENTS(acts); i++) {
                        if ((r = store_audit_has(app->store, a->document_id, u->user_id, acts[i],
                                                 NULL, err)) < 0)
                                return r;
                        if (r)
                                return bf_error_set(err, BF_EINVAL,
                                                    "%s %s this invoice and cannot be its only approver",
                                                    u->user_id, i == 0 ? "edited the fields of"
                                                                       : "overrode a check on");
                }
        }
        /* Who set, asked to change or confirmed a change of the vendor's
         * bank details cannot approve its invoices. */
        static const char *const bank_acts[] = { "bank_details", "bank_change_requested",
                                                 "bank_change_confirmed" };
        for (size_t i = 0; inv->vendor_id && i < G_N_ELEMENTS(bank_acts); i++) {
                if ((r = store_audit_has(app->store, 0, u->user_id, bank_acts[i], inv->vendor_id,
                                         err)) < 0)
                        return r;
                if (r)
                        return bf_error_set(err, BF_EINVAL,
                                            "%s changed the bank details of vendor %s and cannot approve its invoices",
                                            u->user_id, inv->vendor_id);
        }
        return 0;
}

static int decide_once(bf_app *app, int64_t approval_id, bool approve, const char *reason,
                       struct bf_result *ret, struct bf_error *err)
{
        bf_approval a = { 0 };
        bf_user u = { 0 };
        g_autofree char *detail = NULL, *level = NULL;
        int64_t n_users;
        int r;

        memset(ret, 0, sizeof(*ret));
        invoice_init(&ret->invoice);
        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        if (!approve && !set(reason))
                return bf_error_set(err, BF_EINVAL, "declining needs a reason");
        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = store_approval_get(app->store, approval_id, &a, err)) < 0)
                goto fail;
        if (a.state != APPROVAL_PENDING) {
                r = bf_error_set(err, BF_ENOTFOUND, "approval %" PRId64 " is not pending (%s by %s)",
                                 approval_id, approval_state_name(a.state),
                                 a.decided_by ? a.decided_by : "someone");
                goto fail;
        }
        if ((n_users = store_users_count(app->store, err)) < 0) {
                r = (int)n_users;
                goto fail;
        }
        if (n_users == 0) {
                r = bf_error_set(err, BF_EINVAL,
                                 "approving needs users with limits: import them with 'billflow import users'");
                goto fail;
        }
        r = store_user_get(app->store, app->user, &u, err);
        if (r == BF_ENOTFOUND)
                r = bf_error_set(err, BF_EINVAL, "'%s' is not a billflow user (give --user NAME)",
                                 app->user);
        if (r < 0)
                goto fail;
        if (!(u.roles & (ROLE_APPROVER | ROLE_ADMIN))) {
                r = bf_error_set(err, BF_EINVAL, "%s may not %s invoices: that needs the role approver",
                                 u.user_id, approve ? "approve" : "decline");
                goto fail;
        }
        if (!may_act(&u, &a)) {
                g_autofree char *who = must_act_text(&a);
                r = bf_error_set(err, BF_EINVAL, "approval %" PRId64 " waits for %s, not %s",
                                 approval_id, who, u.user_id);
                goto fail;
        }
        ret->document_id = a.document_id;
        ret->approval_id = a.id;
        if ((r = store_invoice_load(app->store, a.document_id, &ret->invoice, err)) < 0)
                goto fail;
        level = g_strdup_printf("%d/%d", a.level, a.levels);

        if (!approve) {
                bf_reason_item item = { .reason = REASON_DECLINED };
                g_auto(GStrv) emails = NULL;
                item.detail = g_strdup_printf("declined by %s: %s", u.user_id, reason);
                ret->decision.reasons = g_memdup2(&item, sizeof(item));
                ret->decision.n_reasons = 1;
                if ((r = store_approval_close(app->store, a.id, APPROVAL_DECLINED, u.user_id, reason,
                                              err)) < 0 ||
                    (r = store_exception_open(app->store, a.document_id, ret->decision.reasons, 1,
                                              &ret->exception_id, err)) < 0 ||
                    (r = store_document_set_state(app->store, a.document_id, DOC_EXCEPTION, err)) < 0 ||
                    (r = audit_approval(app, &a, "decline", "reason", reason, err)) < 0)
                        goto fail;
                emails = pipeline_notify_emails_by_role(app, ROLE_REVIEWER | ROLE_ADMIN);
                struct notify_event ev = {
                        .type = "declined", .document_id = a.document_id, .approval_id = a.id,
                        .vendor = a.vendor, .vendor_id = ret->invoice.vendor_id,
                        .invoice_number = a.invoice_number, .has_amount = true, .amount = a.amount,
                        .level = a.level, .levels = a.levels, .detail = item.detail,
                };
                if ((r = pipeline_notify_queue(app, &ev, emails, err)) < 0)
                        goto fail;
                ret->outcome = OUTCOME_EXCEPTION;
                r = store_commit(app->store, err);
                goto out;
        }

        if ((r = check_approver(app, &u, &a, &ret->invoice, err)) < 0 ||
            (r = store_approval_vote(app->store, a.id, a.level, u.user_id, err)) < 0 ||
            (r = audit_approval(app, &a, "approve", "level", level, err)) < 0)
                goto fail;
        if (a.level < a.levels) {
                /* The next level's approvers are told now. */
                approval_release(&a);
                if ((r = store_approval_get(app->store, approval_id, &a, err)) < 0)
                        goto fail;
                g_autofree char *who = must_act_text(&a);
                detail = g_strdup_printf("Approved at level %d by %s; now waits for %s.",
                                         a.level - 1, u.user_id, who);
                if ((r = notify_approval(app, "approval_needed", &a, detail, NULL, err)) < 0)
                        goto fail;
                ret->outcome = OUTCOME_AWAITING_APPROVAL;
                r = store_commit(app->store, err);
                goto out;
        }
        if ((r = store_approval_close(app->store, a.id, APPROVAL_APPROVED, u.user_id, NULL, err)) < 0)
                goto fail;
        /* The checks run again (a duplicate may have been posted meanwhile)
         * and it posts, or goes to the queue with what stops it now. */
        if ((r = pipeline_decide(app, a.document_id, &ret->invoice, false, NULL, 0, true, ret,
                                 err)) < 0)
                goto fail;
        ret->approval_id = a.id;
        r = store_commit(app->store, err);
        goto out;
fail:
        store_rollback(app->store);
        ret->outcome = OUTCOME_ERROR;
out:
        approval_release(&a);
        user_release(&u);
        return r;
}

int pipeline_approval_decide(bf_app *app, int64_t approval_id, bool approve, const char *reason,
                    struct bf_result *ret, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = decide_once(app, approval_id, approve, reason, ret, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
                pipeline_result_release(ret);
        }
}

/* ------------------------------------------------------------- capture */

int pipeline_failure_add(bf_app *app, const char *source, const char *name, const char *reason,
                         struct bf_error *err)
{
        g_autofree char *detail = g_strdup_printf("%s%s%s: %s", source, name ? " " : "",
                                                  name ? name : "", reason);
        g_auto(GStrv) emails = pipeline_notify_emails_by_role(app, ROLE_ADMIN);
        struct notify_event ev = { .type = "capture_failing", .detail = detail };
        int r;

        for (int attempt = 0;; attempt++) {
                if ((r = store_begin(app->store, err)) < 0)
                        return r;
                if ((r = store_failure_add(app->store, source, name, reason, err)) < 0 ||
                    (r = pipeline_notify_queue(app, &ev, emails, err)) < 0)
                        store_rollback(app->store);
                else
                        r = store_commit(app->store, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

/* --------------------------------------------------------------- timers */

/* Whether user_id may take approval a on escalation: a user with the
 * approver role (or an admin) whose limit covers it and who approved no
 * earlier level of it. *why (caller frees) says why not. */
static bool may_take(bf_app *app, const char *user_id, const bf_approval *a, char *const *voters,
                     char **why)
{
        bf_user u;
        char amount[48];
        bool ok = false;

        if (store_user_get(app->store, user_id, &u, NULL) < 0) {
                *why = g_strdup_printf("%s is no user", user_id);
                return false;
        }
        money_text(a->amount, amount);
        if (!(u.roles & (ROLE_APPROVER | ROLE_ADMIN)))
                *why = g_strdup_printf("%s is no approver", user_id);
        else if (!limit_covers(&u, a->amount))
                *why = g_strdup_printf("%s's approval limit does not cover %s", user_id, amount);
        else if (voters && g_strv_contains((const char *const *)voters, user_id))
                *why = g_strdup_printf("%s approved an earlier level", user_id);
        else
                ok = true;
        user_release(&u);
        return ok;
}

/* Who an approval waiting past approval.escalate_after goes to: the
 * approver's deputy, if the deputy may take it; else the approver named
 * for the next level, if there is one who may; else the admins. *ret_why
 * (caller frees) says whom it passed over and why, or NULL. Caller frees
 * the returned user id. */
static char *escalation_target(bf_app *app, const bf_approval *a, char **ret_why, struct bf_error *err)
{
        g_auto(GStrv) voters = NULL;
        GString *why = g_string_new(NULL);
        char *to = NULL;

        *ret_why = NULL;
        if (store_approval_voters(app->store, a->id, &voters, err) < 0)
                goto out;
        if (a->approver) {
                bf_user approver;
                if (store_user_get(app->store, a->approver, &approver, NULL) == 0) {
                        g_autofree char *no = NULL;
                        if (!set(approver.deputy))
                                g_string_append_printf(why, "%s has no deputy", a->approver);
                        else if (strcmp(approver.deputy, a->approver) != 0 &&
                                 may_take(app, approver.deputy, a, voters, &no))
                                to = g_strdup(approver.deputy);
                        else
                                g_string_append_printf(why, "deputy %s: %s", approver.deputy,
                                                       no ? no : "is the approver");
                        user_release(&approver);
                }
        }
        if (!to && a->level < a->levels) {
                g_autofree char *next = NULL, *no = NULL;
                if (store_approval_level_approver(app->store, a->id, a->level + 1, &next, err) < 0)
                        goto out;
                if (next && (!a->approver || strcmp(next, a->approver) != 0) &&
                    may_take(app, next, a, voters, &no))
                        to = g_strdup(next);
                else if (next)
                        g_string_append_printf(why, "%snext level's %s: %s", why->len ? "; " : "", next,
                                               no ? no : "is the approver");
        }
        if (!to)
                to = g_strdup(ESCALATE_TO_ADMINS);
out:
        if (to && why->len)
                *ret_why = g_strdup(why->str);
        g_string_free(why, TRUE);
        return to;
}

/* Reminds or escalates one approval, in its own transaction. */
static int tick_one_once(bf_app *app, const bf_approval *a, bool escalate, struct bf_error *err)
{
        bf_approval now = { 0 };
        g_autofree char *detail = NULL, *who = NULL, *to = NULL, *key = NULL, *passed = NULL;
        int r;

        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if (escalate && !(to = escalation_target(app, a, &passed, err))) {
                r = err ? err->code : BF_EIO;
                goto fail;
        }
        if ((r = store_approval_mark(app->store, a->id, escalate, to, err)) < 0 ||
            (r = store_approval_get(app->store, a->id, &now, err)) < 0)
                goto fail;
        who = must_act_text(&now);
        detail = escalate ? g_strdup_printf("Approval %" PRId64 " waited too long at level %d: escalated to %s%s%s%s.",
                                            a->id, a->level, to, passed ? " (" : "", passed ? passed : "",
                                            passed ? ")" : "")
                          : g_strdup_printf("Approval %" PRId64 " still waits for %s.", a->id, who);
        key = g_strdup_printf("%s:%" PRId64 ":%d", escalate ? "escalation" : "reminder", a->id, a->level);
        if ((r = escalate ? store_audit(app->store, app->user, "escalate", a->document_id, "escalated_to",
                                        a->approver, to, err)
                          : audit_approval(app, &now, "remind", "approver", who, err)) < 0 ||
            (r = notify_approval(app, escalate ? "escalation" : "reminder", &now, detail, key, err)) < 0)
                goto fail;
        approval_release(&now);
        return store_commit(app->store, err);
fail:
        approval_release(&now);
        store_rollback(app->store);
        return r;
}

static int tick_one(bf_app *app, const bf_approval *a, bool escalate, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = tick_one_once(app, a, escalate, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

/* An alert for the admins, once per dedupe key: audited when it was
 * queued (nothing is repeated, nothing recorded without a channel). Returns
 * 1 when queued, 0 when not, <0 on error. */
static int alert_once(bf_app *app, const char *type, const char *detail, const char *key,
                      int64_t document_id, struct bf_error *err)
{
        g_auto(GStrv) emails = pipeline_notify_emails_by_role(app, ROLE_ADMIN);
        struct notify_event ev = { .type = type, .document_id = document_id, .detail = detail,
                                   .dedupe_key = key };
        int r;

        if ((r = store_begin(app->store, err)) < 0)
                return r;
        if ((r = pipeline_notify_queue(app, &ev, emails, err)) <= 0 ||
            (r = store_audit(app->store, app->user, "alert", document_id, type, NULL, detail, err)) < 0) {
                store_rollback(app->store);
                return r;
        }
        r = store_commit(app->store, err);
        return r < 0 ? r : 1;
}

static int alert(bf_app *app, const char *type, const char *detail, const char *key,
                 int64_t document_id, struct bf_error *err)
{
        int r;

        for (int attempt = 0;; attempt++) {
                r = alert_once(app, type, detail, key, document_id, err);
                if (!pipeline_race_again(app, r, attempt, err))
                        return r;
        }
}

static int tick_alerts(bf_app *app, struct bf_workflow_tick *t, struct bf_error *err)
{
        const struct bf_alert_config *al = &app->cfg.alert;
        g_autofree char *since = NULL, *result = NULL;
        int r;

        if (set(app->cfg.imap_url) && al->after > 0) {
                if ((r = store_poll_failing_since(app->store, "imap", &since, &result, err)) < 0)
                        return r;
                if (since && seconds_since(since) >= al->after) {
                        g_autofree char *key = g_strdup_printf("capture_failing:imap:%s", since);
                        g_autofree char *detail = g_strdup_printf(
                                "The mailbox has been unreachable since %s: %s", since,
                                result ? result : "no answer");
                        if ((r = alert(app, "capture_failing", detail, key, 0, err)) < 0)
                                return r;
                        t->alerts += r;
                }
        }
        if (al->queue_age > 0) {
                /* the oldest alone: every tick of every service asks */
                bf_exception oldest;
                int64_t n = 0;
                if ((r = store_queue_oldest(app->store, &n, &oldest, err)) < 0)
                        return r;
                if (n > 0 && seconds_since(oldest.created_at) >= al->queue_age) {
                        g_autofree char *key = g_strdup_printf("queue_age:%" PRId64, oldest.id);
                        g_autofree char *detail = g_strdup_printf(
                                "The oldest open exception (%" PRId64 ", since %s) is older than alert.queue_age; %" PRId64 " open.",
                                oldest.id, oldest.created_at, n);
                        r = alert(app, "queue_age", detail, key, oldest.document_id, err);
                        if (r > 0)
                                t->alerts += r;
                }
                exception_release(&oldest);
                if (r < 0)
                        return r;
        }
        return 0;
}

int pipeline_workflow_tick(bf_app *app, struct bf_workflow_tick *ret, struct bf_error *err)
{
        const struct bf_approval_config *c = &app->cfg.approval;
        struct bf_workflow_tick t = { 0 };
        bf_approval *list = NULL;
        size_t n = 0;
        int r;

        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "no store open");
        if ((r = store_approvals_pending(app->store, &list, &n, err)) < 0)
                return r;
        for (size_t i = 0; i < n; i++) {
                const bf_approval *a = &list[i];
                int64_t waited = seconds_since(a->level_at);
                if (c->escalate_after > 0 && waited >= c->escalate_after && !a->escalated_at) {
                        if ((r = tick_one(app, a, true, err)) < 0)
                                break;
                        t.escalated++;
                } else if (c->remind_after > 0 && waited >= c->remind_after && !a->reminded_at &&
                           !a->escalated_at) {
                        if ((r = tick_one(app, a, false, err)) < 0)
                                break;
                        t.reminded++;
                }
        }
        store_approvals_free(list, n);
        if (r == 0)
                r = tick_alerts(app, &t, err);
        if (ret)
                *ret = t;
        return r;
}
