/* tui-approvals.c: the review UI's approvals view — pending approvals,
 * oldest first, approved or declined with one key through pipeline_approval_decide,
 * the code path of `billflow approve` and `billflow decline`. */
#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"

static const char approvals_hints[] =
        "a approve  d decline  m mine/all  R reload  Esc/q queue  ? help";

static int list_height(struct tui *t)
{
        return t->rows - 4;
}

static void load(struct tui *t)
{
        struct bf_error err = { 0 };

        pipeline_approvals_list_free(t->appr, t->n_appr);
        t->appr = NULL;
        t->n_appr = 0;
        if (pipeline_approvals_list(t->app, t->appr_mine, &t->appr, &t->n_appr, &err) < 0)
                tui_set_msg(t, TUI_MSG_ERR, "cannot load approvals: %s", err.msg);
        if (t->appr_sel >= t->n_appr)
                t->appr_sel = t->n_appr ? t->n_appr - 1 : 0;
}

void tui_approvals_free(struct tui *t)
{
        pipeline_approvals_list_free(t->appr, t->n_appr);
        t->appr = NULL;
        t->n_appr = 0;
}

void tui_approvals_open(struct tui *t)
{
        t->in_approvals = true;
        t->appr_sel = 0;
        t->appr_top = 0;
        load(t);
        tui_approvals_draw(t);
}

void tui_approvals_draw(struct tui *t)
{
        WINDOW *w = t->head, *l = t->list;
        int h = list_height(t), wv = t->cols > 100 ? 28 : 20, wn = 14, wa = 16, wage = 5;
        int wwho = t->cols - 1 - 6 - wage - 1 - wv - 1 - wn - 1 - wa - 2;
        char buf[128];

        werase(w);
        wattron(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);
        wmove(w, 0, 0);
        snprintf(buf, sizeof(buf), " billflow approvals%s - %s ", t->appr_mine ? " (mine)" : "",
                 t->app->user);
        tui_put_pad(w, buf, t->cols);
        wattroff(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);
        wmove(w, 1, 0);
        snprintf(buf, sizeof(buf), "%zu pending%s", t->n_appr, t->appr_mine ? " that you may approve" : "");
        tui_put(w, buf, t->cols - 1);
        wmove(w, 2, 0);
        wattron(w, A_BOLD | A_UNDERLINE);
        waddch(w, ' ');
        tui_put_pad(w, "ID", 6);
        tui_put_pad(w, "AGE", wage + 1);
        tui_put_pad(w, "VENDOR", wv + 1);
        tui_put_pad(w, "INVOICE", wn + 1);
        tui_put_right(w, "AMOUNT", wa);
        tui_put_pad(w, "  MUST ACT", wwho + 2);
        wattroff(w, A_BOLD | A_UNDERLINE);
        wnoutrefresh(w);

        if (t->appr_sel < t->appr_top)
                t->appr_top = t->appr_sel;
        else if (t->appr_sel >= t->appr_top + (size_t)h)
                t->appr_top = t->appr_sel - (size_t)h + 1;
        werase(l);
        if (t->n_appr == 0) {
                wmove(l, 1, 2);
                tui_put(l, t->appr_mine ? "nothing waits for your approval"
                                        : "no approvals are pending", t->cols - 4);
        }
        for (int y = 0; y < h && t->appr_top + (size_t)y < t->n_appr; y++) {
                size_t pos = t->appr_top + (size_t)y;
                const struct bf_approval_view *v = &t->appr[pos];
                char age[16], amount[48], id[24], money[32] = "";
                bool sel = pos == t->appr_sel;

                pipeline_age_text(v->a.created_at, 0, age, sizeof(age));
                money_format(v->a.amount, money, sizeof(money));
                snprintf(amount, sizeof(amount), "%s %s", money, v->a.amount.currency);
                snprintf(id, sizeof(id), "%" PRId64, v->a.id);
                if (sel)
                        wattron(l, A_REVERSE);
                wmove(l, y, 0);
                waddch(l, sel ? '>' : ' ');
                tui_put_pad(l, id, 6);
                tui_put_pad(l, age, wage + 1);
                tui_put_pad(l, v->a.vendor ? v->a.vendor : "-", wv);
                waddch(l, ' ');
                tui_put_pad(l, v->a.invoice_number ? v->a.invoice_number : "-", wn);
                waddch(l, ' ');
                tui_put_right(l, amount, wa);
                tui_put(l, "  ", 2);
                tui_put_pad(l, v->must_act, wwho);
                if (sel)
                        wattroff(l, A_REVERSE);
        }
        wnoutrefresh(l);
        tui_draw_foot(t, approvals_hints);
}

/* Approves or declines the selected approval: pipeline_approval_decide, as the
 * command line does. */
static void decide(struct tui *t, bool approve)
{
        const struct bf_approval_view *v;
        struct bf_error err = { 0 };
        struct bf_result res;
        char *reason = NULL, q[160];
        int64_t id;

        if (t->n_appr == 0)
                return;
        v = &t->appr[t->appr_sel];
        id = v->a.id;
        if (approve) {
                snprintf(q, sizeof(q), "approve %" PRId64 " (%s)? [y/N] ",
                         id, v->a.invoice_number ? v->a.invoice_number : "-");
                if (!tui_confirm(t, q)) {
                        tui_approvals_draw(t);
                        return;
                }
        } else if (!tui_prompt(t, "decline: reason: ", NULL, &reason) || !*reason) {
                free(reason);
                tui_set_msg(t, TUI_MSG_INFO, "not declined: a reason is needed");
                tui_approvals_draw(t);
                return;
        }
        if (pipeline_approval_decide(t->app, id, approve, reason, &res, &err) < 0)
                tui_set_msg(t, TUI_MSG_ERR, "cannot %s %" PRId64 ": %s", approve ? "approve" : "decline",
                            id, err.msg);
        else if (!approve)
                tui_set_msg(t, TUI_MSG_OK, "approval %" PRId64 " declined: queued as exception %" PRId64,
                            id, res.exception_id);
        else if (res.outcome == OUTCOME_POSTED)
                tui_set_msg(t, TUI_MSG_OK, "approval %" PRId64 " approved: posted as entry %" PRId64,
                            id, res.entry_id);
        else if (res.outcome == OUTCOME_AWAITING_APPROVAL)
                tui_set_msg(t, TUI_MSG_OK, "approval %" PRId64 " approved at this level: waits for the next",
                            id);
        else
                tui_set_msg(t, TUI_MSG_INFO, "approval %" PRId64 " approved; the checks now stop it: queued",
                            id);
        pipeline_result_release(&res);
        free(reason);
        t->stale = true;
        load(t);
        tui_approvals_draw(t);
}

void tui_approvals_key(struct tui *t, wint_t k, bool fn)
{
        t->msg[0] = '\0';
        if (fn) {
                if (k == KEY_DOWN && t->appr_sel + 1 < t->n_appr)
                        t->appr_sel++;
                else if (k == KEY_UP && t->appr_sel > 0)
                        t->appr_sel--;
                tui_approvals_draw(t);
                return;
        }
        switch (k) {
        case 'j':
                if (t->appr_sel + 1 < t->n_appr)
                        t->appr_sel++;
                break;
        case 'k':
                if (t->appr_sel > 0)
                        t->appr_sel--;
                break;
        case 'a':
                decide(t, true);
                return;
        case 'd':
                decide(t, false);
                return;
        case 'm':
                t->appr_mine = !t->appr_mine;
                t->appr_sel = 0;
                load(t);
                break;
        case 'R':
                load(t);
                break;
        case 27:  /* Esc */
        case 'q':
                t->in_approvals = false;
                tui_approvals_free(t);
                tui_queue_load(t);
                tui_redraw(t);
                return;
        default:
                break;
        }
        tui_approvals_draw(t);
}
