/* bankstmt.c: bank statements as lines — ISO 20022 camt.053 (libxml2,
 * validated against ISO's schema of its version, .02 or .08, export/xsd/,
 * built in), SWIFT MT940 (:61:/:86:) and CSV with a column map. Amounts
 * signed: credits positive, debits negative. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "capture/capture.h"

extern const char capture_camt053_02_xsd[];
extern const size_t capture_camt053_02_xsd_len;
extern const char capture_camt053_08_xsd[];
extern const size_t capture_camt053_08_xsd_len;

/* The camt.053 versions whose schema billflow ships. */
static const struct camt_version {
        const char *name, *ns, *xsd;
        const size_t *xsd_len;
} camt_versions[] = {
        { "camt.053.001.02", "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02", capture_camt053_02_xsd,
          &capture_camt053_02_xsd_len },
        /* the 2019 version banks move to (entry status as Sts/Cd, parties as Pty) */
        { "camt.053.001.08", "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08", capture_camt053_08_xsd,
          &capture_camt053_08_xsd_len },
};

#define MAX_LINES 100000

/* ----------------------------------------------------------- helpers */

static void add_line(GArray *out, bf_bank_line *l, GHashTable *seen)
{
        /* two identical lines in one statement stay two: the n-th copy
         * gets its number, so a re-import maps each onto itself */
        int *count = g_hash_table_lookup(seen, l->line_key);
        if (!count) {
                count = g_new0(int, 1);
                g_hash_table_insert(seen, g_strdup(l->line_key), count);
        }
        if ((*count)++) {
                char *k = bf_xasprintf("%s#%d", l->line_key, *count);
                free(l->line_key);
                l->line_key = k;
        }
        g_array_append_val(out, *l);
}

static char *compact_iban(const char *s)
{
        char iban[BF_IBAN_LEN];
        return s && iban_check(s, iban, NULL) == 0 ? bf_xstrdup(iban) : NULL;
}

static char *key_of(const char *acct, const bf_bank_line *l, const char *ref)
{
        char d[16] = "", a[32] = "";
        date_format(l->booking_date, d, sizeof(d));
        money_format(l->amount, a, sizeof(a));
        return bf_xasprintf("%s|%s|%s|%s|%s|%s", acct ? acct : "", d, a, l->amount.currency,
                            ref ? ref : "", l->end_to_end ? l->end_to_end : "");
}

/* ------------------------------------------------------------ camt.053 */

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
        for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
                        return c;
        return NULL;
}

/* The element at a path of names below n ("Amt", "BookgDt/Dt"). */
static xmlNodePtr path(xmlNodePtr n, const char *p)
{
        char buf[128];
        g_strlcpy(buf, p, sizeof(buf));
        for (char *save = NULL, *t = strtok_r(buf, "/", &save); t && n; t = strtok_r(NULL, "/", &save))
                n = child(n, t);
        return n;
}

static char *text_at(xmlNodePtr n, const char *p)
{
        xmlNodePtr e = path(n, p);
        if (!e)
                return NULL;
        xmlChar *t = xmlNodeGetContent(e);
        char *s = t ? g_strstrip(bf_xstrdup((const char *)t)) : NULL;
        xmlFree(t);
        if (s && !*s) {
                free(s);
                return NULL;
        }
        return s;
}

/* Keeps libxml2's first schema complaint, with its line and element, the
 * namespace taken out of the message (library modules never print). */
struct first_complaint {
        char *msg;
        int line;
        char *element;
        const char *ns;
};

static void first_complaint(void *ctx, xmlErrorPtr e)
{
        struct first_complaint *c = ctx;
        if (c->msg || !e || !e->message)
                return;
        g_autofree char *brace = g_strdup_printf("{%s}", c->ns);
        g_auto(GStrv) parts = g_strsplit(e->message, brace, -1);
        c->msg = g_strchomp(g_strjoinv("", parts));
        c->line = e->line;
        xmlNodePtr n = e->node;
        if (n && n->type == XML_ELEMENT_NODE && n->name)
                c->element = g_strdup((const char *)n->name);
}

/* The statement against the schema of its version: 0, or BF_EINVAL naming
 * the line and element of the first fault (or the unknown version). */
static int camt_validate(xmlDocPtr doc, struct bf_error *err)
{
        xmlNodePtr root = xmlDocGetRootElement(doc);
        const char *ns = root && root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
        const struct camt_version *v = NULL;
        xmlSchemaParserCtxtPtr pc = NULL;
        xmlSchemaPtr schema = NULL;
        xmlSchemaValidCtxtPtr vc = NULL;
        struct first_complaint c = { 0 };
        int r = 0;

        for (size_t i = 0; ns && i < G_N_ELEMENTS(camt_versions); i++)
                if (strcmp(ns, camt_versions[i].ns) == 0)
                        v = &camt_versions[i];
        if (!v) {
                GString *known = g_string_new(NULL);
                for (size_t i = 0; i < G_N_ELEMENTS(camt_versions); i++)
                        g_string_append_printf(known, "%s%s", i ? ", " : "", camt_versions[i].name);
                r = bf_error_set(err, BF_EINVAL, "not a statement billflow can check: its namespace is '%s' "
                                 "(camt.053 versions with a schema here: %s)", ns ? ns : "none", known->str);
                g_string_free(known, TRUE);
                return r;
        }
        c.ns = v->ns;
        pc = xmlSchemaNewMemParserCtxt(v->xsd, (int)*v->xsd_len);
        schema = pc ? xmlSchemaParse(pc) : NULL;
        vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
        if (!vc) {
                r = bf_error_set(err, BF_EINTERNAL, "cannot load the %s schema", v->name);
                goto out;
        }
        xmlSchemaSetValidStructuredErrors(vc, first_complaint, &c);
        if (xmlSchemaValidateDoc(vc, doc) != 0)
                r = bf_error_set(err, BF_EINVAL, "the statement fails the %s schema at line %d%s%s%s: %s", v->name,
                                 c.line, c.element ? " (element " : "", c.element ? c.element : "",
                                 c.element ? ")" : "", c.msg ? c.msg : "invalid");
out:
        g_free(c.msg);
        g_free(c.element);
        xmlSchemaFreeValidCtxt(vc);
        xmlSchemaFree(schema);
        xmlSchemaFreeParserCtxt(pc);
        return r;
}

static int parse_camt(const char *data, size_t len, GArray *out, struct bf_error *err)
{
        xmlDocPtr doc = xmlReadMemory(data, (int)len, "statement.xml", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_NOCDATA);
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        int r = 0;

        if (!doc)
                return bf_error_set(err, BF_EINVAL, "the statement is not well-formed XML");
        if ((r = camt_validate(doc, err)) < 0) {
                xmlFreeDoc(doc);
                return r;
        }
        xmlNodePtr root = xmlDocGetRootElement(doc);
        xmlNodePtr msg = root ? child(root, "BkToCstmrStmt") : NULL;
        if (!msg) {
                xmlFreeDoc(doc);
                return bf_error_set(err, BF_EINVAL, "not a camt.053 statement (no BkToCstmrStmt)");
        }
        for (xmlNodePtr st = msg->children; st && r == 0; st = st->next) {
                if (st->type != XML_ELEMENT_NODE || strcmp((const char *)st->name, "Stmt") != 0)
                        continue;
                g_autofree char *acct_raw = text_at(st, "Acct/Id/IBAN");
                char *acct = compact_iban(acct_raw);
                for (xmlNodePtr e = st->children; e && r == 0; e = e->next) {
                        if (e->type != XML_ELEMENT_NODE || strcmp((const char *)e->name, "Ntry") != 0)
                                continue;
                        if (out->len >= MAX_LINES) {
                                r = bf_error_set(err, BF_ETOOBIG, "more than %d statement lines", MAX_LINES);
                                break;
                        }
                        bf_bank_line l = { 0 };
                        g_autofree char *amt = text_at(e, "Amt"), *cd = text_at(e, "CdtDbtInd");
                        g_autofree char *bdate = text_at(e, "BookgDt/Dt"), *vdate = text_at(e, "ValDt/Dt");
                        g_autofree char *rvsl = text_at(e, "RvslInd"), *sub = text_at(e, "BkTxCd/Domn/Fmly/SubFmlyCd");
                        g_autofree char *ref = text_at(e, "AcctSvcrRef");
                        xmlNodePtr amt_el = path(e, "Amt");
                        xmlChar *ccy = amt_el ? xmlGetProp(amt_el, BAD_CAST "Ccy") : NULL;
                        xmlNodePtr tx = path(e, "NtryDtls/TxDtls");
                        const char *ccy_s = ccy ? (const char *)ccy : "";
                        if (!amt || !cd || money_parse_plain(amt, ccy_s, &l.amount, NULL) < 0 ||
                            (strcmp(cd, "CRDT") != 0 && strcmp(cd, "DBIT") != 0)) {
                                xmlFree(ccy);
                                r = bf_error_set(err, BF_EINVAL, "statement entry %u has no amount or "
                                                 "credit/debit mark", out->len + 1);
                                break;
                        }
                        xmlFree(ccy);
                        if (strcmp(cd, "DBIT") == 0)
                                l.amount.minor = -l.amount.minor;
                        if (date_parse_iso(bdate ? bdate : vdate ? vdate : "", &l.booking_date) < 0 &&
                            bdate && strlen(bdate) > 10) {
                                bdate[10] = 0; /* a DtTm */
                                date_parse_iso(bdate, &l.booking_date);
                        }
                        l.returned = (rvsl && strcmp(rvsl, "true") == 0) || (sub && strcmp(sub, "RRTN") == 0) ||
                                     (tx && path(tx, "RtrInf"));
                        if (tx) {
                                l.end_to_end = text_at(tx, "Refs/EndToEndId");
                                if (l.end_to_end && strcmp(l.end_to_end, "NOTPROVIDED") == 0) {
                                        free(l.end_to_end);
                                        l.end_to_end = NULL;
                                }
                                /* the other side: the creditor of a debit, the debtor of a credit */
                                bool debit = l.amount.minor < 0;
                                g_autofree char *iban = text_at(tx, debit ? "RltdPties/CdtrAcct/Id/IBAN"
                                                                           : "RltdPties/DbtrAcct/Id/IBAN");
                                l.counter_iban = compact_iban(iban);
                                l.counter_name = text_at(tx, debit ? "RltdPties/Cdtr/Nm" : "RltdPties/Dbtr/Nm");
                                if (!l.counter_name)
                                        l.counter_name = text_at(tx, debit ? "RltdPties/Cdtr/Pty/Nm"
                                                                           : "RltdPties/Dbtr/Pty/Nm");
                                l.reference = text_at(tx, "RmtInf/Ustrd");
                                g_autofree char *rsn = text_at(tx, "RtrInf/Rsn/Cd");
                                if (rsn) {
                                        char *both = bf_xasprintf("%s%sreturn reason %s",
                                                                  l.reference ? l.reference : "",
                                                                  l.reference ? "; " : "", rsn);
                                        free(l.reference);
                                        l.reference = both;
                                }
                        }
                        if (!l.reference)
                                l.reference = text_at(e, "AddtlNtryInf");
                        l.account_iban = bf_xstrdup(acct);
                        l.line_key = key_of(acct, &l, ref);
                        add_line(out, &l, seen);
                }
                free(acct);
        }
        xmlFreeDoc(doc);
        return r;
}

/* --------------------------------------------------------------- MT940 */

/* The fields of an MT940 message: tag and value (continuation lines joined
 * with a newline). */
struct mt_field {
        char tag[8];
        GString *value;
};

static int parse_mt940(const char *data, size_t len, GArray *out, struct bf_error *err)
{
        g_autofree char *text = g_strndup(data, len);
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        GArray *f = g_array_new(FALSE, TRUE, sizeof(struct mt_field));
        char *acct = NULL, currency[BF_CURRENCY_LEN] = "";
        int r = 0;

        for (char **p = lines; *p; p++) {
                g_strchomp(*p);
                const char *s = *p;
                if (s[0] == ':' && strchr(s + 1, ':') && strchr(s + 1, ':') - s <= 5) {
                        struct mt_field mf = { 0 };
                        const char *e = strchr(s + 1, ':');
                        g_strlcpy(mf.tag, s + 1, (gsize)(e - s));
                        mf.value = g_string_new(e + 1);
                        g_array_append_val(f, mf);
                } else if (f->len && *s && strcmp(s, "-") != 0 && s[0] != '}') {
                        struct mt_field *last = &g_array_index(f, struct mt_field, f->len - 1);
                        g_string_append_c(last->value, '\n');
                        g_string_append(last->value, s);
                }
        }
        for (guint i = 0; i < f->len && r == 0; i++) {
                struct mt_field *mf = &g_array_index(f, struct mt_field, i);
                const char *v = mf->value->str;
                if (strcmp(mf->tag, "25") == 0) {
                        free(acct);
                        acct = compact_iban(v);
                        if (!acct)
                                acct = bf_xstrdup(v);
                } else if (strcmp(mf->tag, "60F") == 0 || strcmp(mf->tag, "60M") == 0) {
                        /* C261101EUR1000,00: mark, date, currency */
                        if (strlen(v) >= 10)
                                g_strlcpy(currency, v + 7, sizeof(currency));
                } else if (strcmp(mf->tag, "61") == 0) {
                        /* YYMMDD[MMDD](C|D|RC|RD)[funds]amount N xxx ref[//bankref] */
                        bf_bank_line l = { 0 };
                        const char *p = v;
                        int yy, mm, dd;
                        if (sscanf(p, "%2d%2d%2d", &yy, &mm, &dd) != 3) {
                                r = bf_error_set(err, BF_EINVAL, "MT940 :61: line '%s' has no date", v);
                                break;
                        }
                        l.booking_date = (bf_date){ (int16_t)(2000 + yy), (int8_t)mm, (int8_t)dd };
                        p += 6;
                        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[3]))
                                p += 4; /* the entry date */
                        bool rev = false, debit;
                        if (*p == 'R') {
                                rev = true;
                                p++;
                        }
                        if (*p != 'C' && *p != 'D') {
                                r = bf_error_set(err, BF_EINVAL, "MT940 :61: line '%s' has no C/D mark", v);
                                break;
                        }
                        debit = *p++ == 'D';
                        if (isalpha((unsigned char)*p))
                                p++; /* funds code */
                        size_t n = strspn(p, "0123456789,");
                        g_autofree char *amt = g_strndup(p, n);
                        for (char *c = amt; *c; c++)
                                if (*c == ',')
                                        *c = '.';
                        size_t al = strlen(amt);
                        if (al && amt[al - 1] == '.')
                                amt[al - 1] = 0;
                        if (!n || money_parse_plain(amt, currency, &l.amount, NULL) < 0) {
                                r = bf_error_set(err, BF_EINVAL, "MT940 :61: line '%s' has no amount", v);
                                break;
                        }
                        p += n;
                        if (debit)
                                l.amount.minor = -l.amount.minor;
                        /* a reversal of a debit is money back: a returned transfer */
                        l.returned = rev;
                        if (*p && isalpha((unsigned char)*p))
                                p += 4;
                        g_autofree char *cref = g_strndup(p, strcspn(p, "/\n"));
                        const char *bref = strstr(p, "//");
                        g_autofree char *bank_ref = bref ? g_strndup(bref + 2, strcspn(bref + 2, "\n")) : NULL;
                        if (*cref && strcmp(cref, "NONREF") != 0)
                                l.end_to_end = bf_xstrdup(cref);
                        /* :86: follows with the details */
                        if (i + 1 < f->len && strcmp(g_array_index(f, struct mt_field, i + 1).tag, "86") == 0) {
                                const char *d = g_array_index(f, struct mt_field, i + 1).value->str;
                                g_autofree char *flat = g_strdup(d);
                                /* newlines and the ?NN subfield marks of the structured
                                 * (German) form become spaces */
                                for (char *c = flat; *c; c++) {
                                        if (*c == '\n')
                                                *c = ' ';
                                        if (c[0] == '?' && isdigit((unsigned char)c[1]) && isdigit((unsigned char)c[2]))
                                                c[0] = c[1] = c[2] = ' ';
                                }
                                l.reference = bf_xstrdup(flat);
                                const char *e2e = strstr(flat, "EREF+");
                                if (e2e && !l.end_to_end)
                                        l.end_to_end = bf_xstrndup(e2e + 5, strcspn(e2e + 5, " ?"));
                                const char *ib = strstr(flat, "IBAN+");
                                if (ib) {
                                        g_autofree char *cand = g_strndup(ib + 5, strcspn(ib + 5, " ?"));
                                        l.counter_iban = compact_iban(cand);
                                }
                                const char *nm = strstr(flat, "NAME+");
                                if (nm)
                                        l.counter_name = bf_xstrndup(nm + 5, strcspn(nm + 5, "?"));
                        }
                        l.account_iban = bf_xstrdup(acct);
                        l.line_key = key_of(acct, &l, bank_ref);
                        add_line(out, &l, seen);
                }
        }
        for (guint i = 0; i < f->len; i++)
                g_string_free(g_array_index(f, struct mt_field, i).value, TRUE);
        g_array_free(f, TRUE);
        free(acct);
        return r;
}

/* ----------------------------------------------------------------- CSV */

/* Splits one CSV record (RFC 4180 quotes) on sep. */
static GPtrArray *csv_split(const char *line, char sep)
{
        GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
        GString *cell = g_string_new(NULL);
        bool q = false;
        for (const char *p = line; ; p++) {
                if (q) {
                        if (*p == '"' && p[1] == '"')
                                g_string_append_c(cell, '"'), p++;
                        else if (*p == '"')
                                q = false;
                        else if (*p)
                                g_string_append_c(cell, *p);
                        else
                                break;
                } else if (*p == '"') {
                        q = true;
                } else if (*p == sep || !*p || *p == '\r') {
                        g_ptr_array_add(a, g_strdup(g_strstrip(cell->str)));
                        g_string_truncate(cell, 0);
                        if (*p != sep)
                                break;
                } else {
                        g_string_append_c(cell, *p);
                }
        }
        g_string_free(cell, TRUE);
        return a;
}

enum { C_DATE, C_AMOUNT, C_CURRENCY, C_IBAN, C_NAME, C_REF, C_E2E, C__N };
static const char *const csv_keys[C__N] = { "date", "amount", "currency", "iban", "name", "reference",
                                            "end_to_end" };

static int parse_csv(const char *data, size_t len, const char *columns, GArray *out,
                     struct bf_error *err)
{
        g_autofree char *text = g_strndup(data, len);
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_auto(GStrv) map = g_strsplit(columns ? columns : "", ",", -1);
        char *names[C__N] = { 0 };
        int col[C__N];
        int r = 0;

        for (char **m = map; *m; m++) {
                char *eq = strchr(*m, '=');
                for (int k = 0; eq && k < C__N; k++)
                        if ((size_t)(eq - *m) == strlen(csv_keys[k]) && strncmp(*m, csv_keys[k], (size_t)(eq - *m)) == 0)
                                names[k] = eq + 1;
        }
        if (!lines[0] || !names[C_DATE] || !names[C_AMOUNT])
                return bf_error_set(err, BF_EINVAL, "bank.csv_columns must name the date and amount columns");
        char sep = strchr(lines[0], ';') && !strchr(lines[0], ',') ? ';' : ',';
        g_autoptr(GPtrArray) hdr = csv_split(lines[0], sep);
        for (int k = 0; k < C__N; k++) {
                col[k] = -1;
                for (guint i = 0; names[k] && i < hdr->len; i++)
                        if (g_ascii_strcasecmp(hdr->pdata[i], names[k]) == 0)
                                col[k] = (int)i;
                if (names[k] && col[k] < 0 && (k == C_DATE || k == C_AMOUNT))
                        return bf_error_set(err, BF_EINVAL, "the statement has no column '%s'", names[k]);
        }
        for (int ln = 1; lines[ln] && r == 0; ln++) {
                if (!*g_strstrip(lines[ln]))
                        continue;
                if (out->len >= MAX_LINES)
                        return bf_error_set(err, BF_ETOOBIG, "more than %d statement lines", MAX_LINES);
                g_autoptr(GPtrArray) c = csv_split(lines[ln], sep);
#define CELL(k) (col[k] >= 0 && (guint)col[k] < c->len ? (const char *)c->pdata[col[k]] : "")
                bf_bank_line l = { 0 };
                const char *cur = CELL(C_CURRENCY);
                if (date_parse_iso(CELL(C_DATE), &l.booking_date) < 0 &&
                    date_parse(CELL(C_DATE), DATE_ORDER_DMY, &l.booking_date, NULL, NULL) < 0) {
                        r = bf_error_set(err, BF_EINVAL, "statement line %d: bad date '%s'", ln + 1, CELL(C_DATE));
                        break;
                }
                if (money_parse(CELL(C_AMOUNT), *cur ? cur : NULL, &l.amount, NULL) < 0) {
                        r = bf_error_set(err, BF_EINVAL, "statement line %d: bad amount '%s'", ln + 1,
                                         CELL(C_AMOUNT));
                        break;
                }
                if (*cur)
                        g_strlcpy(l.amount.currency, cur, BF_CURRENCY_LEN);
                l.counter_iban = compact_iban(CELL(C_IBAN));
                l.counter_name = *CELL(C_NAME) ? bf_xstrdup(CELL(C_NAME)) : NULL;
                l.reference = *CELL(C_REF) ? bf_xstrdup(CELL(C_REF)) : NULL;
                l.end_to_end = *CELL(C_E2E) ? bf_xstrdup(CELL(C_E2E)) : NULL;
#undef CELL
                l.line_key = key_of("csv", &l, l.reference);
                add_line(out, &l, seen);
        }
        return r;
}

/* ---------------------------------------------------------------- entry */

int bank_statement_parse(const char *data, size_t len, const char *csv_columns,
                         bf_bank_line **ret, size_t *ret_n, struct bf_error *err)
{
        GArray *out = g_array_new(FALSE, TRUE, sizeof(bf_bank_line));
        size_t skip = strspn(data, " \t\r\n\xef\xbb\xbf");
        int r;

        if (len > 64 * 1024 * 1024)
                return bf_error_set(err, BF_ETOOBIG, "the statement is over 64 MB");
        if (skip < len && data[skip] == '<')
                r = parse_camt(data, len, out, err);
        else if (g_strstr_len(data, (gssize)len, ":61:") && g_strstr_len(data, (gssize)len, ":25:"))
                r = parse_mt940(data, len, out, err);
        else
                r = parse_csv(data, len, csv_columns, out, err);
        if (r < 0) {
                for (guint i = 0; i < out->len; i++)
                        bank_line_release(&g_array_index(out, bf_bank_line, i));
                g_array_free(out, TRUE);
                return r;
        }
        *ret_n = out->len;
        *ret = (bf_bank_line *)(void *)g_array_free(out, FALSE);
        return 0;
}
