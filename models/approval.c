/* approval.c: users and their roles, approval rules and approvals — the
 * lifecycles and names of the approval workflow's types. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

static const struct {
        enum bf_role role;
        const char *name;
} role_names[] = {
        { ROLE_CLERK, "clerk" },
        { ROLE_REVIEWER, "reviewer" },
        { ROLE_APPROVER, "approver" },
        { ROLE_ADMIN, "admin" },
};

const char *role_name(enum bf_role r)
{
        for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
                if (role_names[i].role == r)
                        return role_names[i].name;
        return "";
}

int role_from_name(const char *name)
{
        for (size_t i = 0; name && i < sizeof(role_names) / sizeof(role_names[0]); i++)
                if (strcmp(role_names[i].name, name) == 0)
                        return (int)role_names[i].role;
        return BF_EINVAL;
}

void roles_format(unsigned roles, char *buf, size_t size)
{
        size_t n = 0;

        if (size == 0)
                return;
        buf[0] = '\0';
        for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
                if (!(roles & role_names[i].role))
                        continue;
                int w = snprintf(buf + n, size - n, "%s%s", n ? ";" : "", role_names[i].name);
                if (w < 0 || (size_t)w >= size - n)
                        return;
                n += (size_t)w;
        }
}

void user_release(bf_user *u)
{
        if (!u)
                return;
        free(u->user_id);
        free(u->name);
        free(u->email);
        free(u->deputy);
        memset(u, 0, sizeof(*u));
}

void approval_rule_release(bf_approval_rule *r)
{
        if (!r)
                return;
        free(r->vendor_id);
        free(r->account);
        free(r->approver);
        free(r->cost_centre);
        memset(r, 0, sizeof(*r));
}

const char *approval_state_name(enum bf_approval_state st)
{
        switch (st) {
        case APPROVAL_PENDING: return "pending";
        case APPROVAL_APPROVED: return "approved";
        case APPROVAL_DECLINED: return "declined";
        case APPROVAL_WITHDRAWN: return "withdrawn";
        }
        return "unknown";
}

void approval_release(bf_approval *a)
{
        if (!a)
                return;
        free(a->approver);
        free(a->escalated_to);
        free(a->vendor);
        free(a->invoice_number);
        free(a->created_at);
        free(a->level_at);
        free(a->reminded_at);
        free(a->escalated_at);
        free(a->decided_at);
        free(a->decided_by);
        free(a->reason);
        memset(a, 0, sizeof(*a));
}
