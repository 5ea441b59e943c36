/* export.h: posted journal entries in the formats accounting systems read —
 * beancount, ledger/hledger journal, CSV, QuickBooks IIF, Xero bills CSV,
 * JSON Lines. Pure formatting: entries in, text out. */
#ifndef BILLFLOW_EXPORT_H
#define BILLFLOW_EXPORT_H

#include "models/models.h"

enum bf_export_format {
        EXPORT_BEANCOUNT = 0,
        EXPORT_LEDGER,
        EXPORT_CSV,
        EXPORT_IIF,
        EXPORT_XERO,
        EXPORT_JSON,
        EXPORT__COUNT,
};
/* The format for a name ("beancount", "ledger", "csv", "iif", "xero",
 * "json"), or BF_EINVAL. */
int export_format_from_name(const char *name);
const char *export_format_name(enum bf_export_format f); /* static */

/* One entry to export, with its invoice when there is one (for due dates
 * and the name read from the document) and the vendor master's name. All
 * borrowed; everything but entry may be NULL. */
struct export_item {
        const bf_journal_entry *entry;
        const bf_invoice *invoice;
        const char *vendor_name;        /* the vendor master's name */
        const char *document_file;      /* the document's original file name */
        const char *document_sha256;
};

/* The ledger accounts billflow posts to, so formats that model bills
 * (IIF, Xero) can tell the payable and the tax postings from the lines. */
struct export_accounts {
        const char *payable;    /* e.g. "Liabilities:AccountsPayable" */
        const char *tax;        /* e.g. "Assets:InputTax" */
        const char *bank;       /* payments' account (pay.bank_account); may be NULL */
};

/* Renders the items in `fmt`, in the order given. The vendor is the master
 * name, else the name read from the document, else the vendor id. Text
 * from documents is sanitised for each format (no newlines, tabs or quotes
 * that would break a record; account names made valid where the format
 * demands it; CSV text cells a spreadsheet would run as a formula start
 * with '). Output depends on the items only, so the same items render the
 * same bytes. Returns a new string the caller frees with g_free(). */
char *export_render(enum bf_export_format fmt, const struct export_item *items, size_t n,
                    const struct export_accounts *acc);

/* ------------------------------------------------------- bank files (sepa.c) */

/* The paying account (pay.name, pay.iban, pay.bic; bic may be NULL). */
struct export_debtor {
        const char *name, *iban, *bic;
};

/* The versions of the SEPA credit transfer message billflow writes. */
enum export_pain {
        EXPORT_PAIN_03,      /* pain.001.001.03, the EPC's long-standing version */
        EXPORT_PAIN_09,      /* pain.001.001.09 (BICFI, ReqdExctnDt/Dt) */
};
/* "pain.001.001.03" or "pain.001.001.09" (static), NULL for no version. */
const char *export_pain_name(enum export_pain v);

/* A payment run as a SEPA credit transfer, ISO 20022 pain.001 in `version`: one
 * group header and one payment information block (control sums and counts
 * of the run), one transfer per payment with its end-to-end id, the
 * vendor's IBAN (and BIC when known) and the invoice numbers it settles
 * ("credit" before a credit note's) as unstructured remittance text of at
 * most 140 characters. created_at is the ISO date-time of the message.
 * The XML is validated against that version's official schema
 * (export/xsd/, built in) before it is returned: NULL and err when it would not pass,
 * when a payment is not in euros or lacks an IBAN, or when the debtor's
 * name or IBAN is missing. The caller frees the text with g_free(). */
char *export_payments_sepa(const bf_pay_run *run, const struct export_debtor *debtor,
                           const char *created_at, enum export_pain version, struct bf_error *err);
/* Validates a pain.001 document against the built-in schema of `version`:
 * 0, or BF_EINVAL with libxml2's first complaint in err. */
int export_sepa_validate(const char *xml, size_t len, enum export_pain version, struct bf_error *err);
/* The run as CSV (RFC 4180, CRLF, header row): end_to_end, vendor_id,
 * vendor, iban, bic, amount, currency, discount, execution_date,
 * remittance; any currency. The caller frees the text with g_free(). */
char *export_payments_csv(const bf_pay_run *run);

#endif
