/* invoice.c: the invoice type's lifecycle, field editing and printing. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

void invoice_init(bf_invoice *inv)
{
        memset(inv, 0, sizeof(*inv));
}

void invoice_release(bf_invoice *inv)
{
        if (!inv)
                return;
        free(inv->vendor_name);
        free(inv->vendor_id);
        free(inv->invoice_number);
        free(inv->po_number);
        free(inv->vendor_tax_id);
        free(inv->vendor_iban);
        free(inv->cost_centre);
        free(inv->einvoice_format);
        for (size_t i = 0; i < inv->n_lines; i++)
                free(inv->lines[i].description);
        free(inv->lines);
        for (int f = 0; f < FIELD__COUNT; f++)
                free(inv->meta[f].label);
        invoice_init(inv);
}

void invoice_copy(bf_invoice *dst, const bf_invoice *src)
{
        *dst = *src;
        dst->vendor_name = bf_xstrdup(src->vendor_name);
        dst->vendor_id = bf_xstrdup(src->vendor_id);
        dst->invoice_number = bf_xstrdup(src->invoice_number);
        dst->po_number = bf_xstrdup(src->po_number);
        dst->vendor_tax_id = bf_xstrdup(src->vendor_tax_id);
        dst->vendor_iban = bf_xstrdup(src->vendor_iban);
        dst->cost_centre = bf_xstrdup(src->cost_centre);
        dst->einvoice_format = bf_xstrdup(src->einvoice_format);
        dst->lines = NULL;
        if (src->n_lines) {
                dst->lines = bf_xcalloc(src->n_lines, sizeof(*dst->lines));
                for (size_t i = 0; i < src->n_lines; i++) {
                        dst->lines[i] = src->lines[i];
                        dst->lines[i].description = bf_xstrdup(src->lines[i].description);
                }
        }
        for (int f = 0; f < FIELD__COUNT; f++)
                dst->meta[f].label = bf_xstrdup(src->meta[f].label);
}

bf_invoice_line *invoice_add_line(bf_invoice *inv)
{
        bf_invoice_line *l;

        inv->lines = bf_xrealloc(inv->lines, (inv->n_lines + 1) * sizeof(*inv->lines));
        l = &inv->lines[inv->n_lines++];
        memset(l, 0, sizeof(*l));
        l->line_no = (int)inv->n_lines;
        return l;
}

static void set_string(char **slot, const char *value)
{
        free(*slot);
        *slot = bf_xstrdup(value);
}

static int set_money(bf_invoice *inv, bf_money *slot, const char *value,
                     struct bf_error *err)
{
        bf_money m;
        /* What a person types is usually plain ("1234.50"); grouped forms
         * ("1,234.50") are read as invoices print them. */
        int r = money_parse_plain(value, inv->currency, &m, NULL);

        if (r < 0 && (r = money_parse(value, inv->currency, &m, err)) < 0)
                return r;
        if (inv->currency[0] && m.currency[0] && strcmp(inv->currency, m.currency) != 0)
                return bf_error_set(err, BF_EINVAL, "'%s' is in %s, the invoice in %s (set the currency first)",
                                    value, m.currency, inv->currency);
        if (!inv->currency[0] && m.currency[0])
                memcpy(inv->currency, m.currency, sizeof(inv->currency));
        *slot = m;
        memcpy(slot->currency, inv->currency, sizeof(slot->currency));
        return 0;
}

int invoice_set_field(bf_invoice *inv, enum bf_field f, const char *value,
                      struct bf_error *err)
{
        bf_field_meta *meta;
        int r = 0;

        if ((unsigned)f >= FIELD__COUNT)
                return bf_error_set(err, BF_EINVAL, "unknown field");
        meta = &inv->meta[f];
        if (!value || !*value || strcmp(value, "null") == 0) {
                switch (f) {
                case FIELD_VENDOR:
                        set_string(&inv->vendor_name, NULL);
                        set_string(&inv->vendor_id, NULL);
                        break;
                case FIELD_INVOICE_NUMBER: set_string(&inv->invoice_number, NULL); break;
                case FIELD_PO_NUMBER: set_string(&inv->po_number, NULL); break;
                case FIELD_INVOICE_DATE: inv->invoice_date = (bf_date){0}; break;
                case FIELD_DUE_DATE: inv->due_date = (bf_date){0}; break;
                case FIELD_CURRENCY: inv->currency[0] = '\0'; break;
                case FIELD_SUBTOTAL: inv->subtotal = (bf_money){0}; break;
                case FIELD_TAX: inv->tax = (bf_money){0}; break;
                case FIELD_TOTAL: inv->total = (bf_money){0}; break;
                default: break;
                }
                meta->present = false;
                meta->confidence = 0;
                return 0;
        }
        if (strlen(value) > 1000)
                return bf_error_set(err, BF_EINVAL, "value for '%s' is too long", field_name(f));
        switch (f) {
        case FIELD_VENDOR:
                set_string(&inv->vendor_name, value);
                /* The vendor id is re-matched by the caller against the master. */
                set_string(&inv->vendor_id, NULL);
                break;
        case FIELD_INVOICE_NUMBER:
                set_string(&inv->invoice_number, value);
                break;
        case FIELD_PO_NUMBER:
                set_string(&inv->po_number, value);
                break;
        case FIELD_INVOICE_DATE:
        case FIELD_DUE_DATE: {
                bf_date d;
                r = date_parse(value, DATE_ORDER_YMD, &d, NULL, err);
                if (r < 0)
                        return r;
                if (f == FIELD_INVOICE_DATE)
                        inv->invoice_date = d;
                else
                        inv->due_date = d;
                break;
        }
        case FIELD_CURRENCY: {
                char code[BF_CURRENCY_LEN];
                if (!currency_from_text(value, code))
                        return bf_error_set(err, BF_EINVAL, "unknown currency '%s'", value);
                memcpy(inv->currency, code, sizeof(code));
                memcpy(inv->subtotal.currency, code, sizeof(code));
                memcpy(inv->tax.currency, code, sizeof(code));
                memcpy(inv->total.currency, code, sizeof(code));
                for (size_t i = 0; i < inv->n_lines; i++)
                        memcpy(inv->lines[i].amount.currency, code, sizeof(code));
                break;
        }
        case FIELD_SUBTOTAL: r = set_money(inv, &inv->subtotal, value, err); break;
        case FIELD_TAX: r = set_money(inv, &inv->tax, value, err); break;
        case FIELD_TOTAL: r = set_money(inv, &inv->total, value, err); break;
        default:
                return bf_error_set(err, BF_EINVAL, "unknown field");
        }
        if (r < 0)
                return r;
        meta->present = true;
        meta->confidence = 1.0;
        return 0;
}

bool invoice_field_text(const bf_invoice *inv, enum bf_field f, char *buf, size_t size)
{
        const char *s = NULL;

        if (size)
                buf[0] = '\0';
        if ((unsigned)f >= FIELD__COUNT || !inv->meta[f].present || size == 0)
                return false;
        switch (f) {
        case FIELD_VENDOR: s = inv->vendor_name ? inv->vendor_name : inv->vendor_id; break;
        case FIELD_INVOICE_NUMBER: s = inv->invoice_number; break;
        case FIELD_PO_NUMBER: s = inv->po_number; break;
        case FIELD_CURRENCY: s = inv->currency; break;
        case FIELD_INVOICE_DATE: return date_format(inv->invoice_date, buf, size) > 0;
        case FIELD_DUE_DATE: return date_format(inv->due_date, buf, size) > 0;
        case FIELD_SUBTOTAL: return money_format(inv->subtotal, buf, size) > 0;
        case FIELD_TAX: return money_format(inv->tax, buf, size) > 0;
        case FIELD_TOTAL: return money_format(inv->total, buf, size) > 0;
        default: return false;
        }
        if (!s)
                return false;
        snprintf(buf, size, "%s", s);
        return true;
}

char *invoice_number_normalise(const char *number)
{
        size_t n = number ? strlen(number) : 0, j = 0;
        char *out = bf_xmalloc(n + 1);

        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)number[i];
                if (isalnum(c))
                        out[j++] = (char)toupper(c);
                else if (c >= 0x80)
                        out[j++] = (char)c;
        }
        out[j] = '\0';
        return out;
}
