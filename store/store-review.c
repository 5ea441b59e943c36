/* store-review.c: what the review TUI needs beyond the queue — claims that
 * keep two reviewers off one exception, expiring when nobody touches them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"

static int claim_take(bf_store *s, int64_t exception_id, const char *user, int ttl_seconds,
                      char **ret_holder, struct bf_error *err)
{
        static const char sql_exc[] = "SELECT state FROM exceptions WHERE id = ?1";
        static const char sql_get[] =
                "SELECT user_name, heartbeat_at FROM exception_claims WHERE exception_id = ?1";
        static const char sql_put[] =
                "INSERT INTO exception_claims (exception_id, user_name, claimed_at, heartbeat_at)"
                " VALUES (?1, ?2, ?3, ?3)"
                " ON CONFLICT (exception_id) DO UPDATE SET"
                " claimed_at = CASE WHEN exception_claims.user_name = excluded.user_name"
                "   THEN exception_claims.claimed_at ELSE excluded.claimed_at END,"
                " user_name = excluded.user_name, heartbeat_at = excluded.heartbeat_at";
        bf_stmt *st;
        char now[32], cutoff[32];
        int r;

        r = store_one_row(s, sql_exc, exception_id, NULL, "exception", &st, err);
        if (r < 0 && r != BF_ENOTFOUND)
                return r;
        if (r == BF_ENOTFOUND || store_col_int(st, 0) != EXC_OPEN) {
                if (r == 0)
                        store_reset(st);
                return bf_error_set(err, BF_ENOTFOUND, "exception %lld is not open (already resolved)",
                                    (long long)exception_id);
        }
        store_reset(st);

        store_time_ago(ttl_seconds, cutoff);
        r = store_stmt(s, sql_get, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, exception_id);
        r = store_step(s, st, err, "look up claim");
        if (r < 0)
                return r;
        if (r == 1) {
                const char *holder = store_col_text(st, 0);
                const char *beat = store_col_text(st, 1);
                if (holder && strcmp(holder, user) != 0 && beat && strcmp(beat, cutoff) > 0) {
                        if (ret_holder)
                                *ret_holder = bf_xstrdup(holder);
                        store_reset(st);
                        return bf_error_set(err, BF_EBUSY, "exception %lld is taken by %s",
                                            (long long)exception_id, holder);
                }
        }
        store_reset(st);

        r = store_stmt(s, sql_put, &st, err);
        if (r < 0)
                return r;
        store_now(now);
        store_bind_int64(s, st, 1, exception_id);
        store_bind_text(s, st, 2, user);
        store_bind_text(s, st, 3, now);
        return store_run(s, st, err, "claim exception");
}

int store_claim_take(bf_store *s, int64_t exception_id, const char *user, int ttl_seconds,
                     char **ret_holder, struct bf_error *err)
{
        int r;

        if (!user || !*user)
                return bf_error_set(err, BF_EINVAL, "cannot claim exception %lld: no user",
                                    (long long)exception_id);
        r = store_begin(s, err);
        if (r < 0)
                return r;
        r = claim_take(s, exception_id, user, ttl_seconds, ret_holder, err);
        if (r < 0) {
                store_rollback(s);
                return r;
        }
        return store_commit(s, err);
}

int store_claim_release(bf_store *s, int64_t exception_id, const char *user,
                        struct bf_error *err)
{
        static const char sql[] =
                "DELETE FROM exception_claims WHERE exception_id = ?1 AND user_name = ?2";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, exception_id);
        store_bind_text(s, st, 2, user);
        return store_run(s, st, err, "release claim");
}

int store_claims_load(bf_store *s, int ttl_seconds, bf_claim **ret, size_t *ret_n,
                      struct bf_error *err)
{
        static const char sql[] =
                "SELECT c.exception_id, c.user_name, c.claimed_at FROM exception_claims c"
                " JOIN exceptions e ON e.id = c.exception_id"
                " WHERE e.state = 0 AND c.heartbeat_at > ?1 ORDER BY c.exception_id";
        bf_stmt *st;
        bf_claim *list = NULL;
        size_t n = 0, cap = 0;
        char cutoff[32];
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_time_ago(ttl_seconds, cutoff);
        store_bind_text(s, st, 1, cutoff);
        while ((r = store_step(s, st, err, "list claims")) == 1) {
                if (n == cap) {
                        cap = cap ? cap * 2 : 8;
                        list = bf_xrealloc(list, cap * sizeof(*list));
                }
                list[n].exception_id = store_col_int64(st, 0);
                list[n].user = store_col_strdup(st, 1);
                n++;
        }
        store_reset(st);
        if (r < 0) {
                claims_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}
