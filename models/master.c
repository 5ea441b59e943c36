/* master.c: lifecycles of the master data types: vendors, POs, receipts. */
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

void vendor_init(bf_vendor *v)
{
        memset(v, 0, sizeof(*v));
        v->payment_terms_days = -1;
        v->po_required = true;
}

void vendor_release(bf_vendor *v)
{
        if (!v)
                return;
        free(v->vendor_id);
        free(v->name);
        for (size_t i = 0; i < v->n_aliases; i++)
                free(v->aliases[i]);
        free(v->aliases);
        free(v->default_account);
        free(v->tax_id);
        free(v->iban);
        free(v->bic);
        free(v->cost_centre);
        vendor_init(v);
}

void vendor_copy(bf_vendor *dst, const bf_vendor *src)
{
        *dst = *src;
        dst->vendor_id = bf_xstrdup(src->vendor_id);
        dst->name = bf_xstrdup(src->name);
        dst->aliases = NULL;
        if (src->n_aliases) {
                dst->aliases = bf_xcalloc(src->n_aliases, sizeof(char *));
                for (size_t i = 0; i < src->n_aliases; i++)
                        dst->aliases[i] = bf_xstrdup(src->aliases[i]);
        }
        dst->default_account = bf_xstrdup(src->default_account);
        dst->tax_id = bf_xstrdup(src->tax_id);
        dst->iban = bf_xstrdup(src->iban);
        dst->bic = bf_xstrdup(src->bic);
        dst->cost_centre = bf_xstrdup(src->cost_centre);
}

void po_init(bf_po *po)
{
        memset(po, 0, sizeof(*po));
}

void po_release(bf_po *po)
{
        if (!po)
                return;
        free(po->po_number);
        free(po->vendor_id);
        free(po->cost_centre);
        for (size_t i = 0; i < po->n_lines; i++) {
                free(po->lines[i].description);
                free(po->lines[i].account);
        }
        free(po->lines);
        po_init(po);
}

bf_po_line *po_add_line(bf_po *po)
{
        bf_po_line *l;

        po->lines = bf_xrealloc(po->lines, (po->n_lines + 1) * sizeof(*po->lines));
        l = &po->lines[po->n_lines++];
        memset(l, 0, sizeof(*l));
        return l;
}

void receipt_release(bf_receipt *r)
{
        if (!r)
                return;
        free(r->receipt_id);
        free(r->po_number);
        memset(r, 0, sizeof(*r));
}
