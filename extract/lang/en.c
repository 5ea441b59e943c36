/* en.c: English, with the Malay words of Malaysian receipts (jumlah, tarikh) */
#include "extract/lang.h"

static const struct label_def labels[] = {
        /* invoice and receipt numbers, and the titles that carry them */
        { LK_INVNO, 95, "invoice no" }, { LK_INVNO, 90, "inv no" },
        { LK_INVNO, 95, "tax invoice no" }, { LK_INVNO, 90, "bill no" },
        { LK_INVNO, 85, "receipt no" }, { LK_INVNO, 85, "invoice id" },
        { LK_INVNO, 75, "invoice" }, { LK_INVNO, 60, "invoice ref" },
        { LK_INVNO, 60, "booking id" }, { LK_INVNO, 60, "doc no" }, { LK_INVNO, 60, "receipt" },
        { LK_INVNO, 50, "bill" }, { LK_INVNO, 55, "ref no" }, { LK_INVNO, 85, "credit note no" },
        { LK_INVNO, 70, "credit note" }, { LK_INVNO, 95, "vat invoice no" },
        { LK_INVNO, 55, "no" }, { LK_INVNO, 60, "document no" },
        /* a shop's receipt: "Ticket: INV-84746", "Trans. No. 4471" */
        { LK_INVNO, 60, "ticket" }, { LK_INVNO, 85, "ticket no" }, { LK_INVNO, 80, "transaction no" },
        { LK_INVNO, 75, "trans no" },
        /* invoice dates (other dates weaker) */
        { LK_DATE, 95, "invoice date" }, { LK_DATE, 90, "date of invoice" },
        { LK_DATE, 90, "date of issue" }, { LK_DATE, 90, "issue date" },
        { LK_DATE, 90, "date issued" }, { LK_DATE, 85, "issued on" }, { LK_DATE, 85, "issued" },
        { LK_DATE, 70, "date" }, { LK_DATE, 90, "billing date" }, { LK_DATE, 55, "order date" },
        { LK_DATE, 50, "date of sale" }, { LK_DATE, 50, "payment date" },
        { LK_DATE, 55, "tax point" }, { LK_DATE, 45, "date paid" },
        { LK_DATE, 60, "receipt date" }, { LK_DATE, 65, "trans date" },
        { LK_DATE, 65, "transaction date" }, { LK_DATE, 60, "tarikh" },
        { LK_DATE, 40, "delivery date" }, { LK_DATE, 40, "date of delivery" },
        { LK_DATE, 40, "ship date" }, { LK_DATE, 40, "shipping date" },
        { LK_DATE, 40, "dispatch date" }, { LK_DATE, 40, "service date" },
        /* due dates */
        { LK_DUE, 95, "due date" }, { LK_DUE, 90, "date due" }, { LK_DUE, 90, "payment due" },
        { LK_DUE, 85, "due" }, { LK_DUE, 90, "pay by" }, { LK_DUE, 90, "payable by" },
        { LK_DUE, 85, "due on" }, { LK_DUE, 85, "payment due date" },
        { LK_DUE, 90, "payable before" }, { LK_DUE, 85, "payment before" },
        { LK_DUE, 85, "pay before" },
        /* totals */
        { LK_TOTAL, 70, "total" }, { LK_TOTAL, 90, "grand total" },
        { LK_TOTAL, 90, "final total" }, { LK_TOTAL, 92, "total due" },
        { LK_TOTAL, 93, "amount due" }, { LK_TOTAL, 93, "balance due" },
        { LK_TOTAL, 92, "total amount due" }, { LK_TOTAL, 88, "total amount" },
        { LK_TOTAL, 90, "invoice total" }, { LK_TOTAL, 90, "invoice amount" },
        { LK_TOTAL, 90, "amount payable" }, { LK_TOTAL, 90, "total payable" },
        { LK_TOTAL, 88, "total paid" }, { LK_TOTAL, 88, "total amount paid" },
        { LK_TOTAL, 85, "amount paid" }, { LK_TOTAL, 85, "total at checkout" },
        { LK_TOTAL, 88, "total to pay" }, { LK_TOTAL, 88, "total incl vat" },
        { LK_TOTAL, 88, "total inc vat" }, { LK_TOTAL, 88, "total including vat" },
        { LK_TOTAL, 88, "total incl tax" }, { LK_TOTAL, 88, "total incl gst" },
        { LK_TOTAL, 88, "total inclusive gst" }, { LK_TOTAL, 88, "total including gst" },
        { LK_TOTAL, 88, "total inc gst" }, { LK_TOTAL, 90, "rounded total" },
        { LK_TOTAL, 88, "total rounded" }, { LK_TOTAL, 86, "nett total" },
        { LK_SUBTOTAL, 85, "net total" }, { LK_TOTAL, 84, "total sales" },
        { LK_TOTAL, 80, "total rm" }, { LK_TOTAL, 75, "total eur" }, { LK_TOTAL, 75, "total usd" },
        { LK_TOTAL, 80, "jumlah" }, { LK_TOTAL, 84, "total amount payable" },
        { LK_TOTAL, 86, "total (rm)" }, { LK_TOTAL, 88, "total to be paid" },
        { LK_TOTAL, 88, "amount to be paid" }, { LK_TOTAL, 85, "payment amount" },
        { LK_TOTAL, 92, "invoice total amount with vat" }, { LK_TOTAL, 90, "total amount with vat" },
        /* subtotals (before tax) */
        { LK_SUBTOTAL, 90, "subtotal" }, { LK_SUBTOTAL, 90, "sub total" },
        { LK_SUBTOTAL, 90, "sub-total" }, { LK_SUBTOTAL, 85, "net amount" },
        { LK_SUBTOTAL, 85, "total net" }, { LK_SUBTOTAL, 88, "total ex tax" },
        { LK_SUBTOTAL, 88, "total excl tax" }, { LK_SUBTOTAL, 88, "total excl vat" },
        { LK_SUBTOTAL, 88, "total ex vat" }, { LK_SUBTOTAL, 88, "total excluding vat" },
        { LK_SUBTOTAL, 88, "total excl gst" }, { LK_SUBTOTAL, 88, "total excluding gst" },
        { LK_SUBTOTAL, 88, "total excl" }, { LK_SUBTOTAL, 85, "amount excl vat" },
        { LK_SUBTOTAL, 80, "purchases" }, { LK_SUBTOTAL, 85, "total before tax" },
        /* EN 16931's names of the document totals (BT-106, BT-109), as
         * e-invoice visualisations print them */
        { LK_SUBTOTAL, 92, "invoice total amount without vat" },
        { LK_SUBTOTAL, 90, "total amount without vat" }, { LK_SUBTOTAL, 90, "invoice total without vat" },
        { LK_SUBTOTAL, 80, "sum of invoice line net amount" },
        { LK_SUBTOTAL, 80, "sum of invoice line net amounts" },
        /* tax */
        { LK_TAX, 85, "vat" }, { LK_TAX, 80, "tax" }, { LK_TAX, 88, "sales tax" },
        { LK_TAX, 85, "gst" }, { LK_TAX, 88, "vat amount" }, { LK_TAX, 88, "tax amount" },
        { LK_TAX, 88, "total tax" }, { LK_TAX, 88, "total vat" }, { LK_TAX, 88, "total gst" },
        { LK_TAX, 88, "gst amount" }, { LK_TAX, 85, "sst" }, { LK_TAX, 85, "service tax" },
        { LK_TAX, 60, "tax value" }, { LK_TAX, 88, "total taxes" }, { LK_TAX, 88, "tax total" },
        { LK_TAX, 88, "vat total" }, { LK_TAX, 88, "total sales tax" },
        { LK_TAX, 92, "invoice total vat amount" }, { LK_TAX, 90, "total vat amount" },
        /* purchase orders */
        { LK_PO, 90, "po" }, { LK_PO, 95, "po no" }, { LK_PO, 95, "purchase order" },
        { LK_PO, 95, "purchase order no" }, { LK_PO, 80, "order no" }, { LK_PO, 75, "order" },
        { LK_PO, 85, "your order" }, { LK_PO, 85, "your order no" }, { LK_PO, 75, "your ref" },
        { LK_PO, 80, "customer po" }, { LK_PO, 85, "order ref" }, { LK_PO, 85, "order ref no" },
        { LK_PO, 85, "order reference no" }, { LK_PO, 85, "your order ref" },
        { LK_PO, 85, "your order reference" }, { LK_PO, 88, "your po" },
        { LK_PO, 88, "your po no" }, { LK_PO, 88, "customer po no" },
        { LK_PO, 80, "customer order" }, { LK_PO, 85, "customer order no" },
        { LK_PO, 88, "po ref" }, { LK_PO, 88, "po reference" },
        { LK_PO, 95, "purchase order ref" }, { LK_PO, 95, "purchase order reference" },
        { LK_PO, 80, "client po" }, { LK_PO, 85, "buyer po" }, { LK_PO, 75, "your reference" },
        { LK_PO, 80, "order reference" },
        /* the customer's block */
        { LK_CUSTOMER, 90, "bill to" }, { LK_CUSTOMER, 90, "billed to" },
        { LK_CUSTOMER, 90, "sold to" }, { LK_CUSTOMER, 85, "ship to" },
        { LK_CUSTOMER, 85, "deliver to" }, { LK_CUSTOMER, 85, "invoice to" },
        { LK_CUSTOMER, 80, "to" }, { LK_CUSTOMER, 85, "customer" }, { LK_CUSTOMER, 85, "client" },
        { LK_CUSTOMER, 85, "buyer" }, { LK_CUSTOMER, 80, "billing contact" },
        { LK_CUSTOMER, 80, "technical contact" }, { LK_CUSTOMER, 80, "licensed to" },
        { LK_CUSTOMER, 80, "guest name" }, { LK_CUSTOMER, 85, "billing address" },
        { LK_CUSTOMER, 85, "shipping address" }, { LK_CUSTOMER, 80, "attention" },
        { LK_CUSTOMER, 80, "attn" },
        /* the seller */
        { LK_SELLER, 90, "seller" }, { LK_SELLER, 90, "vendor" }, { LK_SELLER, 90, "supplier" },
        { LK_SELLER, 85, "provided by" }, { LK_SELLER, 85, "product(s) provided by" },
        { LK_SELLER, 85, "sold by" }, { LK_SELLER, 85, "from" }, { LK_SELLER, 85, "issuer" },
        /* the proprietor behind a trading name */
        { LK_OWNER, 80, "owned by" }, { LK_OWNER, 80, "operated by" },
        { LK_OWNER, 80, "managed by" }, { LK_OWNER, 80, "a division of" },
        { LK_OWNER, 80, "a subsidiary of" }, { LK_OWNER, 80, "a member of" },
        /* the payee of a transfer */
        { LK_PAYEE, 80, "account holder" }, { LK_PAYEE, 80, "account name" },
        { LK_PAYEE, 80, "beneficiary" }, { LK_PAYEE, 80, "payee" },
        { LK_PAYEE, 80, "in favor of" }, { LK_PAYEE, 80, "in favour of" },
        { LK_PAYEE, 80, "made in favor of" }, { LK_PAYEE, 80, "payable to" },
        /* payment terms */
        { LK_TERMS, 80, "terms" }, { LK_TERMS, 85, "payment terms" },
        /* currency */
        { LK_CURRENCY, 90, "currency" }, { LK_CURRENCY, 90, "payment currency" },
        /* amounts that are no total */
        { LK_NOTTOTAL, 90, "total qty" }, { LK_NOTTOTAL, 90, "total quantity" },
        { LK_NOTTOTAL, 90, "total items" }, { LK_NOTTOTAL, 90, "total item" },
        { LK_NOTTOTAL, 90, "total discount" }, { LK_NOTTOTAL, 90, "total savings" },
        { LK_NOTTOTAL, 85, "cash", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "change", .till = TILL_CHANGE },
        { LK_NOTTOTAL, 85, "tendered", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "cash tendered", .till = TILL_TENDER },
        { LK_NOTTOTAL, 85, "rounding", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 85, "round adj", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 85, "rounding adj", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 85, "rounding adjustment", .till = TILL_ROUNDING },
        { LK_NOTTOTAL, 85, "payment received", .till = TILL_TENDER }, { LK_NOTTOTAL, 85, "amount now due" },
        { LK_NOTTOTAL, 80, "discount" }, { LK_NOTTOTAL, 80, "total qty/items" },
        { LK_NOTTOTAL, 80, "qty" }, { LK_NOTTOTAL, 80, "total no" }, { LK_NOTTOTAL, 80, "visa" },
        { LK_NOTTOTAL, 80, "mastercard" }, { LK_NOTTOTAL, 80, "credit card" },
        { LK_NOTTOTAL, 80, "paid" },
        /* EN 16931: allowances and charges on the document, paid, rounding */
        { LK_NOTTOTAL, 92, "sum of allowances on document level" },
        { LK_NOTTOTAL, 92, "sum of charges on document level" },
        { LK_NOTTOTAL, 90, "paid amount" }, { LK_NOTTOTAL, 90, "prepaid amount" },
        { LK_NOTTOTAL, 88, "rounding amount", .till = TILL_ROUNDING },
        /* a table's sum carried between pages */
        { LK_CARRIED, 95, "carried forward" }, { LK_CARRIED, 95, "brought forward" },
        { LK_CARRIED, 90, "balance carried forward" },
        { LK_CARRIED, 90, "balance brought forward" }, { LK_CARRIED, 90, "c/f" },
        { LK_CARRIED, 90, "b/f" },
        /* words that only look like labels: VAT and company ids, rates, accounts */
        { LK_IGNORE, 99, "vat no" }, { LK_IGNORE, 99, "vat id" }, { LK_IGNORE, 99, "vat reg no" },
        { LK_IGNORE, 99, "vat registration no" }, { LK_IGNORE, 99, "tax id" },
        { LK_IGNORE, 99, "tax no" }, { LK_IGNORE, 99, "gst id" }, { LK_IGNORE, 99, "gst no" },
        { LK_IGNORE, 99, "gst reg no" }, { LK_IGNORE, 99, "gstin" }, { LK_IGNORE, 99, "gst reg" },
        { LK_IGNORE, 99, "tax invoice" }, { LK_IGNORE, 99, "vat invoice" },
        { LK_IGNORE, 99, "vat rate" }, { LK_IGNORE, 99, "tax rate" },
        { LK_IGNORE, 99, "vat reverse charge" }, { LK_IGNORE, 99, "invoice serial no" },
        { LK_IGNORE, 99, "invoice balance" }, { LK_IGNORE, 99, "invoice without" },
        { LK_IGNORE, 99, "invoice address" }, { LK_IGNORE, 99, "customer no" },
        { LK_IGNORE, 99, "client no" }, { LK_IGNORE, 99, "customer id" },
        { LK_IGNORE, 99, "account no" }, { LK_IGNORE, 99, "tax exempt" },
};

static const struct header_def headers[] = {
        { "description", COL_DESC }, { "item", COL_DESC }, { "items", COL_DESC },
        { "product", COL_DESC }, { "service", COL_DESC }, { "details", COL_DESC },
        { "charge", COL_DESC }, { "qty", COL_QTY }, { "quantity", COL_QTY }, { "hours", COL_QTY },
        { "hrs", COL_QTY }, { "hrs/qty", COL_QTY }, { "qty/hrs", COL_QTY }, { "units", COL_QTY }, { "unit", COL_UNIT }, { "price", COL_UNIT },
        { "rate", COL_UNIT }, { "each", COL_UNIT }, { "cost", COL_UNIT }, { "u/price", COL_UNIT }, { "unit/price", COL_UNIT },
        { "amount", COL_AMOUNT }, { "total", COL_AMOUNT }, { "subtotal", COL_AMOUNT },
        { "value", COL_AMOUNT }, { "net", COL_AMOUNT }, { "pos", COL_POS }, { "no", COL_POS }, { "nr", COL_POS },
        { "#", COL_POS }, { "discount", COL_OTHER }, { "tax", COL_OTHER }, { "vat", COL_OTHER },
        { "period", COL_OTHER }, { "date", COL_OTHER }, { "code", COL_OTHER },
        { "sku", COL_OTHER }, { "adjustment(s)", COL_OTHER }, { "disc", COL_OTHER },
};

static const char *const legal_after[] = {
        "ltd", "limited", "inc", "incorporated", "llc", "llp", "plc", "pty", "corp", "corporation",
        "co", "company", "lp", "pte", "pllc", "se", "bhd", "berhad", "sdn", "pvt", "s/b", "5/b",
        NULL,
};
static const char *const legal_before[] = {
        NULL,
};
static const char *const days[] = {
        "days", "day", "d", NULL,
};
static const char *const terms[] = {
        "net", "within", "payable", "payment", "due", NULL,
};

const struct lang_vocab lang_en =
        LANG_VOCAB("en", labels, headers, legal_after, legal_before, days, terms);
