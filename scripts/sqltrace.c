/* sqltrace.c: an LD_PRELOAD profiler for billflow's SQLite statements (a
 * benchmark tool, not part of billflow). scripts/bench-scale.sh builds it:
 *
 *   cc -shared -fPIC -O2 -o sqltrace.so scripts/sqltrace.c -ldl
 *   BF_SQLTRACE=out.tsv LD_PRELOAD=./sqltrace.so billflow queue
 *
 * The time spent inside sqlite3_step is summed per statement; at exit each
 * distinct statement's run count, total and worst wall milliseconds, CPU
 * milliseconds and its SQL are appended to $BF_SQLTRACE as tab-separated
 * lines, slowest first. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct stat_row {
        char *sql;
        long runs;
        double total_ms, worst_ms, cpu_ms;
};

static struct stat_row *rows;
static size_t n_rows, cap_rows;

static int cmp_total(const void *a, const void *b)
{
        const struct stat_row *x = a, *y = b;
        return x->total_ms < y->total_ms ? 1 : x->total_ms > y->total_ms ? -1 : 0;
}

static void dump(void)
{
        const char *path = getenv("BF_SQLTRACE");
        FILE *f;

        if (!path || !n_rows || !(f = fopen(path, "a")))
                return;
        qsort(rows, n_rows, sizeof(*rows), cmp_total);
        for (size_t i = 0; i < n_rows; i++) {
                for (char *p = rows[i].sql; *p; p++)
                        if (*p == '\n' || *p == '\t')
                                *p = ' ';
                fprintf(f, "%ld\t%.3f\t%.3f\t%.3f\t%s\n", rows[i].runs, rows[i].total_ms,
                        rows[i].worst_ms, rows[i].cpu_ms, rows[i].sql);
        }
        fclose(f);
}

/* statement -> row, by pointer (a statement's SQL never changes) */
static struct { sqlite3_stmt *st; size_t row; } seen[4096];

static size_t row_of(sqlite3_stmt *st)
{
        size_t h = ((size_t)st >> 4) % 4096, i;

        for (size_t k = 0; k < 4096; k++, h = (h + 1) % 4096) {
                if (seen[h].st == st) {
                        const char *sql = sqlite3_sql(st);
                        if (sql && strcmp(rows[seen[h].row].sql, sql) == 0)
                                return seen[h].row;
                        seen[h].st = NULL; /* finalized, its address reused */
                        break;
                }
                if (!seen[h].st)
                        break;
        }
        const char *sql = sqlite3_sql(st);
        if (!sql)
                sql = "?";
        for (i = 0; i < n_rows && strcmp(rows[i].sql, sql) != 0; i++)
                ;
        if (i == n_rows) {
                if (n_rows == cap_rows) {
                        cap_rows = cap_rows ? cap_rows * 2 : 64;
                        rows = realloc(rows, cap_rows * sizeof(*rows));
                        if (!rows)
                                abort();
                }
                rows[n_rows++] = (struct stat_row){ strdup(sql), 0, 0, 0, 0 };
                if (n_rows == 1)
                        atexit(dump);
        }
        if (!seen[h].st)
                seen[h].st = st, seen[h].row = i;
        return i;
}

static double now_ms(clockid_t clock)
{
        struct timespec ts;
        clock_gettime(clock, &ts);
        return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A run is the steps from the first after a reset to SQLITE_DONE (or an
 * error): its time is the time spent inside sqlite3_step. */
static sqlite3_stmt *cur_st;
static double cur_ms;

int sqlite3_step(sqlite3_stmt *st)
{
        static int (*real)(sqlite3_stmt *);
        if (!real)
                real = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_step");
        double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
        int rc = real(st);
        double ms = now_ms(CLOCK_MONOTONIC) - t0;
        size_t i = row_of(st);

        if (cur_st != st) {
                cur_st = st;
                cur_ms = 0;
                rows[i].runs++;
        }
        cur_ms += ms;
        rows[i].total_ms += ms;
        rows[i].cpu_ms += now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        if (cur_ms > rows[i].worst_ms)
                rows[i].worst_ms = cur_ms;
        if (rc != SQLITE_ROW)
                cur_st = NULL;
        return rc;
}
