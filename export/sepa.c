/* sepa.c: a payment run as a bank file — a SEPA credit transfer
 * (ISO 20022 pain.001.001.03 or .09) written with libxml2 and validated
 * against the schema ISO publishes (export/xsd/, built in), or a CSV of
 * payments. */
#include <inttypes.h>
#include <string.h>

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "export/export.h"

extern const char export_pain001_03_xsd[];
extern const size_t export_pain001_03_xsd_len;
extern const char export_pain001_09_xsd[];
extern const size_t export_pain001_09_xsd_len;

/* What differs between the versions billflow writes: the namespace, the
 * schema, a BIC's element (BIC in .03, BICFI in .09) and the execution
 * date (a bare date in .03, a choice of Dt or DtTm in .09). */
static const struct pain_version {
        const char *name, *ns;
        const char *xsd;
        const size_t *xsd_len;
        const char *bic;
        bool date_choice;
} versions[] = {
        [EXPORT_PAIN_03] = { "pain.001.001.03", "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
                             export_pain001_03_xsd, &export_pain001_03_xsd_len, "BIC", false },
        [EXPORT_PAIN_09] = { "pain.001.001.09", "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09",
                             export_pain001_09_xsd, &export_pain001_09_xsd_len, "BICFI", true },
};

const char *export_pain_name(enum export_pain v)
{
        return v >= 0 && (size_t)v < G_N_ELEMENTS(versions) ? versions[v].name : NULL;
}

/* The first `max` characters (not bytes) of UTF-8 text s, as a new string. */
static char *utf8_cut(const char *s, glong max)
{
        if (!g_utf8_validate(s, -1, NULL))
                return g_strdup("?");
        if (g_utf8_strlen(s, -1) <= max)
                return g_strdup(s);
        return g_utf8_substring(s, 0, max);
}

static xmlNodePtr add(xmlNodePtr parent, const char *name, const char *text)
{
        return xmlNewTextChild(parent, NULL, (const xmlChar *)name, text ? (const xmlChar *)text : NULL);
}

static void add_amount(xmlNodePtr parent, const char *name, bf_money m)
{
        char buf[32];
        money_format(m, buf, sizeof(buf));
        xmlNodePtr n = add(parent, name, buf);
        xmlNewProp(n, (const xmlChar *)"Ccy", (const xmlChar *)m.currency);
}

static void add_agent(xmlNodePtr parent, const char *name, const char *bic, const struct pain_version *v)
{
        xmlNodePtr fin = xmlNewChild(xmlNewChild(parent, NULL, (const xmlChar *)name, NULL), NULL,
                                     (const xmlChar *)"FinInstnId", NULL);
        if (bic && *bic)
                add(fin, v->bic, bic);
        else /* the EPC's rule where no BIC is given (IBAN-only) */
                add(xmlNewChild(fin, NULL, (const xmlChar *)"Othr", NULL), "Id", "NOTPROVIDED");
}

static void add_account(xmlNodePtr parent, const char *name, const char *iban)
{
        add(xmlNewChild(xmlNewChild(parent, NULL, (const xmlChar *)name, NULL), NULL, (const xmlChar *)"Id", NULL),
            "IBAN", iban);
}

/* "INV-1, INV-2, credit CN-7": what the vendor sees on the statement. */
static char *remittance(const bf_payment *p)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < p->n_items; i++) {
                const bf_pay_item *it = &p->items[i];
                char num[32];
                const char *n = it->invoice_number;
                if (!n || !*n) {
                        g_snprintf(num, sizeof(num), "document %" PRId64, it->document_id);
                        n = num;
                }
                g_string_append_printf(s, "%s%s%s", i ? ", " : "", it->amount.minor < 0 ? "credit " : "", n);
        }
        char *cut = utf8_cut(s->str, 140);
        g_string_free(s, TRUE);
        return cut;
}

/* Keeps libxml2's first complaint instead of printing it (library
 * modules never print). */
static void first_error(void *ctx, xmlErrorPtr e)
{
        char **first = ctx;
        if (!*first && e && e->message)
                *first = g_strchomp(g_strdup(e->message));
}

int export_sepa_validate(const char *xml, size_t len, enum export_pain version, struct bf_error *err)
{
        const struct pain_version *v = &versions[version];
        g_autofree char *first = NULL;
        xmlSchemaParserCtxtPtr pc = NULL;
        xmlSchemaPtr schema = NULL;
        xmlSchemaValidCtxtPtr vc = NULL;
        xmlDocPtr doc = NULL;
        int r = 0;

        pc = xmlSchemaNewMemParserCtxt(v->xsd, (int)*v->xsd_len);
        if (pc)
                xmlSchemaSetParserStructuredErrors(pc, first_error, &first);
        schema = pc ? xmlSchemaParse(pc) : NULL;
        vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
        if (!vc) {
                r = bf_error_set(err, BF_EINTERNAL, "cannot load the %s schema", v->name);
                goto out;
        }
        doc = xmlReadMemory(xml, (int)len, "pain.001.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
        if (!doc) {
                r = bf_error_set(err, BF_EINVAL, "the payment file is not well-formed XML");
                goto out;
        }
        xmlSchemaSetValidStructuredErrors(vc, first_error, &first);
        if (xmlSchemaValidateDoc(vc, doc) != 0)
                r = bf_error_set(err, BF_EINVAL, "the payment file fails the %s schema: %s", v->name,
                                 first ? first : "invalid");
out:
        xmlFreeDoc(doc);
        xmlSchemaFreeValidCtxt(vc);
        xmlSchemaFree(schema);
        xmlSchemaFreeParserCtxt(pc);
        return r;
}

char *export_payments_sepa(const bf_pay_run *run, const struct export_debtor *debtor,
                           const char *created_at, enum export_pain version, struct bf_error *err)
{
        const struct pain_version *v = &versions[version];
        xmlDocPtr doc;
        xmlNodePtr root, cti, hdr, pmt;
        bf_money sum = { 0, "EUR" };
        char buf[64], date[16];
        xmlChar *mem = NULL;
        int size = 0, n = 0;

        if (!debtor || !debtor->iban || !*debtor->iban || !debtor->name || !*debtor->name)
                return bf_error_set(err, BF_EINVAL,
                                    "a SEPA file needs the paying account: set pay.iban and pay.name"),
                       NULL;
        for (size_t i = 0; i < run->n_payments; i++) {
                const bf_payment *p = &run->payments[i];
                if (strcmp(p->amount.currency, "EUR") != 0) {
                        bf_error_set(err, BF_EINVAL,
                                     "SEPA pays euros: payment %" PRId64 " to '%s' is in %s (export the run "
                                     "as csv)", p->id, p->vendor_id, p->amount.currency);
                        return NULL;
                }
                if (!p->iban || !*p->iban) {
                        bf_error_set(err, BF_EINVAL, "vendor '%s' has no IBAN", p->vendor_id);
                        return NULL;
                }
                if (money_add(sum, p->amount, &sum) < 0) {
                        bf_error_set(err, BF_EINVAL, "the run's total overflows");
                        return NULL;
                }
                n++;
        }
        if (n == 0) {
                bf_error_set(err, BF_EINVAL, "payment run %" PRId64 " has no payments", run->id);
                return NULL;
        }

        doc = xmlNewDoc((const xmlChar *)"1.0");
        root = xmlNewNode(NULL, (const xmlChar *)"Document");
        xmlSetNs(root, xmlNewNs(root, (const xmlChar *)v->ns, NULL));
        xmlDocSetRootElement(doc, root);
        cti = xmlNewChild(root, NULL, (const xmlChar *)"CstmrCdtTrfInitn", NULL);
        hdr = xmlNewChild(cti, NULL, (const xmlChar *)"GrpHdr", NULL);
        g_snprintf(buf, sizeof(buf), "BILLFLOW-RUN-%" PRId64, run->id);
        add(hdr, "MsgId", buf);
        add(hdr, "CreDtTm", created_at);
        g_snprintf(buf, sizeof(buf), "%d", n);
        add(hdr, "NbOfTxs", buf);
        money_format(sum, buf, sizeof(buf));
        add(hdr, "CtrlSum", buf);
        g_autofree char *dname = utf8_cut(debtor->name, 70);
        add(xmlNewChild(hdr, NULL, (const xmlChar *)"InitgPty", NULL), "Nm", dname);

        pmt = xmlNewChild(cti, NULL, (const xmlChar *)"PmtInf", NULL);
        g_snprintf(buf, sizeof(buf), "BILLFLOW-RUN-%" PRId64 "-1", run->id);
        add(pmt, "PmtInfId", buf);
        add(pmt, "PmtMtd", "TRF");
        add(pmt, "BtchBookg", "false");
        g_snprintf(buf, sizeof(buf), "%d", n);
        add(pmt, "NbOfTxs", buf);
        money_format(sum, buf, sizeof(buf));
        add(pmt, "CtrlSum", buf);
        add(xmlNewChild(xmlNewChild(pmt, NULL, (const xmlChar *)"PmtTpInf", NULL), NULL, (const xmlChar *)"SvcLvl", NULL),
            "Cd", "SEPA");
        date_format(run->pay_date, date, sizeof(date));
        if (v->date_choice)
                add(xmlNewChild(pmt, NULL, (const xmlChar *)"ReqdExctnDt", NULL), "Dt", date);
        else
                add(pmt, "ReqdExctnDt", date);
        add(xmlNewChild(pmt, NULL, (const xmlChar *)"Dbtr", NULL), "Nm", dname);
        add_account(pmt, "DbtrAcct", debtor->iban);
        add_agent(pmt, "DbtrAgt", debtor->bic, v);
        add(pmt, "ChrgBr", "SLEV");
        for (size_t i = 0; i < run->n_payments; i++) {
                const bf_payment *p = &run->payments[i];
                xmlNodePtr tx = xmlNewChild(pmt, NULL, (const xmlChar *)"CdtTrfTxInf", NULL);
                add(xmlNewChild(tx, NULL, (const xmlChar *)"PmtId", NULL), "EndToEndId", p->end_to_end);
                add_amount(xmlNewChild(tx, NULL, (const xmlChar *)"Amt", NULL), "InstdAmt", p->amount);
                if (p->bic && *p->bic)
                        add_agent(tx, "CdtrAgt", p->bic, v);
                g_autofree char *cname = utf8_cut(p->vendor_name && *p->vendor_name ? p->vendor_name
                                                                                   : p->vendor_id, 70);
                add(xmlNewChild(tx, NULL, (const xmlChar *)"Cdtr", NULL), "Nm", cname);
                add_account(tx, "CdtrAcct", p->iban);
                g_autofree char *rem = remittance(p);
                if (*rem)
                        add(xmlNewChild(tx, NULL, (const xmlChar *)"RmtInf", NULL), "Ustrd", rem);
        }
        xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
        xmlFreeDoc(doc);
        if (!mem) {
                bf_error_set(err, BF_ENOMEM, "cannot write the payment file");
                return NULL;
        }
        char *out = g_strndup((const char *)mem, (gsize)size);
        xmlFree(mem);
        if (export_sepa_validate(out, strlen(out), version, err) < 0) {
                g_free(out);
                return NULL;
        }
        return out;
}

/* A CSV cell: quoted, quotes doubled, a formula's first character defused. */
static void csv_cell(GString *s, const char *v, bool last)
{
        g_string_append_c(s, '"');
        if (v && (*v == '=' || *v == '+' || *v == '-' || *v == '@'))
                g_string_append_c(s, '\'');
        for (const char *p = v ? v : ""; *p; p++) {
                if (*p == '"')
                        g_string_append_c(s, '"');
                g_string_append_c(s, (*p == '\r' || *p == '\n') ? ' ' : *p);
        }
        g_string_append(s, last ? "\"\r\n" : "\",");
}

char *export_payments_csv(const bf_pay_run *run)
{
        GString *s = g_string_new("end_to_end,vendor_id,vendor,iban,bic,amount,currency,discount,"
                                  "execution_date,remittance\r\n");
        char date[16], amt[32], disc[32];

        date_format(run->pay_date, date, sizeof(date));
        for (size_t i = 0; i < run->n_payments; i++) {
                const bf_payment *p = &run->payments[i];
                g_autofree char *rem = remittance(p);
                money_format(p->amount, amt, sizeof(amt));
                money_format(p->discount, disc, sizeof(disc));
                csv_cell(s, p->end_to_end, false);
                csv_cell(s, p->vendor_id, false);
                csv_cell(s, p->vendor_name, false);
                csv_cell(s, p->iban, false);
                csv_cell(s, p->bic, false);
                g_string_append_printf(s, "%s,", amt);
                csv_cell(s, p->amount.currency, false);
                g_string_append_printf(s, "%s,", disc);
                csv_cell(s, date, false);
                csv_cell(s, rem, true);
        }
        return g_string_free(s, FALSE);
}
