/* einvoice-formats.h: the European e-invoice formats billflow reads, one
 * table each: which root element names the format, and for every field the
 * XPath (1.0, relative to the root) that holds it. Included by einvoice.c
 * only. Adding a format is adding a table here.
 *
 * Path conventions: alternatives are tried in order and the first that
 * gives a value wins; a path starting with '+' sums every node it selects
 * (amounts only); "{C}" stands for "Curr" when the invoice is in a foreign
 * currency (ISDOC keeps both, the foreign one in *Curr elements) and for
 * nothing otherwise; the prefix "r" is the root element's own namespace,
 * whichever of the format's namespaces the file uses. A path may also be an
 * XPath string expression (concat(...)). */
#ifndef BILLFLOW_EINVOICE_FORMATS_H
#define BILLFLOW_EINVOICE_FORMATS_H

#include <stdbool.h>

#define EI_ALTS 4

enum ei_head {
        H_NUMBER, H_DATE, H_DUE, H_VENDOR, H_TAX_ID, H_IBAN, H_CURRENCY, H_PO,
        H_SUBTOTAL, H_TAX, H_TOTAL,
        H_TYPE,     /* the document type code (credit_types make it a credit note) */
        H_PROFILE,  /* the customization / guideline id or the version: names the format */
        H_COUNT,    /* the invoices in the file: more than one is refused */
        H__N
};

enum ei_line { L_DESC, L_QTY, L_PRICE, L_BASIS, L_AMOUNT, L__N };

struct ei_ns {
        const char *prefix, *uri;
};

struct ei_format {
        const char *family;            /* "CII", "UBL", "ZUGFeRD 1.0", "FatturaPA", ... */
        const char *syntax;            /* "(CII)", "(UBL Invoice)", or NULL */
        const char *root;              /* the root element's local name */
        const char *uris[4];           /* its namespace: any of these */
        struct ei_ns ns[5];            /* other prefixes the paths use */
        const char *head[H__N][EI_ALTS];
        const char *line_path;         /* the line items, relative to the root */
        const char *line[L__N][EI_ALTS];
        const char *credit_types[6];   /* H_TYPE values of a credit note */
        bool credit;                   /* the root says credit note (UBL CreditNote) */
        const char *foreign;           /* present: amounts in the {C} = "Curr" elements */
        bool total_from_parts;         /* no total element: total = subtotal + tax */
};

#define NS_RAM100 "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
#define NS_UDT100 "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

/* Factur-X, ZUGFeRD 2.x, XRechnung CII: UN/CEFACT Cross Industry Invoice D16B. */
#define CII_AGR "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
#define CII_SET "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
#define CII_SUM CII_SET "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
static const struct ei_format ei_cii = {
        .family = "CII", .syntax = "(CII)", .root = "CrossIndustryInvoice",
        .uris = { "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" },
        .ns = { { "rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" },
                { "ram", NS_RAM100 }, { "udt", NS_UDT100 } },
        .head = {
                [H_NUMBER] = { "rsm:ExchangedDocument/ram:ID" },
                [H_DATE] = { "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString" },
                [H_DUE] = { CII_SET "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/"
                            "udt:DateTimeString" },
                [H_VENDOR] = { CII_AGR "ram:SellerTradeParty/ram:Name",
                               CII_AGR "ram:SellerTradeParty/ram:SpecifiedLegalOrganization/"
                               "ram:TradingBusinessName" },
                [H_TAX_ID] = { CII_AGR "ram:SellerTradeParty/ram:SpecifiedTaxRegistration/"
                               "ram:ID[@schemeID='VA']" },
                [H_IBAN] = { CII_SET "ram:SpecifiedTradeSettlementPaymentMeans/"
                             "ram:PayeePartyCreditorFinancialAccount/ram:IBANID" },
                [H_CURRENCY] = { CII_SET "ram:InvoiceCurrencyCode" },
                [H_PO] = { CII_AGR "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID" },
                [H_SUBTOTAL] = { CII_SUM "ram:LineTotalAmount", CII_SUM "ram:TaxBasisTotalAmount" },
                [H_TAX] = { CII_SUM "ram:TaxTotalAmount" },
                [H_TOTAL] = { CII_SUM "ram:GrandTotalAmount", CII_SUM "ram:DuePayableAmount" },
                [H_TYPE] = { "rsm:ExchangedDocument/ram:TypeCode" },
                [H_PROFILE] = { "rsm:ExchangedDocumentContext/"
                                "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID" },
        },
        .line_path = "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem",
        .line = {
                [L_DESC] = { "ram:SpecifiedTradeProduct/ram:Name" },
                [L_QTY] = { "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity" },
                [L_PRICE] = { "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/"
                              "ram:ChargeAmount" },
                [L_BASIS] = { "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/"
                              "ram:BasisQuantity" },
                [L_AMOUNT] = { "ram:SpecifiedLineTradeSettlement/"
                               "ram:SpecifiedTradeSettlementLineMonetarySummation/"
                               "ram:LineTotalAmount" },
        },
        .credit_types = { "381", "261", "262", "396", "532" },
};
#undef CII_AGR
#undef CII_SET
#undef CII_SUM

/* ZUGFeRD 1.0: the CrossIndustryDocument of 2014, UN/CEFACT D13B. */
#define Z1_TX "rsm:SpecifiedSupplyChainTradeTransaction/"
#define Z1_AGR Z1_TX "ram:ApplicableSupplyChainTradeAgreement/"
#define Z1_SET Z1_TX "ram:ApplicableSupplyChainTradeSettlement/"
#define Z1_SUM Z1_SET "ram:SpecifiedTradeSettlementMonetarySummation/"
static const struct ei_format ei_zugferd1 = {
        .family = "ZUGFeRD 1.0", .root = "CrossIndustryDocument",
        .uris = { "urn:ferd:CrossIndustryDocument:invoice:1p0" },
        .ns = { { "rsm", "urn:ferd:CrossIndustryDocument:invoice:1p0" },
                { "ram", "urn:un:unece:uncefact:data:standard:"
                         "ReusableAggregateBusinessInformationEntity:12" },
                { "udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15" } },
        .head = {
                [H_NUMBER] = { "rsm:HeaderExchangedDocument/ram:ID" },
                [H_DATE] = { "rsm:HeaderExchangedDocument/ram:IssueDateTime/udt:DateTimeString" },
                [H_DUE] = { Z1_SET "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/"
                            "udt:DateTimeString" },
                [H_VENDOR] = { Z1_AGR "ram:SellerTradeParty/ram:Name" },
                [H_TAX_ID] = { Z1_AGR "ram:SellerTradeParty/ram:SpecifiedTaxRegistration/"
                               "ram:ID[@schemeID='VA']" },
                [H_IBAN] = { Z1_SET "ram:SpecifiedTradeSettlementPaymentMeans/"
                             "ram:PayeePartyCreditorFinancialAccount/ram:IBANID" },
                [H_CURRENCY] = { Z1_SET "ram:InvoiceCurrencyCode" },
                [H_PO] = { Z1_AGR "ram:BuyerOrderReferencedDocument/ram:ID" },
                [H_SUBTOTAL] = { Z1_SUM "ram:LineTotalAmount", Z1_SUM "ram:TaxBasisTotalAmount" },
                [H_TAX] = { Z1_SUM "ram:TaxTotalAmount" },
                [H_TOTAL] = { Z1_SUM "ram:GrandTotalAmount", Z1_SUM "ram:DuePayableAmount" },
                [H_TYPE] = { "rsm:HeaderExchangedDocument/ram:TypeCode" },
                [H_PROFILE] = { "rsm:SpecifiedExchangedDocumentContext/"
                                "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID" },
        },
        .line_path = Z1_TX "ram:IncludedSupplyChainTradeLineItem",
        .line = {
                [L_DESC] = { "ram:SpecifiedTradeProduct/ram:Name" },
                [L_QTY] = { "ram:SpecifiedSupplyChainTradeDelivery/ram:BilledQuantity" },
                [L_PRICE] = { "ram:SpecifiedSupplyChainTradeAgreement/"
                              "ram:NetPriceProductTradePrice/ram:ChargeAmount" },
                [L_BASIS] = { "ram:SpecifiedSupplyChainTradeAgreement/"
                              "ram:NetPriceProductTradePrice/ram:BasisQuantity" },
                [L_AMOUNT] = { "ram:SpecifiedSupplyChainTradeSettlement/"
                               "ram:SpecifiedTradeSettlementMonetarySummation/"
                               "ram:LineTotalAmount" },
        },
        .credit_types = { "381" },
};
#undef Z1_TX
#undef Z1_AGR
#undef Z1_SET
#undef Z1_SUM

/* UBL 2.1 Invoice and CreditNote: XRechnung UBL, Peppol BIS Billing 3,
 * plain EN 16931. The seller is BT-27 (the legal name) first, as in CII. */
#define UBL_SELLER "cac:AccountingSupplierParty/cac:Party/"
#define UBL_HEAD(qty)                                                                      \
        .head = {                                                                          \
                [H_NUMBER] = { "cbc:ID" },                                                 \
                [H_DATE] = { "cbc:IssueDate" },                                            \
                [H_DUE] = { "cbc:DueDate", "cac:PaymentMeans/cbc:PaymentDueDate" },        \
                [H_VENDOR] = { UBL_SELLER "cac:PartyLegalEntity/cbc:RegistrationName",     \
                               UBL_SELLER "cac:PartyName/cbc:Name" },                      \
                [H_TAX_ID] = { UBL_SELLER "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/" \
                               "cbc:CompanyID" },                                          \
                [H_IBAN] = { "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID" },        \
                [H_CURRENCY] = { "cbc:DocumentCurrencyCode" },                             \
                [H_PO] = { "cac:OrderReference/cbc:ID" },                                  \
                [H_SUBTOTAL] = { "cac:LegalMonetaryTotal/cbc:LineExtensionAmount",         \
                                 "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount" },        \
                [H_TAX] = { "cac:TaxTotal/cbc:TaxAmount" },                                \
                [H_TOTAL] = { "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",             \
                              "cac:LegalMonetaryTotal/cbc:PayableAmount" },                \
                [H_TYPE] = { "cbc:InvoiceTypeCode" },                                      \
                [H_PROFILE] = { "cbc:CustomizationID" },                                   \
        },                                                                                 \
        .line = {                                                                          \
                [L_DESC] = { "cac:Item/cbc:Name", "cac:Item/cbc:Description" },            \
                [L_QTY] = { qty },                                                         \
                [L_PRICE] = { "cac:Price/cbc:PriceAmount" },                               \
                [L_BASIS] = { "cac:Price/cbc:BaseQuantity" },                              \
                [L_AMOUNT] = { "cbc:LineExtensionAmount" },                                \
        }
static const struct ei_format ei_ubl_invoice = {
        .family = "UBL", .syntax = "(UBL Invoice)", .root = "Invoice",
        .uris = { "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" },
        .ns = { { "cac", NS_CAC }, { "cbc", NS_CBC } },
        UBL_HEAD("cbc:InvoicedQuantity"),
        .line_path = "cac:InvoiceLine",
        /* UBL invoices that are credit notes by type (EN 16931 allows 381). */
        .credit_types = { "381", "261", "262", "396", "532" },
};
static const struct ei_format ei_ubl_creditnote = {
        .family = "UBL", .syntax = "(UBL CreditNote)", .root = "CreditNote",
        .uris = { "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" },
        .ns = { { "cac", NS_CAC }, { "cbc", NS_CBC } },
        UBL_HEAD("cbc:CreditedQuantity"),
        .line_path = "cac:CreditNoteLine",
        .credit = true,
};
#undef UBL_HEAD
#undef UBL_SELLER

/* FatturaPA 1.2.x (Italy), and 1.1. Child elements carry no namespace. */
#define FPA_SELLER "FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/"
#define FPA_DOC "FatturaElettronicaBody/DatiGenerali/DatiGeneraliDocumento/"
#define FPA_PAY "FatturaElettronicaBody/DatiPagamento/DettaglioPagamento/"
static const struct ei_format ei_fatturapa = {
        .family = "FatturaPA", .root = "FatturaElettronica",
        .uris = { "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2",
                  "http://www.fatturapa.gov.it/sdi/fatturapa/v1.1",
                  "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0" },
        .head = {
                [H_NUMBER] = { FPA_DOC "Numero" },
                [H_DATE] = { FPA_DOC "Data" },
                [H_DUE] = { "(" FPA_PAY "DataScadenzaPagamento)[1]" },
                [H_VENDOR] = { FPA_SELLER "Anagrafica/Denominazione",
                               "concat(" FPA_SELLER "Anagrafica/Nome, ' ', "
                               FPA_SELLER "Anagrafica/Cognome)" },
                [H_TAX_ID] = { "concat(" FPA_SELLER "IdFiscaleIVA/IdPaese, "
                               FPA_SELLER "IdFiscaleIVA/IdCodice)" },
                [H_IBAN] = { "(" FPA_PAY "IBAN)[1]" },
                [H_CURRENCY] = { FPA_DOC "Divisa" },
                [H_PO] = { "(FatturaElettronicaBody/DatiGenerali/DatiOrdineAcquisto/"
                           "IdDocumento)[1]" },
                [H_SUBTOTAL] = { "+FatturaElettronicaBody/DatiBeniServizi/DatiRiepilogo/"
                                 "ImponibileImporto" },
                [H_TAX] = { "+FatturaElettronicaBody/DatiBeniServizi/DatiRiepilogo/Imposta" },
                [H_TOTAL] = { FPA_DOC "ImportoTotaleDocumento" },
                [H_TYPE] = { FPA_DOC "TipoDocumento" },
                [H_PROFILE] = { "@versione" },
                [H_COUNT] = { "FatturaElettronicaBody" },
        },
        .line_path = "FatturaElettronicaBody/DatiBeniServizi/DettaglioLinee",
        .line = {
                [L_DESC] = { "Descrizione" },
                [L_QTY] = { "Quantita" },
                [L_PRICE] = { "PrezzoUnitario" },
                [L_AMOUNT] = { "PrezzoTotale" },
        },
        /* TD04: nota di credito. */
        .credit_types = { "TD04" },
        .total_from_parts = true,
};
#undef FPA_SELLER
#undef FPA_DOC
#undef FPA_PAY

/* Facturae 3.2, 3.2.1, 3.2.2 (Spain). Child elements carry no namespace. A
 * corrective invoice states its amounts negative itself. */
#define FAE_INV "Invoices/Invoice/"
#define FAE_SELLER "Parties/SellerParty/"
static const struct ei_format ei_facturae = {
        .family = "Facturae", .root = "Facturae",
        .uris = { "http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml",
                  "http://www.facturae.es/Facturae/2014/v3.2.1/Facturae",
                  "http://www.facturae.es/Facturae/2009/v3.2/Facturae" },
        .head = {
                [H_NUMBER] = { "concat(" FAE_INV "InvoiceHeader/InvoiceSeriesCode, "
                               FAE_INV "InvoiceHeader/InvoiceNumber)" },
                [H_DATE] = { FAE_INV "InvoiceIssueData/IssueDate" },
                [H_DUE] = { "(" FAE_INV "PaymentDetails/Installment/InstallmentDueDate)[1]" },
                [H_VENDOR] = { FAE_SELLER "LegalEntity/CorporateName",
                               "concat(" FAE_SELLER "Individual/Name, ' ', "
                               FAE_SELLER "Individual/FirstSurname, ' ', "
                               FAE_SELLER "Individual/SecondSurname)" },
                [H_TAX_ID] = { FAE_SELLER "TaxIdentification/TaxIdentificationNumber" },
                [H_IBAN] = { "(" FAE_INV "PaymentDetails/Installment/AccountToBeCredited/"
                             "IBAN)[1]" },
                [H_CURRENCY] = { FAE_INV "InvoiceIssueData/InvoiceCurrencyCode",
                                 "FileHeader/Batch/InvoiceCurrencyCode" },
                [H_PO] = { "(" FAE_INV "Items/InvoiceLine/ReceiverTransactionReference)[1]" },
                [H_SUBTOTAL] = { FAE_INV "InvoiceTotals/TotalGrossAmountBeforeTaxes" },
                [H_TAX] = { FAE_INV "InvoiceTotals/TotalTaxOutputs" },
                [H_TOTAL] = { FAE_INV "InvoiceTotals/InvoiceTotal" },
                [H_PROFILE] = { "FileHeader/SchemaVersion" },
                [H_COUNT] = { "Invoices/Invoice" },
        },
        .line_path = FAE_INV "Items/InvoiceLine",
        .line = {
                [L_DESC] = { "ItemDescription" },
                [L_QTY] = { "Quantity" },
                [L_PRICE] = { "UnitPriceWithoutTax" },
                [L_AMOUNT] = { "GrossAmount", "TotalCost" },
        },
};
#undef FAE_INV
#undef FAE_SELLER

/* ISDOC 6.0.x (Czechia; 5.x too). Amounts in the local currency, and in
 * *Curr elements again when the invoice is issued in a foreign one. */
#define ISD_SELLER "r:AccountingSupplierParty/r:Party/"
static const struct ei_format ei_isdoc = {
        .family = "ISDOC", .root = "Invoice",
        .uris = { "http://isdoc.cz/namespace/2013", "http://isdoc.cz/namespace/invoice" },
        .head = {
                [H_NUMBER] = { "r:ID" },
                [H_DATE] = { "r:IssueDate" },
                [H_DUE] = { "(r:PaymentMeans/r:Payment/r:Details/r:PaymentDueDate)[1]" },
                [H_VENDOR] = { ISD_SELLER "r:PartyName/r:Name" },
                [H_TAX_ID] = { ISD_SELLER "r:PartyTaxScheme[r:TaxScheme='VAT']/r:CompanyID" },
                [H_IBAN] = { "(r:PaymentMeans/r:Payment/r:Details/r:IBAN)[1]" },
                [H_CURRENCY] = { "r:ForeignCurrencyCode", "r:LocalCurrencyCode" },
                [H_PO] = { "(r:OrderReferences/r:OrderReference/r:ExternalOrderID)[1]" },
                [H_SUBTOTAL] = { "r:LegalMonetaryTotal/r:TaxExclusiveAmount{C}" },
                /* Per rate, before deposits are taken off (r:TaxTotal/r:TaxAmount
                 * is what remains after them). */
                [H_TAX] = { "+r:TaxTotal/r:TaxSubTotal/r:TaxAmount{C}" },
                [H_TOTAL] = { "r:LegalMonetaryTotal/r:TaxInclusiveAmount{C}" },
                [H_TYPE] = { "r:DocumentType" },
                [H_PROFILE] = { "@version" },
        },
        .line_path = "r:InvoiceLines/r:InvoiceLine",
        .line = {
                [L_DESC] = { "r:Item/r:Description", "r:Note" },
                [L_QTY] = { "r:InvoicedQuantity" },
                /* Stated in the local currency only. */
                [L_PRICE] = { "r:UnitPrice{C}" },
                [L_AMOUNT] = { "r:LineExtensionAmount{C}" },
        },
        /* 2: opravný daňový doklad (dobropis), 6: dobropis DZL. */
        .credit_types = { "2", "6" },
        .foreign = "r:ForeignCurrencyCode",
};
#undef ISD_SELLER

static const struct ei_format *const ei_formats[] = {
        &ei_cii, &ei_zugferd1, &ei_ubl_invoice, &ei_ubl_creditnote,
        &ei_fatturapa, &ei_facturae, &ei_isdoc,
};

#endif
