/* tui-text.c: text for the terminal — document and user text made safe
 * (no control or escape character ever reaches the terminal raw) and drawn
 * by display width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/tui-int.h"

/* Characters that would steer the terminal or reorder what is shown. */
static bool is_unsafe(gunichar c)
{
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
               (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
               c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff;
}

char *tui_safe_text(const char *s)
{
        GString *out = g_string_new(NULL);
        const char *p = s ? s : "";
        char *ret;

        while (*p) {
                gunichar c = g_utf8_get_char_validated(p, -1);
                if (c == (gunichar)-1 || c == (gunichar)-2) {
                        g_string_append_printf(out, "\\x%02x", (unsigned char)*p);
                        p++;
                        continue;
                }
                if (c < 0xa0 && is_unsafe(c))
                        g_string_append_printf(out, "\\x%02x", c);
                else if (is_unsafe(c))
                        g_string_append_printf(out, "\\u%04x", c);
                else
                        g_string_append_len(out, p, g_utf8_next_char(p) - p);
                p = g_utf8_next_char(p);
        }
        /* Callers free with free(): hand back a malloc'd copy. */
        ret = bf_xstrdup(out->str);
        g_string_free(out, TRUE);
        return ret;
}

/* Fits safe text into maxcols columns: fills out (may be NULL) with the
 * characters that fit, *ret_n with their count; returns the columns. */
static int safe_width(const char *safe, int maxcols, wchar_t *out, size_t *ret_n)
{
        int cols = 0;
        size_t n = 0;

        for (const char *p = safe; *p; p = g_utf8_next_char(p)) {
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
        char *safe = tui_safe_text(s);
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
        safe = tui_safe_text(s);
        buf = bf_xmalloc((strlen(safe) + 1) * sizeof(*buf));
        cols = safe_width(safe, maxcols, buf, &n);
        if (n)
                waddnwstr(w, buf, (int)n);
        free(buf);
        free(safe);
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
