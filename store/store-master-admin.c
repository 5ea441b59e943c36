/* store-master-admin.c: listing and deleting master data — what `billflow
 * master` shows and removes. A vendor or PO that the books refer to is
 * never deleted. */
#include <string.h>

#include "store/store-int.h"

int store_po_numbers(bf_store *s, char ***ret, size_t *ret_n, struct bf_error *err)
{
        static const char sql[] = "SELECT po_number FROM pos ORDER BY po_number";
        bf_stmt *st;
        char **list = NULL;
        size_t n = 0, cap = 0;
        int r;

        *ret = NULL;
        *ret_n = 0;
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        while ((r = store_step(s, st, err, "list purchase orders")) == 1) {
                list = bf_xgrow(list, &cap, n, sizeof(*list));
                list[n++] = store_col_strdup(st, 0);
        }
        store_reset(st);
        if (r < 0) {
                strings_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

int store_receipts_list(bf_store *s, bf_receipt **ret, size_t *ret_n, struct bf_error *err)
{
        static const char sql[] =
                "SELECT receipt_id, po_number, line_no, quantity_received, received_date"
                " FROM receipts ORDER BY receipt_id, po_number, line_no";
        bf_stmt *st;
        bf_receipt *list = NULL;
        size_t n = 0, cap = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        while ((r = store_step(s, st, err, "list receipts")) == 1) {
                bf_receipt *rc;
                if (n == cap) {
                        cap = cap ? cap * 2 : 16;
                        list = bf_xrealloc(list, cap * sizeof(*list));
                }
                rc = &list[n++];
                memset(rc, 0, sizeof(*rc));
                rc->receipt_id = store_col_strdup(st, 0);
                rc->po_number = store_col_strdup(st, 1);
                rc->line_no = store_col_int(st, 2);
                rc->received_date = store_col_date(st, 4);
                if ((r = store_col_decimal(st, 3, &rc->quantity_received, err)) < 0)
                        break;
        }
        store_reset(st);
        if (r < 0) {
                receipts_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

/* The count a one-column, one-parameter query returns, or <0. */
static int64_t count_of(bf_store *s, const char *sql, const char *arg, struct bf_error *err)
{
        bf_stmt *st;
        int64_t n = 0;
        int r;

        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, arg);
        r = store_step(s, st, err, "count references");
        if (r == 1)
                n = store_col_int64(st, 0);
        store_reset(st);
        return r < 0 ? r : n;
}

static int run_text(bf_store *s, const char *sql, const char *arg, struct bf_error *err,
                    const char *what)
{
        bf_stmt *st;
        int r = store_stmt(s, sql, &st, err);

        if (r < 0)
                return r;
        store_bind_text(s, st, 1, arg);
        return store_run(s, st, err, what);
}

int store_master_delete(bf_store *s, const char *kind, const char *id, struct bf_error *err)
{
        int64_t n, m;
        int r;

        if (strcmp(kind, "vendor") == 0) {
                if ((n = count_of(s, "SELECT COUNT(*) FROM vendors WHERE vendor_id = ?1", id, err)) < 0)
                        return (int)n;
                if (n == 0)
                        return bf_error_set(err, BF_ENOTFOUND, "no vendor '%s'", id);
                if ((n = count_of(s, "SELECT COUNT(*) FROM invoices WHERE vendor_id = ?1", id, err)) < 0 ||
                    (m = count_of(s, "SELECT COUNT(*) FROM pos WHERE vendor_id = ?1", id, err)) < 0)
                        return (int)(n < 0 ? n : m);
                if (n || m)
                        return bf_error_set(err, BF_EEXIST, "vendor '%s' has %lld invoice%s and %lld "
                                            "purchase order%s: it stays", id, (long long)n,
                                            n == 1 ? "" : "s", (long long)m, m == 1 ? "" : "s");
                if ((r = run_text(s, "DELETE FROM vendor_aliases WHERE vendor_id = ?1", id, err,
                                  "delete vendor aliases")) < 0)
                        return r;
                return run_text(s, "DELETE FROM vendors WHERE vendor_id = ?1", id, err, "delete vendor");
        }
        if (strcmp(kind, "po") == 0) {
                if ((n = count_of(s, "SELECT COUNT(*) FROM pos WHERE po_number = ?1", id, err)) < 0)
                        return (int)n;
                if (n == 0)
                        return bf_error_set(err, BF_ENOTFOUND, "no purchase order '%s'", id);
                if ((n = count_of(s, "SELECT COUNT(DISTINCT document_id) FROM billed WHERE po_number = ?1",
                                  id, err)) < 0)
                        return (int)n;
                if (n)
                        return bf_error_set(err, BF_EEXIST, "purchase order '%s' was billed by %lld "
                                            "posted invoice%s: it stays", id, (long long)n,
                                            n == 1 ? "" : "s");
                if ((r = run_text(s, "DELETE FROM receipts WHERE po_number = ?1", id, err,
                                  "delete the PO's receipts")) < 0 ||
                    (r = run_text(s, "DELETE FROM po_lines WHERE po_number = ?1", id, err,
                                  "delete PO lines")) < 0)
                        return r;
                return run_text(s, "DELETE FROM pos WHERE po_number = ?1", id, err, "delete PO");
        }
        if (strcmp(kind, "receipt") == 0) {
                if ((n = count_of(s, "SELECT COUNT(*) FROM receipts WHERE receipt_id = ?1", id, err)) < 0)
                        return (int)n;
                if (n == 0)
                        return bf_error_set(err, BF_ENOTFOUND, "no receipt '%s'", id);
                return run_text(s, "DELETE FROM receipts WHERE receipt_id = ?1", id, err, "delete receipt");
        }
        return bf_error_set(err, BF_EINVAL, "cannot delete a '%s' (vendor, po or receipt)", kind);
}
