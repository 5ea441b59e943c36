/* store-evidence.c: master data that extraction weighs as evidence — a
 * vendor's open purchase orders and the numbers of its earlier invoices. */
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* Collects the first column of st's rows (NULLs skipped), at most max. */
static int collect(bf_store *s, bf_stmt *st, size_t max, char ***ret, size_t *ret_n,
                   struct bf_error *err, const char *what)
{
        char **list = NULL;
        size_t n = 0;
        int r = 0;

        while (n < max && (r = store_step(s, st, err, what)) == 1) {
                char *v = store_col_strdup(st, 0);
                if (!v)
                        continue;
                list = bf_xrealloc(list, (n + 1) * sizeof(*list));
                list[n++] = v;
        }
        if (n == max)
                r = 0;
        store_reset(st);
        if (r < 0) {
                strings_free(list, n);
                return r;
        }
        *ret = list;
        *ret_n = n;
        return 0;
}

/* Is some line of po not billed in full yet? A PO without lines is open. */
static bool po_open(const bf_po *po)
{
        if (po->n_lines == 0)
                return true;
        for (size_t i = 0; i < po->n_lines; i++)
                if (decimal_cmp(po->lines[i].quantity_billed, po->lines[i].quantity) < 0)
                        return true;
        return false;
}

/* Runs sql (?1 the vendor id, ?2 a row limit) and collects its first
 * column, at most max values, into *ret. */
static int vendor_strings(bf_store *s, const char *sql, const char *vendor_id, size_t max,
                          char ***ret, size_t *ret_n, struct bf_error *err, const char *what)
{
        bf_stmt *st;
        int r;

        *ret = NULL;
        *ret_n = 0;
        if (!vendor_id || max == 0)
                return 0;
        r = store_stmt(s, sql, &st, err);
        if (r < 0)
                return r;
        store_bind_text(s, st, 1, vendor_id);
        store_bind_int64(s, st, 2, (int64_t)max);
        return collect(s, st, max, ret, ret_n, err, what);
}

int store_open_pos(bf_store *s, const char *vendor_id, size_t max, char ***ret, size_t *ret_n,
                   struct bf_error *err)
{
        static const char sql[] =
                "SELECT po_number FROM pos WHERE vendor_id = ?1"
                " ORDER BY updated_at DESC, po_number LIMIT ?2";
        char **all = NULL, **open = NULL;
        size_t n_all = 0, n_open = 0;
        int r;

        /* read ahead of max: closed POs are dropped below */
        r = vendor_strings(s, sql, vendor_id, 4 * max, &all, &n_all, err, "list purchase orders");
        *ret = NULL;
        *ret_n = 0;
        if (r < 0)
                return r;
        for (size_t i = 0; i < n_all && n_open < max; i++) {
                bf_po po;
                r = store_po_load(s, all[i], 0, &po, err);
                if (r == BF_ENOTFOUND)
                        continue;
                if (r < 0)
                        break;
                if (po_open(&po)) {
                        open = bf_xrealloc(open, (n_open + 1) * sizeof(*open));
                        open[n_open++] = all[i];
                        all[i] = NULL;
                }
                po_release(&po);
                r = 0;
        }
        strings_free(all, n_all);
        if (r < 0) {
                strings_free(open, n_open);
                return r;
        }
        *ret = open;
        *ret_n = n_open;
        return 0;
}

int store_vendor_invoice_numbers(bf_store *s, const char *vendor_id, size_t max, char ***ret,
                                 size_t *ret_n, struct bf_error *err)
{
        static const char sql[] =
                "SELECT i.invoice_number FROM invoices i JOIN documents d ON d.id = i.document_id"
                " WHERE i.vendor_id = ?1 AND d.state = 1 AND i.invoice_number IS NOT NULL"
                " ORDER BY i.document_id DESC LIMIT ?2";
        return vendor_strings(s, sql, vendor_id, max, ret, ret_n, err,
                              "list a vendor's invoice numbers");
}
