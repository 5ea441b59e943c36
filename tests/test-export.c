/* test-export.c: the export formatters on fixed entries — QuickBooks IIF
 * and Xero bills compared column by column with checked-in golden files,
 * CSV formula neutralisation, beancount and ledger names, JSON.
 * BILLFLOW_WRITE_GOLDEN=1 rewrites the golden files from the current
 * output (review the diff before committing it). */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "export/export.h"
#include "tests/tap.h"

#define N_ITEMS 5

struct fixture {
        bf_journal_entry e[N_ITEMS];
        bf_invoice inv[N_ITEMS];
        struct export_item it[N_ITEMS];
};

static const struct export_accounts accounts = { "Liabilities:AccountsPayable", "Assets:InputTax" };

static bf_money money(const char *text, const char *currency)
{
        bf_money m = { 0 };

        if (money_parse_plain(text, currency, &m, NULL) < 0) {
                printf("# bad amount in test: %s\n", text);
                abort();
        }
        return m;
}

static void post(bf_journal_entry *e, const char *account, const char *amount, const char *currency,
                 const char *memo)
{
        entry_add_posting(e, account, money(amount, currency), memo);
}

static void entry(struct fixture *f, int i, int64_t id, bf_date date, const char *vendor_id,
                  const char *vendor, const char *number, const char *po, int64_t doc, bf_date due)
{
        bf_journal_entry *e = &f->e[i];

        entry_init(e);
        invoice_init(&f->inv[i]);
        e->id = id;
        e->date = date;
        e->vendor_id = bf_xstrdup(vendor_id);
        e->invoice_number = bf_xstrdup(number);
        e->po_number = bf_xstrdup(po);
        e->document_id = doc;
        e->description = bf_xasprintf("%s %s", vendor, number);
        f->inv[i].due_date = due;
        f->inv[i].vendor_name = bf_xstrdup("name as read from the document");
        f->it[i].entry = e;
        f->it[i].invoice = &f->inv[i];
        f->it[i].vendor_name = vendor;
}

/* Five entries: a two-line EUR bill with PO and due date; a GBP bill from
 * a vendor with quotes, a comma and a colon and a memo with a tab and a
 * newline; a bill without tax or due date from a vendor with an accent
 * and emoji; the first bill's reversal; a bill whose vendor, number and
 * memo look like spreadsheet formulas. */
static void fixture_init(struct fixture *f)
{
        const bf_date none = { 0 };
        bf_journal_entry *e;

        memset(f, 0, sizeof(*f));
        entry(f, 0, 11, (bf_date){ 2026, 11, 3 }, "V-SG", "Société Générale Fournitures", "SG-2026-001",
              "PO-77", 5, (bf_date){ 2026, 12, 3 });
        post(&f->e[0], "Expenses:Office Supplies", "100.00", "EUR", "Paper, A4 \"80g\"");
        post(&f->e[0], "Expenses:Office Supplies", "25.50", "EUR", "Toner");
        post(&f->e[0], "Assets:InputTax", "25.10", "EUR", NULL);
        post(&f->e[0], "Liabilities:AccountsPayable", "-150.60", "EUR", NULL);
        f->it[0].document_file = "sg-001.pdf";
        f->it[0].document_sha256 = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";

        entry(f, 1, 12, (bf_date){ 2026, 11, 4 }, "V-OB", "O\"Brien, Hardware: Tools", "OB/77", NULL, 6,
              (bf_date){ 2026, 11, 18 });
        post(&f->e[1], "Expenses:Tools: Hand ", "40.00", "GBP", "Hammer\tclaw\nsteel");
        post(&f->e[1], "Assets:InputTax", "8.00", "GBP", NULL);
        post(&f->e[1], "Liabilities:AccountsPayable", "-48.00", "GBP", NULL);

        entry(f, 2, 13, (bf_date){ 2026, 11, 5 }, "V-CAFE", "Café ☕ Supplies 🚀", "C-1", NULL, 7, none);
        post(&f->e[2], "Expenses:Café ☕", "12.50", "GBP", "Espresso beans");
        post(&f->e[2], "Liabilities:AccountsPayable", "-12.50", "GBP", NULL);

        entry(f, 3, 14, (bf_date){ 2026, 11, 20 }, "V-SG", "Société Générale Fournitures", "SG-2026-001",
              "PO-77", 5, (bf_date){ 2026, 12, 3 });
        e = &f->e[3];
        free(e->description);
        e->description = bf_xstrdup("Reversal of entry 11: duplicate");
        e->reverses_id = 11;
        post(e, "Expenses:Office Supplies", "-100.00", "EUR", "Paper, A4 \"80g\"");
        post(e, "Expenses:Office Supplies", "-25.50", "EUR", "Toner");
        post(e, "Assets:InputTax", "-25.10", "EUR", NULL);
        post(e, "Liabilities:AccountsPayable", "150.60", "EUR", NULL);

        entry(f, 4, 15, (bf_date){ 2026, 11, 6 }, "V-EQ", "=HYPERLINK(\"http://x\")", "-5", NULL, 8,
              (bf_date){ 2026, 12, 6 });
        post(&f->e[4], "Expenses:Links", "10.00", "GBP", "@SUM(A1)");
        post(&f->e[4], "Liabilities:AccountsPayable", "-10.00", "GBP", NULL);
}

static void fixture_release(struct fixture *f)
{
        for (int i = 0; i < N_ITEMS; i++) {
                entry_release(&f->e[i]);
                invoice_release(&f->inv[i]);
        }
}

/* ------------------------------------------------------------- tables */

/* RFC 4180 records: a GPtrArray of GStrv; NULL when the text is not valid
 * CSV (a quote inside an unquoted field, an unterminated quote, a bare LF
 * line end). */
static GPtrArray *parse_csv(const char *text)
{
        GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
        GPtrArray *row = g_ptr_array_new();
        GString *cell = g_string_new(NULL);
        const char *p = text;

        while (*p) {
                if (*p == '"' && cell->len == 0) {
                        for (p++;; p++) {
                                if (!*p)
                                        goto bad;
                                if (*p == '"' && p[1] == '"')
                                        g_string_append_c(cell, *p++);
                                else if (*p == '"')
                                        break;
                                else
                                        g_string_append_c(cell, *p);
                        }
                        p++;
                        if (*p != ',' && *p != '\r')
                                goto bad;
                        continue;
                }
                if (*p == '"' || *p == '\n')
                        goto bad;
                if (*p == ',') {
                        g_ptr_array_add(row, g_strdup(cell->str));
                        g_string_truncate(cell, 0);
                        p++;
                } else if (*p == '\r') {
                        if (p[1] != '\n')
                                goto bad;
                        g_ptr_array_add(row, g_strdup(cell->str));
                        g_string_truncate(cell, 0);
                        g_ptr_array_add(row, NULL);
                        g_ptr_array_add(rows, g_ptr_array_free(row, FALSE));
                        row = g_ptr_array_new();
                        p += 2;
                } else {
                        g_string_append_c(cell, *p++);
                }
        }
        if (row->len || cell->len)
                goto bad;
        g_ptr_array_free(row, TRUE);
        g_string_free(cell, TRUE);
        return rows;
bad:
        g_ptr_array_free(row, TRUE);
        g_ptr_array_free(rows, TRUE);
        g_string_free(cell, TRUE);
        return NULL;
}

/* IIF records: CRLF lines split at tabs; NULL if a line ends in a bare LF. */
static GPtrArray *parse_iif(const char *text)
{
        GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
        g_auto(GStrv) lines = g_strsplit(text, "\r\n", -1);

        for (char **l = lines; *l; l++) {
                if (strchr(*l, '\n')) {
                        g_ptr_array_free(rows, TRUE);
                        return NULL;
                }
                if (**l || l[1])
                        g_ptr_array_add(rows, g_strsplit(*l, "\t", -1));
        }
        return rows;
}

/* The column's name: for IIF the '!' header of the record's kind, for CSV
 * the header row. */
static const char *column_name(GPtrArray *want, const char *kind, guint col)
{
        for (guint r = 0; r < want->len; r++) {
                char **row = want->pdata[r];
                bool header = kind ? row[0][0] == '!' && strcmp(row[0] + 1, kind) == 0 : r == 0;
                if (header)
                        return col < g_strv_length(row) ? row[col] : "?";
        }
        return "?";
}

/* Compares got with want row by row and column by column, one TAP line
 * per row; a difference names the row, column and both cells. */
static void compare_tables(const char *label, GPtrArray *got, GPtrArray *want, bool iif)
{
        TAP_OK(got && want, "%s: parses", label);
        if (!got || !want)
                return;
        TAP_INT_EQ(got->len, want->len, "%s: %u rows", label, want->len);
        for (guint r = 0; r < got->len && r < want->len; r++) {
                char **g = got->pdata[r], **w = want->pdata[r];
                guint ng = g_strv_length(g), nw = g_strv_length(w);
                int diffs = 0;

                for (guint c = 0; c < ng || c < nw; c++) {
                        const char *gc = c < ng ? g[c] : "(missing)", *wc = c < nw ? w[c] : "(missing)";
                        if (strcmp(gc, wc) == 0)
                                continue;
                        if (diffs++ < 5)
                                printf("#   row %u column %u (%s): got '%s', want '%s'\n", r + 1, c + 1,
                                       column_name(want, iif ? w[0] : NULL, c), gc, wc);
                }
                TAP_OK(diffs == 0, "%s: row %u (%s) matches column by column", label, r + 1, w[0]);
        }
}

static char *golden_path(const char *name)
{
        const char *src = getenv("BILLFLOW_SRCDIR");

        return g_build_filename(src ? src : ".", "tests", "data", "export", name, NULL);
}

static void check_golden(const char *label, const char *name, const char *text, bool iif)
{
        g_autofree char *path = golden_path(name), *want = NULL;
        g_autoptr(GPtrArray) got_rows = NULL, want_rows = NULL;

        if (getenv("BILLFLOW_WRITE_GOLDEN"))
                g_file_set_contents(path, text, -1, NULL);
        if (!g_file_get_contents(path, &want, NULL, NULL)) {
                TAP_OK(false, "%s: golden file %s is readable", label, path);
                return;
        }
        got_rows = iif ? parse_iif(text) : parse_csv(text);
        want_rows = iif ? parse_iif(want) : parse_csv(want);
        compare_tables(label, got_rows, want_rows, iif);
        TAP_OK(strcmp(text, want) == 0, "%s: byte for byte the golden file", label);
}

/* --------------------------------------------------------------- tests */

static int column_of(char **header, const char *name)
{
        for (int i = 0; header[i]; i++)
                if (strcmp(header[i], name) == 0)
                        return i;
        return -1;
}

static void test_iif(const struct fixture *f)
{
        g_autofree char *text = export_render(EXPORT_IIF, f->it, N_ITEMS, &accounts);
        g_autoptr(GPtrArray) rows = parse_iif(text);
        int64_t sum = 0;
        int balanced = 0, trns = 0;

        check_golden("iif", "bills.iif", text, true);
        /* Independent of the golden file: each transaction balances. */
        for (guint r = 0; rows && r < rows->len; r++) {
                char **row = rows->pdata[r];
                bf_money m;
                if (strcmp(row[0], "TRNS") == 0) {
                        sum = 0;
                        trns++;
                }
                if ((strcmp(row[0], "TRNS") == 0 || strcmp(row[0], "SPL") == 0) &&
                    money_parse_plain(row[6], "GBP", &m, NULL) == 0)
                        sum += m.minor;
                if (strcmp(row[0], "ENDTRNS") == 0 && sum == 0)
                        balanced++;
        }
        TAP_INT_EQ(trns, N_ITEMS, "iif: one TRNS per entry");
        TAP_OK(!strstr(text, "\t=") && !strstr(text, "\t@") && strstr(text, "\t'=HYPERLINK"),
               "iif: formula-like text is neutralised");
        TAP_INT_EQ(balanced, N_ITEMS, "iif: every transaction's TRNS and SPL amounts sum to zero");
}

static void test_xero(const struct fixture *f)
{
        g_autofree char *text = export_render(EXPORT_XERO, f->it, N_ITEMS, &accounts);

        g_autoptr(GPtrArray) rows = parse_csv(text);
        g_autoptr(GHashTable) sums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_autoptr(GHashTable) totals = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        GHashTableIter it;
        gpointer key, value;
        int number, total, unit, tax, mismatched = 0;

        check_golden("xero", "bills-xero.csv", text, false);
        TAP_OK(!strstr(text, ",=") && !strstr(text, "\"=") && !strstr(text, ",@") &&
               strstr(text, "\"'=HYPERLINK"), "xero: formula-like text is neutralised");
        if (!rows)
                return;
        /* Independent of the golden file: each bill's lines and tax make its total. */
        number = column_of(rows->pdata[0], "*InvoiceNumber");
        total = column_of(rows->pdata[0], "Total");
        unit = column_of(rows->pdata[0], "*UnitAmount");
        tax = column_of(rows->pdata[0], "TaxAmount");
        for (guint r = 1; r < rows->len; r++) {
                char **row = rows->pdata[r];
                int64_t *sum = g_hash_table_lookup(sums, row[number]);
                bf_money m = { 0 }, t = { 0 }, tot = { 0 };
                if (!sum) {
                        sum = g_new0(int64_t, 1);
                        g_hash_table_insert(sums, g_strdup(row[number]), sum);
                        money_parse_plain(row[total], "GBP", &tot, NULL);
                        g_hash_table_insert(totals, g_strdup(row[number]), g_memdup2(&tot.minor, sizeof(int64_t)));
                }
                money_parse_plain(row[unit], "GBP", &m, NULL);
                if (*row[tax])
                        money_parse_plain(row[tax], "GBP", &t, NULL);
                *sum += m.minor + t.minor;
        }
        g_hash_table_iter_init(&it, sums);
        while (g_hash_table_iter_next(&it, &key, &value))
                mismatched += *(int64_t *)value != *(int64_t *)g_hash_table_lookup(totals, key);
        TAP_INT_EQ(g_hash_table_size(sums), N_ITEMS, "xero: one bill or credit note per entry");
        TAP_INT_EQ(mismatched, 0, "xero: each bill's lines and tax make its total");
}

static void test_csv(const struct fixture *f)
{
        g_autofree char *text = export_render(EXPORT_CSV, f->it, N_ITEMS, &accounts);
        g_autoptr(GPtrArray) rows = parse_csv(text);
        char **h;
        int vendor, number, memo, amount, desc, account;
        guint formula_rows = 0, leaked = 0, n_postings = 0;

        TAP_OK(rows != NULL, "csv: valid RFC 4180 with CRLF line ends");
        if (!rows)
                return;
        h = rows->pdata[0];
        vendor = column_of(h, "vendor");
        number = column_of(h, "invoice_number");
        memo = column_of(h, "memo");
        amount = column_of(h, "amount");
        desc = column_of(h, "description");
        account = column_of(h, "account");
        TAP_OK(vendor >= 0 && number >= 0 && memo >= 0 && amount >= 0 && desc >= 0 && account >= 0,
               "csv: header names the columns");
        for (int i = 0; i < N_ITEMS; i++)
                n_postings += f->e[i].n_postings;
        TAP_INT_EQ(rows->len, n_postings + 1, "csv: a header and one row per posting");
        for (guint r = 1; r < rows->len && vendor >= 0; r++) {
                char **row = rows->pdata[r];
                TAP_OK(g_strv_length(row) == g_strv_length(h), "csv: row %u has every column", r);
                for (int c = 0; row[c]; c++)
                        if (c != amount && strchr("=+-@\t\r", row[c][0]) && row[c][0])
                                leaked++;
                if (strcmp(row[vendor], "'=HYPERLINK(\"http://x\")") == 0) {
                        formula_rows++;
                        TAP_OK(strcmp(row[number], "'-5") == 0,
                               "csv: a formula-like invoice number is neutralised (%s)", row[number]);
                        TAP_OK(row[amount][0] != '\'', "csv: the amount stays a number (%s)", row[amount]);
                }
        }
        TAP_INT_EQ(formula_rows, f->e[4].n_postings, "csv: the formula-like vendor is neutralised on each row");
        TAP_INT_EQ(leaked, 0, "csv: no text cell starts with = + - @ TAB or CR");
        TAP_OK(strstr(text, ",-10.00,GBP,") != NULL, "csv: a negative amount is written as a number");
        TAP_OK(strstr(text, ",'@SUM(A1),") != NULL, "csv: a formula-like memo is neutralised");
        TAP_OK(strstr(text, "\"Hammer\tclaw\nsteel\"") != NULL, "csv: a memo's tab and newline stay, quoted");
        TAP_OK(strstr(text, "Société Générale Fournitures") != NULL, "csv: UTF-8 text as it is");
}

static void test_beancount(const struct fixture *f)
{
        g_autofree char *text = export_render(EXPORT_BEANCOUNT, f->it, N_ITEMS, &accounts);
        g_autoptr(GRegex) acct = g_regex_new("^(Assets|Liabilities|Equity|Income|Expenses)(:[A-Z0-9][A-Za-z0-9-]*)+$",
                                             0, 0, NULL);
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        g_autoptr(GHashTable) opened = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        int bad = 0, unopened = 0, postings = 0;

        for (char **l = lines; *l; l++) {
                g_auto(GStrv) w = g_strsplit_set(g_strstrip(*l), " ", -1);
                if (g_strv_length(w) == 3 && strcmp(w[1], "open") == 0) {
                        bad += !g_regex_match(acct, w[2], 0, NULL);
                        g_hash_table_add(opened, g_strdup(w[2]));
                } else if (w[0] && g_ascii_isupper(w[0][0]) && strchr(w[0], ':')) {
                        postings++;
                        bad += !g_regex_match(acct, w[0], 0, NULL);
                        unopened += !g_hash_table_contains(opened, w[0]);
                }
        }
        TAP_INT_EQ(postings, 15, "beancount: every posting written");
        TAP_INT_EQ(bad, 0, "beancount: every account name is valid");
        TAP_INT_EQ(unopened, 0, "beancount: every account used is opened first");
        TAP_OK(g_hash_table_contains(opened, "Expenses:OfficeSupplies") &&
               g_hash_table_contains(opened, "Expenses:Cafe") &&
               g_hash_table_contains(opened, "Expenses:Tools:Hand"),
               "beancount: names transliterated and run together (OfficeSupplies, Cafe, Tools:Hand)");
        TAP_OK(strstr(text, "2026-11-03 * \"Société Générale Fournitures\" \"Société Générale Fournitures "
                            "SG-2026-001\" ^billflow-doc-5\n") != NULL,
               "beancount: payee, narration and the document link");
        TAP_OK(strstr(text, "\"Reversal of entry 11: duplicate\" #reversal ^billflow-doc-5\n") != NULL,
               "beancount: a reversal is tagged and linked to its bill");
        TAP_OK(strstr(text, "\"O\\\"Brien, Hardware: Tools\"") != NULL, "beancount: a quote in a payee is escaped");
        TAP_OK(strstr(text, "  invoice: \"SG-2026-001\"\n  po: \"PO-77\"\n  due: 2026-12-03\n  document: \"5\"\n")
                       != NULL, "beancount: invoice, PO, due date and document metadata");
        TAP_OK(strstr(text, "1970-01-01 commodity EUR\n1970-01-01 commodity GBP\n") != NULL,
               "beancount: both currencies declared");
}

static void test_ledger(const struct fixture *f)
{
        g_autofree char *text = export_render(EXPORT_LEDGER, f->it, N_ITEMS, &accounts);

        TAP_OK(strstr(text, "\n2026-11-03 * (SG-2026-001) Société Générale Fournitures | ") != NULL,
               "ledger: the invoice number is the transaction code");
        TAP_OK(strstr(text, "* (OB/77) O\"Brien, Hardware: Tools | ") != NULL, "ledger: the payee as it is");
        TAP_OK(strstr(text, "commodity EUR\ncommodity GBP\n") != NULL, "ledger: commodities declared");
        TAP_OK(strstr(text, "account Expenses:Tools:Hand\n") != NULL &&
               strstr(text, "    Expenses:Tools:Hand  ") != NULL,
               "ledger: an account's components trimmed, declared and used alike");
        TAP_OK(strstr(text, "    ; po: PO-77\n    ; due: 2026-12-03\n") != NULL, "ledger: one tag a line");
        TAP_OK(strstr(text, "tag due\n") != NULL, "ledger: tags declared");
        TAP_OK(strstr(text, "; memo") == NULL && strstr(text, "\t") == NULL, "ledger: no tab anywhere");
}

static void test_json(const struct fixture *f)
{
        g_autofree char *text = export_render(EXPORT_JSON, f->it, N_ITEMS, &accounts);
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        int parsed = 0;
        bool doc = false;

        for (char **l = lines; *l && **l; l++) {
                g_autoptr(JsonParser) p = json_parser_new();
                JsonObject *o;
                if (!json_parser_load_from_data(p, *l, -1, NULL))
                        continue;
                o = json_node_get_object(json_parser_get_root(p));
                parsed += json_object_get_array_member(o, "postings") != NULL;
                if (json_object_get_int_member(o, "id") == 11) {
                        JsonObject *d = json_object_get_object_member(o, "document");
                        doc = d && json_object_get_int_member(d, "id") == 5 &&
                              strcmp(json_object_get_string_member(d, "file"), "sg-001.pdf") == 0 &&
                              strcmp(json_object_get_string_member(o, "vendor"), "Société Générale Fournitures") == 0 &&
                              strcmp(json_object_get_string_member(o, "due_date"), "2026-12-03") == 0;
                }
        }
        TAP_INT_EQ(parsed, N_ITEMS, "json: one object with postings a line");
        TAP_OK(doc, "json: the document reference, vendor master name and due date");
}

static void test_stable(const struct fixture *f)
{
        for (int fmt = 0; fmt < EXPORT__COUNT; fmt++) {
                g_autofree char *a = export_render(fmt, f->it, N_ITEMS, &accounts);
                g_autofree char *b = export_render(fmt, f->it, N_ITEMS, &accounts);
                g_autofree char *empty = export_render(fmt, f->it, 0, &accounts);
                TAP_OK(strcmp(a, b) == 0 && strlen(empty) < strlen(a),
                       "%s: the same entries render the same bytes; none render less",
                       export_format_name(fmt));
        }
        TAP_INT_EQ(export_format_from_name("iif"), EXPORT_IIF, "format names");
        TAP_INT_EQ(export_format_from_name("qif"), BF_EINVAL, "an unknown format name");
}

/* A payment run as SEPA: valid against the shipped schema, with its sums;
 * what the schema refuses is refused, and only euros go. */
static void test_sepa(void)
{
        bf_pay_item items[2] = {
                { .document_id = 1, .invoice_number = (char *)"INV-1", .amount = { 21480, "EUR" },
                  .discount = { 430, "EUR" }, .pay = { 21050, "EUR" } },
                { .document_id = 2, .invoice_number = (char *)"CN-2", .amount = { -6000, "EUR" },
                  .discount = { 0, "EUR" }, .pay = { -6000, "EUR" } },
        };
        bf_payment pays[2] = {
                { .id = 1, .vendor_id = (char *)"V1", .vendor_name = (char *)"ACME & Söhne <GmbH>",
                  .iban = (char *)"DE89370400440532013000", .bic = (char *)"COBADEFFXXX",
                  .amount = { 15050, "EUR" }, .discount = { 430, "EUR" }, .end_to_end = (char *)"BF1-1",
                  .items = items, .n_items = 2 },
                { .id = 2, .vendor_id = (char *)"V2", .vendor_name = (char *)"Brightwater",
                  .iban = (char *)"DE02120300000000202051", .amount = { 100, "EUR" },
                  .discount = { 0, "EUR" }, .end_to_end = (char *)"BF1-2" },
        };
        bf_pay_run run = { .id = 1, .state = RUN_APPROVED, .pay_date = { 2026, 11, 12 }, .payments = pays,
                           .n_payments = 2 };
        struct export_debtor d = { "Globex Corporation", "DE75512108001245126199", NULL };
        struct bf_error err = { 0 };
        char *xml = export_payments_sepa(&run, &d, "2026-11-12T10:00:00", EXPORT_PAIN_03, &err);

        TAP_OK(xml != NULL, "a run renders as pain.001.001.03 and passes the schema: %s", err.msg);
        if (xml) {
                TAP_OK(strstr(xml, "<NbOfTxs>2</NbOfTxs>") && strstr(xml, "<CtrlSum>151.50</CtrlSum>"),
                       "two transfers, control sum 151.50");
                TAP_OK(strstr(xml, "<Ustrd>INV-1, credit CN-2</Ustrd>") != NULL, "remittance names the bills");
                TAP_OK(strstr(xml, "ACME &amp; S\xc3\xb6hne &lt;GmbH&gt;") != NULL, "names are escaped, UTF-8 kept");
                TAP_OK(strstr(xml, "<Id>NOTPROVIDED</Id>") != NULL, "no debtor BIC: NOTPROVIDED");
                TAP_INT_EQ(export_sepa_validate(xml, strlen(xml), EXPORT_PAIN_03, NULL), 0, "validates again");
                TAP_INT_EQ(export_sepa_validate(xml, strlen(xml), EXPORT_PAIN_09, &err), BF_EINVAL,
                           "a .03 file is no .09 one: %s", err.msg);
                char *bad = g_strdup(xml);
                char *at = strstr(bad, "<CtrlSum>151.50");
                memcpy(at + 9, "1x1.50", 6);
                TAP_INT_EQ(export_sepa_validate(bad, strlen(bad), EXPORT_PAIN_03, &err), BF_EINVAL,
                           "a broken control sum fails the schema: %s", err.msg);
                g_free(bad);
                bad = g_strdup(xml);
                at = strstr(bad, "<PmtMtd>TRF");
                memcpy(at + 8, "XXX", 3);
                TAP_INT_EQ(export_sepa_validate(bad, strlen(bad), EXPORT_PAIN_03, NULL), BF_EINVAL, "an unknown PmtMtd fails");
                g_free(bad);
        }
        g_free(xml);
        xml = export_payments_sepa(&run, &d, "2026-11-12T10:00:00", EXPORT_PAIN_09, &err);
        TAP_OK(xml != NULL, "the same run renders as pain.001.001.09 and passes its schema: %s", err.msg);
        if (xml) {
                TAP_OK(strstr(xml, "xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"") != NULL,
                       ".09: its namespace");
                const char *rd = strstr(xml, "<ReqdExctnDt>");
                if (rd)
                        for (rd += strlen("<ReqdExctnDt>"); g_ascii_isspace(*rd); rd++)
                                ;
                TAP_OK(rd && g_str_has_prefix(rd, "<Dt>2026-11-12</Dt>"), ".09: ReqdExctnDt/Dt");
                TAP_OK(strstr(xml, "<BICFI>COBADEFFXXX</BICFI>") && !strstr(xml, "<BIC>"),
                       ".09: the creditor's agent by BICFI");
                TAP_OK(strstr(xml, "<NbOfTxs>2</NbOfTxs>") && strstr(xml, "<CtrlSum>151.50</CtrlSum>") &&
                       strstr(xml, "<Ustrd>INV-1, credit CN-2</Ustrd>"), ".09: counts, sums and remittance");
                TAP_INT_EQ(export_sepa_validate(xml, strlen(xml), EXPORT_PAIN_03, NULL), BF_EINVAL,
                           "a .09 file is no .03 one");
                char *bad = g_strdup(xml);
                char *at = strstr(bad, "<Dt>2026-11-12</Dt>");
                memcpy(at + 1, "Xx", 2);
                memcpy(strstr(at, "</Dt>") + 2, "Xx", 2);
                TAP_INT_EQ(export_sepa_validate(bad, strlen(bad), EXPORT_PAIN_09, &err), BF_EINVAL,
                           ".09: an execution date outside Dt/DtTm fails: %s", err.msg);
                g_free(bad);
        }
        g_free(xml);
        memcpy(pays[1].amount.currency, "GBP", 4);
        xml = export_payments_sepa(&run, &d, "2026-11-12T10:00:00", EXPORT_PAIN_09, &err);
        TAP_OK(!xml && strstr(err.msg, "GBP"), "a payment in pounds is no SEPA transfer: %s", err.msg);
        g_free(xml);
        char *csv = export_payments_csv(&run);
        TAP_OK(g_str_has_prefix(csv, "end_to_end,vendor_id,vendor,iban,bic,amount,currency,discount,") &&
               strstr(csv, "\"BF1-2\",\"V2\",\"Brightwater\",\"DE02120300000000202051\",\"\",1.00,\"GBP\",0.00,"),
               "CSV lists each payment");
        g_free(csv);
}

int main(void)
{
        struct fixture f;

        test_sepa();
        fixture_init(&f);
        test_iif(&f);
        test_xero(&f);
        test_csv(&f);
        test_beancount(&f);
        test_ledger(&f);
        test_json(&f);
        test_stable(&f);
        fixture_release(&f);
        return tap_done();
}
