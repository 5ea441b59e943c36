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

/* For g_ptr_array_sort, which passes pointers to the elements. */
static gint compare_strings(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *vendor_name(const struct export_item *it)
{
        if (it->vendor_name && *it->vendor_name)
                return it->vendor_name;
        if (it->invoice && it->invoice->vendor_name && *it->invoice->vendor_name)
                return it->invoice->vendor_name;
        if (it->entry->vendor_id)
                return it->entry->vendor_id;
        return "Unknown vendor";
}

/* A bill's due date (its invoice's) as YYYY-MM-DD into buf, or false;
 * a reversal has none. */
static bool due_date(const struct export_item *it, char buf[16])
{
        if (it->entry->reverses_id || !it->invoice || !date_is_set(it->invoice->due_date))
                return false;
        return date_format(it->invoice->due_date, buf, 16) >= 0;
}

/* The metadata beancount and ledger carry for an entry, in this order. */
enum { META_ENTRY, META_VENDOR, META_INVOICE, META_PO, META_DUE, META_DOCUMENT, META_DOCUMENT_FILE,
       META_DOCUMENT_SHA256, META_REVERSES, META__COUNT };
static const char *const meta_keys[META__COUNT] = {
        "entry", "vendor", "invoice", "po", "due", "document", "document-file", "document-sha256",
        "reverses",
};

struct meta {
        const char *value[META__COUNT]; /* NULL where absent; borrowed or in the bufs below */
        char entry[32], document[32], reverses[32], due[16];
};

static void entry_meta(const struct export_item *it, struct meta *m)
{
        const bf_journal_entry *e = it->entry;

        memset(m, 0, sizeof(*m));
        snprintf(m->entry, sizeof(m->entry), "%" G_GINT64_FORMAT, e->id);
        snprintf(m->document, sizeof(m->document), "%" G_GINT64_FORMAT, e->document_id);
        snprintf(m->reverses, sizeof(m->reverses), "%" G_GINT64_FORMAT, e->reverses_id);
        m->value[META_ENTRY] = m->entry;
        m->value[META_VENDOR] = e->vendor_id;
        m->value[META_INVOICE] = e->invoice_number;
        m->value[META_PO] = e->po_number;
        m->value[META_DUE] = due_date(it, m->due) ? m->due : NULL;
        m->value[META_DOCUMENT] = m->document;
        m->value[META_DOCUMENT_FILE] = it->document_file;
        m->value[META_DOCUMENT_SHA256] = it->document_sha256;
        m->value[META_REVERSES] = e->reverses_id ? m->reverses : NULL;
        for (int k = 0; k < META__COUNT; k++)
                if (m->value[k] && !*m->value[k])
                        m->value[k] = NULL;
}

static const char *currency_of(const bf_posting *p)
{
        return p->amount.currency[0] ? p->amount.currency : "XXX";
}

/* Adds v (taken) to list, which owns it, unless seen (which borrows the
 * list's strings) holds it already. */
static void add_distinct(GHashTable *seen, GPtrArray *list, char *v)
{
        if (g_hash_table_contains(seen, v)) {
                g_free(v);
                return;
        }
        g_hash_table_add(seen, v);
        g_ptr_array_add(list, v);
}

/* Every distinct string f(posting) over the items, sorted; the array owns
 * them. */
static GPtrArray *distinct_postings(const struct export_item *items, size_t n,
                                    char *(*f)(const bf_posting *p))
{
        g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
        GPtrArray *list = g_ptr_array_new_with_free_func(g_free);

        for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < items[i].entry->n_postings; k++)
                        add_distinct(seen, list, f(&items[i].entry->postings[k]));
        g_ptr_array_sort(list, compare_strings);
        return list;
}

static char *posting_currency(const bf_posting *p)
{
        return g_strdup(currency_of(p));
}

/* ------------------------------------------------------------ beancount */

static const char *const beancount_roots[] = { "Assets", "Liabilities", "Equity", "Income", "Expenses" };

/* One account component for beancount: the text transliterated to ASCII
 * ("Société" -> "Societe"), its words run together with capitals
 * ("office costs" -> "OfficeCosts"), letters, digits and '-' only; "" when
 * nothing is left. */
static char *beancount_component(const char *text)
{
        g_autofree char *ascii = g_str_to_ascii(text, "C");
        GString *c = g_string_new(NULL);
        bool word_start = true;

        for (const char *q = ascii; *q; q++) {
                if (g_ascii_isalnum(*q)) {
                        g_string_append_c(c, word_start ? g_ascii_toupper(*q) : *q);
                        word_start = false;
                } else if (*q == '-' && c->len > 0) {
                        g_string_append_c(c, '-');
                } else {
                        word_start = true;
                }
        }
        return g_string_free(c, FALSE);
}

/* Beancount accounts: one of the five roots, then components starting with
 * a capital letter or digit, holding letters, digits and '-'. Anything
 * else is rooted under Expenses; an account with nothing left after its
 * root gets ":Other". */
static char *beancount_account(const char *account)
{
        g_auto(GStrv) parts = g_strsplit(account && *account ? account : "Expenses:Unclassified", ":", -1);
        GString *out = g_string_new(NULL);
        char **p = parts;

        if (*p) {
                g_autofree char *root = beancount_component(*p);
                for (size_t i = 0; i < G_N_ELEMENTS(beancount_roots); i++)
                        if (g_ascii_strcasecmp(root, beancount_roots[i]) == 0) {
                                g_string_append(out, beancount_roots[i]);
                                p++;
                                break;
                        }
        }
        if (out->len == 0)
                g_string_append(out, "Expenses");
        for (; *p; p++) {
                g_autofree char *c = beancount_component(*p);
                if (*c)
                        g_string_append_printf(out, ":%s", c);
        }
        if (!strchr(out->str, ':'))
                g_string_append(out, ":Other");
        return g_string_free(out, FALSE);
}

static char *beancount_posting_account(const bf_posting *p)
{
        return beancount_account(p->account);
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

/* A metadata line with a string value, when there is a value. */
static void beancount_meta(GString *out, const char *key, const char *value)
{
        g_autofree char *v = NULL;

        if (!value || !*value)
                return;
        v = beancount_string(value);
        g_string_append_printf(out, "  %s: %s\n", key, v);
}

static void render_beancount(GString *out, const struct export_item *items, size_t n)
{
        g_autoptr(GPtrArray) accounts = distinct_postings(items, n, beancount_posting_account);
        g_autoptr(GPtrArray) currencies = distinct_postings(items, n, posting_currency);
        struct meta m;
        char date[16];

        g_string_append(out, "; billflow export (beancount)\n\n");
        for (guint i = 0; i < currencies->len; i++)
                g_string_append_printf(out, "1970-01-01 commodity %s\n", (char *)currencies->pdata[i]);
        /* Every account opened once, before its first use. */
        for (guint i = 0; i < accounts->len; i++)
                g_string_append_printf(out, "1970-01-01 open %s\n", (char *)accounts->pdata[i]);
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                g_autofree char *payee = beancount_string(vendor_name(&items[i]));
                g_autofree char *narration = beancount_string(e->description);

                date_format(e->date, date, sizeof(date));
                /* The link ties a bill to its reversal. */
                g_string_append_printf(out, "\n%s * %s %s%s ^billflow-doc-%" G_GINT64_FORMAT "\n", date,
                                       payee, narration, e->reverses_id ? " #reversal" : "",
                                       e->document_id);
                entry_meta(&items[i], &m);
                for (int k = 0; k < META__COUNT; k++)
                        if (m.value[k] && k == META_DUE)
                                g_string_append_printf(out, "  %s: %s\n", meta_keys[k], m.value[k]);
                        else if (m.value[k])
                                beancount_meta(out, meta_keys[k], m.value[k]);
                for (size_t k = 0; k < e->n_postings; k++) {
                        g_autofree char *a = beancount_account(e->postings[k].account);
                        char amt[32];
                        amount_text(e->postings[k].amount, amt);
                        g_string_append_printf(out, "  %-48s %14s %s\n", a, amt, currency_of(&e->postings[k]));
                }
        }
}

/* ---------------------------------------------------------- ledger */

/* ledger/hledger account names: components separated by ':', each trimmed
 * and with single spaces (two spaces end an account), no ';' (a comment),
 * no brackets or parentheses (virtual postings), not starting with a
 * posting's status mark. */
static char *ledger_account(const char *account)
{
        g_auto(GStrv) parts = g_strsplit(account && *account ? account : "Expenses:Unclassified", ":", -1);
        GString *out = g_string_new(NULL);

        for (char **p = parts; *p; p++) {
                g_autofree char *flat = one_line(*p, ";()[]");
                GString *c = g_string_new(NULL);
                for (const char *q = g_strstrip(flat); *q; q++)
                        if (!(*q == ' ' && q[1] == ' ') && !(c->len == 0 && out->len == 0 && strchr("*!", *q)))
                                g_string_append_c(c, *q);
                g_strstrip(c->str);
                if (c->str[0])
                        g_string_append_printf(out, "%s%s", out->len ? ":" : "", c->str);
                g_string_free(c, TRUE);
        }
        if (out->len == 0)
                g_string_append(out, "Expenses:Unclassified");
        return g_string_free(out, FALSE);
}

static char *ledger_posting_account(const bf_posting *p)
{
        return ledger_account(p->account);
}

/* Text for a payee, code or tag value: one line, no comment start, and
 * none of the characters in `drop`; single spaces. */
static char *ledger_text(const char *s, const char *drop)
{
        g_autofree char *flat = one_line(s, drop);
        GString *out = g_string_new(NULL);

        for (const char *p = g_strstrip(flat); *p; p++)
                if (!(*p == ' ' && p[1] == ' '))
                        g_string_append_c(out, *p);
        return g_string_free(out, FALSE);
}

/* A tag line both tools read as key and value: one per line; a comma
 * would start another hledger tag. */
static void ledger_tag(GString *out, const char *key, const char *value)
{
        g_autofree char *v = NULL;

        if (!value || !*value)
                return;
        v = ledger_text(value, ";,");
        g_string_append_printf(out, "    ; %s: %s\n", key, v);
}

static void render_ledger(GString *out, const struct export_item *items, size_t n)
{
        g_autoptr(GPtrArray) accounts = distinct_postings(items, n, ledger_posting_account);
        g_autoptr(GPtrArray) currencies = distinct_postings(items, n, posting_currency);
        struct meta m;
        char date[16];

        g_string_append(out, "; billflow export (ledger/hledger journal)\n\n");
        /* Declarations, for hledger check -s and ledger --strict/--pedantic. */
        for (guint i = 0; i < currencies->len; i++)
                g_string_append_printf(out, "commodity %s\n", (char *)currencies->pdata[i]);
        for (guint i = 0; i < accounts->len; i++)
                g_string_append_printf(out, "account %s\n", (char *)accounts->pdata[i]);
        /* Tags too, which ledger --strict wants declared. */
        for (int k = 0; k < META__COUNT; k++)
                g_string_append_printf(out, "tag %s\n", meta_keys[k]);
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                /* '|' splits hledger's payee from its note; ')' would end the code. */
                g_autofree char *payee = ledger_text(vendor_name(&items[i]), ";|");
                g_autofree char *desc = ledger_text(e->description, ";");
                g_autofree char *code = ledger_text(e->invoice_number, ";()");

                date_format(e->date, date, sizeof(date));
                g_string_append_printf(out, "\n%s *", date);
                if (*code)
                        g_string_append_printf(out, " (%s)", code);
                else if (payee[0] == '(')
                        payee[0] = '[';
                g_string_append_printf(out, " %s | %s\n", payee, desc);
                entry_meta(&items[i], &m);
                for (int k = 0; k < META__COUNT; k++)
                        ledger_tag(out, meta_keys[k], m.value[k]);
                for (size_t k = 0; k < e->n_postings; k++) {
                        g_autofree char *a = ledger_account(e->postings[k].account);
                        char amt[32];
                        long pad = 44 - g_utf8_strlen(a, -1);
                        amount_text(e->postings[k].amount, amt);
                        g_string_append_printf(out, "    %s  %*s%12s %s\n", a, (int)(pad > 0 ? pad : 0), "",
                                               amt, currency_of(&e->postings[k]));
                }
        }
}

/* ------------------------------------------------------------- CSV */

/* One RFC 4180 field: quoted when it holds a comma, quote or line break. */
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

/* Text for a file people may open in a spreadsheet (CSV, Xero, IIF): one
 * starting with a character that makes a spreadsheet run it as a formula
 * gets a leading ' (OWASP's CSV injection advice). Only for text: amounts
 * stay numbers. A new string (caller frees), NULL for NULL. */
static char *formula_safe(const char *s)
{
        if (s && *s && strchr("=+-@\t\r", *s))
                return g_strconcat("'", s, NULL);
        return g_strdup(s);
}

static void csv_text(GString *out, const char *s, bool last)
{
        g_autofree char *safe = formula_safe(s);

        csv_field(out, safe, last);
}

static void render_csv(GString *out, const struct export_item *items, size_t n)
{
        char date[16], amt[32], num[32], due[16];

        g_string_append(out, "entry_id,date,vendor_id,vendor,invoice_number,po_number,document_id,"
                             "reverses,account,amount,currency,memo,description,due_date\r\n");
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                bool has_due = due_date(&items[i], due);

                date_format(e->date, date, sizeof(date));
                for (size_t k = 0; k < e->n_postings; k++) {
                        snprintf(num, sizeof(num), "%" G_GINT64_FORMAT, e->id);
                        csv_field(out, num, false);
                        csv_field(out, date, false);
                        csv_text(out, e->vendor_id, false);
                        csv_text(out, vendor_name(&items[i]), false);
                        csv_text(out, e->invoice_number, false);
                        csv_text(out, e->po_number, false);
                        snprintf(num, sizeof(num), "%" G_GINT64_FORMAT, e->document_id);
                        csv_field(out, num, false);
                        snprintf(num, sizeof(num), "%" G_GINT64_FORMAT, e->reverses_id);
                        csv_field(out, e->reverses_id ? num : "", false);
                        csv_text(out, e->postings[k].account, false);
                        amount_text(e->postings[k].amount, amt);
                        csv_field(out, amt, false);
                        csv_text(out, e->postings[k].amount.currency, false);
                        csv_text(out, e->postings[k].memo, false);
                        csv_text(out, e->description, false);
                        csv_field(out, has_due ? due : "", true);
                }
        }
}

/* ------------------------------------------------------------- IIF */

/* QuickBooks Desktop IIF: tab-separated records, each kind after a '!'
 * header naming its columns. The accounts and vendors used are listed
 * first (!ACCNT, !VEND) so QuickBooks creates them with the right type
 * instead of as "other names"; then one TRNS line (the payable, a credit)
 * and one SPL line per other posting, then ENDTRNS. Bills are BILL;
 * reversals, which credit the expense back, are GENERAL JOURNAL entries
 * naming the vendor on the payable line. */
static bool is_account(const bf_posting *p, const char *account)
{
        return account && p->account && strcmp(p->account, account) == 0;
}

static char *iif_text(const char *s)
{
        g_autofree char *flat = one_line(s, "\"");
        return formula_safe(g_strstrip(flat));
}

/* QuickBooks' account type for an account: the payable is AP, the rest
 * goes by its root. */
static const char *iif_account_type(const char *account, const struct export_accounts *acc)
{
        static const struct { const char *root, *type; } types[] = {
                { "Assets", "OCASSET" }, { "Liabilities", "OCLIAB" }, { "Equity", "EQUITY" },
                { "Income", "INC" }, { "Expenses", "EXP" },
        };
        size_t len = strcspn(account, ":");

        if (acc->payable && strcmp(account, acc->payable) == 0)
                return "AP";
        if (acc->bank && strcmp(account, acc->bank) == 0)
                return "BANK";
        for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
                if (strlen(types[i].root) == len && g_ascii_strncasecmp(account, types[i].root, len) == 0)
                        return types[i].type;
        return "EXP";
}

/* An account for QuickBooks and Xero: one line, no quotes, components
 * trimmed, empty ones dropped. */
static char *plain_account(const bf_posting *p)
{
        g_autofree char *flat = iif_text(p->account);
        g_auto(GStrv) parts = g_strsplit(flat, ":", -1);
        GString *out = g_string_new(NULL);

        for (char **c = parts; *c; c++)
                if (*g_strstrip(*c))
                        g_string_append_printf(out, "%s%s", out->len ? ":" : "", *c);
        if (out->len == 0)
                g_string_append(out, "Expenses:Unclassified");
        return g_string_free(out, FALSE);
}

static void render_iif_lists(GString *out, const struct export_item *items, size_t n,
                             const struct export_accounts *acc)
{
        g_autoptr(GPtrArray) accounts = distinct_postings(items, n, plain_account);
        /* name -> type; a parent account takes its first child's type, as
         * QuickBooks wants sub-accounts of their parent's type. */
        g_autoptr(GHashTable) types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GHashTable) vendors = g_hash_table_new(g_str_hash, g_str_equal);
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        g_autoptr(GPtrArray) vendor_names = g_ptr_array_new_with_free_func(g_free);

        for (guint i = 0; i < accounts->len; i++) {
                const char *a = accounts->pdata[i];
                const char *type = iif_account_type(a, acc);
                for (const char *c = strchr(a, ':');; c = strchr(c + 1, ':')) {
                        char *prefix = c ? g_strndup(a, (gsize)(c - a)) : g_strdup(a);
                        if (g_hash_table_contains(types, prefix))
                                g_free(prefix);
                        else
                                g_hash_table_insert(types, prefix, (gpointer)(uintptr_t)type); /* a static string, never written */
                        if (!c)
                                break;
                }
        }
        g_string_append(out, "!ACCNT\tNAME\tACCNTTYPE\r\n");
        {
                GHashTableIter it;
                gpointer k;
                g_hash_table_iter_init(&it, types);
                while (g_hash_table_iter_next(&it, &k, NULL))
                        g_ptr_array_add(names, k);
        }
        g_ptr_array_sort(names, compare_strings);
        for (guint i = 0; i < names->len; i++)
                g_string_append_printf(out, "ACCNT\t%s\t%s\r\n", (char *)names->pdata[i],
                                       (char *)g_hash_table_lookup(types, names->pdata[i]));
        for (size_t i = 0; i < n; i++)
                add_distinct(vendors, vendor_names, iif_text(vendor_name(&items[i])));
        g_ptr_array_sort(vendor_names, compare_strings);
        g_string_append(out, "!VEND\tNAME\r\n");
        for (guint i = 0; i < vendor_names->len; i++)
                g_string_append_printf(out, "VEND\t%s\r\n", (char *)vendor_names->pdata[i]);
}

/* A payment (or its reversal): an entry that moves money on the bank
 * account rather than booking a bill. */
static bool is_payment(const bf_journal_entry *e, const struct export_accounts *acc)
{
        for (size_t k = 0; acc->bank && k < e->n_postings; k++)
                if (is_account(&e->postings[k], acc->bank))
                        return true;
        return false;
}

static void render_iif(GString *out, const struct export_item *items, size_t n,
                       const struct export_accounts *acc)
{
        render_iif_lists(out, items, n, acc);
        g_string_append(out, "!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\tDUEDATE\r\n"
                             "!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\tDUEDATE\r\n"
                             "!ENDTRNS\r\n");
        for (size_t i = 0; i < n; i++) {
                const bf_journal_entry *e = items[i].entry;
                bool payment = is_payment(e, acc);
                /* a payment is QuickBooks' bill payment: its TRNS line the bank */
                const char *type = e->reverses_id ? "GENERAL JOURNAL" : payment ? "BILLPMT" : "BILL";
                g_autofree char *name = iif_text(vendor_name(&items[i]));
                g_autofree char *doc = iif_text(e->invoice_number);
                g_autofree char *desc = iif_text(e->description);
                char date[24], due[24] = "";
                size_t first = 0;

                /* US dates, as QuickBooks imports them. */
                snprintf(date, sizeof(date), "%02d/%02d/%04d", e->date.m, e->date.d, e->date.y);
                if (!e->reverses_id && !payment && items[i].invoice && date_is_set(items[i].invoice->due_date))
                        snprintf(due, sizeof(due), "%02d/%02d/%04d", items[i].invoice->due_date.m,
                                 items[i].invoice->due_date.d, items[i].invoice->due_date.y);
                /* The TRNS line carries the payable (a payment's: the bank);
                 * SPL lines the rest. */
                for (size_t k = 0; k < e->n_postings; k++)
                        if (is_account(&e->postings[k], payment && !e->reverses_id ? acc->bank : acc->payable))
                                first = k;
                for (size_t pass = 0; pass < 2; pass++)
                        for (size_t k = 0; k < e->n_postings; k++) {
                                g_autofree char *acct = plain_account(&e->postings[k]);
                                g_autofree char *memo = e->postings[k].memo ? iif_text(e->postings[k].memo)
                                                                            : g_strdup(desc);
                                char amt[32];
                                if ((pass == 0) != (k == first))
                                        continue;
                                amount_text(e->postings[k].amount, amt);
                                g_string_append_printf(out, "%s\t\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\r\n",
                                                       pass == 0 ? "TRNS" : "SPL", type, date, acct,
                                                       name, amt, doc, memo, pass == 0 ? due : "");
                        }
                g_string_append(out, "ENDTRNS\r\n");
        }
}

/* ------------------------------------------------------------- Xero */

/* Xero's bill import template: one row per expense line, tax as TaxAmount
 * on the line that carries it, dates as DD/MM/YYYY. Payable and tax
 * postings are implied by the bill; reversals are exported as credit notes
 * (negative amounts, which Xero imports as a credit note) under the
 * invoice number with a -REV<entry> suffix. */
static bool is_line(const bf_posting *p, const struct export_accounts *acc)
{
        return !is_account(p, acc->payable) && !is_account(p, acc->tax);
}

/* The entry's tax spread over its expense lines in proportion to their
 * amounts, in minor units, the rounding remainder on the last line, so
 * the shares sum to the tax exactly. */
static void xero_tax_shares(const bf_journal_entry *e, const struct export_accounts *acc,
                            int64_t tax, int64_t *shares)
{
        __int128 base = 0;      /* a sum of int64s: no overflow short of 2^64 postings */
        int64_t given = 0;
        size_t last = e->n_postings;

        for (size_t k = 0; k < e->n_postings; k++)
                if (is_line(&e->postings[k], acc)) {
                        base += e->postings[k].amount.minor;
                        last = k;
                }
        for (size_t k = 0; k < e->n_postings; k++) {
                __int128 part;
                shares[k] = 0;
                if (!is_line(&e->postings[k], acc))
                        continue;
                if (k == last) {
                        shares[k] = tax - given;
                        continue;
                }
                if (base == 0)
                        continue;
                /* Rounded half away from zero. */
                part = (__int128)tax * e->postings[k].amount.minor * 2 / base;
                shares[k] = (int64_t)((part + (part >= 0 ? 1 : -1)) / 2);
                given += shares[k];
        }
}

/* A Xero text cell: one line (Xero's importer takes a line break as the
 * end of the row), a formula neutralised. */
static void xero_text(GString *out, const char *s)
{
        g_autofree char *flat = one_line(s, NULL);
        g_autofree char *safe = formula_safe(g_strstrip(flat));

        csv_field(out, safe, false);
}

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
                char date[24], due[24], total[32] = "", amt[32], taxamt[32];
                g_autofree char *number = NULL;
                int64_t *shares;
                bf_money payable = { 0 };
                int64_t tax = 0;
                bool have_tax = false;

                /* Xero's bills import carries bills; payments are matched
                 * in Xero against its own bank feed */
                if (is_payment(e, acc))
                        continue;
                shares = g_new0(int64_t, e->n_postings ? e->n_postings : 1);
                for (size_t k = 0; k < e->n_postings; k++) {
                        if (is_account(&e->postings[k], acc->payable))
                                payable = e->postings[k].amount;
                        else if (is_account(&e->postings[k], acc->tax))
                                tax += e->postings[k].amount.minor, have_tax = true;
                }
                xero_tax_shares(e, acc, tax, shares);
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
                for (size_t k = 0; k < e->n_postings; k++) {
                        const bf_posting *p = &e->postings[k];
                        g_autofree char *account = NULL;
                        bf_money share = p->amount;
                        if (!is_line(p, acc))
                                continue;
                        account = plain_account(p);
                        share.minor = shares[k];
                        amount_text(p->amount, amt);
                        amount_text(share, taxamt);
                        xero_text(out, vendor_name(&items[i]));
                        for (int c = 0; c < 9; c++)
                                csv_field(out, "", false);
                        xero_text(out, number);
                        csv_field(out, date, false);
                        csv_field(out, due, false);
                        csv_field(out, total, false);
                        csv_field(out, "", false);
                        xero_text(out, p->memo ? p->memo : e->description);
                        csv_field(out, "1", false);
                        csv_field(out, amt, false);
                        xero_text(out, account);
                        csv_field(out, have_tax ? "Tax on Purchases" : "Tax Exempt", false);
                        csv_field(out, have_tax ? taxamt : "", false);
                        for (int c = 0; c < 4; c++)
                                csv_field(out, "", false);
                        csv_field(out, currency_of(p), true);
                }
                g_free(shares);
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
                char date[16], amt[32], due[16];

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
                if (items[i].vendor_name || (items[i].invoice && items[i].invoice->vendor_name))
                        json_builder_add_string_value(b, vendor_name(&items[i]));
                else
                        json_builder_add_null_value(b);
                json_builder_set_member_name(b, "invoice_number");
                e->invoice_number ? json_builder_add_string_value(b, e->invoice_number)
                                  : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "po_number");
                e->po_number ? json_builder_add_string_value(b, e->po_number) : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "due_date");
                due_date(&items[i], due) ? json_builder_add_string_value(b, due) : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "document_id");
                json_builder_add_int_value(b, e->document_id);
                json_builder_set_member_name(b, "document");
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "id");
                json_builder_add_int_value(b, e->document_id);
                json_builder_set_member_name(b, "file");
                items[i].document_file ? json_builder_add_string_value(b, items[i].document_file)
                                       : json_builder_add_null_value(b);
                json_builder_set_member_name(b, "sha256");
                items[i].document_sha256 ? json_builder_add_string_value(b, items[i].document_sha256)
                                         : json_builder_add_null_value(b);
                json_builder_end_object(b);
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
