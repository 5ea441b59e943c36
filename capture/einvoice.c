/* einvoice.c: structured e-invoices read exactly from their XML — Factur-X,
 * ZUGFeRD 1.0 and 2.x, XRechnung (CII and UBL), Peppol BIS Billing 3,
 * FatturaPA, Facturae and ISDOC — standalone, attached to a PDF, or (ISDOC)
 * packed with its attachments as an .isdocx ZIP. One table per format
 * (einvoice-formats.h) maps XPath to fields; this file reads any of them the
 * same way. Owns libxml2; reads ZIP through libarchive. */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <poppler.h>

#include "capture/capture-int.h"
#include "capture/einvoice-formats.h"

/* An e-invoice XML larger than this is refused: real ones are kilobytes. */
#define EINVOICE_MAX_XML (8u * 1024 * 1024)
/* Lines read from one e-invoice, and attachments looked at in one PDF. */
#define EINVOICE_MAX_LINES 10000
#define EINVOICE_MAX_ATTACHMENTS 64
/* Entries looked at in one .isdocx, and the bytes inflated from it in all
 * (a zip bomb stops here). */
#define ISDOCX_MAX_ENTRIES 256
#define ISDOCX_MAX_INFLATED (4u * EINVOICE_MAX_XML)

/* The attachment names the Factur-X, ZUGFeRD and XRechnung specifications
 * give the XML; compared without case. */
static const char *const einvoice_names[] = {
        "factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml",
};
/* Other attachments worth a look: any XML, and ISDOC's own extension. */
static const char *const einvoice_exts[] = { ".xml", ".isdoc" };

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
        xmlInitParser();
}

static void xml_quiet_generic(void *ctx, const char *msg, ...)
{
        (void)ctx;
        (void)msg;
}

static void xml_quiet_structured(void *ctx, xmlErrorPtr e)
{
        (void)ctx;
        (void)e;
}

static bool contains(const void *data, size_t len, const char *needle)
{
        return g_strstr_len(data, (gssize)len, needle) != NULL;
}

/* Parses untrusted XML: no network, no entity substitution, no DTD loading,
 * and any DOCTYPE refused outright — e-invoices never carry one, and
 * refusing it shuts out external entities and entity expansion bombs
 * before libxml2 sees them. NULL with err on failure. */
static xmlDocPtr parse_xml(const void *data, size_t len, struct bf_error *err)
{
        xmlParserCtxtPtr ctxt;
        xmlDocPtr doc;

        if (len > EINVOICE_MAX_XML) {
                bf_error_set(err, BF_ETOOBIG, "e-invoice xml too large (%zu bytes, limit %u)",
                             len, EINVOICE_MAX_XML);
                return NULL;
        }
        if (contains(data, len, "<!DOCTYPE") || contains(data, len, "<!ENTITY")) {
                bf_error_set(err, BF_EINVAL, "unsafe xml: document type declarations are refused");
                return NULL;
        }
        ctxt = xmlNewParserCtxt();
        if (!ctxt) {
                bf_error_set(err, BF_ENOMEM, "cannot parse xml: out of memory");
                return NULL;
        }
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA);
        if (!doc) {
                xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
                char *msg = e && e->message ? g_strchomp(g_strdup(e->message)) : NULL;

                bf_error_set(err, BF_EINVAL, "corrupt xml: %s", msg ? msg : "cannot parse");
                g_free(msg);
        } else if (doc->intSubset || doc->extSubset) {
                /* Unreachable after the byte check unless the declaration was
                 * encoded oddly; refuse it all the same. */
                xmlFreeDoc(doc);
                doc = NULL;
                bf_error_set(err, BF_EINVAL, "unsafe xml: document type declarations are refused");
        }
        xmlFreeParserCtxt(ctxt);
        return doc;
}

/* What one read of a format needs: the XPath context, the root, the
 * format's table and the amount suffix ("Curr" or ""). */
struct ei_read {
        xmlXPathContextPtr xp;
        xmlNodePtr root;
        const struct ei_format *fmt;
        const char *suffix;
};

/* expr with every "{C}" replaced by the suffix. Caller frees. */
static char *expand(const char *expr, const char *suffix)
{
        char **parts;
        char *s, *out;

        if (!strstr(expr, "{C}"))
                return bf_xstrdup(expr);
        parts = g_strsplit(expr, "{C}", -1);
        s = g_strjoinv(suffix, parts);
        out = bf_xstrdup(s);
        g_free(s);
        g_strfreev(parts);
        return out;
}

static xmlXPathObjectPtr xp_eval(const struct ei_read *rd, xmlNodePtr node, const char *expr)
{
        char *e = expand(expr, rd->suffix);
        xmlXPathObjectPtr o = xmlXPathNodeEval(node, (const xmlChar *)e, rd->xp);

        free(e);
        return o;
}

/* The nodes expr selects under node (n of them), or NULL; free the object. */
static xmlNodeSetPtr xp_nodes(xmlXPathObjectPtr o, int *ret_n)
{
        *ret_n = 0;
        if (!o || o->type != XPATH_NODESET || !o->nodesetval)
                return NULL;
        *ret_n = o->nodesetval->nodeNr;
        return o->nodesetval;
}

/* s with every run of XML whitespace (space, tab, CR, LF) made one space,
 * in place: a name or description pretty-printed over several indented
 * lines reads as the one line it is. */
static void collapse_space(char *s)
{
        char *w = s;
        bool space = false;

        for (const char *r = s; *r; r++) {
                if (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n') {
                        space = true;
                        continue;
                }
                if (space && w > s)
                        *w++ = ' ';
                space = false;
                *w++ = *r;
        }
        *w = '\0';
}

/* The text expr gives under node — the first node's content, or the string
 * a string expression makes — trimmed, its inner whitespace collapsed, or
 * NULL when none or empty. Caller frees. */
static char *xp_text(const struct ei_read *rd, xmlNodePtr node, const char *expr)
{
        xmlXPathObjectPtr o = xp_eval(rd, node, expr);
        xmlNodeSetPtr nodes;
        xmlChar *content = NULL;
        char *s = NULL;
        int n;

        if (o && o->type == XPATH_STRING) {
                s = bf_xstrdup((const char *)o->stringval);
        } else if ((nodes = xp_nodes(o, &n)) && n > 0) {
                content = xmlNodeGetContent(nodes->nodeTab[0]);
                s = content ? bf_xstrdup((const char *)content) : NULL;
                xmlFree(content);
        }
        xmlXPathFreeObject(o);
        if (!s)
                return NULL;
        collapse_space(s);
        if (!*s) {
                free(s);
                return NULL;
        }
        return s;
}

/* The text of the first of the alternatives that has one. */
static char *xp_text_any(const struct ei_read *rd, xmlNodePtr node,
                         const char *const exprs[EI_ALTS])
{
        for (int i = 0; i < EI_ALTS && exprs[i]; i++) {
                char *s = xp_text(rd, node, exprs[i]);

                if (s)
                        return s;
        }
        return NULL;
}

static void set_meta(bf_invoice *inv, enum bf_field f)
{
        inv->meta[f].present = true;
        inv->meta[f].confidence = 1.0;
        inv->meta[f].page = 0;
}

static bool digits(const char *s, int n, int *ret)
{
        int v = 0;

        for (int i = 0; i < n; i++) {
                if (!isdigit((unsigned char)s[i]))
                        return false;
                v = v * 10 + (s[i] - '0');
        }
        *ret = v;
        return true;
}

/* "20261103" (CII format 102) or "2026-11-03" (XML Schema date), the
 * latter with an optional time zone ("2016-04-04+01:00", "...Z"). */
static bool parse_date(const char *s, bf_date *ret)
{
        size_t n = strlen(s);
        const char *rest;
        int y, m, d, hh, mm;
        bf_date date;

        if (n == 8 && digits(s, 4, &y) && digits(s + 4, 2, &m) && digits(s + 6, 2, &d)) {
                rest = s + 8;
        } else if (n >= 10 && digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m) &&
                   s[7] == '-' && digits(s + 8, 2, &d)) {
                rest = s + 10;
                if (*rest == 'Z')
                        rest++;
                else if ((*rest == '+' || *rest == '-') && strlen(rest) == 6 &&
                         digits(rest + 1, 2, &hh) && rest[3] == ':' && digits(rest + 4, 2, &mm))
                        rest += 6;
        } else {
                return false;
        }
        date = (bf_date){ .y = (int16_t)y, .m = (int8_t)m, .d = (int8_t)d };
        if (*rest || !date_is_valid(date))
                return false;
        *ret = date;
        return true;
}

static void take_date(bf_invoice *inv, enum bf_field f, char *s)
{
        bf_date d;

        if (s && parse_date(s, &d)) {
                if (f == FIELD_INVOICE_DATE)
                        inv->invoice_date = d;
                else
                        inv->due_date = d;
                set_meta(inv, f);
        }
        free(s);
}

/* An XML amount ("214.80", "-3.5") in the invoice's currency, rounded to
 * its minor units only if the file carries more decimals than it allows. */
static bool parse_amount(const char *s, const char *currency, bf_money *ret)
{
        bf_decimal d;

        if (!s || decimal_parse_plain(s, &d, NULL) < 0)
                return false;
        return decimal_to_money(d, currency, ret) == 0;
}

/* A path that selects an amount element in the invoice currency (an invoice
 * may state its tax total a second time in the accounting currency). */
static char *in_currency(const char *path, const bf_invoice *inv)
{
        size_t n = strlen(path);

        if (!inv->currency[0] || path[0] == '(' || path[n - 1] == ')' || path[n - 1] == ']')
                return bf_xstrdup(path);
        return bf_xasprintf("%s[not(@currencyID) or @currencyID='%s']", path, inv->currency);
}

/* The amount one path gives: a '+' path sums what it selects, in checked
 * arithmetic. False when it selects nothing or something unreadable. */
static bool amount_at(const struct ei_read *rd, const bf_invoice *inv, const char *path,
                      bf_money *ret)
{
        bool sum = path[0] == '+';
        char *expr = in_currency(path + sum, inv);
        xmlXPathObjectPtr o;
        bf_money total = { 0 };
        bool ok = false;
        int n;

        if (!sum) {
                char *s = xp_text(rd, rd->root, expr);

                ok = parse_amount(s, inv->currency, ret);
                free(s);
                free(expr);
                return ok;
        }
        o = xp_eval(rd, rd->root, expr);
        free(expr);
        if (xp_nodes(o, &n) && n > 0 && n <= EINVOICE_MAX_LINES) {
                g_strlcpy(total.currency, inv->currency, sizeof(total.currency));
                ok = true;
                for (int i = 0; i < n && ok; i++) {
                        xmlChar *c = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
                        char *s = c ? g_strstrip(bf_xstrdup((const char *)c)) : NULL;
                        bf_money m;

                        ok = parse_amount(s, inv->currency, &m) &&
                             money_add(total, m, &total) == 0;
                        free(s);
                        xmlFree(c);
                }
        }
        xmlXPathFreeObject(o);
        if (ok)
                *ret = total;
        return ok;
}

static bf_money *amount_slot(bf_invoice *inv, enum bf_field f)
{
        return f == FIELD_SUBTOTAL ? &inv->subtotal : f == FIELD_TAX ? &inv->tax : &inv->total;
}

static void take_amount(const struct ei_read *rd, bf_invoice *inv, enum bf_field f,
                        const char *const paths[EI_ALTS], bool negate)
{
        for (int i = 0; i < EI_ALTS && paths[i]; i++) {
                bf_money m;

                if (amount_at(rd, inv, paths[i], &m)) {
                        if (negate)
                                m.minor = -m.minor;
                        *amount_slot(inv, f) = m;
                        set_meta(inv, f);
                        return;
                }
        }
}

static void take_string(bf_invoice *inv, enum bf_field f, char **slot, char *s)
{
        if (s) {
                free(*slot);
                *slot = s;
                set_meta(inv, f);
        }
}

/* An identifier as machines compare it: no spaces, upper case. */
static char *compact_id(char *s)
{
        char *w = s;

        if (!s)
                return NULL;
        for (const char *p = s; *p; p++)
                if (!g_ascii_isspace(*p))
                        *w++ = g_ascii_toupper(*p);
        *w = '\0';
        if (!*s) {
                free(s);
                return NULL;
        }
        return s;
}

static void take_decimal(const char *s, bf_decimal *slot, bool *has, bool negate)
{
        bf_decimal d;

        if (s && decimal_parse_plain(s, &d, NULL) == 0) {
                if (negate)
                        d.units = -d.units;
                *slot = d;
                *has = true;
        }
}

/* The invoice currency, from its own element or the first currencyID. */
static void take_currency(const struct ei_read *rd, bf_invoice *inv)
{
        char *code = xp_text_any(rd, rd->root, rd->fmt->head[H_CURRENCY]);

        if (!code || !currency_is_known(code)) {
                free(code);
                code = xp_text(rd, rd->root, "(//@currencyID)[1]");
        }
        if (code && currency_is_known(code)) {
                g_strlcpy(inv->currency, code, sizeof(inv->currency));
                set_meta(inv, FIELD_CURRENCY);
        }
        free(code);
}

static bool is_credit(const struct ei_read *rd)
{
        char *type;
        bool credit = rd->fmt->credit;

        if (credit || !rd->fmt->head[H_TYPE][0])
                return credit;
        type = xp_text_any(rd, rd->root, rd->fmt->head[H_TYPE]);
        for (int i = 0; type && i < (int)G_N_ELEMENTS(rd->fmt->credit_types) &&
                        rd->fmt->credit_types[i]; i++)
                if (strcmp(type, rd->fmt->credit_types[i]) == 0)
                        credit = true;
        free(type);
        return credit;
}

/* The format as people name it: the family from the CII or UBL
 * customization id (XRechnung, Peppol), with the syntax; else the family
 * with its version or profile. Caller frees. */
static char *format_name(const struct ei_read *rd)
{
        const struct ei_format *f = rd->fmt;
        char *profile = xp_text_any(rd, rd->root, f->head[H_PROFILE]);
        const char *family = f->family;
        char *name;

        if (f->syntax) {
                if (profile && strstr(profile, "xrechnung"))
                        family = "XRechnung";
                else if (profile && strstr(profile, "peppol"))
                        family = "Peppol BIS Billing 3";
                else if (f == &ei_cii)
                        family = "Factur-X/ZUGFeRD 2";
                else
                        family = "EN 16931";
                name = bf_xasprintf("%s %s", family, f->syntax);
        } else if (profile) {
                /* ZUGFeRD 1.0's profile is the last part of its guideline id. */
                const char *tail = strrchr(profile, ':');

                name = bf_xasprintf("%s %s", family, tail ? tail + 1 : profile);
        } else {
                name = bf_xstrdup(family);
        }
        free(profile);
        return name;
}

static int read_lines(const struct ei_read *rd, bf_invoice *inv, bool credit,
                      struct bf_error *err)
{
        const struct ei_format *f = rd->fmt;
        xmlXPathObjectPtr lines = xp_eval(rd, rd->root, f->line_path);
        int n;

        xp_nodes(lines, &n);
        if (n > EINVOICE_MAX_LINES) {
                xmlXPathFreeObject(lines);
                return bf_error_set(err, BF_ETOOBIG, "e-invoice has too many lines (%d, limit %d)",
                                    n, EINVOICE_MAX_LINES);
        }
        for (int i = 0; i < n; i++) {
                xmlNodePtr item = lines->nodesetval->nodeTab[i];
                bf_invoice_line *l = invoice_add_line(inv);
                char *s;

                l->description = xp_text_any(rd, item, f->line[L_DESC]);
                s = xp_text_any(rd, item, f->line[L_QTY]);
                take_decimal(s, &l->quantity, &l->has_quantity, credit);
                free(s);
                /* The net price per unit; a basis quantity other than one
                 * (a price per 100) leaves it unstated rather than wrong. */
                s = xp_text_any(rd, item, f->line[L_PRICE]);
                take_decimal(s, &l->unit_price, &l->has_unit_price, false);
                free(s);
                s = xp_text_any(rd, item, f->line[L_BASIS]);
                if (s && l->has_unit_price) {
                        bf_decimal basis, one = { 1, 0 };

                        if (decimal_parse_plain(s, &basis, NULL) == 0 &&
                            decimal_cmp(basis, one) != 0 && !decimal_is_zero(basis))
                                l->has_unit_price = false;
                }
                free(s);
                s = xp_text_any(rd, item, f->line[L_AMOUNT]);
                if (s && parse_amount(s, inv->currency, &l->amount)) {
                        if (credit)
                                l->amount.minor = -l->amount.minor;
                        l->has_amount = true;
                }
                free(s);
        }
        xmlXPathFreeObject(lines);
        return 0;
}

static int read_format(struct ei_read *rd, bf_invoice *inv, struct bf_error *err)
{
        const struct ei_format *f = rd->fmt;
        bool credit;
        char *s;

        if (f->head[H_COUNT][0]) {
                xmlXPathObjectPtr o = xp_eval(rd, rd->root, f->head[H_COUNT][0]);
                int n;

                xp_nodes(o, &n);
                xmlXPathFreeObject(o);
                if (n > 1)
                        return bf_error_set(err, BF_EUNSUPPORTED,
                                            "%s file holds %d invoices; one a file is read",
                                            f->family, n);
        }
        rd->suffix = "";
        if (f->foreign && (s = xp_text(rd, rd->root, f->foreign))) {
                rd->suffix = "Curr";
                free(s);
        }
        credit = is_credit(rd);
        take_string(inv, FIELD_INVOICE_NUMBER, &inv->invoice_number,
                    xp_text_any(rd, rd->root, f->head[H_NUMBER]));
        take_date(inv, FIELD_INVOICE_DATE, xp_text_any(rd, rd->root, f->head[H_DATE]));
        take_date(inv, FIELD_DUE_DATE, xp_text_any(rd, rd->root, f->head[H_DUE]));
        take_string(inv, FIELD_VENDOR, &inv->vendor_name,
                    xp_text_any(rd, rd->root, f->head[H_VENDOR]));
        take_string(inv, FIELD_PO_NUMBER, &inv->po_number,
                    xp_text_any(rd, rd->root, f->head[H_PO]));
        inv->vendor_tax_id = compact_id(xp_text_any(rd, rd->root, f->head[H_TAX_ID]));
        inv->vendor_iban = compact_id(xp_text_any(rd, rd->root, f->head[H_IBAN]));
        take_currency(rd, inv);
        take_amount(rd, inv, FIELD_SUBTOTAL, f->head[H_SUBTOTAL], credit);
        take_amount(rd, inv, FIELD_TAX, f->head[H_TAX], credit);
        take_amount(rd, inv, FIELD_TOTAL, f->head[H_TOTAL], credit);
        if (!inv->meta[FIELD_TOTAL].present && f->total_from_parts &&
            inv->meta[FIELD_SUBTOTAL].present && inv->meta[FIELD_TAX].present &&
            money_add(inv->subtotal, inv->tax, &inv->total) == 0)
                set_meta(inv, FIELD_TOTAL);
        inv->einvoice_format = format_name(rd);
        return read_lines(rd, inv, credit, err);
}

/* The format whose root element this is, or NULL; *ret_uri gets the
 * namespace it matched. */
static const struct ei_format *find_format(xmlNodePtr root, const char **ret_uri)
{
        const char *href = root->ns && root->ns->href ? (const char *)root->ns->href : NULL;

        if (!href)
                return NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(ei_formats); i++) {
                const struct ei_format *f = ei_formats[i];

                if (strcmp((const char *)root->name, f->root) != 0)
                        continue;
                for (int k = 0; k < (int)G_N_ELEMENTS(f->uris) && f->uris[k]; k++)
                        if (strcmp(href, f->uris[k]) == 0) {
                                *ret_uri = f->uris[k];
                                return f;
                        }
        }
        return NULL;
}

/* Reads one XML document. BF_ENOTFOUND when it is XML but no e-invoice of
 * a known format; BF_EINVAL when it is no usable XML at all. */
static int read_xml(const void *data, size_t len, bf_invoice *ret, struct bf_error *err)
{
        struct ei_read rd = { 0 };
        const char *uri = NULL;
        xmlDocPtr doc;
        bf_invoice inv;
        int r;

        invoice_init(&inv);
        doc = parse_xml(data, len, err);
        if (!doc)
                return err ? err->code : BF_EINVAL;
        rd.root = xmlDocGetRootElement(doc);
        rd.xp = xmlXPathNewContext(doc);
        if (!rd.root || !rd.xp) {
                r = bf_error_set(err, rd.root ? BF_ENOMEM : BF_EINVAL,
                                 rd.root ? "cannot read xml: out of memory" : "corrupt xml: empty");
                goto out;
        }
        rd.fmt = find_format(rd.root, &uri);
        if (!rd.fmt) {
                r = bf_error_set(err, BF_ENOTFOUND,
                                 "xml is no e-invoice of a known format (root '%s')",
                                 (const char *)rd.root->name);
                goto out;
        }
        xmlXPathRegisterNs(rd.xp, (const xmlChar *)"r", (const xmlChar *)uri);
        for (int i = 0; i < (int)G_N_ELEMENTS(rd.fmt->ns) && rd.fmt->ns[i].prefix; i++)
                xmlXPathRegisterNs(rd.xp, (const xmlChar *)rd.fmt->ns[i].prefix,
                                   (const xmlChar *)rd.fmt->ns[i].uri);
        r = read_format(&rd, &inv, err);
        if (r == 0 && !inv.meta[FIELD_TOTAL].present && !inv.invoice_number)
                r = bf_error_set(err, BF_EINVAL, "e-invoice has neither number nor total");
out:
        xmlXPathFreeContext(rd.xp);
        xmlFreeDoc(doc);
        if (r < 0) {
                invoice_release(&inv);
                return r;
        }
        inv.source = SOURCE_EINVOICE;
        inv.pages = 1;
        *ret = inv;
        return 0;
}

struct att_buf {
        GByteArray *bytes;
        bool too_big;
};

static gboolean att_write(const gchar *buf, gsize count, gpointer data, GError **error)
{
        struct att_buf *b = data;

        if (b->bytes->len + count > EINVOICE_MAX_XML) {
                b->too_big = true;
                g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "too large");
                return FALSE;
        }
        g_byte_array_append(b->bytes, (const guint8 *)buf, (guint)count);
        return TRUE;
}

/* 2 for a name the standards give, 1 for another *.xml or *.isdoc, 0
 * otherwise. */
static int attachment_rank(const char *name)
{
        size_t n;

        if (!name)
                return 0;
        for (size_t i = 0; i < G_N_ELEMENTS(einvoice_names); i++)
                if (g_ascii_strcasecmp(name, einvoice_names[i]) == 0)
                        return 2;
        n = strlen(name);
        for (size_t i = 0; i < G_N_ELEMENTS(einvoice_exts); i++) {
                size_t m = strlen(einvoice_exts[i]);

                if (n > m && g_ascii_strcasecmp(name + n - m, einvoice_exts[i]) == 0)
                        return 1;
        }
        return 0;
}

/* The e-invoice attached to a PDF: the standard names first, then other
 * XML attachments. A broken or unsafe attachment is passed over (the PDF's
 * pages still show the invoice), so this fails only with BF_ENOTFOUND. */
static int read_pdf(const void *data, size_t len, bf_invoice *ret, struct bf_error *err)
{
        PopplerDocument *pdf;
        GBytes *bytes;
        GList *atts = NULL;
        int r = BF_ENOTFOUND, n_pages = 0;

        if (len > INT_MAX)
                return bf_error_set(err, BF_ENOTFOUND, "no e-invoice attachment");
        bytes = g_bytes_new_static(data, len);
        pdf = poppler_document_new_from_bytes(bytes, NULL, NULL);
        if (pdf && poppler_document_has_attachments(pdf)) {
                atts = poppler_document_get_attachments(pdf);
                n_pages = poppler_document_get_n_pages(pdf);
        }
        for (int rank = 2; rank >= 1 && r < 0; rank--) {
                int seen = 0;

                for (GList *l = atts; l && r < 0 && seen < EINVOICE_MAX_ATTACHMENTS;
                     l = l->next, seen++) {
                        PopplerAttachment *a = l->data;
                        struct att_buf b = { g_byte_array_new(), false };

                        if (attachment_rank(a->name) == rank &&
                            poppler_attachment_save_to_callback(a, att_write, &b, NULL) &&
                            capture_sniff(b.bytes->data, b.bytes->len) == FILE_KIND_XML &&
                            read_xml(b.bytes->data, b.bytes->len, ret, NULL) == 0) {
                                ret->pages = n_pages > 0 ? n_pages : 1;
                                r = 0;
                        }
                        g_byte_array_unref(b.bytes);
                }
        }
        g_list_free_full(atts, g_object_unref);
        if (pdf)
                g_object_unref(pdf);
        g_bytes_unref(bytes);
        if (r < 0)
                return bf_error_set(err, BF_ENOTFOUND, "no e-invoice attachment");
        return 0;
}

/* A signed FatturaPA (.xml.p7m) is CMS SignedData (DER or BER, perhaps
 * base64) around the XML. The XML is taken out unverified — checking the
 * signature is the SdI's job, not an AP clerk's — by walking to the
 * eContent after the id-data OID: [0] then an OCTET STRING, whole or in
 * chunks. Every length is checked against what is left. */
static const unsigned char oid_signed_data[] = {
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
static const unsigned char oid_data[] = {
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };

/* One TLV header at *p (of n bytes): tag, header size, and content length
 * (SIZE_MAX for BER's indefinite length). False when it runs off the end. */
static bool ber_header(const unsigned char *p, size_t n, unsigned *ret_tag, size_t *ret_hdr,
                       size_t *ret_len)
{
        size_t len = 0, k;

        if (n < 2)
                return false;
        *ret_tag = p[0];
        if (p[1] < 0x80) {
                *ret_hdr = 2;
                *ret_len = p[1];
        } else if (p[1] == 0x80) {
                *ret_hdr = 2;
                *ret_len = SIZE_MAX;
                return true;
        } else {
                k = p[1] & 0x7f;
                if (k > 4 || n < 2 + k)
                        return false;
                for (size_t i = 0; i < k; i++)
                        len = len << 8 | p[2 + i];
                *ret_hdr = 2 + k;
                *ret_len = len;
        }
        return *ret_len <= n - *ret_hdr;
}

static const unsigned char *find_bytes(const unsigned char *p, size_t n,
                                       const unsigned char *what, size_t m)
{
        for (size_t i = 0; n >= m && i <= n - m; i++)
                if (memcmp(p + i, what, m) == 0)
                        return p + i;
        return NULL;
}

/* The content a CMS SignedData carries, or NULL. Caller frees. */
static GByteArray *cms_content(const unsigned char *p, size_t n)
{
        const unsigned char *at, *end = p + n;
        unsigned tag;
        size_t hdr, len;
        GByteArray *out;

        if (n < 2 || p[0] != 0x30 || !find_bytes(p, n < 64 ? n : 64, oid_signed_data,
                                                 sizeof(oid_signed_data)))
                return NULL;
        at = find_bytes(p, n, oid_data, sizeof(oid_data));
        if (!at)
                return NULL;
        at += sizeof(oid_data);
        if (!ber_header(at, (size_t)(end - at), &tag, &hdr, &len) || tag != 0xa0)
                return NULL;
        at += hdr;
        if (!ber_header(at, (size_t)(end - at), &tag, &hdr, &len))
                return NULL;
        if (tag == 0x04 && len != SIZE_MAX) {
                if (len > EINVOICE_MAX_XML)
                        return NULL;
                out = g_byte_array_new();
                g_byte_array_append(out, at + hdr, (guint)len);
                return out;
        }
        if (tag != 0x24)
                return NULL;
        /* Constructed: OCTET STRING chunks up to the end-of-contents (BER)
         * or the stated length. */
        if (len != SIZE_MAX)
                end = at + hdr + len;
        at += hdr;
        out = g_byte_array_new();
        while (at < end) {
                if (end - at >= 2 && at[0] == 0 && at[1] == 0)
                        break;
                if (!ber_header(at, (size_t)(end - at), &tag, &hdr, &len) || tag != 0x04 ||
                    len == SIZE_MAX || out->len + len > EINVOICE_MAX_XML) {
                        g_byte_array_unref(out);
                        return NULL;
                }
                g_byte_array_append(out, at + hdr, (guint)len);
                at += hdr + len;
        }
        return out;
}

/* The XML inside a .p7m, DER or base64 of it; NULL when it is none. */
static GByteArray *p7m_content(const void *data, size_t len)
{
        const unsigned char *p = data;
        GByteArray *out;
        guchar *der;
        gsize n = 0;
        char *text;

        if (len > 0 && p[0] == 0x30)
                return cms_content(p, len);
        /* Base64 ("MII..."), as some mail clients and portals pass it on. */
        if (len < 4 || len > 2 * EINVOICE_MAX_XML || memcmp(p, "MI", 2) != 0)
                return NULL;
        text = g_strndup(data, len);
        der = g_base64_decode(text, &n);
        g_free(text);
        out = der && n > 0 ? cms_content(der, n) : NULL;
        g_free(der);
        return out;
}

/* One entry's bytes, at most EINVOICE_MAX_XML; NULL (with *ret_big set
 * when that is why) when it cannot be read. Caller frees. */
static GByteArray *zip_entry_bytes(struct archive *a, size_t *inflated, bool *ret_big)
{
        GByteArray *out = g_byte_array_new();
        char buf[16384];
        la_ssize_t n;

        while ((n = archive_read_data(a, buf, sizeof(buf))) > 0) {
                *inflated += (size_t)n;
                if (out->len + (size_t)n > EINVOICE_MAX_XML || *inflated > ISDOCX_MAX_INFLATED) {
                        *ret_big = true;
                        g_byte_array_unref(out);
                        return NULL;
                }
                g_byte_array_append(out, (const guint8 *)buf, (guint)n);
        }
        if (n < 0) {
                g_byte_array_unref(out);
                return NULL;
        }
        return out;
}

/* The main document a manifest.xml names (ISDOC 6's
 * <manifest><maindocument filename="..."/>), or NULL. Caller frees. */
static char *manifest_main(const GByteArray *m)
{
        xmlDocPtr doc = parse_xml(m->data, m->len, NULL);
        xmlXPathContextPtr xp;
        xmlXPathObjectPtr o;
        char *name = NULL;

        if (!doc)
                return NULL;
        xp = xmlXPathNewContext(doc);
        o = xp ? xmlXPathEvalExpression(
                         (const xmlChar *)"string(/*[local-name()='manifest']"
                                          "/*[local-name()='maindocument']/@filename)", xp)
               : NULL;
        if (o && o->type == XPATH_STRING && o->stringval && *o->stringval)
                name = g_strdup((const char *)o->stringval);
        xmlXPathFreeObject(o);
        xmlXPathFreeContext(xp);
        xmlFreeDoc(doc);
        return name;
}

static bool is_zip(const void *data, size_t len)
{
        return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* An ISDOC package (.isdocx, ISDOC 6 section 3.3): a ZIP holding the
 * invoice as *.isdoc, its attachments, and perhaps a manifest.xml naming
 * the main document. The document the manifest names is read, else the one
 * .isdoc at the top level (older packages have no manifest); the
 * attachments are not read. Every entry is inflated in memory, within the
 * caps above. */
static bool name_ends(const char *name, const char *ext)
{
        size_t n = strlen(name), m = strlen(ext);

        return n > m && g_ascii_strcasecmp(name + n - m, ext) == 0;
}

static int read_isdocx(const void *data, size_t len, bf_invoice *ret, struct bf_error *err)
{
        struct archive *a = archive_read_new();
        struct archive_entry *e;
        GByteArray *manifest = NULL, *chosen = NULL;
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
        g_autofree char *main_name = NULL;
        size_t inflated = 0;
        int n_entries = 0, r, rc;
        bool big = false;

        archive_read_support_format_zip(a);
        r = archive_read_open_memory(a, data, len);
        while (r == ARCHIVE_OK && (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
                const char *name = archive_entry_pathname(e);
                bool is_isdoc = name && name_ends(name, ".isdoc");
                GByteArray *b;

                if (++n_entries > ISDOCX_MAX_ENTRIES) {
                        r = ARCHIVE_FATAL;
                        big = true;
                        break;
                }
                if (!name || archive_entry_filetype(e) != AE_IFREG ||
                    (!is_isdoc && g_ascii_strcasecmp(name, "manifest.xml") != 0))
                        continue;
                b = zip_entry_bytes(a, &inflated, &big);
                if (!b) {
                        r = ARCHIVE_FATAL;
                        break;
                }
                if (!is_isdoc) {
                        if (manifest)
                                g_byte_array_unref(manifest);
                        manifest = b;
                        continue;
                }
                g_ptr_array_add(names, g_strdup(name));
                g_ptr_array_add(docs, b);
        }
        if (r != ARCHIVE_EOF) {
                if (big)
                        rc = bf_error_set(err, BF_ETOOBIG, "isdocx package too large (over %d "
                                          "entries or %u bytes inflated)", ISDOCX_MAX_ENTRIES,
                                          ISDOCX_MAX_INFLATED);
                else
                        rc = bf_error_set(err, BF_EINVAL, "corrupt isdocx package: %s",
                                          archive_error_string(a) ? archive_error_string(a)
                                                                  : "cannot read the zip");
                goto out;
        }
        if (manifest)
                main_name = manifest_main(manifest);
        for (guint i = 0; i < names->len && !chosen; i++) {
                const char *n = names->pdata[i];

                if (main_name ? strcmp(n, main_name) == 0 : strchr(n, '/') == NULL)
                        chosen = docs->pdata[i];
        }
        if (!chosen && main_name)
                rc = bf_error_set(err, BF_EINVAL, "isdocx package: its manifest names '%s', "
                                  "which it does not hold", main_name);
        else if (!chosen)
                rc = bf_error_set(err, BF_EUNSUPPORTED, "zip archive holds no ISDOC invoice "
                                  "(*.isdoc) at its top level");
        else if (capture_sniff(chosen->data, chosen->len) != FILE_KIND_XML)
                rc = bf_error_set(err, BF_EINVAL, "isdocx package: its .isdoc is not xml");
        else if ((rc = read_xml(chosen->data, chosen->len, ret, err)) == BF_ENOTFOUND)
                rc = bf_error_set(err, BF_EINVAL, "isdocx package: its .isdoc is not an "
                                  "e-invoice billflow reads");
out:
        if (manifest)
                g_byte_array_unref(manifest);
        g_ptr_array_unref(names);
        g_ptr_array_unref(docs);
        archive_read_free(a);
        return rc;
}

bool capture_einvoice_sniff(const void *data, size_t len)
{
        for (size_t i = 0; i < G_N_ELEMENTS(ei_formats); i++)
                for (int k = 0; k < (int)G_N_ELEMENTS(ei_formats[i]->uris) &&
                                ei_formats[i]->uris[k]; k++)
                        if (contains(data, len, ei_formats[i]->uris[k]))
                                return true;
        return false;
}

int capture_einvoice(const void *data, size_t len, bf_invoice *ret, struct bf_error *err)
{
        enum bf_file_kind kind = capture_sniff(data, len);

        pthread_once(&xml_once, xml_init);
        /* Per-thread in libxml2: nothing of it reaches stderr. */
        xmlSetGenericErrorFunc(NULL, xml_quiet_generic);
        xmlSetStructuredErrorFunc(NULL, xml_quiet_structured);
        if (kind == FILE_KIND_PDF)
                return read_pdf(data, len, ret, err);
        if (kind == FILE_KIND_XML)
                return read_xml(data, len, ret, err);
        if (kind == FILE_KIND_UNKNOWN && is_zip(data, len))
                return read_isdocx(data, len, ret, err);
        if (kind == FILE_KIND_UNKNOWN) {
                GByteArray *xml = p7m_content(data, len);

                if (xml && capture_sniff(xml->data, xml->len) == FILE_KIND_XML) {
                        int r = read_xml(xml->data, xml->len, ret, err);

                        g_byte_array_unref(xml);
                        return r;
                }
                if (xml)
                        g_byte_array_unref(xml);
        }
        return bf_error_set(err, BF_ENOTFOUND, "no e-invoice");
}
