/* store-report.c: the rows the KPI report is computed from — one per
 * document received in a date range, with when it was posted, queued and
 * resolved, and the reviewers' corrections by field. */
#include <string.h>

#include "store/store-int.h"

/* The day after d (unset stays unset): received_at, a timestamp, is before
 * it when its day is d or earlier. */
static bf_date day_after(bf_date d)
{
        return d.y == 0 ? d : date_add_days(d, 1);
}

int store_report_docs(bf_store *s, bf_date since, bf_date until, bf_report_doc **ret,
                      size_t *ret_n, struct bf_error *err)
{
        static const char sql[] =
                "SELECT d.id, d.source, d.state, d.received_at,"
                " COALESCE(v.name, i.vendor_name, i.vendor_id),"
                " (SELECT MIN(e.created_at) FROM entries e"
                "   WHERE e.document_id = d.id AND e.reverses_id IS NULL),"
                " (SELECT COUNT(*) FROM exceptions x WHERE x.document_id = d.id),"
                " (SELECT MIN(x.created_at) FROM exceptions x WHERE x.document_id = d.id),"
                " (SELECT MAX(x.closed_at) FROM exceptions x WHERE x.document_id = d.id AND x.state <> 0),"
                " (SELECT COUNT(*) FROM exceptions x WHERE x.document_id = d.id AND x.state = 0)"
                " FROM documents d"
                " LEFT JOIN invoices i ON i.document_id = d.id"
                " LEFT JOIN vendors v ON v.vendor_id = i.vendor_id"
                " WHERE (CAST(?1 AS TEXT) IS NULL OR d.received_at >= ?1)"
                " AND (CAST(?2 AS TEXT) IS NULL OR d.received_at < ?2)"
                " ORDER BY d.id";
        bf_stmt *st;
        bf_report_doc *list = NULL;
        size_t n = 0, cap = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_date(s, st, 1, since);
        store_bind_date(s, st, 2, day_after(until)); /* until is a whole day */
        while ((r = store_step(s, st, err, "load the report's documents")) == 1) {
                bf_report_doc *d;
                if (n == cap) {
                        cap = cap ? cap * 2 : 64;
                        list = bf_xrealloc(list, cap * sizeof(*list));
                }
                d = &list[n++];
                memset(d, 0, sizeof(*d));
                d->document_id = store_col_int64(st, 0);
                d->source = store_col_strdup(st, 1);
                d->state = (enum bf_doc_state)store_col_int(st, 2);
                d->received_at = store_col_strdup(st, 3);
                d->vendor = store_col_strdup(st, 4);
                d->posted_at = store_col_strdup(st, 5);
                d->n_exceptions = store_col_int(st, 6);
                d->queued_at = store_col_strdup(st, 7);
                d->resolved_at = store_col_strdup(st, 8);
                d->open = store_col_int(st, 9) > 0;
        }
        store_reset(st);
        if (r < 0) {
                report_docs_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

int store_report_corrections(bf_store *s, bf_date since, bf_date until, char ***ret_fields,
                             int64_t **ret_counts, size_t *ret_n, struct bf_error *err)
{
        /* A field counts once per document however often it was edited; an
         * edit that left the value as it was (a re-match after an import)
         * corrected nothing. */
        static const char sql[] =
                "SELECT a.field, COUNT(DISTINCT a.document_id) FROM audit a"
                " JOIN documents d ON d.id = a.document_id"
                " WHERE a.action = 'edit' AND a.field IS NOT NULL"
                " AND a.old_value IS DISTINCT FROM a.new_value"
                " AND (CAST(?1 AS TEXT) IS NULL OR d.received_at >= ?1)"
                " AND (CAST(?2 AS TEXT) IS NULL OR d.received_at < ?2)"
                " GROUP BY a.field ORDER BY a.field";
        bf_stmt *st;
        char **fields = NULL;
        int64_t *counts = NULL;
        size_t n = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_date(s, st, 1, since);
        store_bind_date(s, st, 2, day_after(until)); /* until is a whole day */
        while ((r = store_step(s, st, err, "count corrections")) == 1) {
                fields = bf_xrealloc(fields, (n + 2) * sizeof(*fields));
                counts = bf_xrealloc(counts, (n + 1) * sizeof(*counts));
                fields[n] = store_col_strdup(st, 0);
                counts[n] = store_col_int64(st, 1);
                fields[++n] = NULL;
        }
        store_reset(st);
        if (r < 0) {
                for (size_t i = 0; i < n; i++)
                        free(fields[i]);
                free(fields);
                free(counts);
                return r;
        }
        *ret_fields = fields;
        *ret_counts = counts;
        *ret_n = n;
        return 0;
}
