/* store-ledger.c: the append-only journal — entries and their postings,
 * balanced in C and again in SQL before the transaction commits. */
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

static int insert_entry(bf_store *s, const bf_journal_entry *e, int64_t *ret_id,
                        struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO entries (entry_date, description, vendor_id, invoice_number,"
                " po_number, document_id, reverses_id, posting_key, created_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        static const char sql_posting[] =
                "INSERT INTO postings (entry_id, seq, account, amount_minor, currency, memo)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        /* The same rule as entry_is_balanced, asked of what was stored. */
        static const char sql_check[] =
                "SELECT COUNT(*), (SELECT COUNT(*) FROM (SELECT currency FROM postings"
                "   WHERE entry_id = ?1 GROUP BY currency HAVING SUM(amount_minor) <> 0) u)"
                " FROM postings WHERE entry_id = ?1";
        bf_stmt *st;
        char now[32];
        int64_t id;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_now(now);
        store_bind_date(s, st, 1, e->date);
        store_bind_text(s, st, 2, e->description);
        store_bind_text(s, st, 3, e->vendor_id);
        store_bind_text(s, st, 4, e->invoice_number);
        store_bind_text(s, st, 5, e->po_number);
        store_bind_id(s, st, 6, e->document_id);
        store_bind_id(s, st, 7, e->reverses_id);
        store_bind_text(s, st, 8, e->posting_key);
        store_bind_text(s, st, 9, now);
        r = store_run(s, st, err, "insert journal entry");
        if (r == BF_EEXIST) {
                if (e->reverses_id && store_entry_reversed_by(s, e->reverses_id) > 0)
                        return bf_error_set(err, BF_EEXIST, "entry %lld is reversed already",
                                            (long long)e->reverses_id);
                return bf_error_set(err, BF_EEXIST, "posting key '%s' was used already",
                                    e->posting_key ? e->posting_key : "");
        }
        if (r < 0)
                return r;
        id = store_last_id(s);
        if ((r = store_count_add(s, "entries", id, 1, err)) < 0)
                return r;

        for (size_t i = 0; i < e->n_postings; i++) {
                const bf_posting *p = &e->postings[i];

                r = store_stmt(s, sql_posting, &st, err);
                if (r < 0)
                        return r;
                store_bind_int64(s, st, 1, id);
                store_bind_int64(s, st, 2, (int64_t)i + 1);
                store_bind_text(s, st, 3, p->account);
                store_bind_int64(s, st, 4, p->amount.minor);
                store_bind_text(s, st, 5, p->amount.currency);
                store_bind_text(s, st, 6, p->memo);
                r = store_run(s, st, err, "insert posting");
                if (r < 0)
                        return r;
        }

        r = store_stmt(s, sql_check, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, id);
        r = store_step(s, st, err, "check journal entry");
        if (r < 0)
                return r;
        if (r == 0 || store_col_int64(st, 0) < 2 || store_col_int64(st, 1) != 0) {
                store_reset(st);
                return bf_error_set(err, BF_EINVAL, "journal entry does not balance");
        }
        store_reset(st);
        *ret_id = id;
        return 0;
}

int store_entry_insert(bf_store *s, bf_journal_entry *e, struct bf_error *err)
{
        int64_t id = 0;
        int r;

        if (!entry_is_balanced(e))
                return bf_error_set(err, BF_EINVAL, "journal entry '%s' does not balance",
                                    e->description ? e->description : "");
        r = store_begin(s, err);
        if (r < 0)
                return r;
        r = insert_entry(s, e, &id, err);
        if (r < 0) {
                store_rollback(s);
                return r;
        }
        r = store_commit(s, err);
        if (r < 0)
                return r;
        e->id = id;
        return 0;
}

#define ENTRY_COLUMNS \
        "SELECT id, entry_date, description, vendor_id, invoice_number, po_number," \
        " document_id, reverses_id, posting_key FROM entries"

static void entry_from_row(bf_stmt *st, bf_journal_entry *e)
{
        entry_init(e);
        e->id = store_col_int64(st, 0);
        e->date = store_col_date(st, 1);
        e->description = store_col_strdup(st, 2);
        e->vendor_id = store_col_strdup(st, 3);
        e->invoice_number = store_col_strdup(st, 4);
        e->po_number = store_col_strdup(st, 5);
        e->document_id = store_col_int64(st, 6);
        e->reverses_id = store_col_int64(st, 7);
        e->posting_key = store_col_strdup(st, 8);
}

static void add_posting(bf_journal_entry *e, bf_stmt *st, int col)
{
        bf_money m = { .minor = store_col_int64(st, col + 1) };

        store_col_currency(st, col + 2, m.currency);
        entry_add_posting(e, store_col_text(st, col), m, store_col_text(st, col + 3));
}

static int load_postings(bf_store *s, bf_journal_entry *e, struct bf_error *err)
{
        static const char sql[] =
                "SELECT account, amount_minor, currency, memo FROM postings"
                " WHERE entry_id = ?1 ORDER BY seq";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, e->id);
        while ((r = store_step(s, st, err, "load postings")) == 1)
                add_posting(e, st, 0);
        store_reset(st);
        return r;
}

static void posting_row(bf_stmt *st, size_t i, void *arg)
{
        add_posting(&((bf_journal_entry *)arg)[i], st, 1);
}

/* Runs a prepared entry query (bound by the caller) and loads its rows
 * with their postings. */
static int entries_collect(bf_store *s, bf_stmt *st, bf_journal_entry **ret_entries,
                           size_t *ret_n, struct bf_error *err)
{
        bf_journal_entry *list = NULL;
        size_t n = 0, cap = 0;
        int r;

        while ((r = store_step(s, st, err, "load journal entries")) == 1) {
                if (n == cap) {
                        cap = cap ? cap * 2 : 16;
                        list = bf_xrealloc(list, cap * sizeof(*list));
                }
                entry_from_row(st, &list[n++]);
        }
        store_reset(st);
        static const char sql_postings[] =
                "SELECT entry_id, account, amount_minor, currency, memo FROM postings"
                " WHERE entry_id IN (" STORE_IDS_64 ") ORDER BY entry_id, seq";
        if (r == 0 && n > 0)
                r = store_rows_by_ids(s, sql_postings, &list[0].id, sizeof(*list), n, posting_row,
                                      list, "load postings", err);
        if (r < 0) {
                entries_free(list, n);
                return r;
        }
        *ret_entries = list;
        *ret_n = n;
        return 0;
}

int store_entries_load(bf_store *s, int64_t after_id, bf_journal_entry **ret_entries,
                       size_t *ret_n, struct bf_error *err)
{
        static const char sql[] = ENTRY_COLUMNS " WHERE id > ?1 ORDER BY id";
        bf_stmt *st;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, after_id);
        return entries_collect(s, st, ret_entries, ret_n, err);
}

int store_entries_find(bf_store *s, const struct bf_entry_filter *f,
                       bf_journal_entry **ret_entries, size_t *ret_n, struct bf_error *err)
{
        /* The vendor matches the master id or, case-blind, a part of the
         * description ("Vendor | invoice ..."), as a person would type it. */
        static const char sql[] =
                ENTRY_COLUMNS " WHERE (CAST(?1 AS TEXT) IS NULL OR entry_date >= ?1)"
                " AND (CAST(?2 AS TEXT) IS NULL OR entry_date <= ?2)"
                " AND (CAST(?3 AS TEXT) IS NULL OR vendor_id = ?3"
                "      OR instr(lower(description), lower(?3)) > 0)"
                " ORDER BY entry_date, id";
        /* With a date bound, a range the entries_date index answers (the
         * OR form above reads every entry); the same rows, since an entry
         * without a date never matched a bound. */
        static const char sql_range[] =
                ENTRY_COLUMNS " WHERE entry_date >= ?1 AND entry_date <= ?2"
                " AND (CAST(?3 AS TEXT) IS NULL OR vendor_id = ?3"
                "      OR instr(lower(description), lower(?3)) > 0)"
                " ORDER BY entry_date, id";
        bool range = f && (date_is_set(f->since) || date_is_set(f->until));
        bf_stmt *st;
        int r;

        r = store_stmt(s, range ? sql_range : sql, &st, err);
        if (r < 0)
                return r;
        if (range) { /* an open end: a bound every date passes (PostgreSQL types ?1 by the column) */
                if (date_is_set(f->since))
                        store_bind_date(s, st, 1, f->since);
                else
                        store_bind_text(s, st, 1, "");
                if (date_is_set(f->until))
                        store_bind_date(s, st, 2, f->until);
                else
                        store_bind_text(s, st, 2, "9999-12-31");
        } else {
                store_bind_date(s, st, 1, f ? f->since : (bf_date){ 0 });
                store_bind_date(s, st, 2, f ? f->until : (bf_date){ 0 });
        }
        store_bind_text(s, st, 3, f && f->vendor && *f->vendor ? f->vendor : NULL);
        return entries_collect(s, st, ret_entries, ret_n, err);
}

int store_entry_get(bf_store *s, int64_t id, bf_journal_entry *ret, struct bf_error *err)
{
        static const char sql[] = ENTRY_COLUMNS " WHERE id = ?1";
        bf_stmt *st;
        bf_journal_entry e;
        int r;

        if ((r = store_one_row(s, sql, id, NULL, "journal entry", &st, err)) < 0)
                return r;
        entry_from_row(st, &e);
        store_reset(st);
        r = load_postings(s, &e, err);
        if (r < 0) {
                entry_release(&e);
                return r;
        }
        *ret = e;
        return 0;
}

static int64_t one_id(bf_store *s, const char *sql, int64_t arg, const char *what)
{
        bf_stmt *st;
        int64_t id = 0;
        int r;

        r = store_stmt(s, sql, &st, NULL);
        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, arg);
        r = store_step(s, st, NULL, what);
        if (r < 0)
                return r;
        if (r == 1)
                id = store_col_int64(st, 0);
        store_reset(st);
        return id;
}

int64_t store_entry_reversed_by(bf_store *s, int64_t id)
{
        static const char sql[] = "SELECT id FROM entries WHERE reverses_id = ?1";

        return one_id(s, sql, id, "look up reversal");
}

int64_t store_entry_for_document(bf_store *s, int64_t document_id)
{
        /* The entry that stands for the document: not a reversal itself and
         * not reversed since (a corrected invoice is reversed and reposted). */
        static const char sql[] =
                "SELECT e.id FROM entries e WHERE e.document_id = ?1 AND e.reverses_id IS NULL"
                " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id)"
                " ORDER BY e.id DESC LIMIT 1";

        return one_id(s, sql, document_id, "look up entry for document");
}
