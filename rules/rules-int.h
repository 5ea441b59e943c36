/* rules-int.h: helpers shared by the rules module's own files (checks,
 * PO-line matching, the journal entry); not for other modules. */
#ifndef BILLFLOW_RULES_INT_H
#define BILLFLOW_RULES_INT_H

#include "rules/rules.h"

/* The currency the invoice is settled in: the invoice's, else its total's,
 * else the PO's, else the vendor's; "" when none is known. Borrowed. */
const char *rules_currency(const bf_invoice *inv, const bf_po *po, const bf_vendor *vendor);

/* Tolerances and limits, the vendor's override first, then cfg. */
bf_decimal rules_price_tolerance(const struct rules_config *cfg, const bf_vendor *vendor);
bf_decimal rules_amount_tolerance(const struct rules_config *cfg, const bf_vendor *vendor);
bool rules_auto_post_limit(const struct rules_config *cfg, const bf_vendor *vendor,
                           bf_decimal *ret_limit);

/* A line's net amount: its printed amount, else quantity * unit price
 * rounded to currency's minor units. Returns 1 and fills ret, 0 when the
 * line carries no amount, BF_EINVAL on overflow. */
int rules_line_value(const bf_invoice_line *line, const char *currency, bf_money *ret);

/* |d|; BF_EINVAL when it does not fit. */
int rules_decimal_abs(bf_decimal d, bf_decimal *ret);
/* True when |diff| <= tolerance (false too when |diff| does not fit). */
bool rules_money_within(bf_money diff, bf_decimal tolerance);

/* Lines printed with their tax (a shop's receipt): tax is not zero, and
 * the lines add up to the total itself (within tolerance), not to the
 * total less the tax (lines + tax = total is checked first and wins). */
bool rules_lines_gross(bf_money lines, bf_money tax, bf_money total, bf_decimal tolerance);

/* v * num / den rounded half away from zero into *ret; false when den is
 * not positive or a step overflows. */
bool rules_scale_minor(int64_t v, int64_t num, int64_t den, int64_t *ret);

/* a / b rounded half away from zero to `places` decimals (display only:
 * percentages and derived unit prices in details). Returns false when b is
 * zero or the result does not fit. */
bool rules_decimal_div(bf_decimal a, bf_decimal b, int places, bf_decimal *ret);

/* Formats d with at least min_places decimals ("103.5" -> "103.50"); "?"
 * if it cannot be formatted. */
void rules_format_decimal(bf_decimal d, int min_places, char *buf, size_t size);

#endif
