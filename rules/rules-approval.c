/* rules-approval.c: who must approve an invoice — the approval rules and
 * the configuration's thresholds, level after level. Pure. */
#include <string.h>

#include "rules/rules.h"

static bool has_account(const char *account, const bf_vendor *vendor, const bf_po *po)
{
        if (vendor && vendor->default_account && strcmp(vendor->default_account, account) == 0)
                return true;
        for (size_t i = 0; po && i < po->n_lines; i++)
                if (po->lines[i].account && strcmp(po->lines[i].account, account) == 0)
                        return true;
        return false;
}

const char *rules_cost_centre(const bf_vendor *vendor, const bf_po *po)
{
        if (po && po->cost_centre && po->cost_centre[0])
                return po->cost_centre;
        if (vendor && vendor->cost_centre && vendor->cost_centre[0])
                return vendor->cost_centre;
        return NULL;
}

static bool rule_matches(const bf_approval_rule *r, const bf_invoice *inv, bf_decimal total,
                         const bf_vendor *vendor, const bf_po *po)
{
        if (r->currency[0] && strcmp(r->currency, inv->total.currency) != 0)
                return false;
        if (r->has_min && decimal_cmp(total, r->min_amount) <= 0)
                return false;
        if (r->has_max && decimal_cmp(total, r->max_amount) > 0)
                return false;
        if (r->vendor_id && (!inv->vendor_id || strcmp(r->vendor_id, inv->vendor_id) != 0))
                return false;
        if (r->account && !has_account(r->account, vendor, po))
                return false;
        if (r->cost_centre) {
                const char *cc = rules_cost_centre(vendor, po);
                if (!cc || strcmp(r->cost_centre, cc) != 0)
                        return false;
        }
        return true;
}

void rules_route_approval(const bf_invoice *inv, const bf_vendor *vendor, const bf_po *po,
                          const bf_approval_rule *rules, size_t n_rules,
                          const struct approval_policy *pol, struct approval_route *ret)
{
        bf_decimal total;

        memset(ret, 0, sizeof(*ret));
        if (!inv->meta[FIELD_TOTAL].present)
                return;
        total = decimal_from_money(inv->total);
        if (po && pol->has_auto_below && decimal_cmp(total, pol->auto_below) < 0)
                return;
        for (int level = 1; level <= RULES_MAX_APPROVAL_LEVELS; level++) {
                for (size_t i = 0; i < n_rules; i++) {
                        if (rules[i].level != level || !rule_matches(&rules[i], inv, total, vendor, po))
                                continue;
                        ret->approver[ret->levels++] = rules[i].approver;
                        break;
                }
        }
        if (ret->levels == 0 && pol->has_required_above &&
            decimal_cmp(total, pol->required_above) > 0)
                ret->levels = 1;
}
