/* rules-util.c: currency, tolerance and exact-arithmetic helpers shared by
 * the checks and the journal entry. */
#include <stdio.h>
#include <string.h>

#include "rules/rules-int.h"

const char *rules_currency(const bf_invoice *inv, const bf_po *po, const bf_vendor *vendor)
{
        if (inv && inv->currency[0])
                return inv->currency;
        if (inv && inv->total.currency[0])
                return inv->total.currency;
        if (po && po->currency[0])
                return po->currency;
        if (vendor && vendor->currency[0])
                return vendor->currency;
        return "";
}

bf_decimal rules_price_tolerance(const struct rules_config *cfg, const bf_vendor *vendor)
{
        if (vendor && vendor->has_price_tolerance_pct)
                return vendor->price_tolerance_pct;
        return cfg->price_tolerance_pct;
}

bf_decimal rules_amount_tolerance(const struct rules_config *cfg, const bf_vendor *vendor)
{
        if (vendor && vendor->has_amount_tolerance)
                return vendor->amount_tolerance;
        return cfg->amount_tolerance;
}

bool rules_auto_post_limit(const struct rules_config *cfg, const bf_vendor *vendor,
                           bf_decimal *ret_limit)
{
        if (vendor && vendor->has_auto_post_limit) {
                *ret_limit = vendor->auto_post_limit;
                return true;
        }
        if (cfg->has_auto_post_limit) {
                *ret_limit = cfg->auto_post_limit;
                return true;
        }
        return false;
}

int rules_line_value(const bf_invoice_line *line, const char *currency, bf_money *ret)
{
        bf_decimal product;
        bf_money m;

        if (line->has_amount) {
                m = line->amount;
                if (!m.currency[0])
                        snprintf(m.currency, sizeof(m.currency), "%s", currency);
                *ret = m;
                return 1;
        }
        if (!line->has_quantity || !line->has_unit_price)
                return 0;
        if (decimal_mul(line->quantity, line->unit_price, &product) < 0 ||
            decimal_to_money(product, currency, &m) < 0)
                return BF_EINVAL;
        *ret = m;
        return 1;
}

int rules_decimal_abs(bf_decimal d, bf_decimal *ret)
{
        if (d.units == INT64_MIN)
                return BF_EINVAL;
        if (d.units < 0)
                d.units = -d.units;
        *ret = d;
        return 0;
}

bool rules_money_within(bf_money diff, bf_decimal tolerance)
{
        bf_money zero = { 0 }, abs_diff;

        memcpy(zero.currency, diff.currency, sizeof(zero.currency));
        if (diff.minor < 0) {
                if (money_sub(zero, diff, &abs_diff) < 0)
                        return false;
        } else {
                abs_diff = diff;
        }
        return decimal_cmp(decimal_from_money(abs_diff), tolerance) <= 0;
}

bool rules_lines_gross(bf_money lines, bf_money tax, bf_money total, bf_decimal tolerance)
{
        bf_money with_tax, diff;

        if (tax.minor == 0 || money_sub(lines, total, &diff) < 0 || !rules_money_within(diff, tolerance))
                return false;
        return money_add(lines, tax, &with_tax) < 0 || money_sub(with_tax, total, &diff) < 0 ||
               !rules_money_within(diff, tolerance);
}

bool rules_scale_minor(int64_t v, int64_t num, int64_t den, int64_t *ret)
{
        int64_t p, q, r;

        if (den <= 0 || __builtin_mul_overflow(v, num, &p))
                return false;
        q = p / den;
        r = p % den;
        /* |r| >= den - |r|: half or more away from zero */
        if (r != 0 && (r < 0 ? -r : r) >= den - (r < 0 ? -r : r))
                q += p < 0 ? -1 : 1;
        *ret = q;
        return true;
}

/* v * 10^exp, false on overflow. */
static bool rules_scale_up(int64_t v, int exp, int64_t *ret)
{
        for (int i = 0; i < exp; i++)
                if (__builtin_mul_overflow(v, 10, &v))
                        return false;
        *ret = v;
        return true;
}

bool rules_decimal_div(bf_decimal a, bf_decimal b, int places, bf_decimal *ret)
{
        int64_t num, den, q, r;

        /* (a.units / 10^as) / (b.units / 10^bs) * 10^places
         *   = a.units * 10^(bs + places) / (b.units * 10^as) */
        if (b.units == 0 || places < 0 || places > BF_DECIMAL_MAX_SCALE)
                return false;
        if (!rules_scale_up(a.units, b.scale + places, &num) ||
            !rules_scale_up(b.units, a.scale, &den))
                return false;
        if (num == INT64_MIN || den == INT64_MIN)
                return false;
        q = num / den;
        r = num % den;
        if (r < 0)
                r = -r;
        if (den < 0)
                den = -den;
        /* Half away from zero: |r| >= |den| - |r| without overflowing. */
        if (r >= den - r)
                q += ((num < 0) != (b.units < 0)) ? -1 : 1;
        *ret = (bf_decimal){ .units = q, .scale = places };
        return true;
}

void rules_format_decimal(bf_decimal d, int min_places, char *buf, size_t size)
{
        size_t len, have;
        char *dot;

        if (size < 2)
                return;
        if (decimal_format(d, buf, size) < 0) {
                snprintf(buf, size, "?");
                return;
        }
        if (min_places <= 0)
                return;
        len = strlen(buf);
        dot = strchr(buf, '.');
        if (dot) {
                have = len - (size_t)(dot - buf) - 1;
        } else {
                if (len + 1 >= size)
                        return;
                buf[len++] = '.';
                buf[len] = '\0';
                have = 0;
        }
        while (have < (size_t)min_places && len + 1 < size) {
                buf[len++] = '0';
                buf[len] = '\0';
                have++;
        }
}
