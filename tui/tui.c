/* tui.c: the review UI's frame — terminal setup, windows and resizes, the
 * key loop, the bottom-row editor and prompts, and the help screen. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/tui-int.h"

#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 10
#define TUI_EDIT_MAX 512  /* characters in the one-line editor */

int tui_attr(struct tui *t, int pair)
{
        if (t->colour)
                return (int)(COLOR_PAIR(pair) | (pair == TUI_C_ERR || pair == TUI_C_WARN ? A_BOLD : 0));
        switch (pair) {
        case TUI_C_WARN:
        case TUI_C_ERR:
                return A_BOLD;
        case TUI_C_MATCH:
        case TUI_C_TITLE:
                return A_REVERSE;
        case TUI_C_TAKEN:
                return A_UNDERLINE;
        default:
                return A_NORMAL;
        }
}

void tui_set_msg(struct tui *t, enum tui_msg kind, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
        va_end(ap);
        t->msg_kind = kind;
}

void tui_draw_foot(struct tui *t, const char *hints)
{
        WINDOW *w = t->foot;

        werase(w);
        wmove(w, 0, 0);
        if (t->msg[0]) {
                int a = t->msg_kind == TUI_MSG_ERR ? tui_attr(t, TUI_C_ERR)
                        : t->msg_kind == TUI_MSG_OK ? tui_attr(t, TUI_C_OK) : (int)A_BOLD;
                wattron(w, a);
                tui_put(w, t->msg, t->cols - 1);
                wattroff(w, a);
        } else {
                wattron(w, A_DIM);
                tui_put(w, hints, t->cols - 1);
                wattroff(w, A_DIM);
        }
        wnoutrefresh(w);
}

static void free_windows(struct tui *t)
{
        WINDOW **ws[] = { &t->head, &t->list, &t->det, &t->foot };

        for (size_t i = 0; i < G_N_ELEMENTS(ws); i++)
                if (*ws[i]) {
                        delwin(*ws[i]);
                        *ws[i] = NULL;
                }
}

/* (Re)creates the windows for the terminal's current size. */
static void layout(struct tui *t)
{
        getmaxyx(stdscr, t->rows, t->cols);
        free_windows(t);
        t->small = t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS;
        if (t->small)
                return;
        t->head = newwin(3, t->cols, 0, 0);
        t->list = newwin(t->rows - 4, t->cols, 3, 0);
        t->det = newwin(t->rows - 1, t->cols, 0, 0);
        t->foot = newwin(1, t->cols, t->rows - 1, 0);
        keypad(t->foot, TRUE);
}

void tui_redraw(struct tui *t)
{
        if (t->small) {
                erase();
                mvaddstr(0, 0, "terminal too small for billflow review");
                wnoutrefresh(stdscr);
                return;
        }
        /* The windows overlap: stdscr stays blank and is never refreshed
         * over them; clearok repaints after overlays or a resize. */
        clearok(curscr, TRUE);
        if (t->in_approvals)
                tui_approvals_draw(t);
        else if (t->in_bank)
                tui_bank_draw(t);
        else if (t->in_detail)
                tui_detail_draw(t);
        else
                tui_queue_draw(t);
}

static void resize(struct tui *t)
{
        layout(t);
        tui_redraw(t);
}

/* Reads one key: returns false for KEY_RESIZE after handling it. */
static int read_key(struct tui *t, wint_t *ret, bool *ret_fn)
{
        WINDOW *w = t->foot ? t->foot : stdscr;
        int r;

        if (w == stdscr)
                keypad(stdscr, TRUE);
        doupdate();
        r = wget_wch(w, ret);
        if (r == ERR)
                return -1;
        *ret_fn = r == KEY_CODE_YES;
        if (*ret_fn && *ret == KEY_RESIZE) {
                resize(t);
                return 0;
        }
        return 1;
}

static void draw_editor(struct tui *t, const char *label, const wchar_t *buf, size_t len,
                        size_t pos)
{
        WINDOW *w = t->foot;
        int lw, avail, x;
        size_t start = 0;

        werase(w);
        wmove(w, 0, 0);
        wattron(w, A_BOLD);
        lw = tui_put(w, label, t->cols / 2);
        wattroff(w, A_BOLD);
        avail = t->cols - lw - 1;
        /* Scroll so the cursor stays visible. */
        {
                int cols = 0;
                size_t i = pos;
                while (i > 0) {
                        int cw = wcwidth(buf[i - 1]);
                        cw = cw < 0 ? 1 : cw;
                        if (cols + cw >= avail)
                                break;
                        cols += cw;
                        i--;
                }
                start = i;
        }
        x = lw;
        for (size_t i = start; i < len; i++) {
                wchar_t wc = buf[i];
                int cw = wcwidth(wc);
                if (cw < 0) {
                        wc = L'?';
                        cw = 1;
                }
                if (x + cw > t->cols - 1)
                        break;
                waddnwstr(w, &wc, 1);
                x += cw;
        }
        {
                int cx = lw;
                for (size_t i = start; i < pos; i++) {
                        int cw = wcwidth(buf[i]);
                        cx += cw < 0 ? 1 : cw;
                }
                wmove(w, 0, cx);
        }
        wnoutrefresh(w);
}

bool tui_prompt(struct tui *t, const char *label, const char *initial, char **ret)
{
        wchar_t buf[TUI_EDIT_MAX];
        size_t len = 0, pos;
        bool done = false, ok = false;

        if (t->small)
                return false;
        /* Controls in the old value are dropped: the editor shows and
         * returns printable text only. */
        for (const char *p = initial ? initial : ""; *p && len < TUI_EDIT_MAX - 1;
             p = p + g_utf8_skip[*(const guchar *)p]) {
                gunichar c = g_utf8_get_char_validated(p, -1);
                if (c == (gunichar)-1 || c == (gunichar)-2)
                        break;
                if (!g_unichar_iscntrl(c))
                        buf[len++] = (wchar_t)c;
        }
        pos = len;
        curs_set(1);
        while (!done) {
                wint_t k;
                bool fn;
                int r;

                draw_editor(t, label, buf, len, pos);
                r = read_key(t, &k, &fn);
                if (r < 0)
                        break;
                if (r == 0)
                        continue;
                if (fn) {
                        switch (k) {
                        case KEY_LEFT:
                                if (pos > 0)
                                        pos--;
                                break;
                        case KEY_RIGHT:
                                if (pos < len)
                                        pos++;
                                break;
                        case KEY_HOME:
                                pos = 0;
                                break;
                        case KEY_END:
                                pos = len;
                                break;
                        case KEY_BACKSPACE:
                                if (pos > 0) {
                                        memmove(buf + pos - 1, buf + pos, (len - pos) * sizeof(*buf));
                                        pos--;
                                        len--;
                                }
                                break;
                        case KEY_DC:
                                if (pos < len) {
                                        memmove(buf + pos, buf + pos + 1, (len - pos - 1) * sizeof(*buf));
                                        len--;
                                }
                                break;
                        case KEY_ENTER:
                                ok = done = true;
                                break;
                        default:
                                break;
                        }
                        continue;
                }
                switch (k) {
                case 27:        /* Esc */
                case 7:         /* ^G */
                        done = true;
                        break;
                case '\n':
                case '\r':
                        ok = done = true;
                        break;
                case 127:
                case 8:
                        if (pos > 0) {
                                memmove(buf + pos - 1, buf + pos, (len - pos) * sizeof(*buf));
                                pos--;
                                len--;
                        }
                        break;
                case 1:         /* ^A */
                        pos = 0;
                        break;
                case 5:         /* ^E */
                        pos = len;
                        break;
                case 21:        /* ^U */
                        memmove(buf, buf + pos, (len - pos) * sizeof(*buf));
                        len -= pos;
                        pos = 0;
                        break;
                case 11:        /* ^K */
                        len = pos;
                        break;
                default:
                        if (k < 0x20 || k == 0x7f || (k >= 0x80 && k < 0xa0) ||
                            len >= TUI_EDIT_MAX - 1)
                                break;
                        memmove(buf + pos + 1, buf + pos, (len - pos) * sizeof(*buf));
                        buf[pos++] = (wchar_t)k;
                        len++;
                        break;
                }
        }
        curs_set(0);
        if (ok) {
                GString *s = g_string_new(NULL);
                for (size_t i = 0; i < len; i++)
                        g_string_append_unichar(s, (gunichar)buf[i]);
                *ret = g_string_free(s, FALSE);
        }
        t->msg[0] = '\0';
        return ok;
}

bool tui_confirm(struct tui *t, const char *question)
{
        for (;;) {
                wint_t k;
                bool fn;
                int r;

                if (t->small)
                        return false;
                werase(t->foot);
                wmove(t->foot, 0, 0);
                wattron(t->foot, A_BOLD);
                tui_put(t->foot, question, t->cols - 1);
                wattroff(t->foot, A_BOLD);
                wnoutrefresh(t->foot);
                r = read_key(t, &k, &fn);
                if (r < 0)
                        return false;
                if (r == 0)
                        continue;
                return !fn && (k == 'y' || k == 'Y');
        }
}

static const char *const help_lines[] = {
        "billflow review - keys",
        "",
        "Queue",
        "  j k Up Down     move            PgUp PgDn  page",
        "  g G Home End    first / last    Enter      open",
        "  /               filter by reason or vendor (empty: all)",
        "  R               reload          q          quit",
        "  A               the approvals view",
        "  b               the bank queue (statement lines matched by hand)",
        "",
        "Approvals",
        "  a               approve the selected one (asks first)",
        "  d               decline it with a reason",
        "  m               mine only / all        Esc q  back to the queue",
        "",
        "Bank queue",
        "  p d i           match to a payment / to a bill / ignore with a note",
        "",
        "Exception",
        "  j k Up Down     select a field (its page text is shown)",
        "  e               edit the selected field; the checks run again",
        "  p               post (reasons left: confirm their override)",
        "  r               reject with a reason",
        "  c               recheck against POs, receipts and vendors",
        "  o               open the original in $BILLFLOW_VIEWER / xdg-open",
        "  n N             next / previous exception",
        "  Esc q           back to the queue",
        "",
        "  ?               this help         Ctrl-L  repaint",
        "",
        "Fields marked ? are doubtful (confidence below rules.min_confidence).",
        "Press any key.",
};

void tui_help(struct tui *t)
{
        int h = (int)G_N_ELEMENTS(help_lines) + 2, w = 74, y, x;
        WINDOW *win;

        if (t->small)
                return;
        h = h > t->rows ? t->rows : h;
        w = w > t->cols ? t->cols : w;
        y = (t->rows - h) / 2;
        x = (t->cols - w) / 2;
        win = newwin(h, w, y, x);
        keypad(win, TRUE);
        werase(win);
        box(win, 0, 0);
        for (int i = 0; i < h - 2; i++) {
                wmove(win, i + 1, 2);
                if (i == 0)
                        wattron(win, A_BOLD);
                tui_put(win, help_lines[i], w - 4);
                if (i == 0)
                        wattroff(win, A_BOLD);
        }
        wnoutrefresh(win);
        doupdate();
        {
                wint_t k;
                int r = wget_wch(win, &k);
                delwin(win);
                if (r == KEY_CODE_YES && k == KEY_RESIZE)
                        layout(t);
        }
        tui_redraw(t);
}

int tui_review_run(bf_app *app, struct bf_error *err)
{
        struct tui t = { .app = app };
        const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
        SCREEN *scr;
        int errors = 0;

        if (!app->store)
                return bf_error_set(err, BF_EINVAL, "cannot review: no store open");
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
                return bf_error_set(err, BF_EINVAL, "cannot review: stdin and stdout must be a terminal");
        if (tui_queue_load(&t) < 0)
                return bf_error_set(err, BF_EIO, "cannot review: %s", t.msg);
        if (!(scr = newterm(NULL, stdout, stdin))) {
                tui_queue_free(&t);
                return bf_error_set(err, BF_EIO, "cannot review: cannot set up the terminal '%s'",
                                    term ? term : "");
        }
        cbreak();
        noecho();
        nonl();
        set_escdelay(25);
        curs_set(0);
        /* https://no-color.org: a set, non-empty NO_COLOR turns colour off. */
        if (has_colors() && !(no_color && *no_color)) {
                start_color();
                use_default_colors();
                init_pair(TUI_C_WARN, COLOR_YELLOW, -1);
                init_pair(TUI_C_ERR, COLOR_RED, -1);
                init_pair(TUI_C_OK, COLOR_GREEN, -1);
                init_pair(TUI_C_MATCH, COLOR_BLACK, COLOR_YELLOW);
                init_pair(TUI_C_TAKEN, COLOR_MAGENTA, -1);
                init_pair(TUI_C_TITLE, COLOR_WHITE, COLOR_BLUE);
                t.colour = true;
        }
        layout(&t);
        tui_redraw(&t);
        while (!t.quit) {
                wint_t k;
                bool fn;
                int r = read_key(&t, &k, &fn);

                if (r < 0) {
                        /* stdin gone (EOF, hangup): leave rather than spin */
                        if (++errors > 100)
                                t.quit = true;
                        continue;
                }
                errors = 0;
                if (r == 0 || t.small)
                        continue;
                if (!fn && k == 12) {   /* ^L */
                        tui_redraw(&t);
                        continue;
                }
                if (!fn && k == '?') {
                        tui_help(&t);
                        continue;
                }
                if (t.in_approvals)
                        tui_approvals_key(&t, k, fn);
                else if (t.in_bank)
                        tui_bank_key(&t, k, fn);
                else if (t.in_detail)
                        tui_detail_key(&t, k, fn);
                else
                        tui_queue_key(&t, k, fn);
        }
        if (t.in_detail)
                tui_detail_close(&t);
        free_windows(&t);
        endwin();
        delscreen(scr);
        tui_queue_free(&t);
        tui_approvals_free(&t);
        tui_bank_free(&t);
        g_free(t.filter);
        return 0;
}
