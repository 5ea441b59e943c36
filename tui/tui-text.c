/* tui-text.c: text for the terminal — document and user text made safe
 * (no control or escape character ever reaches the terminal raw) and drawn
 * by display width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/tui-int.h"

/* Fits safe text into maxcols columns: fills out (may be NULL) with the
 * characters that fit, *ret_n with their count; returns the columns. */
static int safe_width(const char *safe, int maxcols, wchar_t *out, size_t *ret_n)
{
        int cols = 0;
        size_t n = 0;

        for (const char *p = safe; *p; p = p + g_utf8_skip[*(const guchar *)p]) {
                wchar_t wc = (wchar_t)g_utf8_get_char(p);
                int w = wcwidth(wc);
                if (w < 0) {        /* not printable in this locale */
                        wc = L'?';
                        w = 1;
                }
                if (cols + w > maxcols)
                        break;
                if (out)
                        out[n] = wc;
                n++;
                cols += w;
        }
        if (ret_n)
                *ret_n = n;
        return cols;
}

int tui_width(const char *s)
{
        char *safe = text_safe(s);
        int w = safe_width(safe, G_MAXINT, NULL, NULL);
        free(safe);
        return w;
}

int tui_put(WINDOW *w, const char *s, int maxcols)
{
        char *safe;
        wchar_t *buf;
        size_t n;
        int cols;

        if (maxcols <= 0)
                return 0;
        safe = text_safe(s);
        buf = g_new(wchar_t, strlen(safe) + 1);
        cols = safe_width(safe, maxcols, buf, &n);
        if (n)
                waddnwstr(w, buf, (int)n);
        g_free(buf);
        free(safe); /* text_safe (floor 1): malloc */
        return cols;
}

void tui_put_pad(WINDOW *w, const char *s, int width)
{
        int used = tui_put(w, s, width);
        for (; used < width; used++)
                waddch(w, ' ');
}

void tui_put_right(WINDOW *w, const char *s, int width)
{
        int need = tui_width(s);
        for (int i = need; i < width; i++)
                waddch(w, ' ');
        tui_put(w, s, width);
}

void tui_clear_row(WINDOW *w, int y, int x)
{
        wmove(w, y, x);
        wclrtoeol(w);
}
