/* store-approvals.c: users and their roles and limits, approval rules,
 * approvals (route, votes, reminders, escalation) and the outbox of
 * notifications. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* Reads every row of st (prepared and bound) into a new array of `size`-byte
 * elements, each filled by col (which may fail: 0 or BF_E*); release frees
 * one element's contents. *ret (g_free) and *ret_n on success. */
typedef int (*row_fn)(bf_stmt *st, void *elem, struct bf_error *err);
static int load_rows(bf_store *s, bf_stmt *st, size_t size, row_fn col,
                     void (*release)(void *elem), const char *what, void **ret, size_t *ret_n,
                     struct bf_error *err)
{
        GArray *out = g_array_new(FALSE, TRUE, (guint)size);
        int r;

        while ((r = store_step(s, st, err, what)) == 1) {
                g_array_set_size(out, out->len + 1);
                if ((r = col(st, (char *)out->data + (out->len - 1) * size, err)) < 0) {
                        store_reset(st);
                        break;
                }
        }
        if (r < 0) {
                for (guint i = 0; i < out->len; i++)
                        release((char *)out->data + i * size);
                g_array_free(out, TRUE);
                return r;
        }
        *ret_n = out->len;
        *ret = g_array_free(out, FALSE);
        return 0;
}

/* --------------------------------------------------------------- users */

int store_user_upsert(bf_store *s, const bf_user *u, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO users (user_id, name, email, roles, limit_minor, limit_currency,"
                " deputy, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name,"
                " email = excluded.email, roles = excluded.roles,"
                " limit_minor = excluded.limit_minor, limit_currency = excluded.limit_currency,"
                " deputy = excluded.deputy, updated_at = excluded.updated_at";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, u->user_id);
        store_bind_text(s, st, 2, u->name);
        store_bind_text(s, st, 3, u->email);
        store_bind_int64(s, st, 4, u->roles);
        if (u->has_limit)
                store_bind_int64(s, st, 5, u->approval_limit.minor);
        else
                store_bind_null(s, st, 5);
        store_bind_text(s, st, 6, u->approval_limit.currency);
        store_bind_text(s, st, 7, u->deputy);
        store_bind_text(s, st, 8, now);
        return store_run(s, st, err, "save user");
}

#define USER_COLS "user_id, name, email, roles, limit_minor, limit_currency, deputy"

static void col_user(bf_stmt *st, bf_user *u)
{
        memset(u, 0, sizeof(*u));
        u->user_id = store_col_strdup(st, 0);
        u->name = store_col_strdup(st, 1);
        u->email = store_col_strdup(st, 2);
        u->roles = (unsigned)store_col_int(st, 3);
        u->has_limit = !store_col_is_null(st, 4);
        u->approval_limit.minor = store_col_int64(st, 4);
        store_col_currency(st, 5, u->approval_limit.currency);
        u->deputy = store_col_strdup(st, 6);
}

int store_user_get(bf_store *s, const char *user_id, bf_user *ret, struct bf_error *err)
{
        static const char sql[] = "SELECT " USER_COLS " FROM users WHERE user_id = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_one_row(s, sql, 0, user_id ? user_id : "", "user", &st, err)) < 0)
                return r;
        col_user(st, ret);
        store_reset(st);
        return 0;
}

static int row_user(bf_stmt *st, void *elem, struct bf_error *err)
{
        (void)err;
        col_user(st, elem);
        return 0;
}

static void release_user(void *elem)
{
        user_release(elem);
}

int store_users_load(bf_store *s, bf_user **ret, size_t *ret_n, struct bf_error *err)
{
        static const char sql[] = "SELECT " USER_COLS " FROM users ORDER BY user_id";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        return load_rows(s, st, sizeof(bf_user), row_user, release_user, "load users",
                         (void **)ret, ret_n, err);
}

void store_users_free(bf_user *users, size_t n)
{
        for (size_t i = 0; users && i < n; i++)
                user_release(&users[i]);
        g_free(users);
}

/* The one number a `SELECT COUNT(*)`-like statement returns. */
static int64_t count_of(bf_store *s, const char *sql, int64_t bind, struct bf_error *err,
                        const char *what)
{
        bf_stmt *st;
        int64_t n = 0;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        if (bind)
                store_bind_int64(s, st, 1, bind);
        if ((r = store_step(s, st, err, what)) < 0)
                return r;
        if (r == 1)
                n = store_col_int64(st, 0);
        store_reset(st);
        return n;
}

int64_t store_users_count(bf_store *s, struct bf_error *err)
{
        static const char sql[] = "SELECT COUNT(*) FROM users";

        return count_of(s, sql, 0, err, "count users");
}

/* --------------------------------------------------------------- rules */

static void bind_opt_decimal(bf_store *s, bf_stmt *st, int i, bool has, bf_decimal d)
{
        if (has)
                store_bind_decimal(s, st, i, d);
        else
                store_bind_null(s, st, i);
}

int store_approval_rules_replace(bf_store *s, const bf_approval_rule *rules, size_t n,
                                 struct bf_error *err)
{
        static const char sql_del[] = "DELETE FROM approval_rules";
        static const char sql_ins[] =
                "INSERT INTO approval_rules (id, level, min_amount, max_amount, currency,"
                " vendor_id, account, approver, cost_centre) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        bf_stmt *st;
        int r;

        if ((r = store_begin(s, err)) < 0)
                return r;
        if ((r = store_stmt(s, sql_del, &st, err)) < 0 ||
            (r = store_run(s, st, err, "replace approval rules")) < 0)
                goto fail;
        for (size_t i = 0; i < n; i++) {
                const bf_approval_rule *a = &rules[i];
                if ((r = store_stmt(s, sql_ins, &st, err)) < 0)
                        goto fail;
                store_bind_int64(s, st, 1, (int64_t)i + 1);
                store_bind_int64(s, st, 2, a->level);
                bind_opt_decimal(s, st, 3, a->has_min, a->min_amount);
                bind_opt_decimal(s, st, 4, a->has_max, a->max_amount);
                store_bind_text(s, st, 5, a->currency);
                store_bind_text(s, st, 6, a->vendor_id);
                store_bind_text(s, st, 7, a->account);
                store_bind_text(s, st, 8, a->approver);
                store_bind_text(s, st, 9, a->cost_centre);
                if ((r = store_run(s, st, err, "save approval rule")) < 0)
                        goto fail;
        }
        return store_commit(s, err);
fail:
        store_rollback(s);
        return r;
}

static int row_rule(bf_stmt *st, void *elem, struct bf_error *err)
{
        bf_approval_rule *a = elem;
        int r;

        a->level = store_col_int(st, 0);
        a->has_min = !store_col_is_null(st, 1);
        a->has_max = !store_col_is_null(st, 2);
        if ((a->has_min && (r = store_col_decimal(st, 1, &a->min_amount, err)) < 0) ||
            (a->has_max && (r = store_col_decimal(st, 2, &a->max_amount, err)) < 0))
                return r;
        store_col_currency(st, 3, a->currency);
        a->vendor_id = store_col_strdup(st, 4);
        a->account = store_col_strdup(st, 5);
        a->approver = store_col_strdup(st, 6);
        a->cost_centre = store_col_strdup(st, 7);
        return 0;
}

static void release_rule(void *elem)
{
        approval_rule_release(elem);
}

int store_approval_rules_load(bf_store *s, bf_approval_rule **ret, size_t *ret_n,
                              struct bf_error *err)
{
        static const char sql[] =
                "SELECT level, min_amount, max_amount, currency, vendor_id, account, approver,"
                " cost_centre FROM approval_rules ORDER BY id";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        return load_rows(s, st, sizeof(bf_approval_rule), row_rule, release_rule,
                         "load approval rules", (void **)ret, ret_n, err);
}

void store_approval_rules_free(bf_approval_rule *rules, size_t n)
{
        for (size_t i = 0; rules && i < n; i++)
                approval_rule_release(&rules[i]);
        g_free(rules);
}

/* ----------------------------------------------------------- approvals */

int store_approval_insert(bf_store *s, int64_t document_id, bf_money amount, int levels,
                          const char *const *approvers, int64_t *ret_id, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO approvals (document_id, state, level, levels, approver, amount_minor,"
                " currency, created_at, level_at) VALUES (?1, 0, 1, ?2, ?3, ?4, ?5, ?6, ?6)";
        static const char sql_level[] =
                "INSERT INTO approval_levels (approval_id, level, approver) VALUES (?1, ?2, ?3)";
        bf_stmt *st;
        char now[32];
        int64_t id;
        int r;

        if (levels < 1)
                return bf_error_set(err, BF_EINVAL, "an approval needs at least one level");
        if ((r = store_begin(s, err)) < 0)
                return r;
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                goto fail;
        store_now(now);
        store_bind_int64(s, st, 1, document_id);
        store_bind_int64(s, st, 2, levels);
        store_bind_text(s, st, 3, approvers[0]);
        store_bind_int64(s, st, 4, amount.minor);
        store_bind_text(s, st, 5, amount.currency);
        store_bind_text(s, st, 6, now);
        r = store_run(s, st, err, "open approval");
        if (r == BF_EEXIST)
                r = bf_error_set(err, BF_EEXIST, "document %lld awaits approval already",
                                 (long long)document_id);
        if (r < 0)
                goto fail;
        id = store_last_id(s);
        for (int i = 0; i < levels; i++) {
                if ((r = store_stmt(s, sql_level, &st, err)) < 0)
                        goto fail;
                store_bind_int64(s, st, 1, id);
                store_bind_int64(s, st, 2, i + 1);
                store_bind_text(s, st, 3, approvers[i]);
                if ((r = store_run(s, st, err, "save approval route")) < 0)
                        goto fail;
        }
        if ((r = store_commit(s, err)) < 0)
                return r;
        if (ret_id)
                *ret_id = id;
        return 0;
fail:
        store_rollback(s);
        return r;
}

#define APPROVAL_COLS \
        "a.id, a.document_id, a.state, a.level, a.levels, a.approver, a.escalated_to," \
        " a.amount_minor, a.currency, COALESCE(v.name, i.vendor_name), i.invoice_number," \
        " a.created_at, a.level_at, a.reminded_at, a.escalated_at, a.decided_at," \
        " a.decided_by, a.reason" \
        " FROM approvals a LEFT JOIN invoices i ON i.document_id = a.document_id" \
        " LEFT JOIN vendors v ON v.vendor_id = i.vendor_id"

static void col_approval(bf_stmt *st, bf_approval *a)
{
        memset(a, 0, sizeof(*a));
        a->id = store_col_int64(st, 0);
        a->document_id = store_col_int64(st, 1);
        a->state = (enum bf_approval_state)store_col_int(st, 2);
        a->level = store_col_int(st, 3);
        a->levels = store_col_int(st, 4);
        a->approver = store_col_strdup(st, 5);
        a->escalated_to = store_col_strdup(st, 6);
        a->amount.minor = store_col_int64(st, 7);
        store_col_currency(st, 8, a->amount.currency);
        a->vendor = store_col_strdup(st, 9);
        a->invoice_number = store_col_strdup(st, 10);
        a->created_at = store_col_strdup(st, 11);
        a->level_at = store_col_strdup(st, 12);
        a->reminded_at = store_col_strdup(st, 13);
        a->escalated_at = store_col_strdup(st, 14);
        a->decided_at = store_col_strdup(st, 15);
        a->decided_by = store_col_strdup(st, 16);
        a->reason = store_col_strdup(st, 17);
}

int store_approval_get(bf_store *s, int64_t id, bf_approval *ret, struct bf_error *err)
{
        static const char sql[] = "SELECT " APPROVAL_COLS " WHERE a.id = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_one_row(s, sql, id, NULL, "approval", &st, err)) < 0)
                return r;
        col_approval(st, ret);
        store_reset(st);
        return 0;
}

static int row_approval(bf_stmt *st, void *elem, struct bf_error *err)
{
        (void)err;
        col_approval(st, elem);
        return 0;
}

static void release_approval(void *elem)
{
        approval_release(elem);
}

int store_approvals_pending(bf_store *s, bf_approval **ret, size_t *ret_n,
                            struct bf_error *err)
{
        static const char sql[] =
                "SELECT " APPROVAL_COLS " WHERE a.state = 0 ORDER BY a.created_at, a.id";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        return load_rows(s, st, sizeof(bf_approval), row_approval, release_approval,
                         "load approvals", (void **)ret, ret_n, err);
}

void store_approvals_free(bf_approval *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++)
                approval_release(&list[i]);
        g_free(list);
}

int64_t store_approvals_pending_count(bf_store *s, struct bf_error *err)
{
        static const char sql[] = "SELECT COUNT(*) FROM approvals WHERE state = 0";

        return count_of(s, sql, 0, err, "count approvals");
}

int64_t store_approval_pending_for(bf_store *s, int64_t document_id, struct bf_error *err)
{
        static const char sql[] = "SELECT id FROM approvals WHERE document_id = ?1 AND state = 0";

        return count_of(s, sql, document_id, err, "look up approval");
}

int store_approval_vote(bf_store *s, int64_t id, int level, const char *user,
                        struct bf_error *err)
{
        static const char sql_vote[] =
                "INSERT INTO approval_votes (approval_id, level, user_name, voted_at)"
                " VALUES (?1, ?2, ?3, ?4)";
        static const char sql_next[] =
                "UPDATE approvals SET level = level + 1, level_at = ?3, reminded_at = NULL,"
                " escalated_at = NULL, escalated_to = NULL,"
                " approver = (SELECT approver FROM approval_levels"
                "             WHERE approval_id = ?1 AND level = ?2 + 1)"
                " WHERE id = ?1 AND state = 0 AND level = ?2 AND level < levels";
        static const char sql_check[] =
                "SELECT 1 FROM approvals WHERE id = ?1 AND state = 0 AND level = ?2";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql_check, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, id);
        store_bind_int64(s, st, 2, level);
        if ((r = store_step(s, st, err, "look up approval")) < 0)
                return r;
        store_reset(st);
        if (r == 0)
                return bf_error_set(err, BF_ENOTFOUND, "approval %lld is not pending at level %d",
                                    (long long)id, level);
        store_now(now);
        if ((r = store_stmt(s, sql_vote, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, id);
        store_bind_int64(s, st, 2, level);
        store_bind_text(s, st, 3, user);
        store_bind_text(s, st, 4, now);
        if ((r = store_run(s, st, err, "record approval")) < 0)
                return r;
        if ((r = store_stmt(s, sql_next, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, id);
        store_bind_int64(s, st, 2, level);
        store_bind_text(s, st, 3, now);
        return store_run(s, st, err, "advance approval");
}

int store_approval_level_approver(bf_store *s, int64_t id, int level, char **ret,
                                  struct bf_error *err)
{
        static const char sql[] =
                "SELECT approver FROM approval_levels WHERE approval_id = ?1 AND level = ?2";
        bf_stmt *st;
        int r;

        *ret = NULL;
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_int64(s, st, 1, id);
        store_bind_int64(s, st, 2, level);
        if ((r = store_step(s, st, err, "look up an approval level")) < 0)
                return r;
        if (r == 0)
                return bf_error_set(err, BF_ENOTFOUND, "approval %lld has no level %d", (long long)id,
                                    level);
        *ret = store_col_is_null(st, 0) ? NULL : g_strdup(store_col_text(st, 0));
        store_reset(st);
        return 0;
}

int store_approval_voters(bf_store *s, int64_t id, char ***ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT user_name FROM approval_votes WHERE approval_id = ?1 ORDER BY level";
        GPtrArray *out = g_ptr_array_new();
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                goto fail;
        store_bind_int64(s, st, 1, id);
        while ((r = store_step(s, st, err, "load approval votes")) == 1)
                g_ptr_array_add(out, g_strdup(store_col_text(st, 0)));
        if (r < 0)
                goto fail;
        g_ptr_array_add(out, NULL);
        *ret = (char **)g_ptr_array_free(out, FALSE);
        return 0;
fail:
        g_ptr_array_set_free_func(out, g_free);
        g_ptr_array_free(out, TRUE);
        return r;
}

int store_approval_close(bf_store *s, int64_t id, enum bf_approval_state state, const char *user,
                         const char *reason, struct bf_error *err)
{
        static const char sql[] =
                "UPDATE approvals SET state = ?2, decided_at = ?3, decided_by = ?4, reason = ?5"
                " WHERE id = ?1 AND state = 0";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_int64(s, st, 1, id);
        store_bind_int64(s, st, 2, state);
        store_bind_text(s, st, 3, now);
        store_bind_text(s, st, 4, user);
        store_bind_text(s, st, 5, reason);
        if ((r = store_run(s, st, err, "close approval")) < 0)
                return r;
        if (store_changes(s) == 0)
                return bf_error_set(err, BF_ENOTFOUND, "approval %lld is not pending",
                                    (long long)id);
        return 0;
}

int store_approval_mark(bf_store *s, int64_t id, bool escalated, const char *escalated_to,
                        struct bf_error *err)
{
        static const char sql_remind[] =
                "UPDATE approvals SET reminded_at = ?2 WHERE id = ?1 AND state = 0";
        static const char sql_escalate[] =
                "UPDATE approvals SET escalated_at = ?2, escalated_to = ?3"
                " WHERE id = ?1 AND state = 0";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, escalated ? sql_escalate : sql_remind, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_int64(s, st, 1, id);
        store_bind_text(s, st, 2, now);
        if (escalated)
                store_bind_text(s, st, 3, escalated_to);
        return store_run(s, st, err, escalated ? "escalate approval" : "remind approval");
}

int store_audit_has(bf_store *s, int64_t document_id, const char *user, const char *action,
                    const char *field, struct bf_error *err)
{
        static const char sql[] =
                "SELECT 1 FROM audit WHERE user_name = ?1 AND action = ?2"
                " AND (CAST(?3 AS INTEGER) IS NULL OR document_id = ?3)"
                " AND (CAST(?4 AS TEXT) IS NULL OR field = ?4) LIMIT 1";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, user);
        store_bind_text(s, st, 2, action);
        store_bind_id(s, st, 3, document_id);
        store_bind_text(s, st, 4, field);
        r = store_step(s, st, err, "search the audit log");
        if (r >= 0)
                store_reset(st);
        return r;
}

/* -------------------------------------------------------------- outbox */

void outbox_msg_release(bf_outbox_msg *m)
{
        if (!m)
                return;
        free(m->event_id);
        free(m->dedupe_key);
        free(m->event_type);
        free(m->channel);
        free(m->recipient);
        free(m->subject);
        free(m->payload);
        free(m->created_at);
        free(m->last_error);
        memset(m, 0, sizeof(*m));
}

int store_outbox_add(bf_store *s, const bf_outbox_msg *m, int *ret_added, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO outbox (event_id, dedupe_key, event_type, channel, recipient,"
                " subject, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                " ON CONFLICT (dedupe_key, channel, recipient) DO NOTHING";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, m->event_id);
        store_bind_text(s, st, 2, m->dedupe_key);
        store_bind_text(s, st, 3, m->event_type);
        store_bind_text(s, st, 4, m->channel);
        store_bind_text(s, st, 5, m->recipient);
        store_bind_text(s, st, 6, m->subject);
        store_bind_text(s, st, 7, m->payload);
        store_bind_text(s, st, 8, now);
        if ((r = store_run(s, st, err, "queue notification")) < 0)
                return r;
        if (ret_added)
                *ret_added = store_changes(s) > 0;
        return 0;
}

static int row_outbox(bf_stmt *st, void *elem, struct bf_error *err)
{
        bf_outbox_msg *m = elem;

        (void)err;
        m->id = store_col_int64(st, 0);
        m->event_id = store_col_strdup(st, 1);
        m->dedupe_key = store_col_strdup(st, 2);
        m->event_type = store_col_strdup(st, 3);
        m->channel = store_col_strdup(st, 4);
        m->recipient = store_col_strdup(st, 5);
        m->subject = store_col_strdup(st, 6);
        m->payload = store_col_strdup(st, 7);
        m->created_at = store_col_strdup(st, 8);
        m->attempts = store_col_int(st, 9);
        m->last_error = store_col_strdup(st, 10);
        return 0;
}

static void release_outbox(void *elem)
{
        outbox_msg_release(elem);
}

int store_outbox_due(bf_store *s, size_t max, bf_outbox_msg **ret, size_t *ret_n,
                     struct bf_error *err)
{
        static const char sql[] =
                "SELECT id, event_id, dedupe_key, event_type, channel, recipient, subject,"
                " payload, created_at, attempts, last_error FROM outbox"
                " WHERE sent_at IS NULL AND (next_at IS NULL OR next_at <= ?1)"
                " ORDER BY id LIMIT ?2";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, now);
        store_bind_int64(s, st, 2, (int64_t)max);
        return load_rows(s, st, sizeof(bf_outbox_msg), row_outbox, release_outbox,
                         "load the outbox", (void **)ret, ret_n, err);
}

void store_outbox_free(bf_outbox_msg *list, size_t n)
{
        for (size_t i = 0; list && i < n; i++)
                outbox_msg_release(&list[i]);
        g_free(list);
}

int store_outbox_done(bf_store *s, int64_t id, bool sent, const char *error, int retry_seconds,
                      struct bf_error *err)
{
        static const char sql_sent[] =
                "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, last_error = NULL"
                " WHERE id = ?1";
        static const char sql_failed[] =
                "UPDATE outbox SET attempts = attempts + 1, next_at = ?2, last_error = ?3"
                " WHERE id = ?1";
        bf_stmt *st;
        char at[32];
        int r;

        if ((r = store_stmt(s, sent ? sql_sent : sql_failed, &st, err)) < 0)
                return r;
        store_time_ago(sent ? 0 : -retry_seconds, at);  /* a retry: in the future */
        store_bind_int64(s, st, 1, id);
        store_bind_text(s, st, 2, at);
        if (!sent)
                store_bind_text(s, st, 3, error);
        return store_run(s, st, err, "record a notification's delivery");
}

int store_outbox_stats(bf_store *s, struct bf_outbox_stats *ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT COUNT(sent_at), COUNT(*) - COUNT(sent_at),"
                " SUM(CASE WHEN sent_at IS NULL AND attempts > 0 THEN 1 ELSE 0 END),"
                " (SELECT last_error FROM outbox WHERE sent_at IS NULL AND attempts > 0"
                "  ORDER BY id DESC LIMIT 1) FROM outbox";
        bf_stmt *st;
        int r;

        memset(ret, 0, sizeof(*ret));
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        if ((r = store_step(s, st, err, "count notifications")) < 0)
                return r;
        if (r == 1) {
                ret->sent = store_col_int64(st, 0);
                ret->waiting = store_col_int64(st, 1);
                ret->failing = store_col_int64(st, 2);
                ret->last_error = store_col_strdup(st, 3);
        }
        store_reset(st);
        return 0;
}
