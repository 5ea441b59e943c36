/* store-service.c: the capture service's state — mailbox UIDVALIDITY and
 * handled UIDs, handled mails, capture failures, last polls — and status. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store-int.h"

int store_mailbox_get(bf_store *s, const char *mailbox, uint32_t *ret_uidvalidity,
                      uint32_t *ret_last_uid, struct bf_error *err)
{
        static const char sql[] =
                "SELECT uidvalidity, last_uid FROM service_mailboxes WHERE mailbox = ?1";
        bf_stmt *st;
        uint32_t v = 0, last = 0;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, mailbox);
        r = store_step(s, st, err, "read mailbox state");
        if (r < 0)
                return r;
        if (r == 1) {
                v = (uint32_t)store_col_int64(st, 0);
                last = (uint32_t)store_col_int64(st, 1);
        }
        store_reset(st);
        *ret_uidvalidity = v;
        *ret_last_uid = last;
        return 0;
}

int store_mailbox_set(bf_store *s, const char *mailbox, uint32_t uidvalidity,
                      uint32_t last_uid, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO service_mailboxes (mailbox, uidvalidity, last_uid, updated_at)"
                " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (mailbox) DO UPDATE SET"
                " uidvalidity = excluded.uidvalidity,"
                " last_uid = CASE WHEN service_mailboxes.uidvalidity = excluded.uidvalidity"
                "   AND service_mailboxes.last_uid > excluded.last_uid"
                "   THEN service_mailboxes.last_uid ELSE excluded.last_uid END,"
                " updated_at = excluded.updated_at";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, mailbox);
        store_bind_int64(s, st, 2, uidvalidity);
        store_bind_int64(s, st, 3, last_uid);
        store_bind_text(s, st, 4, now);
        return store_run(s, st, err, "record mailbox state");
}

/* Binds a mail's key (?1 mailbox, ?2 uidvalidity, ?3 uid) and, where sql
 * has them (n_params 5), ?4 instance and ?5 now, and runs it: its first
 * column's text in *ret (caller frees) when it returns a row and ret is not
 * NULL. 1 a row, 0 none, <0 on error (err says it could not `what`). */
static int mail_step(bf_store *s, const char *sql, int n_params, const char *mailbox,
                     uint32_t uidvalidity, uint32_t uid, const char *instance, const char *now,
                     char **ret, const char *what, struct bf_error *err)
{
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, mailbox);
        store_bind_int64(s, st, 2, uidvalidity);
        store_bind_int64(s, st, 3, uid);
        if (n_params == 5) {
                store_bind_text(s, st, 4, instance);
                store_bind_text(s, st, 5, now);
        }
        r = store_step(s, st, err, what);
        if (r == 1 && ret)
                *ret = store_col_strdup(st, 0);
        store_reset(st);
        return r;
}

int store_mail_handled(bf_store *s, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                       struct bf_error *err)
{
        static const char sql[] =
                "SELECT 1 FROM service_mails WHERE mailbox = ?1 AND uidvalidity = ?2"
                " AND uid = ?3";

        return mail_step(s, sql, 3, mailbox, uidvalidity, uid, NULL, NULL, NULL, "look up mail",
                         err);
}

int store_mail_record(bf_store *s, const bf_mail_record *m, struct bf_error *err)
{
        /* A mail recorded again (a failed one handled later) is updated; one
         * recorded for the first time counts for status. */
        static const char sql_new[] =
                "INSERT INTO service_mails (mailbox, uidvalidity, uid, outcome, documents,"
                " detail, message_id, subject, handled_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                " ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING";
        static const char sql_again[] =
                "UPDATE service_mails SET outcome = ?4, documents = ?5, detail = ?6,"
                " message_id = ?7, subject = ?8, handled_at = ?9"
                " WHERE mailbox = ?1 AND uidvalidity = ?2 AND uid = ?3";
        static const char sql_unclaim[] =
                "DELETE FROM mail_claims WHERE mailbox = ?1 AND uidvalidity = ?2 AND uid = ?3";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_begin(s, err)) < 0)
                return r;
        store_now(now);
        for (int pass = 0; pass < 2; pass++) {
                if ((r = store_stmt(s, pass ? sql_again : sql_new, &st, err)) < 0)
                        goto fail;
                store_bind_text(s, st, 1, m->mailbox);
                store_bind_int64(s, st, 2, m->uidvalidity);
                store_bind_int64(s, st, 3, m->uid);
                store_bind_text(s, st, 4, m->outcome);
                store_bind_int64(s, st, 5, m->documents);
                store_bind_text(s, st, 6, m->detail);
                store_bind_text(s, st, 7, m->message_id);
                store_bind_text(s, st, 8, m->subject);
                store_bind_text(s, st, 9, now);
                if ((r = store_run(s, st, err, "record mail")) < 0)
                        goto fail;
                if (pass == 0 && store_changes(s) == 1) {
                        if ((r = store_count_add(s, "mails", m->uid, 1, err)) < 0)
                                goto fail;
                        break;
                }
        }
        if ((r = store_stmt(s, sql_unclaim, &st, err)) < 0)
                goto fail;
        store_bind_text(s, st, 1, m->mailbox);
        store_bind_int64(s, st, 2, m->uidvalidity);
        store_bind_int64(s, st, 3, m->uid);
        if ((r = store_run(s, st, err, "drop the mail's claim")) < 0)
                goto fail;
        return store_commit(s, err);
fail:
        store_rollback(s);
        return r;
}

int store_mail_claim(bf_store *s, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                     const char *instance, char **ret_from, struct bf_error *err)
{
        static const char sql_claimed[] =
                "SELECT instance FROM mail_claims WHERE mailbox = ?1 AND uidvalidity = ?2"
                " AND uid = ?3";
        static const char sql_new[] =
                "INSERT INTO mail_claims (mailbox, uidvalidity, uid, instance, claimed_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING"
                " RETURNING instance";
        /* The claim when it is this instance's or its holder's lease ran out
         * (or is gone); one another taker has locked is skipped, not waited for. */
        static const char sql_holder_pg[] =
                "SELECT c.instance FROM mail_claims c WHERE c.mailbox = ?1"
                " AND c.uidvalidity = ?2 AND c.uid = ?3 AND (c.instance = ?4 OR NOT EXISTS"
                " (SELECT 1 FROM service_instances i WHERE i.instance = c.instance"
                "  AND i.lease_until >= ?5)) FOR UPDATE OF c SKIP LOCKED";
        static const char sql_holder_lite[] =
                "SELECT c.instance FROM mail_claims c WHERE c.mailbox = ?1"
                " AND c.uidvalidity = ?2 AND c.uid = ?3 AND (c.instance = ?4 OR NOT EXISTS"
                " (SELECT 1 FROM service_instances i WHERE i.instance = c.instance"
                "  AND i.lease_until >= ?5))";
        static const char sql_take[] =
                "UPDATE mail_claims SET instance = ?4, claimed_at = ?5 WHERE mailbox = ?1"
                " AND uidvalidity = ?2 AND uid = ?3";
        char now[32], *from = NULL;
        int r, res = STORE_MAIL_HELD;

        if (ret_from)
                *ret_from = NULL;
        if ((r = store_begin(s, err)) < 0)
                return r;
        store_now(now);
        if ((r = store_mail_handled(s, mailbox, uidvalidity, uid, err)) != 0) {
                res = STORE_MAIL_DONE;
                goto out;
        }
        r = mail_step(s, sql_claimed, 3, mailbox, uidvalidity, uid, NULL, NULL, NULL,
                      "look up a mail's claim", err);
        if (r == 0) {
                /* Nobody's yet; of two claiming it at once one inserts. */
                r = mail_step(s, sql_new, 5, mailbox, uidvalidity, uid, instance, now, NULL,
                              "claim a mail", err);
                res = r == 1 ? STORE_MAIL_CLAIMED : STORE_MAIL_HELD;
                goto out;
        }
        if (r < 0)
                goto out;
        r = mail_step(s, s->engine == STORE_PG ? sql_holder_pg : sql_holder_lite, 5, mailbox,
                      uidvalidity, uid, instance, now, &from, "claim a mail", err);
        if (r <= 0)
                goto out; /* a live holder's, or being taken by another */
        res = STORE_MAIL_CLAIMED;
        if (from && strcmp(from, instance) == 0) {
                free(from); /* its own, from a poll that left it */
                from = NULL;
        } else {
                r = mail_step(s, sql_take, 5, mailbox, uidvalidity, uid, instance, now, NULL,
                              "take a mail's claim over", err);
        }
out:
        if (r >= 0)
                r = store_commit(s, err);
        else
                store_rollback(s);
        if (r < 0) {
                free(from);
                return r;
        }
        if (ret_from)
                *ret_from = from;
        else
                free(from);
        return res;
}

int store_failure_add(bf_store *s, const char *source, const char *name, const char *reason,
                      struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO service_failures (source, name, reason, failed_at)"
                " VALUES (?1, ?2, ?3, ?4)";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, source);
        store_bind_text(s, st, 2, name);
        store_bind_text(s, st, 3, reason);
        store_bind_text(s, st, 4, now);
        return store_run(s, st, err, "record failure");
}

int store_poll_record(bf_store *s, const char *source, bool ok, const char *result,
                      struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO service_polls (source, polled_at, ok, result, failing_since)"
                " VALUES (?1, ?2, ?3, ?4, CASE WHEN CAST(?3 AS INTEGER) <> 0 THEN NULL ELSE ?2 END)"
                " ON CONFLICT (source) DO UPDATE SET polled_at = excluded.polled_at,"
                " ok = excluded.ok, result = excluded.result,"
                " failing_since = CASE WHEN excluded.ok <> 0 THEN NULL"
                "   ELSE COALESCE(service_polls.failing_since, excluded.polled_at) END";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, source);
        store_bind_text(s, st, 2, now);
        store_bind_int64(s, st, 3, ok ? 1 : 0);
        store_bind_text(s, st, 4, result);
        return store_run(s, st, err, "record poll");
}

int store_poll_failing_since(bf_store *s, const char *source, char **ret_since, char **ret_result,
                             struct bf_error *err)
{
        static const char sql[] =
                "SELECT failing_since, result FROM service_polls WHERE source = ?1";
        bf_stmt *st;
        int r;

        *ret_since = NULL;
        if (ret_result)
                *ret_result = NULL;
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, source);
        if ((r = store_step(s, st, err, "look up polls")) < 0)
                return r;
        if (r == 1) {
                *ret_since = store_col_strdup(st, 0);
                if (ret_result)
                        *ret_result = store_col_strdup(st, 1);
        }
        store_reset(st);
        return 0;
}

/* ------------------------------------------------------------- status */

static int load_sources(bf_store *s, bf_service_status *ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT src, SUM(n) FROM document_counts GROUP BY src HAVING SUM(n) > 0"
                " ORDER BY src";
        size_t cap = 0;
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                goto out;
        while ((r = store_step(s, st, err, "count documents by source")) == 1) {
                bf_source_count c = { store_col_strdup(st, 0), store_col_int64(st, 1) };
                if (!c.source)
                        c.source = bf_xstrdup("");
                ret->sources = bf_xgrow(ret->sources, &cap, ret->n_sources, sizeof(c));
                ret->sources[ret->n_sources++] = c;
        }
        store_reset(st);
out:
        return r < 0 ? r : 0;
}

static int load_polls(bf_store *s, bf_service_status *ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT source, polled_at, ok, result FROM service_polls ORDER BY source";
        size_t cap = 0;
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                goto out;
        while ((r = store_step(s, st, err, "read polls")) == 1) {
                bf_poll_row p = { store_col_strdup(st, 0), store_col_strdup(st, 1),
                                  store_col_strdup(st, 3), store_col_int(st, 2) != 0 };
                ret->polls = bf_xgrow(ret->polls, &cap, ret->n_polls, sizeof(p));
                ret->polls[ret->n_polls++] = p;
        }
        store_reset(st);
out:
        return r < 0 ? r : 0;
}

static int load_failures(bf_store *s, size_t max_rows, bf_service_status *ret,
                         struct bf_error *err)
{
        static const char sql[] =
                "SELECT id, source, name, reason, failed_at FROM service_failures"
                " ORDER BY id DESC LIMIT ?1";
        static const char sql_count[] = "SELECT COUNT(*) FROM service_failures";
        size_t cap = 0;
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                goto out;
        store_bind_int64(s, st, 1, (int64_t)max_rows);
        while ((r = store_step(s, st, err, "read failures")) == 1) {
                bf_failure_row f = { store_col_int64(st, 0), store_col_strdup(st, 1),
                                     store_col_strdup(st, 2), store_col_strdup(st, 3),
                                     store_col_strdup(st, 4) };
                ret->failures = bf_xgrow(ret->failures, &cap, ret->n_failures, sizeof(f));
                ret->failures[ret->n_failures++] = f;
        }
        store_reset(st);
        if (r < 0 || (r = store_stmt(s, sql_count, &st, err)) < 0)
                goto out;
        if ((r = store_step(s, st, err, "count failures")) == 1)
                ret->failures_total = store_col_int64(st, 0);
        store_reset(st);
out:
        return r < 0 ? r : 0;
}

static int load_mails(bf_store *s, size_t max_rows, bf_service_status *ret,
                      struct bf_error *err)
{
        static const char sql[] =
                "SELECT mailbox, uidvalidity, uid, outcome, documents, detail, message_id,"
                " subject, handled_at FROM service_mails WHERE outcome <> 'documents'"
                " ORDER BY handled_at DESC, uid DESC LIMIT ?1";
        /* Counted apiece, so the two rare outcomes come from the outcome
         * index, not from reading every mail handled. */
        static const char sql_count[] =
                "SELECT (SELECT COALESCE(SUM(n), 0) FROM record_counts WHERE what = 'mails'),"
                " (SELECT COUNT(*) FROM service_mails WHERE outcome = 'no_attachment'),"
                " (SELECT COUNT(*) FROM service_mails WHERE outcome = 'failed')";
        size_t cap = 0;
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                goto out;
        store_bind_int64(s, st, 1, (int64_t)max_rows);
        while ((r = store_step(s, st, err, "read mails")) == 1) {
                bf_mail_record m = {
                        .mailbox = store_col_strdup(st, 0),
                        .uidvalidity = (uint32_t)store_col_int64(st, 1),
                        .uid = (uint32_t)store_col_int64(st, 2),
                        .outcome = store_col_strdup(st, 3),
                        .documents = store_col_int(st, 4),
                        .detail = store_col_strdup(st, 5),
                        .message_id = store_col_strdup(st, 6),
                        .subject = store_col_strdup(st, 7),
                        .handled_at = store_col_strdup(st, 8),
                };
                ret->mails = bf_xgrow(ret->mails, &cap, ret->n_mails, sizeof(m));
                ret->mails[ret->n_mails++] = m;
        }
        store_reset(st);
        if (r < 0 || (r = store_stmt(s, sql_count, &st, err)) < 0)
                goto out;
        if ((r = store_step(s, st, err, "count mails")) == 1) {
                ret->mails_handled = store_col_int64(st, 0);
                ret->mails_no_attachment = store_col_int64(st, 1);
                ret->mails_failed = store_col_int64(st, 2);
        }
        store_reset(st);
out:
        return r < 0 ? r : 0;
}

static int load_instances(bf_store *s, bf_service_status *ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT instance, host, pid, started_at, lease_until FROM service_instances"
                " ORDER BY started_at, instance";
        size_t cap = 0;
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        while ((r = store_step(s, st, err, "read the services' leases")) == 1) {
                bf_instance_row in = {
                        .instance = store_col_strdup(st, 0),
                        .host = store_col_strdup(st, 1),
                        .pid = store_col_int64(st, 2),
                        .started_at = store_col_strdup(st, 3),
                        .lease_until = store_col_strdup(st, 4),
                };
                in.live = in.lease_until && strcmp(in.lease_until, now) >= 0;
                ret->instances = bf_xgrow(ret->instances, &cap, ret->n_instances, sizeof(in));
                ret->instances[ret->n_instances++] = in;
        }
        store_reset(st);
        return r < 0 ? r : 0;
}

int store_service_status(bf_store *s, size_t max_rows, bf_service_status *ret,
                         struct bf_error *err)
{
        bf_service_status st = { 0 };
        int r;

        if ((r = load_sources(s, &st, err)) < 0 || (r = load_polls(s, &st, err)) < 0 ||
            (r = load_failures(s, max_rows, &st, err)) < 0 ||
            (r = load_mails(s, max_rows, &st, err)) < 0 ||
            (r = load_instances(s, &st, err)) < 0) {
                service_status_release(&st);
                return r;
        }
        *ret = st;
        return 0;
}

int store_attempt_fail(bf_store *s, const char *sha256, const char *reason, int *ret_attempts,
                       struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO capture_attempts (sha256, attempts, last_error, updated_at)"
                " VALUES (?1, 1, ?2, ?3) ON CONFLICT (sha256) DO UPDATE SET"
                " attempts = attempts + 1, last_error = excluded.last_error,"
                " updated_at = excluded.updated_at";
        bf_stmt *st;
        char now[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, sha256);
        store_bind_text(s, st, 2, reason);
        store_bind_text(s, st, 3, now);
        if ((r = store_run(s, st, err, "count a reader failure")) < 0)
                return r;
        return store_attempts_get(s, sha256, ret_attempts, NULL, err);
}

int store_attempts_get(bf_store *s, const char *sha256, int *ret_attempts, char **ret_reason,
                       struct bf_error *err)
{
        static const char sql[] =
                "SELECT attempts, last_error FROM capture_attempts WHERE sha256 = ?1";
        bf_stmt *st;
        int r, n = 0;
        char *reason = NULL;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, sha256);
        r = store_step(s, st, err, "read reader failures");
        if (r < 0)
                return r;
        if (r == 1) {
                n = (int)store_col_int64(st, 0);
                reason = store_col_strdup(st, 1);
        }
        store_reset(st);
        *ret_attempts = n;
        if (ret_reason)
                *ret_reason = reason;
        else
                free(reason);
        return 0;
}

int store_instance_renew(bf_store *s, const char *instance, int lease_seconds,
                         struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO service_instances (instance, host, pid, started_at, lease_until)"
                " VALUES (?1, ?2, ?3, ?4, ?5)"
                " ON CONFLICT (instance) DO UPDATE SET lease_until = excluded.lease_until";
        bf_stmt *st;
        char now[32], until[32];
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_time_ago(-lease_seconds, until);
        store_bind_text(s, st, 1, instance);
        store_bind_text(s, st, 2, g_get_host_name());
        store_bind_int64(s, st, 3, (int64_t)getpid());
        store_bind_text(s, st, 4, now);
        store_bind_text(s, st, 5, until);
        return store_run(s, st, err, "renew the service's lease");
}

int store_instance_take_dead(bf_store *s, char **ret, struct bf_error *err)
{
        static const char sql_pg[] =
                "SELECT instance FROM service_instances WHERE lease_until < ?1"
                " ORDER BY lease_until LIMIT 1 FOR UPDATE SKIP LOCKED";
        static const char sql_lite[] =
                "SELECT instance FROM service_instances WHERE lease_until < ?1"
                " ORDER BY lease_until LIMIT 1";
        bf_stmt *st;
        char now[32];
        int r;

        *ret = NULL;
        if ((r = store_stmt(s, s->engine == STORE_PG ? sql_pg : sql_lite, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, now);
        r = store_step(s, st, err, "look for a dead service");
        if (r == 1)
                *ret = store_col_strdup(st, 0);
        store_reset(st);
        return r < 0 ? r : 0;
}

/* Runs a DELETE of leases with instance as its one parameter. */
static int remove_leases(bf_store *s, const char *sql, const char *instance, const char *what,
                         struct bf_error *err)
{
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, instance);
        return store_run(s, st, err, what);
}

int store_instance_remove(bf_store *s, const char *instance, struct bf_error *err)
{
        static const char sql[] = "DELETE FROM service_instances WHERE instance = ?1";

        return remove_leases(s, sql, instance, "remove a service's lease", err);
}

int store_instance_remove_others(bf_store *s, const char *instance, struct bf_error *err)
{
        static const char sql[] = "DELETE FROM service_instances WHERE instance <> ?1";

        return remove_leases(s, sql, instance, "remove stopped services' leases", err);
}
