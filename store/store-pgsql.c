/* store-pgsql.c: the store's SQL translated for PostgreSQL (see
 * store-pgsql.h). One tokenizer; the translation works on its tokens, so
 * nothing inside a quoted string or a comment is ever touched. */
#include <ctype.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/store-pgsql.h"

enum tok_kind {
        TOK_WORD,       /* identifier or keyword */
        TOK_PARAM,      /* ? or ?NNN */
        TOK_QUOTED,     /* '...' or "..." */
        TOK_SPACE,      /* white space or a comment */
        TOK_PUNCT,      /* one other character */
};

struct tok {
        enum tok_kind kind;
        const char *p;
        size_t len;
};

struct buf {
        char *p;
        size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
        b->p = bf_xgrow(b->p, &b->cap, b->len + n + 1, 1);
        memcpy(b->p + b->len, s, n);
        b->len += n;
        b->p[b->len] = '\0';
}

static void buf_str(struct buf *b, const char *s)
{
        buf_add(b, s, strlen(s));
}

/* The tokens of sql into a malloc'd array. */
static struct tok *tokenize(const char *sql, size_t *ret_n)
{
        struct tok *t = NULL;
        size_t n = 0, cap = 0;
        const char *p = sql;

        while (*p) {
                struct tok k = { .p = p };

                if (isspace((unsigned char)*p)) {
                        k.kind = TOK_SPACE;
                        while (isspace((unsigned char)*p))
                                p++;
                } else if (p[0] == '-' && p[1] == '-') {
                        k.kind = TOK_SPACE;
                        while (*p && *p != '\n')
                                p++;
                } else if (p[0] == '/' && p[1] == '*') {
                        const char *end = strstr(p + 2, "*/");

                        k.kind = TOK_SPACE;
                        p = end ? end + 2 : p + strlen(p);
                } else if (*p == '\'' || *p == '"') {
                        char q = *p++;

                        k.kind = TOK_QUOTED;
                        for (; *p; p++) {
                                if (*p == q && p[1] == q)
                                        p++; /* a doubled quote stays inside */
                                else if (*p == q)
                                        break;
                        }
                        if (*p)
                                p++;
                } else if (*p == '?') {
                        k.kind = TOK_PARAM;
                        p++;
                        while (isdigit((unsigned char)*p))
                                p++;
                } else if (isalpha((unsigned char)*p) || *p == '_') {
                        k.kind = TOK_WORD;
                        while (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
                                p++;
                } else {
                        k.kind = TOK_PUNCT;
                        p++;
                }
                k.len = (size_t)(p - k.p);
                t = bf_xgrow(t, &cap, n + 1, sizeof(*t));
                t[n++] = k;
        }
        *ret_n = n;
        return t;
}

static bool is_word(const struct tok *k, const char *w)
{
        return k->kind == TOK_WORD && strlen(w) == k->len && strncasecmp(k->p, w, k->len) == 0;
}

static bool is_punct(const struct tok *k, char c)
{
        return k->kind == TOK_PUNCT && k->p[0] == c;
}

/* The index of the next token after i that is not space, or n. */
static size_t next(const struct tok *t, size_t n, size_t i)
{
        for (i++; i < n && t[i].kind == TOK_SPACE; i++)
                ;
        return i;
}

/* SQLite functions and forms with no PostgreSQL twin under the same name:
 * the store computes those values in C instead. */
static const char *const untranslatable[] = {
        "julianday", "strftime", "datetime", "unixepoch", "date", "time", "glob",
        "group_concat", "total", "printf", "last_insert_rowid", "changes",
};

/* CREATE TRIGGER name BEFORE|AFTER op ON table BEGIN SELECT RAISE(ABORT,
 * 'message'); END — the one shape of trigger the schema uses. */
static char *translate_trigger(const struct tok *t, size_t n, struct bf_error *err)
{
        const char *want[] = { "CREATE", "TRIGGER", NULL, NULL, NULL, "ON", NULL, "BEGIN",
                               "SELECT", "RAISE", "(", "ABORT", ",", NULL, ")", ";", "END" };
        const struct tok *got[G_N_ELEMENTS(want)];
        size_t i = next(t, n, (size_t)-1), k;
        char *out;

        for (k = 0; k < G_N_ELEMENTS(want) && i < n; k++, i = next(t, n, i)) {
                got[k] = &t[i];
                if (k == 13) {
                        if (t[i].kind != TOK_QUOTED || t[i].p[0] != '\'')
                                break;
                } else if (k == 2 || k == 4 || k == 6) {
                        if (t[i].kind != TOK_WORD)
                                break;
                } else if (k == 3) {
                        if (!is_word(&t[i], "BEFORE") && !is_word(&t[i], "AFTER"))
                                break;
                } else if (strlen(want[k]) == 1 && !isalpha((unsigned char)want[k][0])) {
                        if (!is_punct(&t[i], want[k][0]))
                                break;
                } else if (!is_word(&t[i], want[k])) {
                        break;
                }
        }
        if (k < G_N_ELEMENTS(want) || (i < n && !is_punct(&t[i], ';')) ||
            (i < n && next(t, n, i) < n)) {
                bf_error_set(err, BF_EUNSUPPORTED,
                             "cannot translate a trigger for PostgreSQL: only BEFORE|AFTER "
                             "op ON table BEGIN SELECT RAISE(ABORT, 'message'); END is known");
                return NULL;
        }
        out = bf_xasprintf("CREATE TRIGGER %.*s %.*s %.*s ON %.*s FOR EACH ROW"
                           " EXECUTE FUNCTION bf_refuse(%.*s)",
                           (int)got[2]->len, got[2]->p, (int)got[3]->len, got[3]->p,
                           (int)got[4]->len, got[4]->p, (int)got[6]->len, got[6]->p,
                           (int)got[13]->len, got[13]->p);
        return out;
}

char *pgsql_translate(const char *sql, struct bf_error *err)
{
        size_t n, first, i;
        struct tok *t = tokenize(sql, &n);
        struct buf b = { 0 };
        bool ddl, ignore = false, ignore_done = false;
        long max_param = 0;

        first = next(t, n, (size_t)-1);
        if (first < n && is_word(&t[first], "PRAGMA")) {
                free(t);
                return bf_xstrdup("");
        }
        if (first < n && is_word(&t[first], "CREATE")) {
                size_t second = next(t, n, first);

                if (second < n && is_word(&t[second], "TRIGGER")) {
                        char *out = translate_trigger(t, n, err);

                        free(t);
                        return out;
                }
        }
        ddl = first < n && (is_word(&t[first], "CREATE") || is_word(&t[first], "ALTER"));
        buf_str(&b, "");
        for (i = 0; i < n; i++) {
                const struct tok *k = &t[i];
                size_t j = next(t, n, i);

                if (k->kind == TOK_PARAM) {
                        char num[24];
                        long v = k->len > 1 ? strtol(k->p + 1, NULL, 10) : max_param + 1;

                        if (v > max_param)
                                max_param = v;
                        snprintf(num, sizeof(num), "$%ld", v);
                        buf_str(&b, num);
                        continue;
                }
                if (k->kind != TOK_WORD) {
                        /* INSERT OR IGNORE's conflict clause goes before a
                         * RETURNING or the end. */
                        buf_add(&b, k->p, k->len);
                        continue;
                }
                for (size_t u = 0; u < G_N_ELEMENTS(untranslatable); u++) {
                        if (is_word(k, untranslatable[u]) && j < n && is_punct(&t[j], '(')) {
                                bf_error_set(err, BF_EUNSUPPORTED,
                                             "cannot translate SQLite's %.*s() for PostgreSQL",
                                             (int)k->len, k->p);
                                goto fail;
                        }
                }
                if (is_word(k, "GLOB")) {
                        bf_error_set(err, BF_EUNSUPPORTED, "cannot translate GLOB for PostgreSQL");
                        goto fail;
                }
                if (is_word(k, "INSERT") && j < n && is_word(&t[j], "OR")) {
                        size_t w = next(t, n, j);

                        if (w < n && is_word(&t[w], "IGNORE")) {
                                ignore = true;
                                buf_str(&b, "INSERT");
                                i = w; /* the space after IGNORE follows */
                                continue;
                        }
                        bf_error_set(err, BF_EUNSUPPORTED,
                                     "cannot translate INSERT OR %.*s for PostgreSQL "
                                     "(write INSERT ... ON CONFLICT)",
                                     w < n ? (int)t[w].len : 0, w < n ? t[w].p : "");
                        goto fail;
                }
                if (ignore && !ignore_done && is_word(k, "RETURNING")) {
                        buf_str(&b, "ON CONFLICT DO NOTHING ");
                        ignore_done = true;
                }
                if (is_word(k, "BEGIN") && j < n &&
                    (is_word(&t[j], "IMMEDIATE") || is_word(&t[j], "EXCLUSIVE") ||
                     is_word(&t[j], "DEFERRED"))) {
                        buf_str(&b, "BEGIN");
                        i = j;
                        continue;
                }
                if (is_word(k, "INTEGER")) {
                        size_t w1 = j, w2 = w1 < n ? next(t, n, w1) : n;
                        size_t w3 = w2 < n ? next(t, n, w2) : n;

                        if (ddl && w2 < n && is_word(&t[w1], "PRIMARY") && is_word(&t[w2], "KEY") &&
                            !(w3 < n && is_word(&t[w3], "REFERENCES")))
                                buf_str(&b, "BIGINT GENERATED BY DEFAULT AS IDENTITY");
                        else
                                buf_str(&b, "BIGINT");
                        continue;
                }
                if (is_word(k, "AUTOINCREMENT") && ddl)
                        continue;
                if (is_word(k, "REAL")) {
                        buf_str(&b, "DOUBLE PRECISION");
                        continue;
                }
                if (is_word(k, "instr") && j < n && is_punct(&t[j], '(')) {
                        buf_str(&b, "strpos");
                        continue;
                }
                if (is_word(k, "IFNULL") && j < n && is_punct(&t[j], '(')) {
                        buf_str(&b, "COALESCE");
                        continue;
                }
                buf_add(&b, k->p, k->len);
        }
        if (ignore && !ignore_done) {
                /* Before a trailing ';' and space, if any. */
                size_t end = b.len;

                while (end > 0 && (isspace((unsigned char)b.p[end - 1]) || b.p[end - 1] == ';'))
                        end--;
                b.p[end] = '\0';
                b.len = end;
                buf_str(&b, " ON CONFLICT DO NOTHING");
        }
        free(t);
        return b.p;
fail:
        free(t);
        free(b.p);
        return NULL;
}

void pgsql_split(const char *script, char ***ret, size_t *ret_n)
{
        size_t n, start = 0, cap = 0, count = 0;
        struct tok *t = tokenize(script, &n);
        char **out = NULL;
        bool trigger = false;
        int words = 0;
        const struct tok *last_word = NULL, *first_word = NULL;

        for (size_t i = 0; i <= n; i++) {
                bool end = i == n;

                if (!end && t[i].kind == TOK_WORD) {
                        if (words == 0)
                                first_word = &t[i];
                        else if (words == 1 && is_word(first_word, "CREATE") &&
                                 is_word(&t[i], "TRIGGER"))
                                trigger = true;
                        words++;
                        last_word = &t[i];
                }
                if (!end && is_punct(&t[i], ';') &&
                    (!trigger || (last_word && is_word(last_word, "END"))))
                        end = true;
                if (!end)
                        continue;
                if (words > 0) {
                        const char *from = t[start].p;
                        const char *to = i < n ? t[i].p : script + strlen(script);

                        out = bf_xgrow(out, &cap, count + 1, sizeof(*out));
                        out[count++] = bf_xstrndup(from, (size_t)(to - from));
                }
                start = i + 1;
                words = 0;
                trigger = false;
                last_word = first_word = NULL;
        }
        free(t);
        *ret = out;
        *ret_n = count;
}
