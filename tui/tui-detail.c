/* tui-detail.c: one exception on one screen — fields with confidence,
 * reasons in words, invoice lines beside the PO, the page text around the
 * selected field — and the actions, each through pipeline_resolve_apply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"

static const char detail_hints[] =
        "e edit p post r reject c recheck o open n/N next/prev j/k field ? help q back";

/* Seconds between claim heartbeats while the reviewer is typing. */
#define TUI_HEARTBEAT_SECONDS 30

static const char *const field_labels[FIELD__COUNT] = {
        [FIELD_VENDOR] = "vendor",
        [FIELD_INVOICE_NUMBER] = "invoice no",
        [FIELD_INVOICE_DATE] = "invoice date",
        [FIELD_DUE_DATE] = "due date",
        [FIELD_CURRENCY] = "currency",
        [FIELD_SUBTOTAL] = "subtotal",
        [FIELD_TAX] = "tax",
        [FIELD_TOTAL] = "total",
        [FIELD_PO_NUMBER] = "po number",
};

static const char *const reason_words[REASON__COUNT] = {
        [REASON_UNREADABLE] = "the file could not be read",
        [REASON_MISSING_FIELD] = "a required field was not found",
        [REASON_LOW_CONFIDENCE] = "a required field is doubtful",
        [REASON_UNKNOWN_VENDOR] = "the vendor is not in the master",
        [REASON_MISSING_PO] = "no PO number, and the vendor needs one",
        [REASON_PO_NOT_FOUND] = "the PO is not in the system",
        [REASON_VENDOR_MISMATCH] = "the PO belongs to another vendor",
        [REASON_CURRENCY_MISMATCH] = "invoice and PO currencies differ",
        [REASON_PRICE_VARIANCE] = "a unit price is off the PO",
        [REASON_QUANTITY_EXCEEDS_RECEIVED] = "more billed than received",
        [REASON_TOTAL_MISMATCH] = "lines and tax do not add up to the total",
        [REASON_DUPLICATE] = "this invoice number was seen before",
        [REASON_POSSIBLE_DUPLICATE] = "same vendor and total within 7 days",
        [REASON_OVER_LIMIT] = "the total is above the auto-post limit",
        [REASON_DECLINED] = "an approver declined it",
};

static bool field_required(int f)
{
        return f == FIELD_VENDOR || f == FIELD_INVOICE_NUMBER || f == FIELD_INVOICE_DATE ||
               f == FIELD_TOTAL;
}

static void release_detail(struct tui_detail *d)
{
        pipeline_review_release(&d->rv);
        g_free(d->holder);
        memset(d, 0, sizeof(*d));
}

/* Loads everything the screen shows for exception id into d (fresh). */
static int load_detail(struct tui *t, int64_t id, struct tui_detail *d, struct bf_error *err)
{
        memset(d, 0, sizeof(*d));
        d->exc_id = id;
        return pipeline_review_open(t->app, id, &d->rv, err);
}

/* Takes or refreshes our claim; false (with the holder or closed set and a
 * message) when we may not act. */
static bool claim(struct tui *t)
{
        struct tui_detail *d = &t->det_state;
        struct bf_error err = { 0 };
        char *holder = NULL;
        int r;

        r = pipeline_review_claim(t->app, d->exc_id, &holder, &err);
        g_free(d->holder);
        d->holder = NULL;
        if (r == BF_EBUSY) {
                d->holder = holder;
                tui_set_msg(t, TUI_MSG_ERR, "exception %" PRId64 " is taken by %s", d->exc_id,
                            holder ? holder : "another reviewer");
                return false;
        }
        g_free(holder);
        if (r == BF_ENOTFOUND) {
                d->closed = true;
                t->stale = true;
                tui_set_msg(t, TUI_MSG_ERR, "exception %" PRId64 " was already resolved", d->exc_id);
                return false;
        }
        if (r < 0) {
                tui_set_msg(t, TUI_MSG_ERR, "%s", err.msg);
                return false;
        }
        d->beat_us = g_get_monotonic_time();
        return true;
}

void tui_detail_close(struct tui *t)
{
        struct tui_detail *d = &t->det_state;

        if (d->exc_id && !d->holder && !d->closed)
                pipeline_review_unclaim(t->app, d->exc_id);
        release_detail(d);
        t->in_detail = false;
}

bool tui_detail_open(struct tui *t, size_t pos)
{
        struct tui_detail *d = &t->det_state;
        struct bf_error err = { 0 };
        int64_t id;

        if (t->in_detail)
                tui_detail_close(t);
        if (pos >= t->n_view)
                return false;
        id = t->excs[t->view[pos]].id;
        t->sel = pos;
        if (load_detail(t, id, d, &err) < 0) {
                release_detail(d);
                tui_set_msg(t, TUI_MSG_ERR, "cannot open exception %" PRId64 ": %s", id, err.msg);
                tui_queue_load(t);
                tui_queue_draw(t);
                return false;
        }
        d->exc_id = id;
        if (d->rv.exc.state != EXC_OPEN) {
                release_detail(d);
                tui_set_msg(t, TUI_MSG_ERR, "exception %" PRId64 " was already resolved", id);
                tui_queue_load(t);
                tui_queue_draw(t);
                return false;
        }
        claim(t);
        if (d->closed) {
                release_detail(d);
                tui_queue_load(t);
                tui_queue_draw(t);
                return false;
        }
        t->in_detail = true;
        tui_detail_draw(t);
        return true;
}

/* ------------------------------------------------------------ drawing */

/* Writes text wrapped to width from (y, x), no lower than max_y; returns
 * the next free row. */
static int put_wrapped(WINDOW *w, int y, int x, int width, int max_y, const char *text)
{
        char *safe = text_safe(text);
        char **words = g_strsplit(safe, " ", -1);
        int col = 0;

        for (size_t i = 0; words[i] && y < max_y; i++) {
                int ww = tui_width(words[i]);
                if (!*words[i])
                        continue;
                if (col && col + 1 + ww > width) {
                        y++;
                        col = 0;
                        if (y >= max_y)
                                break;
                }
                wmove(w, y, x + col + (col ? 1 : 0));
                col += (col ? 1 : 0) + tui_put(w, words[i], width - col);
        }
        g_strfreev(words);
        free(safe);
        return col ? y + 1 : y;
}

static void draw_fields(struct tui *t, int y0, int lw)
{
        WINDOW *w = t->det;
        const struct tui_detail *d = &t->det_state;
        double min_conf = t->app->cfg.rules.min_confidence;
        int vw = lw - 22;

        wmove(w, y0, 0);
        wattron(w, A_BOLD | A_UNDERLINE);
        tui_put_pad(w, "  FIELD        VALUE", lw - 8);
        tui_put_pad(w, "   CONF", 8);
        wattroff(w, A_BOLD | A_UNDERLINE);
        for (int f = 0; f < FIELD__COUNT; f++) {
                const bf_field_meta *m = &d->rv.inv.meta[f];
                char value[512], conf[16] = "", *shown;
                bool have = invoice_field_text(&d->rv.inv, f, value, sizeof(value));
                bool doubtful = have ? m->confidence < min_conf : field_required(f);
                bool sel = f == d->field;
                int y = y0 + 1 + f;

                if (have && f == FIELD_VENDOR && d->rv.inv.vendor_name)
                        shown = d->rv.inv.vendor_id ? g_strdup_printf("%s [%s]", d->rv.inv.vendor_name, d->rv.inv.vendor_id)
                                                 : g_strdup_printf("%s [unknown]", d->rv.inv.vendor_name);
                else
                        shown = g_strdup(have ? value : "(none)");
                if (have)
                        snprintf(conf, sizeof(conf), "%4.2f", m->confidence);
                tui_clear_row(w, y, 0);
                if (sel)
                        wattron(w, A_REVERSE);
                waddch(w, sel ? '>' : ' ');
                waddch(w, ' ');
                tui_put_pad(w, field_labels[f], 13);
                if (doubtful)
                        wattron(w, tui_attr(t, TUI_C_WARN));
                tui_put_pad(w, shown, vw);
                waddch(w, ' ');
                tui_put_right(w, conf, 4);
                waddch(w, ' ');
                /* The symbol makes it read without colour too. */
                waddch(w, doubtful ? '?' : ' ');
                if (doubtful)
                        wattroff(w, tui_attr(t, TUI_C_WARN));
                if (sel)
                        wattroff(w, A_REVERSE);
                g_free(shown);
        }
}

static void draw_reasons(struct tui *t, int y0, int x, int width, int max_y)
{
        WINDOW *w = t->det;
        const struct tui_detail *d = &t->det_state;
        int y = y0 + 1;

        wmove(w, y0, x);
        wattron(w, A_BOLD | A_UNDERLINE);
        tui_put_pad(w, "REASONS", width);
        wattroff(w, A_BOLD | A_UNDERLINE);
        for (size_t i = 0; i < d->rv.exc.n_reasons && y < max_y; i++) {
                const bf_reason_item *it = &d->rv.exc.reasons[i];
                char head[160];

                snprintf(head, sizeof(head), "%s: %s", reason_name(it->reason),
                         (unsigned)it->reason < REASON__COUNT ? reason_words[it->reason] : "");
                wattron(w, tui_attr(t, TUI_C_WARN));
                y = put_wrapped(w, y, x, width, max_y, head);
                wattroff(w, tui_attr(t, TUI_C_WARN));
                if (it->detail && *it->detail)
                        y = put_wrapped(w, y, x + 2, width - 2, max_y, it->detail);
        }
        if (d->rv.exc.n_reasons == 0) {
                wmove(w, y, x);
                tui_put(w, "none", width);
        }
}

static void fmt_decimal(bool have, bf_decimal v, char *buf, size_t size)
{
        if (!have || decimal_format(v, buf, size) < 0)
                snprintf(buf, size, "-");
}

/* The invoice's lines with the PO line each bills; returns the next row. */
static int draw_lines(struct tui *t, int y, int max_y)
{
        WINDOW *w = t->det;
        const struct tui_detail *d = &t->det_state;
        int W = t->cols, rw = 31, lw = W - rw, dw = lw - 3 - 7 - 9 - 10;
        bool *billed = NULL;
        char buf[256];

        if (dw < 8)
                dw = 8;
        wmove(w, y, 0);
        wattron(w, A_BOLD | A_UNDERLINE);
        tui_put_pad(w, "# DESCRIPTION", dw + 3);
        tui_put_right(w, "QTY", 7);
        tui_put_right(w, "PRICE", 9);
        tui_put_right(w, "AMOUNT", 10);
        if (d->rv.has_po)
                snprintf(buf, sizeof(buf), " | PO L  QTY  PRICE  RECV  BILL");
        else
                snprintf(buf, sizeof(buf), " | %s", d->rv.po_error ? d->rv.po_error :
                         d->rv.inv.po_number ? "" : "no PO number");
        tui_put_pad(w, buf, W - (dw + 3 + 26));
        wattroff(w, A_BOLD | A_UNDERLINE);
        y++;
        if (d->rv.has_po)
                billed = g_new0(bool, d->rv.po.n_lines + 1);
        for (size_t i = 0; i < d->rv.inv.n_lines && y < max_y; i++, y++) {
                const bf_invoice_line *l = &d->rv.inv.lines[i];
                const bf_po_line *pl = NULL;
                char q[32], p[32], a[32];
                int idx = d->rv.has_po ? rules_match_po_line(l, &d->rv.po) : -1;

                if (idx >= 0 && (size_t)idx < d->rv.po.n_lines) {
                        pl = &d->rv.po.lines[idx];
                        billed[idx] = true;
                }
                tui_clear_row(w, y, 0);
                snprintf(buf, sizeof(buf), "%-2d ", l->line_no ? l->line_no : (int)i + 1);
                tui_put(w, buf, 3);
                tui_put_pad(w, l->description ? l->description : "", dw);
                fmt_decimal(l->has_quantity, l->quantity, q, sizeof(q));
                fmt_decimal(l->has_unit_price, l->unit_price, p, sizeof(p));
                if (!l->has_amount || money_format(l->amount, a, sizeof(a)) < 0)
                        snprintf(a, sizeof(a), "-");
                {
                        bf_decimal left = { 0 };
                        bool over = pl && l->has_quantity &&
                                    decimal_sub(pl->quantity_received, pl->quantity_billed, &left) == 0 &&
                                    decimal_cmp(l->quantity, left) > 0;
                        bool off = pl && l->has_unit_price && decimal_cmp(l->unit_price, pl->unit_price) != 0;
                        if (over)
                                wattron(w, tui_attr(t, TUI_C_WARN));
                        tui_put_right(w, q, 7);
                        if (over)
                                wattroff(w, tui_attr(t, TUI_C_WARN));
                        if (off)
                                wattron(w, tui_attr(t, TUI_C_WARN));
                        tui_put_right(w, p, 9);
                        if (off)
                                wattroff(w, tui_attr(t, TUI_C_WARN));
                }
                tui_put_right(w, a, 10);
                if (pl) {
                        char pq[32], pp[32], pr[32], pb[32];
                        decimal_format(pl->quantity, pq, sizeof(pq));
                        decimal_format(pl->unit_price, pp, sizeof(pp));
                        decimal_format(pl->quantity_received, pr, sizeof(pr));
                        decimal_format(pl->quantity_billed, pb, sizeof(pb));
                        snprintf(buf, sizeof(buf), " | %4d %4s %6s %5s %5s", pl->line_no, pq, pp, pr, pb);
                } else {
                        snprintf(buf, sizeof(buf), " | %s", d->rv.has_po ? "no matching PO line" : "");
                }
                tui_put(w, buf, W - (dw + 3 + 26));
        }
        if (d->rv.inv.n_lines == 0 && y < max_y) {
                wmove(w, y++, 0);
                tui_put(w, "   (no lines read)", W);
        }
        /* PO lines this invoice does not bill, so the reviewer sees them too. */
        for (size_t k = 0; d->rv.has_po && k < d->rv.po.n_lines && y < max_y; k++) {
                const bf_po_line *pl = &d->rv.po.lines[k];
                char pq[32], pp[32], pr[32], pb[32];
                if (billed[k])
                        continue;
                decimal_format(pl->quantity, pq, sizeof(pq));
                decimal_format(pl->unit_price, pp, sizeof(pp));
                decimal_format(pl->quantity_received, pr, sizeof(pr));
                decimal_format(pl->quantity_billed, pb, sizeof(pb));
                wmove(w, y++, 0);
                wattron(w, A_DIM);
                tui_put_pad(w, "   (not on this invoice)", dw + 3 + 26);
                snprintf(buf, sizeof(buf), " | %4d %4s %6s %5s %5s", pl->line_no, pq, pp, pr, pb);
                tui_put(w, buf, W - (dw + 3 + 26));
                wattroff(w, A_DIM);
        }
        g_free(billed);
        return y;
}

/* Where field f's value (or its label) is in the document text: offset and
 * length in bytes; false if nowhere. */
static bool find_field(const struct tui_detail *d, int f, size_t *ret_off, size_t *ret_len)
{
        GPtrArray *cands = g_ptr_array_new_with_free_func(g_free);
        char value[512];
        bool found = false;

        if (!d->rv.text)
                goto out;
        if (f == FIELD_VENDOR && d->rv.inv.vendor_name)
                g_ptr_array_add(cands, g_strdup(d->rv.inv.vendor_name));
        if (invoice_field_text(&d->rv.inv, f, value, sizeof(value))) {
                if (f == FIELD_INVOICE_DATE || f == FIELD_DUE_DATE) {
                        bf_date dt = f == FIELD_INVOICE_DATE ? d->rv.inv.invoice_date : d->rv.inv.due_date;
                        if (dt.m >= 1 && dt.m <= 12) {
                                const char *mn = date_month_name(dt.m);
                                g_ptr_array_add(cands, g_strdup_printf("%d %.3s %d", dt.d, mn, dt.y));
                                g_ptr_array_add(cands, g_strdup_printf("%02d %.3s %d", dt.d, mn, dt.y));
                                g_ptr_array_add(cands, g_strdup_printf("%d %s %d", dt.d, mn, dt.y));
                                g_ptr_array_add(cands, g_strdup_printf("%s %d, %d", mn, dt.d, dt.y));
                                g_ptr_array_add(cands, g_strdup_printf("%02d/%02d/%d", dt.d, dt.m, dt.y));
                                g_ptr_array_add(cands, g_strdup_printf("%02d/%02d/%d", dt.m, dt.d, dt.y));
                                g_ptr_array_add(cands, g_strdup_printf("%02d.%02d.%d", dt.d, dt.m, dt.y));
                                g_ptr_array_add(cands, g_strdup_printf("%d.%d.%d", dt.d, dt.m, dt.y));
                        }
                        g_ptr_array_add(cands, g_strdup(value));
                } else if (f == FIELD_SUBTOTAL || f == FIELD_TAX || f == FIELD_TOTAL) {
                        bf_money amount = f == FIELD_SUBTOTAL ? d->rv.inv.subtotal
                                        : f == FIELD_TAX ? d->rv.inv.tax : d->rv.inv.total;
                        static const char forms[][2] = { { ',', '.' }, { '.', ',' }, { ' ', ',' } };
                        char g[48];
                        for (size_t k = 0; k < G_N_ELEMENTS(forms); k++)
                                if (money_format_grouped(amount, forms[k][0], forms[k][1], g, sizeof(g)) > 0)
                                        g_ptr_array_add(cands, g_strdup(g));
                        g_ptr_array_add(cands, g_strdup(value));
                } else {
                        g_ptr_array_add(cands, g_strdup(value));
                }
        }
        if (d->rv.inv.meta[f].label && *d->rv.inv.meta[f].label)
                g_ptr_array_add(cands, g_strdup(d->rv.inv.meta[f].label));
        for (guint i = 0; i < cands->len && !found; i++) {
                const char *needle = cands->pdata[i];
                const char *hit = *needle ? strcasestr(d->rv.text, needle) : NULL;
                if (hit) {
                        *ret_off = (size_t)(hit - d->rv.text);
                        *ret_len = strlen(needle);
                        found = true;
                }
        }
out:
        g_ptr_array_free(cands, TRUE);
        return found;
}

static void draw_text(struct tui *t, int y, int max_y)
{
        WINDOW *w = t->det;
        const struct tui_detail *d = &t->det_state;
        size_t off = 0, len = 0;
        bool found = find_field(d, d->field, &off, &len);
        char title[128];
        const char *p, *start;
        int line_of_hit = 0, first, rows = max_y - y - 1;

        if (y >= max_y)
                return;
        snprintf(title, sizeof(title), "PAGE TEXT around %s%s", field_labels[d->field],
                 d->rv.text ? (found ? "" : " (not found in the text)") : " (no text)");
        wmove(w, y++, 0);
        wattron(w, A_BOLD | A_UNDERLINE);
        tui_put_pad(w, title, t->cols);
        wattroff(w, A_BOLD | A_UNDERLINE);
        if (!d->rv.text || rows <= 0)
                return;
        for (p = d->rv.text; found && p < d->rv.text + off; p++)
                if (*p == '\n')
                        line_of_hit++;
        first = line_of_hit - rows / 3;
        if (first < 0)
                first = 0;
        /* Skip to the first line to show. */
        start = d->rv.text;
        for (int i = 0; i < first && start; i++) {
                start = strchr(start, '\n');
                if (start)
                        start++;
        }
        for (int i = first; start && *start && y < max_y; i++, y++) {
                const char *nl = strchr(start, '\n');
                size_t n = nl ? (size_t)(nl - start) : strlen(start);
                char *line = g_strndup(start, n);

                wmove(w, y, 0);
                if (found && i == line_of_hit) {
                        size_t hit = off - (size_t)(start - d->rv.text);
                        char *pre = g_strndup(line, hit), *mid = g_strndup(line + hit, len);
                        const char *from = pre;
                        int x = 0, mw = tui_width(mid);

                        /* Keep the highlighted value on screen. */
                        while (*from && tui_width(from) + mw > t->cols - 4)
                                from = from + g_utf8_skip[*(const guchar *)from];
                        if (from != pre)
                                x += tui_put(w, "…", 1);
                        x += tui_put(w, from, t->cols - x);
                        wattron(w, tui_attr(t, TUI_C_MATCH) | A_BOLD);
                        x += tui_put(w, mid, t->cols - x);
                        wattroff(w, tui_attr(t, TUI_C_MATCH) | A_BOLD);
                        tui_put(w, line + hit + len, t->cols - x);
                        g_free(pre);
                        g_free(mid);
                } else {
                        tui_put(w, line, t->cols);
                }
                g_free(line);
                start = nl ? nl + 1 : NULL;
        }
}

void tui_detail_draw(struct tui *t)
{
        WINDOW *w = t->det;
        const struct tui_detail *d = &t->det_state;
        int W = t->cols, H = t->rows - 1;
        int lw = W * 3 / 5 > 60 ? 60 : W * 3 / 5;
        int y, lines_rows, needed;
        char title[512];

        werase(w);
        snprintf(title, sizeof(title), " exception %" PRId64 " · document %" PRId64 " · %s · %s",
                 d->exc_id, d->rv.exc.document_id, d->rv.doc.filename ? d->rv.doc.filename : "-",
                 d->rv.exc.created_at ? d->rv.exc.created_at : "");
        wmove(w, 0, 0);
        wattron(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);
        if (d->holder || d->closed) {
                char who[128];
                int ww;
                snprintf(who, sizeof(who), d->closed ? " RESOLVED by someone else " : " TAKEN BY %s · read only ",
                         d->holder);
                ww = tui_width(who);
                tui_put_pad(w, title, W - ww);
                wattroff(w, tui_attr(t, TUI_C_TITLE));
                wattron(w, tui_attr(t, TUI_C_TAKEN) | A_REVERSE);
                tui_put(w, who, ww);
                wattroff(w, tui_attr(t, TUI_C_TAKEN) | A_REVERSE);
        } else {
                tui_put_pad(w, title, W);
        }
        wattroff(w, tui_attr(t, TUI_C_TITLE) | A_BOLD);

        draw_fields(t, 1, lw);
        draw_reasons(t, 1, lw + 1, W - lw - 1, 1 + 1 + FIELD__COUNT);
        y = 1 + 1 + FIELD__COUNT;
        needed = 1 + (int)(d->rv.inv.n_lines ? d->rv.inv.n_lines : 1) + (d->rv.has_po ? (int)d->rv.po.n_lines : 0);
        lines_rows = (H - y) / 2;
        if (lines_rows < 2)
                lines_rows = 2;
        if (needed < lines_rows)
                lines_rows = needed;
        y = draw_lines(t, y, y + lines_rows);
        draw_text(t, y, H);
        wnoutrefresh(w);
        tui_draw_foot(t, detail_hints);
}

/* ------------------------------------------------------------ actions */

/* After the exception left the queue: the next one in the view, or the
 * queue when there is none. */
static void advance(struct tui *t)
{
        size_t pos = t->sel;

        tui_detail_close(t);
        tui_queue_load(t);
        t->stale = false;
        if (pos < t->n_view && tui_detail_open(t, pos))
                return;
        if (!t->in_detail)
                tui_queue_draw(t);
}

static void reasons_text(const bf_reason_item *items, size_t n, char *buf, size_t size)
{
        size_t o = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < n && o < size; i++)
                o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "", reason_name(items[i].reason));
}

/* Runs one resolution for the open exception and shows its outcome. */
static void act(struct tui *t, struct bf_resolve_request *req, const char *what)
{
        struct tui_detail *d = &t->det_state;
        struct bf_error err = { 0 };
        struct bf_result res;
        char reasons[512];
        int r;

        if (d->closed || !claim(t)) {
                tui_detail_draw(t);
                return;
        }
        req->exception_id = d->exc_id;
        r = pipeline_resolve_apply(t->app, req, &res, &err);
        t->stale = true;
        if (r == BF_ENOTFOUND) {
                d->closed = true;
                tui_set_msg(t, TUI_MSG_ERR, "exception %" PRId64 " was already resolved", d->exc_id);
        } else if (r < 0) {
                tui_set_msg(t, TUI_MSG_ERR, "cannot %s: %s", what, err.msg);
        } else if (req->action == RESOLVE_REJECT) {
                tui_set_msg(t, TUI_MSG_OK, "exception %" PRId64 " rejected", d->exc_id);
        } else if (res.outcome == OUTCOME_POSTED) {
                tui_set_msg(t, TUI_MSG_OK, "exception %" PRId64 " posted as entry %" PRId64,
                            d->exc_id, res.entry_id);
        } else if (res.outcome == OUTCOME_AWAITING_APPROVAL) {
                tui_set_msg(t, TUI_MSG_OK, "exception %" PRId64 " cleared: awaits approval %" PRId64,
                            d->exc_id, res.approval_id);
        } else {
                reasons_text(res.decision.reasons, res.decision.n_reasons, reasons, sizeof(reasons));
                tui_set_msg(t, req->action == RESOLVE_POST ? TUI_MSG_ERR : TUI_MSG_INFO,
                            "%s: still open: %s", what, reasons[0] ? reasons : "no reasons");
        }
        if (r == 0 && (req->action == RESOLVE_REJECT || res.outcome == OUTCOME_POSTED ||
                       res.outcome == OUTCOME_AWAITING_APPROVAL)) {
                pipeline_result_release(&res);
                advance(t);
                return;
        }
        pipeline_result_release(&res);
        if (!d->closed) {
                /* Show what the store holds now. */
                struct tui_detail fresh;
                struct bf_error lerr = { 0 };
                int field = d->field;
                if (load_detail(t, d->exc_id, &fresh, &lerr) == 0) {
                        fresh.field = field;
                        fresh.beat_us = d->beat_us;
                        release_detail(d);
                        *d = fresh;
                } else {
                        release_detail(&fresh);
                }
        }
        tui_detail_draw(t);
}

static void edit_field(struct tui *t)
{
        struct tui_detail *d = &t->det_state;
        struct bf_resolve_request req = { .action = RESOLVE_NONE };
        char value[512], label[64], *typed = NULL, *set;
        char *sets[1];

        if (d->holder || d->closed) {
                claim(t);
                tui_detail_draw(t);
                return;
        }
        if (d->field == FIELD_VENDOR && d->rv.inv.vendor_name)
                snprintf(value, sizeof(value), "%s", d->rv.inv.vendor_name);
        else
                invoice_field_text(&d->rv.inv, d->field, value, sizeof(value));
        snprintf(label, sizeof(label), "%s: ", field_labels[d->field]);
        if (!tui_prompt(t, label, value, &typed)) {
                tui_detail_draw(t);
                return;
        }
        set = g_strdup_printf("%s=%s", field_name(d->field), typed);
        sets[0] = set;
        req.sets = sets;
        req.n_sets = 1;
        act(t, &req, "edit");
        g_free(set);
        g_free(typed);
}

static void post(struct tui *t)
{
        struct tui_detail *d = &t->det_state;
        struct bf_resolve_request req = { .action = RESOLVE_POST };
        enum bf_reason *over = NULL;
        char q[768], reasons[512];

        if (d->holder || d->closed) {
                claim(t);
                tui_detail_draw(t);
                return;
        }
        reasons_text(d->rv.exc.reasons, d->rv.exc.n_reasons, reasons, sizeof(reasons));
        if (d->rv.exc.n_reasons)
                snprintf(q, sizeof(q), "Reasons remain: %s. Override them and post? (y/N) ", reasons);
        else
                snprintf(q, sizeof(q), "Post exception %" PRId64 "? (y/N) ", d->exc_id);
        if (!tui_confirm(t, q)) {
                tui_set_msg(t, TUI_MSG_INFO, "not posted");
                tui_detail_draw(t);
                return;
        }
        if (d->rv.exc.n_reasons) {
                over = g_new0(enum bf_reason, d->rv.exc.n_reasons);
                for (size_t i = 0; i < d->rv.exc.n_reasons; i++)
                        over[i] = d->rv.exc.reasons[i].reason;
                req.overrides = over;
                req.n_overrides = d->rv.exc.n_reasons;
        }
        act(t, &req, "post");
        g_free(over);
}

static void reject(struct tui *t)
{
        struct tui_detail *d = &t->det_state;
        struct bf_resolve_request req = { .action = RESOLVE_REJECT };
        char *why = NULL;

        if (d->holder || d->closed) {
                claim(t);
                tui_detail_draw(t);
                return;
        }
        if (!tui_prompt(t, "reject, reason: ", NULL, &why) || !*g_strstrip(why)) {
                tui_set_msg(t, TUI_MSG_INFO, "not rejected%s", why ? ": a reason is needed" : "");
                g_free(why);
                tui_detail_draw(t);
                return;
        }
        req.reject_reason = why;
        act(t, &req, "reject");
        g_free(why);
}

static void recheck(struct tui *t)
{
        struct bf_resolve_request req = { .action = RESOLVE_RECHECK };

        if (t->det_state.holder || t->det_state.closed) {
                claim(t);
                tui_detail_draw(t);
                return;
        }
        act(t, &req, "recheck");
}

static void open_original(struct tui *t)
{
        struct tui_detail *d = &t->det_state;
        struct bf_error err = { 0 };
        char *path = pipeline_original_path(t->app, d->rv.doc.sha256);

        if (!path)
                tui_set_msg(t, TUI_MSG_ERR, "no original stored for document %" PRId64, d->rv.exc.document_id);
        else if (tui_open_viewer(NULL, path, &err) < 0)
                tui_set_msg(t, TUI_MSG_ERR, "%s", err.msg);
        else
                tui_set_msg(t, TUI_MSG_OK, "opening the original of document %" PRId64, d->rv.exc.document_id);
        g_free(path);
        tui_draw_foot(t, detail_hints);
}

static void back(struct tui *t)
{
        tui_detail_close(t);
        if (t->stale) {
                tui_queue_load(t);
                t->stale = false;
        }
        tui_queue_draw(t);
}

void tui_detail_key(struct tui *t, wint_t k, bool fn)
{
        struct tui_detail *d = &t->det_state;

        t->msg[0] = '\0';
        /* Any key is activity: keep the claim alive. */
        if (!d->holder && !d->closed &&
            g_get_monotonic_time() - d->beat_us > (gint64)TUI_HEARTBEAT_SECONDS * G_USEC_PER_SEC)
                claim(t);
        if (fn) {
                switch (k) {
                case KEY_DOWN: d->field = (d->field + 1) % FIELD__COUNT; break;
                case KEY_UP: d->field = (d->field + FIELD__COUNT - 1) % FIELD__COUNT; break;
                case KEY_LEFT: back(t); return;
                default: break;
                }
        } else {
                switch (k) {
                case 'j': d->field = (d->field + 1) % FIELD__COUNT; break;
                case 'k': d->field = (d->field + FIELD__COUNT - 1) % FIELD__COUNT; break;
                case 27:
                case 'q':
                        back(t);
                        return;
                case 'e':
                case '\r':
                case '\n':
                        edit_field(t);
                        return;
                case 'p': post(t); return;
                case 'r': reject(t); return;
                case 'c': recheck(t); return;
                case 'o': open_original(t); return;
                case 'n':
                case 'N': {
                        size_t pos;
                        if (t->stale) {
                                tui_queue_load(t);
                                t->stale = false;
                        }
                        pos = t->sel;
                        if (k == 'n' ? pos + 1 >= t->n_view : pos == 0) {
                                tui_set_msg(t, TUI_MSG_INFO, k == 'n' ? "this is the last exception"
                                                                     : "this is the first exception");
                                break;
                        }
                        tui_detail_open(t, k == 'n' ? pos + 1 : pos - 1);
                        return;
                }
                default:
                        break;
                }
        }
        tui_detail_draw(t);
}
