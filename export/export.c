/* export.c: the export formatters. Amounts come from integer minor units
 * through money_format; nothing here is a float. */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "export/export.h"

static const char *const format_names[EXPORT__COUNT] = {
        [EXPORT_BEANCOUNT] = "beancount", [EXPORT_LEDGER] = "ledger", [EXPORT_CSV] = "csv",
        [EXPORT_IIF] = "iif", [EXPORT_XERO] = "xero", [EXPORT_JSON] = "json",
};

int export_format_from_name(const char *name)
{
        for (int i = 0; name && i < EXPORT__COUNT; i++)
                if (strcmp(name, format_names[i]) == 0)
                        return i;
        return BF_EINVAL;
}

const char *export_format_name(enum bf_export_format f)
{
        return (unsigned)f < EXPORT__COUNT ? format_names[f] : "unknown";
}

/* Text on one line: control characters (newlines, tabs, escapes) become
 * spaces; `drop` characters are removed as well. */
static char *one_line(const char *s, const char *drop)
{
        GString *out = g_string_new(NULL);

        for (const char *p = s ? s : ""; *p; p++) {
                unsigned char c = (unsigned char)*p;
                if (c < 0x20 || c == 0x7f)
                        g_string_append_c(out, ' ');
                else if (!drop || !strchr(drop, c))
                        g_string_append_c(out, (char)c);
        }
        return g_string_free(out, FALSE);
}

static void amount_text(bf_money m, char buf[32])
{
        if (money_format(m, buf, 32) < 0)
                g_strlcpy(buf, "0", 32);
}

static const char *vendor_name(const struct export_item *it)
{
        if (it->invoice && it->invoice->vendor_name)
                return it->invoice->vendor_name;
        if (it->entry->vendor_id)
                return it->entry->vendor_id;
        return "Unknown vendor";
}

/* ------------------------------------------------------------ beancount */

/* Beancount accounts: a root of Assets, Liabilities, Equity, Income or
 * Expenses, then components starting with a capital letter or digit and
 * holding letters, digits and '-'. */
static char *beancount_account(const char *account)
{
        static const char *const roots[] = { "Assets", "Liabilities", "Equity", "Income", "Expenses" };
        g_auto(GStrv) parts = g_strsplit(account && *account ? account : "Expenses:Unclassified", ":", -1);
        GString *out = g_string_new(NULL);
        bool rooted = false;

        for (size_t i = 0; i < G_N_ELEMENTS(roots); i++)
                rooted |= parts[0] && strcmp(parts[0], roots[i]) == 0;
        if (!rooted)
                g_string_append(out, "Expenses");
        for (char **p = parts; *p; p++) {
                GString *c = g_string_new(NULL);
                for (const char *q = *p; *q; q++)
                        if (g_ascii_isalnum(*q) || *q == '-')
                                g_string_append_c(c, *q);
                if (c->len == 0) {
                        g_string_free(c, TRUE);
                        continue;
                }
                c->str[0] = g_ascii_toupper(c->str[0]);
                if (!g_ascii_isalnum(c->str[0]))
                        g_string_prepend_c(c, 'X');
                if (out->len)
                        g_string_append_c(out, ':');
                g_string_append(out, c->str);
                g_string_free(c, TRUE);
        }
        return g_string_free(out, FALSE);
}

static char *beancount_string(const char *s)
{
        g_autofree char *flat = one_line(s, NULL);
        GString *out = g_string_new("\"");

        for (const char *p = flat; *p; p++) {
                if (*p == '"' || *p == '\\')
                        g_string_append_c(out, '\\');
                g_string_append_c(out, *p);
        }
        g_string_append_c(out, '"');
        return g_string_free(out, FALSE);
}

/* For g_ptr_array_sort, which passes pointers to the elements. */
static gint compare_strings(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static void render_beancount(GString *out, const struct export_item *items, size_t n)
{
        g_autoptr(GHashTable) opened = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GPtrArray) accounts = g_ptr_array_new();
        char date[16];

        g_string_append(out, "; billflow export (beancount)\n\n");
        /* Open every account once, before its first use. */
        for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < items[i].entry->n_postings; k++) {
                        char *a = beancount_account(items[i].entry->postings[k].account);
                        if (g_hash_table_contains(opened, a)) {
                                g_free(a);
                                continue;
                        }
                        g_hash_table_add(opened, a);
                        g_ptr_array_add(accounts, a);
                }
        g_ptr_array_sort(accounts, compare_strings);
        for (guint i = 0; i < accounts->len; i++)
                g_string_append_printf(out, "1970-01-01 open %s\n", (char *)accounts->pdata[i]);
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                g_autofree char *payee = beancount_string(vendor_name(&items[i]));
                g_autofree char *narration = beancount_string(e->description);

                date_format(e->date, date, sizeof(date));
                g_string_append_printf(out, "\n%s * %s %s\n", date, payee, narration);
                g_string_append_printf(out, "  entry: \"%" G_GINT64_FORMAT "\"\n", e->id);
                g_string_append_printf(out, "  document: \"%" G_GINT64_FORMAT "\"\n", e->document_id);
                if (e->vendor_id) {
                        g_autofree char *v = beancount_string(e->vendor_id);
                        g_string_append_printf(out, "  vendor: %s\n", v);
                }
                if (e->invoice_number) {
                        g_autofree char *v = beancount_string(e->invoice_number);
                        g_string_append_printf(out, "  invoice: %s\n", v);
                }
                if (e->po_number) {
                        g_autofree char *v = beancount_string(e->po_number);
                        g_string_append_printf(out, "  po: %s\n", v);
                }
                if (e->reverses_id)
                        g_string_append_printf(out, "  reverses: \"%" G_GINT64_FORMAT "\"\n", e->reverses_id);
                for (size_t k = 0; k < e->n_postings; k++) {
                        g_autofree char *a = beancount_account(e->postings[k].account);
                        char amt[32];
                        amount_text(e->postings[k].amount, amt);
                        g_string_append_printf(out, "  %-48s %14s %s\n", a, amt,
                                               e->postings[k].amount.currency[0]
                                                       ? e->postings[k].amount.currency : "XXX");
                }
        }
}

/* ---------------------------------------------------------- ledger */

/* ledger/hledger account names end at two spaces or a tab and must not
 * hold ';' or brackets that mean something else. */
static char *ledger_account(const char *account)
{
        g_autofree char *flat = one_line(account && *account ? account : "Expenses:Unclassified",
                                         ";()[]\t");
        GString *out = g_string_new(NULL);

        for (const char *p = flat; *p; p++)
                if (!(*p == ' ' && (p[1] == ' ' || out->len == 0 || p[1] == '\0')))
                        g_string_append_c(out, *p);
        return g_string_free(out, FALSE);
}

static void render_ledger(GString *out, const struct export_item *items, size_t n)
{
        char date[16];

        g_string_append(out, "; billflow export (ledger/hledger journal)\n");
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                g_autofree char *payee = one_line(vendor_name(&items[i]), ";|");
                g_autofree char *desc = one_line(e->description, ";");
                g_autofree char *inv = one_line(e->invoice_number, ";,");
                g_autofree char *po = one_line(e->po_number, ";,");
                g_autofree char *vid = one_line(e->vendor_id, ";,");

                date_format(e->date, date, sizeof(date));
                g_string_append_printf(out, "\n%s * %s | %s\n", date, payee, desc);
                g_string_append_printf(out, "    ; entry:%" G_GINT64_FORMAT ", document:%" G_GINT64_FORMAT,
                                       e->id, e->document_id);
                if (e->vendor_id)
                        g_string_append_printf(out, ", vendor:%s", vid);
                if (e->invoice_number)
                        g_string_append_printf(out, ", invoice:%s", inv);
                if (e->po_number)
                        g_string_append_printf(out, ", po:%s", po);
                if (e->reverses_id)
                        g_string_append_printf(out, ", reverses:%" G_GINT64_FORMAT, e->reverses_id);
                g_string_append_c(out, '\n');
                for (size_t k = 0; k < e->n_postings; k++) {
                        g_autofree char *a = ledger_account(e->postings[k].account);
                        char amt[32];
                        amount_text(e->postings[k].amount, amt);
                        g_string_append_printf(out, "    %-48s  %s %s\n", a, amt,
                                               e->postings[k].amount.currency);
                }
        }
}

/* ------------------------------------------------------------- CSV */

static void csv_field(GString *out, const char *s, bool last)
{
        const char *v = s ? s : "";

        if (strpbrk(v, ",\"\r\n")) {
                g_string_append_c(out, '"');
                for (const char *p = v; *p; p++) {
                        if (*p == '"')
                                g_string_append_c(out, '"');
                        g_string_append_c(out, *p);
                }
                g_string_append_c(out, '"');
        } else {
                g_string_append(out, v);
        }
        g_string_append(out, last ? "\r\n" : ",");
}

static void render_csv(GString *out, const struct export_item *items, size_t n)
{
        char date[16], amt[32], num[32];

        g_string_append(out, "entry_id,date,vendor_id,vendor,invoice_number,po_number,document_id,"
                             "reverses,account,amount,currency,memo,description\r\n");
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                date_format(e->date, date, sizeof(date));
                for (size_t k = 0; k < e->n_postings; k++) {
                        snprintf(num, sizeof(num), "%" G_GINT64_FORMAT, e->id);
                        csv_field(out, num, false);
                        csv_field(out, date, false);
                        csv_field(out, e->vendor_id, false);
                        csv_field(out, vendor_name(&items[i]), false);
                        csv_field(out, e->invoice_number, false);
                        csv_field(out, e->po_number, false);
                        snprintf(num, sizeof(num), "%" G_GINT64_FORMAT, e->document_id);
                        csv_field(out, num, false);
                        snprintf(num, sizeof(num), "%" G_GINT64_FORMAT, e->reverses_id);
                        csv_field(out, e->reverses_id ? num : "", false);
                        csv_field(out, e->postings[k].account, false);
                        amount_text(e->postings[k].amount, amt);
                        csv_field(out, amt, false);
                        csv_field(out, e->postings[k].amount.currency, false);
                        csv_field(out, e->postings[k].memo, false);
                        csv_field(out, e->description, true);
                }
        }
}

/* ------------------------------------------------------------- IIF */

/* QuickBooks IIF: tab-separated; one TRNS line (the payable, a credit) and
 * one SPL line per other posting, then ENDTRNS. Reversals are journal
 * entries (GENERAL JOURNAL), bills are BILL. */
static bool is_account(const bf_posting *p, const char *account)
{
        return account && p->account && strcmp(p->account, account) == 0;
}

static void render_iif(GString *out, const struct export_item *items, size_t n,
                       const struct export_accounts *acc)
{
        g_string_append(out, "!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\n"
                             "!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\n"
                             "!ENDTRNS\n");
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                const char *type = e->reverses_id ? "GENERAL JOURNAL" : "BILL";
                g_autofree char *name = one_line(vendor_name(&items[i]), "\"");
                g_autofree char *doc = one_line(e->invoice_number, "\"");
                g_autofree char *desc = one_line(e->description, "\"");
                char date[24];
                size_t first = 0;

                /* US dates, as QuickBooks imports them. */
                snprintf(date, sizeof(date), "%02d/%02d/%04d", e->date.m, e->date.d, e->date.y);
                /* The TRNS line carries the payable; SPL lines the rest. */
                for (size_t k = 0; k < e->n_postings; k++)
                        if (is_account(&e->postings[k], acc->payable))
                                first = k;
                for (size_t pass = 0; pass < 2; pass++)
                        for (size_t k = 0; k < e->n_postings; k++) {
                                g_autofree char *acct = one_line(e->postings[k].account, "\"");
                                g_autofree char *memo = one_line(e->postings[k].memo ? e->postings[k].memo
                                                                                     : desc, "\"");
                                char amt[32];
                                if ((pass == 0) != (k == first))
                                        continue;
                                amount_text(e->postings[k].amount, amt);
                                g_string_append_printf(out, "%s\t\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
                                                       pass == 0 ? "TRNS" : "SPL", type, date, acct,
                                                       name, amt, doc, memo);
                        }
                g_string_append(out, "ENDTRNS\n");
        }
}

/* ------------------------------------------------------------- Xero */

/* Xero's bill import template: one row per expense line, tax as TaxAmount
 * on the line that carries it, dates as DD/MM/YYYY. Payable and tax
 * postings are implied by the bill; reversals are exported as credit notes
 * (negative quantities) under the same invoice number with a suffix. */
static void render_xero(GString *out, const struct export_item *items, size_t n,
                        const struct export_accounts *acc)
{
        g_string_append(out, "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,"
                             "POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,"
                             "*InvoiceDate,*DueDate,Total,InventoryItemCode,Description,*Quantity,"
                             "*UnitAmount,*AccountCode,*TaxType,TaxAmount,TrackingName1,"
                             "TrackingOption1,TrackingName2,TrackingOption2,Currency\r\n");
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                const bf_invoice *inv = items[i].invoice;
                char date[24], due[24], total[32] = "", amt[32], taxamt[32] = "";
                g_autofree char *number = NULL;
                bf_money tax = { 0 }, payable = { 0 };
                bool have_tax = false;
                size_t payable_k = 0;

                for (size_t k = 0; k < e->n_postings; k++) {
                        if (is_account(&e->postings[k], acc->payable))
                                payable_k = k, payable = e->postings[k].amount;
                        else if (is_account(&e->postings[k], acc->tax) && !have_tax)
                                tax = e->postings[k].amount, have_tax = true;
                }
                snprintf(date, sizeof(date), "%02d/%02d/%04d", e->date.d, e->date.m, e->date.y);
                if (inv && date_is_set(inv->due_date))
                        snprintf(due, sizeof(due), "%02d/%02d/%04d", inv->due_date.d, inv->due_date.m,
                                 inv->due_date.y);
                else
                        g_strlcpy(due, date, sizeof(due));
                payable.minor = -payable.minor;
                amount_text(payable, total);
                number = e->reverses_id ? g_strdup_printf("%s-REV%" G_GINT64_FORMAT,
                                                          e->invoice_number ? e->invoice_number : "",
                                                          e->id)
                                        : g_strdup(e->invoice_number ? e->invoice_number : "");
                if (have_tax)
                        amount_text(tax, taxamt);
                for (size_t k = 0, rows = 0; k < e->n_postings; k++) {
                        const bf_posting *p = &e->postings[k];
                        if (k == payable_k || is_account(p, acc->tax))
                                continue;
                        amount_text(p->amount, amt);
                        csv_field(out, vendor_name(&items[i]), false);
                        for (int c = 0; c < 9; c++)
                                csv_field(out, "", false);
                        csv_field(out, number, false);
                        csv_field(out, date, false);
                        csv_field(out, due, false);
                        csv_field(out, total, false);
                        csv_field(out, "", false);
                        csv_field(out, p->memo ? p->memo : e->description, false);
                        csv_field(out, "1", false);
                        csv_field(out, amt, false);
                        csv_field(out, p->account, false);
                        csv_field(out, have_tax && rows == 0 ? "Tax on Purchases" : "Tax Exempt", false);
                        csv_field(out, rows == 0 ? taxamt : "", false);
                        for (int c = 0; c < 4; c++)
                                csv_field(out, "", false);
                        csv_field(out, p->amount.currency, true);
                        rows++;
                }
        }
}

/* ------------------------------------------------------------- JSON */

static void render_json(GString *out, const struct export_item *items, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                g_autoptr(JsonBuilder) b = json_builder_new();
                g_autoptr(JsonGenerator) gen = json_generator_new();
                g_autoptr(JsonNode) root = NULL;
                g_autofree char *text = NULL;
                char date[16], amt[32];

                date_format(e->date, date, sizeof(date));
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "id");
                json_builder_add_int_value(b, e->id);
                json_builder_set_member_name(b, "date");
                json_builder_add_string_value(b, date);
                json_builder_set_member_name(b, "description");
                json_builder_add_string_value(b, e->description ? e->description : "");
                json_builder_set_member_name(b, "vendor_id");
                e->vendor_id ? json_builder_add_string_value(b, e->vendor_id) : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "vendor");
                if (items[i].invoice && items[i].invoice->vendor_name)
                        json_builder_add_string_value(b, items[i].invoice->vendor_name);
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "invoice_number");
                e->invoice_number ? json_builder_add_string_value(b, e->invoice_number)
                                  : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "po_number");
                e->po_number ? json_builder_add_string_value(b, e->po_number) : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "document_id");
                json_builder_add_int_value(b, e->document_id);
                json_builder_set_member_name(b, "reverses");
                e->reverses_id ? json_builder_add_int_value(b, e->reverses_id) : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "postings");
                json_builder_begin_array(b);
                for (size_t k = 0; k < e->n_postings; k++) {
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "account");
                        json_builder_add_string_value(b, e->postings[k].account);
                        amount_text(e->postings[k].amount, amt);
                        json_builder_set_member_name(b, "amount");
                        json_builder_add_string_value(b, amt);
                        json_builder_set_member_name(b, "currency");
                        json_builder_add_string_value(b, e->postings[k].amount.currency);
                        json_builder_set_member_name(b, "memo");
                        e->postings[k].memo ? json_builder_add_string_value(b, e->postings[k].memo)
                                            : json_builder_add_null_value(b);
                        json_builder_end_object(b);
                }
                json_builder_end_array(b);
                json_builder_end_object(b);
                root = json_builder_get_root(b);
                json_generator_set_root(gen, root);
                text = json_generator_to_data(gen, NULL);
                g_string_append(out, text);
                g_string_append_c(out, '\n');
        }
}

char *export_render(enum bf_export_format fmt, const struct export_item *items, size_t n,
                    const struct export_accounts *acc)
{
        GString *out = g_string_new(NULL);

        switch (fmt) {
        case EXPORT_BEANCOUNT: render_beancount(out, items, n); break;
        case EXPORT_LEDGER: render_ledger(out, items, n); break;
        case EXPORT_CSV: render_csv(out, items, n); break;
        case EXPORT_IIF: render_iif(out, items, n, acc); break;
        case EXPORT_XERO: render_xero(out, items, n, acc); break;
        case EXPORT_JSON: render_json(out, items, n); break;
        case EXPORT__COUNT: break;
        }
        return g_string_free(out, FALSE);
}
