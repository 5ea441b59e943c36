/* store-export.c: export batches — which journal entries went out in which
 * format and when, so each export carries only what is new. */
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

int store_export_serialize(bf_store *s, struct bf_error *err)
{
        return store_count_add(s, "exports", 0, 1, err);
}

static int load_ids(bf_store *s, bf_stmt *st, int64_t **ret_ids, size_t *ret_n,
                    struct bf_error *err)
{
        int64_t *ids = NULL;
        size_t n = 0;
        int r;

        while ((r = store_step(s, st, err, "list entries to export")) == 1) {
                ids = bf_xrealloc(ids, (n + 1) * sizeof(*ids));
                ids[n++] = store_col_int64(st, 0);
        }
        if (r < 0) {
                free(ids);
                return r;
        }
        *ret_ids = ids;
        *ret_n = n;
        return 0;
}

/* The highest entry id a batch of format has taken (0: none). */
static int export_through(bf_store *s, const char *format, int64_t *ret, struct bf_error *err)
{
        static const char sql[] =
                "SELECT COALESCE(MAX(through_id), 0) FROM export_batches WHERE format = ?1";
        bf_stmt *st;
        int r;

        if ((r = store_one_row(s, sql, 0, format, "the last export", &st, err)) < 0)
                return r;
        *ret = store_col_int64(st, 0); /* an aggregate: always one row */
        store_reset(st);
        return 0;
}

int store_export_candidates(bf_store *s, const char *format, bool all, int64_t **ret_ids,
                            size_t *ret_n, struct bf_error *err)
{
        /* Only above the format's through_id (every entry up to it went out
         * already): without it every entry of the ledger was read. It is
         * read first and bound, so the planner sees how few entries lie
         * above it (as a subquery PostgreSQL guessed a third of the ledger
         * and hashed every batch entry ever written). */
        static const char sql_new[] =
                "SELECT e.id FROM entries e WHERE e.id > ?2"
                " AND NOT EXISTS (SELECT 1 FROM export_batch_entries be"
                "   JOIN export_batches b ON b.id = be.batch_id"
                "   WHERE be.entry_id = e.id AND b.format = ?1) ORDER BY e.id";
        static const char sql_all[] = "SELECT id FROM entries ORDER BY id";
        int64_t through = 0;
        bf_stmt *st;
        int r;

        if (!all && (r = export_through(s, format, &through, err)) < 0)
                return r;
        if ((r = store_stmt(s, all ? sql_all : sql_new, &st, err)) < 0)
                return r;
        if (!all) {
                store_bind_text(s, st, 1, format);
                store_bind_int64(s, st, 2, through);
        }
        return load_ids(s, st, ret_ids, ret_n, err);
}

int store_export_batch_add(bf_store *s, const char *format, const char *out, const char *user,
                           const int64_t *ids, size_t n, int64_t *ret_batch_id,
                           struct bf_error *err)
{
        /* The batch takes every entry of its format not taken yet (the
         * candidates, listed in this transaction), so afterwards all up to
         * its highest id have gone out: that is its through_id. Entry ids
         * are handed out in commit order on SQLite; an engine that hands
         * them out earlier (a sequence) must keep lower ones from
         * committing during the export. */
        static const char sql[] =
                "INSERT INTO export_batches (format, out, user_name, created_at, entries, through_id)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        static const char sql_entry[] =
                "INSERT INTO export_batch_entries (batch_id, entry_id) VALUES (?1, ?2)";
        bf_stmt *st;
        char now[32];
        int64_t id, through = 0;
        int r;

        if ((r = export_through(s, format, &through, err)) < 0)
                return r;
        for (size_t i = 0; i < n; i++)
                if (ids[i] > through)
                        through = ids[i];
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, format);
        store_bind_text(s, st, 2, out);
        store_bind_text(s, st, 3, user);
        store_bind_text(s, st, 4, now);
        store_bind_int64(s, st, 5, (int64_t)n);
        store_bind_int64(s, st, 6, through);
        if ((r = store_run(s, st, err, "record export batch")) < 0)
                return r;
        id = store_last_id(s);
        for (size_t i = 0; i < n; i++) {
                if ((r = store_stmt(s, sql_entry, &st, err)) < 0)
                        return r;
                store_bind_int64(s, st, 1, id);
                store_bind_int64(s, st, 2, ids[i]);
                if ((r = store_run(s, st, err, "record exported entry")) < 0)
                        return r;
        }
        if (ret_batch_id)
                *ret_batch_id = id;
        return 0;
}

int store_export_batches_load(bf_store *s, bf_export_batch **ret, size_t *ret_n,
                              struct bf_error *err)
{
        static const char sql[] =
                "SELECT id, format, out, user_name, created_at, entries FROM export_batches ORDER BY id";
        bf_export_batch *list = NULL;
        bf_stmt *st;
        size_t n = 0;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        while ((r = store_step(s, st, err, "list export batches")) == 1) {
                bf_export_batch *b;

                list = bf_xrealloc(list, (n + 1) * sizeof(*list));
                b = &list[n++];
                b->id = store_col_int64(st, 0);
                b->format = store_col_strdup(st, 1);
                b->out = store_col_strdup(st, 2);
                b->user = store_col_strdup(st, 3);
                b->created_at = store_col_strdup(st, 4);
                b->n_entries = store_col_int64(st, 5);
        }
        if (r < 0) {
                export_batches_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

int store_export_batch_entries(bf_store *s, int64_t batch_id, char **ret_format,
                               int64_t **ret_ids, size_t *ret_n, struct bf_error *err)
{
        static const char sql_batch[] = "SELECT format FROM export_batches WHERE id = ?1";
        static const char sql[] =
                "SELECT entry_id FROM export_batch_entries WHERE batch_id = ?1 ORDER BY entry_id";
        bf_stmt *st;
        char *format;
        int r;

        if ((r = store_one_row(s, sql_batch, batch_id, NULL, "export batch", &st, err)) < 0)
                return r;
        format = store_col_strdup(st, 0);
        store_reset(st);
        if ((r = store_stmt(s, sql, &st, err)) < 0) {
                free(format);
                return r;
        }
        store_bind_int64(s, st, 1, batch_id);
        if ((r = load_ids(s, st, ret_ids, ret_n, err)) < 0) {
                free(format);
                return r;
        }
        *ret_format = format;
        return 0;
}
