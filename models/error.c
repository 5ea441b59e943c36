/* error.c: error reporting and the aborting allocators for small objects. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/models.h"

int (bf_error_set)(struct bf_error *err, int code, const char *fmt, ...)
{
        va_list ap;

        if (!err)
                return code;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
        return code;
}

int bf_error_prefix(struct bf_error *err, const char *fmt, ...)
{
        char prefix[200], old[sizeof(err->msg)];
        va_list ap;

        if (!err)
                return BF_EINTERNAL;
        va_start(ap, fmt);
        vsnprintf(prefix, sizeof(prefix), fmt, ap);
        va_end(ap);
        memcpy(old, err->msg, sizeof(old));
        /* Truncation is acceptable for a message: keep the end, which names the cause. */
        snprintf(err->msg, sizeof(err->msg), "%.200s: %.300s", prefix, old);
        return err->code;
}

static void oom(size_t n)
{
        fprintf(stderr, "billflow: out of memory allocating %zu bytes\n", n);
        abort();
}

void *bf_xmalloc(size_t n)
{
        void *p = malloc(n ? n : 1);

        if (!p)
                oom(n);
        return p;
}

void *bf_xcalloc(size_t n, size_t size)
{
        void *p = calloc(n ? n : 1, size ? size : 1);

        if (!p)
                oom(n * size);
        return p;
}

void *bf_xrealloc(void *p, size_t n)
{
        void *q = realloc(p, n ? n : 1);

        if (!q)
                oom(n);
        return q;
}

void *bf_xgrow(void *p, size_t *cap, size_t n, size_t size)
{
        if (n < *cap)
                return p;
        *cap = *cap ? *cap * 2 : 16;
        if (*cap <= n)
                *cap = n + 1;
        if (*cap > SIZE_MAX / size)
                oom(SIZE_MAX);
        return bf_xrealloc(p, *cap * size);
}

char *bf_xstrdup(const char *s)
{
        return s ? bf_xstrndup(s, strlen(s)) : NULL;
}

char *bf_xstrndup(const char *s, size_t n)
{
        char *p;

        if (!s)
                return NULL;
        n = strnlen(s, n);
        p = bf_xmalloc(n + 1);
        memcpy(p, s, n);
        p[n] = '\0';
        return p;
}

char *bf_xasprintf(const char *fmt, ...)
{
        va_list ap;
        char *p;
        int n;

        va_start(ap, fmt);
        n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0)
                oom(0);
        p = bf_xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
        return p;
}
