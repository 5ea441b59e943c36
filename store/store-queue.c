/* store-queue.c: the exception queue (reasons, listings, closing it once
 * against concurrent reviewers) and the append-only audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* The queue's kept listing (migration 17): queue_rows and queue_reasons hold
 * the open exceptions, as the listing shows them, so that listing them reads
 * a few pages and not a document and an invoice for each. Each is written
 * in the transaction that changes what it copies: here when an exception is
 * opened (its reasons replaced) or closed, and by store_queue_row_refresh
 * when an invoice is saved. */

int store_queue_row_refresh(bf_store *s, int64_t document_id, struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO queue_rows (exception_id, document_id, created_at, vendor,"
                " invoice_number, total_minor, total_currency, filename, invoice_date, due_date)"
                " SELECT e.id, e.document_id, e.created_at, COALESCE(i.vendor_name, i.vendor_id),"
                " i.invoice_number, i.total_minor, i.total_currency, d.filename, i.invoice_date,"
                " i.due_date FROM exceptions e JOIN documents d ON d.id = e.document_id"
                " LEFT JOIN invoices i ON i.document_id = e.document_id"
                " WHERE e.document_id = ?1 AND e.state = 0"
                " ON CONFLICT (exception_id) DO UPDATE SET vendor = excluded.vendor,"
                " invoice_number = excluded.invoice_number, total_minor = excluded.total_minor,"
                " total_currency = excluded.total_currency, filename = excluded.filename,"
                " invoice_date = excluded.invoice_date, due_date = excluded.due_date";

        return store_run_id(s, sql, document_id, err, "keep the queue's row");
}

static int replace_reasons(bf_store *s, int64_t exception_id, const bf_reason_item *reasons,
                           size_t n, struct bf_error *err)
{
        static const char sql_del[] = "DELETE FROM exception_reasons WHERE exception_id = ?1";
        static const char sql_ins[] =
                "INSERT INTO exception_reasons (exception_id, seq, reason, detail)"
                " VALUES (?1, ?2, ?3, ?4)";
        /* the open exception's, kept for the listing */
        static const char sql_kept_del[] = "DELETE FROM queue_reasons WHERE exception_id = ?1";
        static const char sql_kept_ins[] =
                "INSERT INTO queue_reasons (exception_id, seq, reason, detail)"
                " VALUES (?1, ?2, ?3, ?4)";
        const char *const del[] = { sql_del, sql_kept_del }, *const ins[] = { sql_ins, sql_kept_ins };
        bf_stmt *st;
        int r;

        for (size_t i = 0; i < n; i++)
                if ((unsigned)reasons[i].reason >= REASON__COUNT)
                        return bf_error_set(err, BF_EINVAL, "bad reason %d",
                                            (int)reasons[i].reason);
        for (int k = 0; k < 2; k++) {
                r = store_run_id(s, del[k], exception_id, err, "replace exception reasons");
                if (r < 0)
                        return r;
                for (size_t i = 0; i < n; i++) {
                        r = store_stmt(s, ins[k], &st, err);
                        if (r < 0)
                                return r;
                        store_bind_int64(s, st, 1, exception_id);
                        store_bind_int64(s, st, 2, (int64_t)i + 1);
                        store_bind_text(s, st, 3, reason_name(reasons[i].reason));
                        store_bind_text(s, st, 4, reasons[i].detail);
                        r = store_run(s, st, err, "save exception reason");
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

int64_t store_exception_latest(bf_store *s, int64_t document_id, struct bf_error *err)
{
        static const char sql[] =
                "SELECT id FROM exceptions WHERE document_id = ?1 ORDER BY id DESC LIMIT 1";
        bf_stmt *st;
        int64_t id = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        r = store_step(s, st, err, "find a document's exception");
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        return r < 0 ? r : id;
}

static int exception_open(bf_store *s, int64_t document_id, const bf_reason_item *reasons,
                          size_t n, int64_t *ret_id, struct bf_error *err)
{
        static const char sql_find[] =
                "SELECT id FROM exceptions WHERE document_id = ?1 AND state = 0";
        static const char sql_ins[] =
                "INSERT INTO exceptions (document_id, state, created_at) VALUES (?1, 0, ?2)";
        bf_stmt *st;
        int64_t id = 0;
        char now[32];
        int r;

        r = store_stmt(s, sql_find, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        r = store_step(s, st, err, "look up open exception");
        if (r < 0)
                return r;
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        if (id == 0) {
                r = store_stmt(s, sql_ins, &st, err);
                if (r < 0)
                        return r;
                store_now(now);
                store_bind_int64(s, st, 1, document_id);
                store_bind_text(s, st, 2, now);
                r = store_run(s, st, err, "open exception");
                if (r < 0)
                        return r;
                id = store_last_id(s);
        }
        r = replace_reasons(s, id, reasons, n, err);
        if (r == 0)
                r = store_queue_row_refresh(s, document_id, err);
        if (r < 0)
                return r;
        *ret_id = id;
        return 0;
}

int store_exception_open(bf_store *s, int64_t document_id, const bf_reason_item *reasons,
                         size_t n, int64_t *ret_id, struct bf_error *err)
{
        int64_t id = 0;
        int r;

        r = store_begin(s, err);
        if (r < 0)
                return r;
        r = exception_open(s, document_id, reasons, n, &id, err);
        if (r < 0) {
                store_rollback(s);
                bf_error_prefix(err, "document %lld", (long long)document_id);
                return r;
        }
        r = store_commit(s, err);
        if (r < 0)
                return r;
        if (ret_id)
                *ret_id = id;
        return 0;
}

/* Listing columns, in the order exception_from_row reads them. The vendor
 * is the name printed on the invoice, else the matched vendor id. */
#define EXCEPTION_COLUMNS \
        "SELECT e.id, e.document_id, e.state, e.created_at, e.resolution," \
        " COALESCE(i.vendor_name, i.vendor_id), i.invoice_number, i.total_minor," \
        " i.total_currency, d.filename, i.invoice_date, i.due_date" \
        " FROM exceptions e JOIN documents d ON d.id = e.document_id" \
        " LEFT JOIN invoices i ON i.document_id = e.document_id"

static void exception_from_row(bf_stmt *st, bf_exception *ret)
{
        memset(ret, 0, sizeof(*ret));
        ret->id = store_col_int64(st, 0);
        ret->document_id = store_col_int64(st, 1);
        ret->state = (enum bf_exc_state)store_col_int(st, 2);
        ret->created_at = store_col_strdup(st, 3);
        ret->resolution = store_col_strdup(st, 4);
        ret->vendor = store_col_strdup(st, 5);
        ret->invoice_number = store_col_strdup(st, 6);
        if (!store_col_is_null(st, 7)) {
                bf_money m = { .minor = store_col_int64(st, 7) };
                char buf[48];

                store_col_currency(st, 8, m.currency);
                ret->amount = m;
                ret->has_amount = true;
                if (money_format(m, buf, sizeof(buf)) >= 0)
                        ret->total = m.currency[0] ? bf_xasprintf("%s %s", buf, m.currency)
                                                   : bf_xstrdup(buf);
        }
        ret->filename = store_col_strdup(st, 9);
        ret->invoice_date = store_col_date(st, 10);
        ret->due_date = store_col_date(st, 11);
}

/* Adds a reason row (its name and detail in columns col, col + 1) to e; a
 * reason this version does not know is left out. */
static void add_reason(bf_exception *e, bf_stmt *st, int col, size_t *cap)
{
        int reason = reason_from_name(store_col_text(st, col));

        if (reason < 0)
                return;
        if (e->n_reasons == *cap) {
                *cap = *cap ? *cap * 2 : 4;
                e->reasons = bf_xrealloc(e->reasons, *cap * sizeof(*e->reasons));
        }
        e->reasons[e->n_reasons].reason = (enum bf_reason)reason;
        e->reasons[e->n_reasons].detail = store_col_strdup(st, col + 1);
        e->n_reasons++;
}

static int load_reasons(bf_store *s, bf_exception *e, struct bf_error *err)
{
        static const char sql[] =
                "SELECT reason, detail FROM exception_reasons WHERE exception_id = ?1"
                " ORDER BY seq";
        bf_stmt *st;
        size_t cap = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, e->id);
        while ((r = store_step(s, st, err, "load exception reasons")) == 1)
                add_reason(e, st, 0, &cap);
        store_reset(st);
        return r;
}

int store_exception_get(bf_store *s, int64_t id, bf_exception *ret, struct bf_error *err)
{
        static const char sql[] = EXCEPTION_COLUMNS " WHERE e.id = ?1";
        bf_stmt *st;
        bf_exception e;
        int r;

        if ((r = store_one_row(s, sql, id, NULL, "exception", &st, err)) < 0)
                return r;
        exception_from_row(st, &e);
        store_reset(st);
        r = load_reasons(s, &e, err);
        if (r < 0) {
                exception_release(&e);
                return r;
        }
        *ret = e;
        return 0;
}

int store_exceptions_open(bf_store *s, bf_exception **ret, size_t *ret_n,
                          struct bf_error *err)
{
        /* The kept listing (queue_rows): the columns of EXCEPTION_COLUMNS. */
        static const char sql[] =
                "SELECT exception_id, document_id, 0, created_at, NULL, vendor, invoice_number,"
                " total_minor, total_currency, filename, invoice_date, due_date FROM queue_rows"
                " ORDER BY created_at, exception_id";
        static const char sql_reasons[] =
                "SELECT exception_id, reason, detail FROM queue_reasons ORDER BY exception_id, seq";
        bf_stmt *st;
        bf_exception *list = NULL;
        size_t n = 0, cap = 0, *caps;
        GHashTable *at; /* exception id -> its index in list, plus one */
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        while ((r = store_step(s, st, err, "list open exceptions")) == 1) {
                if (n == cap) {
                        cap = cap ? cap * 2 : 16;
                        list = bf_xrealloc(list, cap * sizeof(*list));
                }
                exception_from_row(st, &list[n++]);
        }
        store_reset(st);
        if (r == 0 && n > 0)
                r = store_stmt(s, sql_reasons, &st, err);
        if (r == 0 && n > 0) {
                /* A reason of an exception opened since is left out. */
                at = g_hash_table_new(g_int64_hash, g_int64_equal);
                caps = g_new0(size_t, n);
                for (size_t i = 0; i < n; i++)
                        g_hash_table_insert(at, &list[i].id, GSIZE_TO_POINTER(i + 1));
                while ((r = store_step(s, st, err, "load exception reasons")) == 1) {
                        int64_t id = store_col_int64(st, 0);
                        size_t i = GPOINTER_TO_SIZE(g_hash_table_lookup(at, &id));

                        if (i > 0)
                                add_reason(&list[i - 1], st, 1, &caps[i - 1]);
                }
                store_reset(st);
                g_hash_table_destroy(at);
                g_free(caps);
        }
        if (r < 0) {
                exceptions_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

int store_queue_oldest(bf_store *s, int64_t *ret_open, bf_exception *ret_oldest,
                       struct bf_error *err)
{
        /* The listing's first row (its order), and how many there are. */
        static const char sql[] =
                "SELECT exception_id, document_id, created_at,"
                " (SELECT COUNT(*) FROM queue_rows) FROM queue_rows"
                " ORDER BY created_at, exception_id LIMIT 1";
        bf_stmt *st;
        int r;

        memset(ret_oldest, 0, sizeof(*ret_oldest));
        *ret_open = 0;
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        r = store_step(s, st, err, "find the oldest open exception");
        if (r == 1) {
                ret_oldest->id = store_col_int64(st, 0);
                ret_oldest->document_id = store_col_int64(st, 1);
                ret_oldest->state = EXC_OPEN;
                ret_oldest->created_at = store_col_strdup(st, 2);
                *ret_open = store_col_int64(st, 3);
        }
        store_reset(st);
        return r < 0 ? r : 0;
}

int store_exception_close(bf_store *s, int64_t id, enum bf_exc_state state,
                          const char *resolution, struct bf_error *err)
{
        /* One statement that only matches an open exception: of two reviewers
         * closing it at once, exactly one changes a row. */
        static const char sql[] =
                "UPDATE exceptions SET state = ?2, closed_at = ?3, resolution = ?4"
                " WHERE id = ?1 AND state = 0";
        static const char sql_kept[] = "DELETE FROM queue_reasons WHERE exception_id = ?1";
        static const char sql_kept_row[] = "DELETE FROM queue_rows WHERE exception_id = ?1";
        const char *const kept[] = { sql_kept, sql_kept_row };
        bf_stmt *st;
        char now[32];
        int r;

        if (state != EXC_POSTED && state != EXC_REJECTED)
                return bf_error_set(err, BF_EINVAL, "cannot close exception %lld: bad state %d",
                                    (long long)id, (int)state);
        r = store_begin(s, err);
        if (r < 0)
                return r;
        r = store_stmt(s, sql, &st, err);
        if (r == 0) {
                store_now(now);
                store_bind_int64(s, st, 1, id);
                store_bind_int64(s, st, 2, state);
                store_bind_text(s, st, 3, now);
                store_bind_text(s, st, 4, resolution);
                r = store_run(s, st, err, "close exception");
        }
        if (r == 0 && store_changes(s) == 0)
                r = bf_error_set(err, BF_ENOTFOUND, "exception %lld is not open", (long long)id);
        /* it leaves the queue's kept listing */
        for (int k = 0; r == 0 && k < 2; k++)
                r = store_run_id(s, kept[k], id, err, "close exception");
        if (r < 0) {
                store_rollback(s);
                return r;
        }
        return store_commit(s, err);
}

/* --------------------------------------------------------------- audit */

int store_audit(bf_store *s, const char *user, const char *action, int64_t document_id,
                const char *field, const char *old_value, const char *new_value,
                struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO audit (at, user_name, action, document_id, field, old_value,"
                " new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        bf_stmt *st;
        char now[32];
        int r;

        if (!action || !action[0])
                return bf_error_set(err, BF_EINVAL, "cannot write audit record: no action");
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_now(now);
        store_bind_text(s, st, 1, now);
        store_bind_text(s, st, 2, user);
        store_bind_text(s, st, 3, action);
        store_bind_id(s, st, 4, document_id);
        store_bind_text(s, st, 5, field);
        store_bind_text(s, st, 6, old_value);
        store_bind_text(s, st, 7, new_value);
        return store_run(s, st, err, "write audit record");
}

int store_audit_load(bf_store *s, int64_t document_id, bf_audit_row **ret, size_t *ret_n,
                     struct bf_error *err)
{
        static const char sql[] =
                "SELECT id, at, user_name, action, document_id, field, old_value, new_value"
                " FROM audit WHERE (?1 = 0 OR document_id = ?1) ORDER BY id";
        bf_stmt *st;
        bf_audit_row *rows = NULL;
        size_t n = 0, cap = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, document_id);
        while ((r = store_step(s, st, err, "load audit log")) == 1) {
                bf_audit_row *a;

                if (n == cap) {
                        cap = cap ? cap * 2 : 32;
                        rows = bf_xrealloc(rows, cap * sizeof(*rows));
                }
                a = &rows[n++];
                a->id = store_col_int64(st, 0);
                a->at = store_col_strdup(st, 1);
                a->user = store_col_strdup(st, 2);
                a->action = store_col_strdup(st, 3);
                a->document_id = store_col_int64(st, 4);
                a->field = store_col_strdup(st, 5);
                a->old_value = store_col_strdup(st, 6);
                a->new_value = store_col_strdup(st, 7);
        }
        store_reset(st);
        if (r < 0) {
                audit_rows_free(rows, n);
                return r;
        }
        *ret = rows;
        *ret_n = n;
        return 0;
}
