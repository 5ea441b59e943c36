/* tui-bank.c: the bank queue in the review UI — statement lines that
 * matched nothing, returned payments and amounts that differ, cleared by
 * hand through pipeline_bank_match() (the code path of `billflow bank match`). */
#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"

static const char bank_hints[] =
        "↑↓ move  p payment  d bill  i ignore  R reload  q back  ? help";

void tui_bank_free(struct tui *t)
{
        pipeline_bank_lines_free(t->blines, t->n_blines);
        t->blines = NULL;
        t->n_blines = 0;
}

int tui_bank_load(struct tui *t)
{
        struct bf_error err = { 0 };

        tui_bank_free(t);
        if (pipeline_bank_lines_list(t->app, true, &t->blines, &t->n_blines, &err) < 0) {
                tui_set_msg(t, TUI_MSG_ERR, "%s", err.msg);
                return -1;
        }
        if (t->bsel >= t->n_blines)
                t->bsel = t->n_blines ? t->n_blines - 1 : 0;
        return 0;
}

void tui_bank_draw(struct tui *t)
{
        WINDOW *w = t->head;
        int h = t->rows - 4, wide = t->cols - 48;
        char buf[256];

        if (wide < 20)
                wide = 20;
        werase(w);
        wmove(w, 0, 0);
        wattron(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);
        snprintf(buf, sizeof(buf), " billflow review · bank queue · %zu open", t->n_blines);
        tui_put_pad(w, buf, t->cols);
        wattroff(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);
        wmove(w, 2, 0);
        wattron(w, A_BOLD | A_UNDERLINE);
        tui_put_pad(w, "  LINE DATE       ", 18);
        tui_put_right(w, "AMOUNT", 12);
        tui_put_pad(w, "  REASON            ", 18);
        tui_put_pad(w, "DETAIL", t->cols - 48 > 0 ? t->cols - 48 : 1);
        wattroff(w, A_BOLD | A_UNDERLINE);
        wnoutrefresh(w);

        if (t->bsel < t->btop)
                t->btop = t->bsel;
        else if (h > 0 && t->bsel >= t->btop + (size_t)h)
                t->btop = t->bsel - (size_t)h + 1;
        werase(t->list);
        if (!t->n_blines) {
                wmove(t->list, 1, 2);
                tui_put(t->list, "no open bank lines: the bank queue is clear", t->cols - 4);
        }
        for (int y = 0; y < h && t->btop + (size_t)y < t->n_blines; y++) {
                size_t i = t->btop + (size_t)y;
                const bf_bank_line *l = &t->blines[i];
                char d[16] = "-", a[32], head[32];
                bool sel = i == t->bsel;
                date_format(l->booking_date, d, sizeof(d));
                money_format(l->amount, a, sizeof(a));
                snprintf(head, sizeof(head), "%c%5" PRId64 " %-10s ", sel ? '>' : ' ', l->id, d);
                if (sel)
                        wattron(t->list, A_REVERSE);
                wmove(t->list, y, 0);
                tui_put_pad(t->list, head, 18);
                tui_put_right(t->list, a, 12);
                tui_put(t->list, "  ", 2);
                tui_put_pad(t->list, l->reason ? l->reason : "-", 18);
                tui_put_pad(t->list, l->detail ? l->detail : "", wide);
                if (sel)
                        wattroff(t->list, A_REVERSE);
        }
        wnoutrefresh(t->list);
        tui_draw_foot(t, bank_hints);
}

static void match(struct tui *t, enum bank_match_kind kind)
{
        const bf_bank_line *l = t->n_blines ? &t->blines[t->bsel] : NULL;
        struct bf_error err = { 0 };
        char *answer = NULL, initial[32] = "";
        int64_t target = 0, id;
        const char *label;

        if (!l)
                return;
        id = l->id;
        if (kind == BANK_MATCH_PAYMENT && l->payment_id)
                snprintf(initial, sizeof(initial), "%" PRId64, l->payment_id);
        label = kind == BANK_MATCH_PAYMENT ? "payment id: " : kind == BANK_MATCH_DOCUMENT ? "bill (document id): "
                                                                                          : "ignore, why: ";
        if (!tui_prompt(t, label, initial[0] ? initial : NULL, &answer)) {
                tui_bank_draw(t);
                return;
        }
        if (kind != BANK_MATCH_IGNORE) {
                if (!record_id_parse(answer, &target)) {
                        tui_set_msg(t, TUI_MSG_ERR, "'%s' is not an id", answer);
                        free(answer);
                        tui_bank_draw(t);
                        return;
                }
        }
        if (pipeline_bank_match(t->app, id, kind, target, kind == BANK_MATCH_IGNORE ? answer : NULL, &err) < 0)
                tui_set_msg(t, TUI_MSG_ERR, "%s", err.msg);
        else
                tui_set_msg(t, TUI_MSG_OK, "bank line %" PRId64 " %s", id,
                            kind == BANK_MATCH_IGNORE ? "ignored" : "matched");
        free(answer);
        tui_bank_load(t);
        tui_bank_draw(t);
}

void tui_bank_key(struct tui *t, wint_t k, bool fn)
{
        t->msg[0] = '\0';
        if (fn) {
                if (k == KEY_DOWN && t->bsel + 1 < t->n_blines)
                        t->bsel++;
                else if (k == KEY_UP && t->bsel > 0)
                        t->bsel--;
                else if (k == KEY_LEFT) {
                        t->in_bank = false;
                        tui_redraw(t);
                        return;
                }
                tui_bank_draw(t);
                return;
        }
        switch (k) {
        case 'j': if (t->bsel + 1 < t->n_blines) t->bsel++; break;
        case 'k': if (t->bsel > 0) t->bsel--; break;
        case 'p': match(t, BANK_MATCH_PAYMENT); return;
        case 'd': match(t, BANK_MATCH_DOCUMENT); return;
        case 'i': match(t, BANK_MATCH_IGNORE); return;
        case 'R': tui_bank_load(t); break;
        case 'q':
        case 27:
                t->in_bank = false;
                tui_queue_load(t);
                tui_redraw(t);
                return;
        default: break;
        }
        tui_bank_draw(t);
}
