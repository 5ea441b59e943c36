/* tui-queue.c: the queue screen — open exceptions oldest first, a filter
 * by reason or vendor, counts per reason; only visible rows are drawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"

static const char queue_hints[] =
        "Enter open  j/k move  / filter  A approvals  b bank  R reload  ? help  q quit";

static void free_rows(struct tui *t)
{
        for (size_t i = 0; i < t->n_excs && t->qrows; i++) {
                g_free(t->qrows[i].reasons);
                g_free(t->qrows[i].holder);
                g_free(t->qrows[i].fold);
        }
        g_free(t->qrows);
        t->qrows = NULL;
        exceptions_free(t->excs, t->n_excs);
        t->excs = NULL;
        t->n_excs = 0;
        g_free(t->view);
        t->view = NULL;
        t->n_view = 0;
}

void tui_queue_free(struct tui *t)
{
        free_rows(t);
}

static int claim_cmp(const void *key, const void *elem)
{
        int64_t id = *(const int64_t *)key, other = ((const bf_claim *)elem)->exception_id;
        return id < other ? -1 : id > other;
}

/* Rebuilds the view from the filter. */
static void apply_filter(struct tui *t)
{
        char *needle = t->filter && *t->filter ? g_utf8_casefold(t->filter, -1) : NULL;

        g_free(t->view);
        t->view = g_new0(size_t, t->n_excs ? t->n_excs : 1);
        t->n_view = 0;
        for (size_t i = 0; i < t->n_excs; i++)
                if (!needle || strstr(t->qrows[i].fold, needle))
                        t->view[t->n_view++] = i;
        g_free(needle);
}

int tui_queue_load(struct tui *t)
{
        struct bf_error err = { 0 };
        bf_exception *list = NULL;
        bf_claim *claims = NULL;
        size_t n = 0, n_claims = 0;
        int64_t keep = 0;
        size_t keep_pos = t->sel;
        int64_t now;

        if (t->n_view && t->sel < t->n_view)
                keep = t->excs[t->view[t->sel]].id;
        if (pipeline_exceptions_open(t->app, &list, &n, &err) < 0 ||
            pipeline_review_claims(t->app, &claims, &n_claims, &err) < 0) {
                exceptions_free(list, n);
                tui_set_msg(t, TUI_MSG_ERR, "cannot load the queue: %s", err.msg);
                return -1;
        }
        free_rows(t);
        t->excs = list;
        t->n_excs = n;
        t->qrows = g_new0(struct tui_row, n ? n : 1);
        memset(t->counts, 0, sizeof(t->counts));
        now = g_get_real_time();
        for (size_t i = 0; i < n; i++) {
                struct tui_row *row = &t->qrows[i];
                const bf_exception *e = &list[i];
                GString *rs = g_string_new(NULL);
                const bf_claim *c;
                char *fold_src;

                row->exc = e;
                pipeline_age_text(e->created_at, now, row->age, sizeof(row->age));
                for (size_t k = 0; k < e->n_reasons; k++) {
                        g_string_append_printf(rs, "%s%s", k ? "," : "",
                                               reason_name(e->reasons[k].reason));
                        if ((unsigned)e->reasons[k].reason < REASON__COUNT)
                                t->counts[e->reasons[k].reason]++;
                }
                row->reasons = g_string_free(rs, FALSE);
                c = bsearch(&e->id, claims, n_claims, sizeof(*claims), claim_cmp);
                if (c && strcmp(c->user, t->app->user) != 0)
                        row->holder = g_strdup(c->user);
                fold_src = g_strdup_printf("%s\n%s\n%s", e->vendor ? e->vendor : "", row->reasons,
                                           e->invoice_number ? e->invoice_number : "");
                row->fold = g_utf8_casefold(fold_src, -1);
                g_free(fold_src);
        }
        claims_free(claims, n_claims);
        /* the bank lines of the queue are cleared in the bank view; the
         * title says how many wait there */
        bf_bank_line *lines = NULL;
        size_t n_lines = 0;
        t->n_bank_open = pipeline_bank_lines_list(t->app, true, &lines, &n_lines, &err) == 0 ? n_lines : 0;
        pipeline_bank_lines_free(lines, n_lines);
        apply_filter(t);
        /* Keep the selection on the same exception, else at the same place. */
        t->sel = keep_pos < t->n_view ? keep_pos : (t->n_view ? t->n_view - 1 : 0);
        for (size_t i = 0; keep && i < t->n_view; i++)
                if (t->excs[t->view[i]].id == keep) {
                        t->sel = i;
                        break;
                }
        return 0;
}

static int list_height(struct tui *t)
{
        return t->rows - 4;
}

/* Column widths for the current terminal width. */
struct cols {
        int age, vendor, number, total, reasons;
};

static struct cols columns(struct tui *t)
{
        struct cols c = { .age = 5, .number = 14, .total = 14 };
        int rest = t->cols - (1 + c.age + 1 + c.number + 1 + c.total + 2) - 1;

        if (rest < 16)
                rest = 16;
        c.vendor = rest / 2;
        c.reasons = rest - c.vendor;
        return c;
}

static void draw_head(struct tui *t)
{
        WINDOW *w = t->head;
        struct cols c = columns(t);
        char buf[256];
        size_t order[REASON__COUNT];
        size_t n_order = 0;
        int x;

        werase(w);
        wmove(w, 0, 0);
        wattron(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);
        char bank[64] = "";
        if (t->n_bank_open)
                snprintf(bank, sizeof(bank), " · %zu bank line%s (b)", t->n_bank_open, t->n_bank_open == 1 ? "" : "s");
        if (t->filter && *t->filter)
                snprintf(buf, sizeof(buf), " billflow review · %s · %zu open · %zu shown%s", t->app->user,
                         t->n_excs, t->n_view, bank);
        else
                snprintf(buf, sizeof(buf), " billflow review · %s · %zu open%s", t->app->user, t->n_excs, bank);
        tui_put_pad(w, buf, t->cols);
        wattroff(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);

        /* Counts per reason, the commonest first. */
        for (size_t r = 0; r < REASON__COUNT; r++)
                if (t->counts[r])
                        order[n_order++] = r;
        for (size_t i = 1; i < n_order; i++)
                for (size_t j = i; j > 0 && t->counts[order[j]] > t->counts[order[j - 1]]; j--) {
                        size_t tmp = order[j];
                        order[j] = order[j - 1];
                        order[j - 1] = tmp;
                }
        wmove(w, 1, 0);
        x = 0;
        if (t->filter && *t->filter) {
                wattron(w, A_BOLD);
                x += tui_put(w, "filter: ", t->cols - x);
                x += tui_put(w, t->filter, t->cols / 3);
                wattroff(w, A_BOLD);
                x += tui_put(w, "  ", t->cols - x);
        }
        if (!n_order)
                tui_put(w, t->n_bank_open ? "no invoices waiting; bank lines: b" : "queue empty", t->cols - x);
        for (size_t i = 0; i < n_order && x < t->cols - 1; i++) {
                snprintf(buf, sizeof(buf), "%s%s %zu", i ? " · " : "", reason_name((enum bf_reason)order[i]),
                         t->counts[order[i]]);
                x += tui_put(w, buf, t->cols - 1 - x);
        }

        wmove(w, 2, 0);
        wattron(w, A_BOLD | A_UNDERLINE);
        waddch(w, ' ');
        tui_put_pad(w, "AGE", c.age + 1);
        tui_put_pad(w, "VENDOR", c.vendor + 1);
        tui_put_pad(w, "INVOICE", c.number + 1);
        tui_put_right(w, "TOTAL", c.total);
        tui_put_pad(w, "  REASONS", c.reasons + 2);
        wattroff(w, A_BOLD | A_UNDERLINE);
        wnoutrefresh(w);
}

/* Draws list row y (view position top + y). */
static void draw_row(struct tui *t, int y)
{
        WINDOW *w = t->list;
        size_t pos = t->top + (size_t)y;
        struct cols c = columns(t);
        const struct tui_row *row;
        bool sel;

        tui_clear_row(w, y, 0);
        if (pos >= t->n_view)
                return;
        row = &t->qrows[t->view[pos]];
        sel = pos == t->sel;
        if (sel)
                wattron(w, A_REVERSE);
        wmove(w, y, 0);
        waddch(w, sel ? '>' : ' ');
        tui_put_pad(w, row->age, c.age + 1);
        tui_put_pad(w, row->exc->vendor ? row->exc->vendor : "-", c.vendor);
        waddch(w, ' ');
        tui_put_pad(w, row->exc->invoice_number ? row->exc->invoice_number : "-", c.number);
        waddch(w, ' ');
        tui_put_right(w, row->exc->total ? row->exc->total : "-", c.total);
        tui_put(w, "  ", 2);
        if (row->holder) {
                char who[64];
                int a = tui_attr(t, TUI_C_TAKEN);
                snprintf(who, sizeof(who), "[%s] ", row->holder);
                wattron(w, a);
                c.reasons -= tui_put(w, who, c.reasons);
                wattroff(w, a);
                if (sel)
                        wattron(w, A_REVERSE);
        }
        tui_put_pad(w, row->reasons, c.reasons);
        if (sel)
                wattroff(w, A_REVERSE);
}

static void draw_list(struct tui *t)
{
        int h = list_height(t);

        if (t->n_view == 0) {
                werase(t->list);
                wmove(t->list, 1, 2);
                tui_put(t->list, t->n_excs ? "no exception matches the filter"
                                           : "no open exceptions: the queue is clear", t->cols - 4);
                wnoutrefresh(t->list);
                return;
        }
        for (int y = 0; y < h; y++)
                draw_row(t, y);
        wnoutrefresh(t->list);
}

/* Keeps the selection inside the visible rows; true if the page moved. */
static bool scroll_to_sel(struct tui *t)
{
        size_t h = (size_t)list_height(t), top = t->top;

        if (t->sel < t->top)
                t->top = t->sel;
        else if (t->sel >= t->top + h)
                t->top = t->sel - h + 1;
        if (t->n_view <= h)
                t->top = 0;
        else if (t->top > t->n_view - h)
                t->top = t->n_view - h;
        return top != t->top;
}

void tui_queue_draw(struct tui *t)
{
        scroll_to_sel(t);
        draw_head(t);
        draw_list(t);
        tui_draw_foot(t, queue_hints);
}

/* Moves the selection, redrawing only the two rows touched unless the page
 * scrolled. */
static void move_sel(struct tui *t, long delta)
{
        size_t old = t->sel;
        long to = (long)t->sel + delta;

        if (t->n_view == 0)
                return;
        if (to < 0)
                to = 0;
        if (to >= (long)t->n_view)
                to = (long)t->n_view - 1;
        t->sel = (size_t)to;
        if (scroll_to_sel(t)) {
                draw_list(t);
        } else if (old != t->sel) {
                draw_row(t, (int)(old - t->top));
                draw_row(t, (int)(t->sel - t->top));
                wnoutrefresh(t->list);
        }
}

void tui_queue_key(struct tui *t, wint_t k, bool fn)
{
        long page = list_height(t) > 1 ? list_height(t) - 1 : 1;
        bool had_msg = t->msg[0] != '\0';

        t->msg[0] = '\0';
        if (fn) {
                switch (k) {
                case KEY_DOWN: move_sel(t, 1); break;
                case KEY_UP: move_sel(t, -1); break;
                case KEY_NPAGE: move_sel(t, page); break;
                case KEY_PPAGE: move_sel(t, -page); break;
                case KEY_HOME: move_sel(t, -(long)t->n_view); break;
                case KEY_END: move_sel(t, (long)t->n_view); break;
                case KEY_ENTER:
                case KEY_RIGHT:
                        if (t->n_view)
                                tui_detail_open(t, t->sel);
                        break;
                default: break;
                }
        } else {
                switch (k) {
                case 'j': move_sel(t, 1); break;
                case 'k': move_sel(t, -1); break;
                case ' ':
                case 6:   /* ^F */
                        move_sel(t, page);
                        break;
                case 2:   /* ^B */
                        move_sel(t, -page);
                        break;
                case 'g': move_sel(t, -(long)t->n_view); break;
                case 'G': move_sel(t, (long)t->n_view); break;
                case 'q':
                        t->quit = true;
                        return;
                case '\r':
                case '\n':
                case 'l':
                        if (t->n_view)
                                tui_detail_open(t, t->sel);
                        break;
                case 'R':
                        tui_queue_load(t);
                        tui_queue_draw(t);
                        break;
                case 'A':
                        tui_approvals_open(t);
                        return;
                case 'b':
                        t->in_bank = true;
                        t->bsel = t->btop = 0;
                        tui_bank_load(t);
                        tui_bank_draw(t);
                        return;
                case '/': {
                        char *f = NULL;
                        if (tui_prompt(t, "filter (reason or vendor, empty: all): ", t->filter, &f)) {
                                g_free(t->filter);
                                t->filter = *f ? g_strdup(f) : NULL;
                                g_free(f);
                                apply_filter(t);
                                t->sel = 0;
                                t->top = 0;
                        }
                        tui_queue_draw(t);
                        return;
                }
                default:
                        break;
                }
        }
        if (t->in_detail)
                return;
        if (t->msg[0] || had_msg)
                tui_draw_foot(t, queue_hints);
}
