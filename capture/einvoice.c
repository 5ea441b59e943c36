/* einvoice.c: structured e-invoices read exactly from their XML — CII
 * (Factur-X, ZUGFeRD 2, XRechnung CII) and UBL 2 (XRechnung UBL, Peppol),
 * standalone or attached to a PDF. Owns libxml2. */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <poppler.h>

#include "capture/capture-int.h"

/* An e-invoice XML larger than this is refused: real ones are kilobytes. */
#define EINVOICE_MAX_XML (8u * 1024 * 1024)
/* Lines read from one e-invoice, and attachments looked at in one PDF. */
#define EINVOICE_MAX_LINES 10000
#define EINVOICE_MAX_ATTACHMENTS 64

#define NS_CII "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
#define NS_RAM "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
#define NS_UDT "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
#define NS_UBL_INV "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_UBL_CN "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

/* The attachment names the Factur-X, ZUGFeRD and XRechnung specifications
 * give the XML; compared without case. */
static const char *const einvoice_names[] = {
        "factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml",
};

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

/* The first node expr selects under node, or NULL. */
static xmlNodePtr xp_node(xmlXPathContextPtr xp, xmlNodePtr node, const char *expr)
{
        xmlXPathObjectPtr o = xmlXPathNodeEval(node, (const xmlChar *)expr, xp);
        xmlNodePtr n = NULL;

        if (o && o->type == XPATH_NODESET && o->nodesetval && o->nodesetval->nodeNr > 0)
                n = o->nodesetval->nodeTab[0];
        xmlXPathFreeObject(o);
        return n;
}

/* The trimmed text of the first node expr selects, or NULL when there is
 * none or it is empty. Caller frees. */
static char *xp_text(xmlXPathContextPtr xp, xmlNodePtr node, const char *expr)
{
        xmlNodePtr n = xp_node(xp, node, expr);
        xmlChar *content;
        char *s;

        if (!n)
                return NULL;
        content = xmlNodeGetContent(n);
        if (!content)
                return NULL;
        s = g_strstrip(bf_xstrdup((const char *)content));
        xmlFree(content);
        if (!*s) {
                free(s);
                return NULL;
        }
        return s;
}

/* The text of the first of several alternative paths that has one. */
static char *xp_text_any(xmlXPathContextPtr xp, xmlNodePtr node, const char *const *exprs)
{
        for (; *exprs; exprs++) {
                char *s = xp_text(xp, node, *exprs);

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

/* "20261103" (CII format 102) or "2026-11-03" (UBL, XML Schema date). */
static bool parse_date(const char *s, bf_date *ret)
{
        char digits[9];
        size_t n = 0;
        bf_date d;

        for (const char *p = s; *p && n < 9; p++) {
                if (isdigit((unsigned char)*p))
                        digits[n++] = *p;
                else if (*p != '-' || (p - s != 4 && p - s != 7))
                        return false;
        }
        if (n != 8)
                return false;
        d.y = (int16_t)((digits[0] - '0') * 1000 + (digits[1] - '0') * 100 +
                        (digits[2] - '0') * 10 + (digits[3] - '0'));
        d.m = (int8_t)((digits[4] - '0') * 10 + (digits[5] - '0'));
        d.d = (int8_t)((digits[6] - '0') * 10 + (digits[7] - '0'));
        if (!date_is_valid(d))
                return false;
        *ret = d;
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

static void take_amount(bf_invoice *inv, enum bf_field f, char *s, bool negate)
{
        bf_money *slot = f == FIELD_SUBTOTAL ? &inv->subtotal
                       : f == FIELD_TAX ? &inv->tax : &inv->total;
        bf_money m;

        if (s && parse_amount(s, inv->currency, &m)) {
                if (negate)
                        m.minor = -m.minor;
                *slot = m;
                set_meta(inv, f);
        }
        free(s);
}

static void take_string(bf_invoice *inv, enum bf_field f, char **slot, char *s)
{
        if (s) {
                free(*slot);
                *slot = s;
                set_meta(inv, f);
        }
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
static void take_currency(bf_invoice *inv, char *code, xmlXPathContextPtr xp, xmlNodePtr root)
{
        char *attr = NULL;

        if (!code || !currency_is_known(code)) {
                free(code);
                code = attr = xp_text(xp, root, "(//@currencyID)[1]");
        }
        if (code && currency_is_known(code)) {
                g_strlcpy(inv->currency, code, sizeof(inv->currency));
                set_meta(inv, FIELD_CURRENCY);
        }
        free(code);
}

/* A path selecting an amount element in the invoice currency (an invoice
 * may state its tax total a second time in the accounting currency). */
static char *in_currency(const char *path, const bf_invoice *inv)
{
        if (!inv->currency[0])
                return bf_xstrdup(path);
        return bf_xasprintf("%s[not(@currencyID) or @currencyID='%s']", path, inv->currency);
}

static void take_amount_any(bf_invoice *inv, enum bf_field f, xmlXPathContextPtr xp,
                            xmlNodePtr root, const char *const *paths, bool negate)
{
        for (; *paths; paths++) {
                char *expr = in_currency(*paths, inv);
                char *s = xp_text(xp, root, expr);

                free(expr);
                if (s) {
                        take_amount(inv, f, s, negate);
                        if (inv->meta[f].present)
                                return;
                }
        }
}

static bool cii_is_credit(const char *type)
{
        static const char *const credit[] = { "381", "261", "262", "396", "532" };

        for (size_t i = 0; type && i < G_N_ELEMENTS(credit); i++)
                if (strcmp(type, credit[i]) == 0)
                        return true;
        return false;
}

static int read_cii(xmlXPathContextPtr xp, xmlNodePtr root, bf_invoice *inv,
                    struct bf_error *err)
{
        static const char *const seller[] = {
                "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
                "ram:SellerTradeParty/ram:Name",
                "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
                "ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:TradingBusinessName",
                NULL,
        };
        static const char *const po[] = {
                "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
                "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
                "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
                "ram:BuyerReference",
                NULL,
        };
#define CII_SUM "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/" \
                "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
        static const char *const subtotal[] = {
                CII_SUM "ram:LineTotalAmount", CII_SUM "ram:TaxBasisTotalAmount", NULL,
        };
        static const char *const tax[] = { CII_SUM "ram:TaxTotalAmount", NULL };
        static const char *const total[] = {
                CII_SUM "ram:GrandTotalAmount", CII_SUM "ram:DuePayableAmount", NULL,
        };
#undef CII_SUM
        xmlXPathObjectPtr lines;
        char *type;
        bool credit;

        take_string(inv, FIELD_INVOICE_NUMBER, &inv->invoice_number,
                    xp_text(xp, root, "rsm:ExchangedDocument/ram:ID"));
        type = xp_text(xp, root, "rsm:ExchangedDocument/ram:TypeCode");
        credit = cii_is_credit(type);
        free(type);
        take_date(inv, FIELD_INVOICE_DATE,
                  xp_text(xp, root, "rsm:ExchangedDocument/ram:IssueDateTime/"
                                    "udt:DateTimeString"));
        take_date(inv, FIELD_DUE_DATE,
                  xp_text(xp, root, "rsm:SupplyChainTradeTransaction/"
                                    "ram:ApplicableHeaderTradeSettlement/"
                                    "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/"
                                    "udt:DateTimeString"));
        take_string(inv, FIELD_VENDOR, &inv->vendor_name, xp_text_any(xp, root, seller));
        take_string(inv, FIELD_PO_NUMBER, &inv->po_number, xp_text_any(xp, root, po));
        take_currency(inv, xp_text(xp, root, "rsm:SupplyChainTradeTransaction/"
                                             "ram:ApplicableHeaderTradeSettlement/"
                                             "ram:InvoiceCurrencyCode"), xp, root);
        take_amount_any(inv, FIELD_SUBTOTAL, xp, root, subtotal, credit);
        take_amount_any(inv, FIELD_TAX, xp, root, tax, credit);
        take_amount_any(inv, FIELD_TOTAL, xp, root, total, credit);

        lines = xmlXPathNodeEval(root, (const xmlChar *)"rsm:SupplyChainTradeTransaction/"
                                 "ram:IncludedSupplyChainTradeLineItem", xp);
        if (lines && lines->type == XPATH_NODESET && lines->nodesetval) {
                int n = lines->nodesetval->nodeNr;

                if (n > EINVOICE_MAX_LINES) {
                        xmlXPathFreeObject(lines);
                        return bf_error_set(err, BF_ETOOBIG,
                                            "e-invoice has too many lines (%d, limit %d)",
                                            n, EINVOICE_MAX_LINES);
                }
                for (int i = 0; i < n; i++) {
                        xmlNodePtr item = lines->nodesetval->nodeTab[i];
                        bf_invoice_line *l = invoice_add_line(inv);
                        char *s;

                        l->description = xp_text(xp, item, "ram:SpecifiedTradeProduct/ram:Name");
                        s = xp_text(xp, item, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity");
                        take_decimal(s, &l->quantity, &l->has_quantity, credit);
                        free(s);
                        /* The net price per unit; its basis quantity (price
                         * per 100, say) divides it. */
                        s = xp_text(xp, item, "ram:SpecifiedLineTradeAgreement/"
                                              "ram:NetPriceProductTradePrice/ram:ChargeAmount");
                        take_decimal(s, &l->unit_price, &l->has_unit_price, false);
                        free(s);
                        s = xp_text(xp, item, "ram:SpecifiedLineTradeAgreement/"
                                              "ram:NetPriceProductTradePrice/ram:BasisQuantity");
                        if (s && l->has_unit_price) {
                                bf_decimal basis, one = { 1, 0 };

                                if (decimal_parse_plain(s, &basis, NULL) == 0 &&
                                    decimal_cmp(basis, one) != 0 && !decimal_is_zero(basis))
                                        l->has_unit_price = false;
                        }
                        free(s);
                        s = xp_text(xp, item, "ram:SpecifiedLineTradeSettlement/"
                                              "ram:SpecifiedTradeSettlementLineMonetarySummation/"
                                              "ram:LineTotalAmount");
                        if (s && parse_amount(s, inv->currency, &l->amount)) {
                                if (credit)
                                        l->amount.minor = -l->amount.minor;
                                l->has_amount = true;
                        }
                        free(s);
                }
        }
        xmlXPathFreeObject(lines);
        return 0;
}

static int read_ubl(xmlXPathContextPtr xp, xmlNodePtr root, bool credit, bf_invoice *inv,
                    struct bf_error *err)
{
        static const char *const seller[] = {
                "cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name",
                "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
                NULL,
        };
        static const char *const po[] = {
                "cac:OrderReference/cbc:ID", "cbc:BuyerReference", NULL,
        };
        static const char *const due[] = {
                "cbc:DueDate", "cac:PaymentMeans/cbc:PaymentDueDate", NULL,
        };
        static const char *const subtotal[] = {
                "cac:LegalMonetaryTotal/cbc:LineExtensionAmount",
                "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", NULL,
        };
        static const char *const tax[] = { "cac:TaxTotal/cbc:TaxAmount", NULL };
        static const char *const total[] = {
                "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
                "cac:LegalMonetaryTotal/cbc:PayableAmount", NULL,
        };
        const char *line_path = credit ? "cac:CreditNoteLine" : "cac:InvoiceLine";
        const char *qty_path = credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity";
        xmlXPathObjectPtr lines;

        take_string(inv, FIELD_INVOICE_NUMBER, &inv->invoice_number,
                    xp_text(xp, root, "cbc:ID"));
        take_date(inv, FIELD_INVOICE_DATE, xp_text(xp, root, "cbc:IssueDate"));
        take_date(inv, FIELD_DUE_DATE, xp_text_any(xp, root, due));
        take_string(inv, FIELD_VENDOR, &inv->vendor_name, xp_text_any(xp, root, seller));
        take_string(inv, FIELD_PO_NUMBER, &inv->po_number, xp_text_any(xp, root, po));
        take_currency(inv, xp_text(xp, root, "cbc:DocumentCurrencyCode"), xp, root);
        take_amount_any(inv, FIELD_SUBTOTAL, xp, root, subtotal, credit);
        take_amount_any(inv, FIELD_TAX, xp, root, tax, credit);
        take_amount_any(inv, FIELD_TOTAL, xp, root, total, credit);

        lines = xmlXPathNodeEval(root, (const xmlChar *)line_path, xp);
        if (lines && lines->type == XPATH_NODESET && lines->nodesetval) {
                int n = lines->nodesetval->nodeNr;

                if (n > EINVOICE_MAX_LINES) {
                        xmlXPathFreeObject(lines);
                        return bf_error_set(err, BF_ETOOBIG,
                                            "e-invoice has too many lines (%d, limit %d)",
                                            n, EINVOICE_MAX_LINES);
                }
                for (int i = 0; i < n; i++) {
                        xmlNodePtr item = lines->nodesetval->nodeTab[i];
                        bf_invoice_line *l = invoice_add_line(inv);
                        char *s;

                        l->description = xp_text(xp, item, "cac:Item/cbc:Name");
                        s = xp_text(xp, item, qty_path);
                        take_decimal(s, &l->quantity, &l->has_quantity, credit);
                        free(s);
                        s = xp_text(xp, item, "cac:Price/cbc:PriceAmount");
                        take_decimal(s, &l->unit_price, &l->has_unit_price, false);
                        free(s);
                        s = xp_text(xp, item, "cac:Price/cbc:BaseQuantity");
                        if (s && l->has_unit_price) {
                                bf_decimal basis, one = { 1, 0 };

                                if (decimal_parse_plain(s, &basis, NULL) == 0 &&
                                    decimal_cmp(basis, one) != 0 && !decimal_is_zero(basis))
                                        l->has_unit_price = false;
                        }
                        free(s);
                        s = xp_text(xp, item, "cbc:LineExtensionAmount");
                        if (s && parse_amount(s, inv->currency, &l->amount)) {
                                if (credit)
                                        l->amount.minor = -l->amount.minor;
                                l->has_amount = true;
                        }
                        free(s);
                }
        }
        xmlXPathFreeObject(lines);
        return 0;
}

static bool root_is(xmlNodePtr root, const char *ns, const char *name)
{
        return root->ns && root->ns->href && strcmp((const char *)root->ns->href, ns) == 0 &&
               strcmp((const char *)root->name, name) == 0;
}

/* Reads one XML document. BF_ENOTFOUND when it is XML but no CII or UBL
 * invoice; BF_EINVAL when it is no usable XML at all. */
static int read_xml(const void *data, size_t len, bf_invoice *ret, struct bf_error *err)
{
        xmlXPathContextPtr xp = NULL;
        xmlNodePtr root;
        xmlDocPtr doc;
        bf_invoice inv;
        int r;

        invoice_init(&inv);
        doc = parse_xml(data, len, err);
        if (!doc)
                return err ? err->code : BF_EINVAL;
        root = xmlDocGetRootElement(doc);
        xp = xmlXPathNewContext(doc);
        if (!root || !xp) {
                r = bf_error_set(err, root ? BF_ENOMEM : BF_EINVAL,
                                 root ? "cannot read xml: out of memory" : "corrupt xml: empty");
                goto out;
        }
        xmlXPathRegisterNs(xp, (const xmlChar *)"rsm", (const xmlChar *)NS_CII);
        xmlXPathRegisterNs(xp, (const xmlChar *)"ram", (const xmlChar *)NS_RAM);
        xmlXPathRegisterNs(xp, (const xmlChar *)"udt", (const xmlChar *)NS_UDT);
        xmlXPathRegisterNs(xp, (const xmlChar *)"cac", (const xmlChar *)NS_CAC);
        xmlXPathRegisterNs(xp, (const xmlChar *)"cbc", (const xmlChar *)NS_CBC);

        if (root_is(root, NS_CII, "CrossIndustryInvoice"))
                r = read_cii(xp, root, &inv, err);
        else if (root_is(root, NS_UBL_INV, "Invoice"))
                r = read_ubl(xp, root, false, &inv, err);
        else if (root_is(root, NS_UBL_CN, "CreditNote"))
                r = read_ubl(xp, root, true, &inv, err);
        else
                r = bf_error_set(err, BF_ENOTFOUND, "xml is no CII or UBL invoice (root '%s')",
                                 (const char *)root->name);
        if (r == 0 && !inv.meta[FIELD_TOTAL].present && !inv.invoice_number)
                r = bf_error_set(err, BF_EINVAL, "e-invoice has neither number nor total");
out:
        xmlXPathFreeContext(xp);
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

/* 2 for a name the standards give, 1 for another *.xml, 0 otherwise. */
static int attachment_rank(const char *name)
{
        size_t n;

        if (!name)
                return 0;
        for (size_t i = 0; i < G_N_ELEMENTS(einvoice_names); i++)
                if (g_ascii_strcasecmp(name, einvoice_names[i]) == 0)
                        return 2;
        n = strlen(name);
        return n > 4 && g_ascii_strcasecmp(name + n - 4, ".xml") == 0 ? 1 : 0;
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
        return bf_error_set(err, BF_ENOTFOUND, "no e-invoice");
}
