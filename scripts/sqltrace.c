/* sqltrace.c: an LD_PRELOAD profiler for billflow's SQL statements, on
 * SQLite and on PostgreSQL (a benchmark tool, not part of billflow).
 * scripts/bench-scale.sh builds it:
 *
 *   cc -shared -fPIC -O2 -o sqltrace.so scripts/sqltrace.c -ldl
 *   BF_SQLTRACE=out.tsv LD_PRELOAD=./sqltrace.so billflow queue
 *
 * SQLite: the time spent inside sqlite3_step is summed per statement.
 * PostgreSQL: the time of each PQexecPrepared and PQexec, and of each
 * pipeline (PQenterPipelineMode to PQexitPipelineMode: billflow sends a
 * statement's run with its Parse, savepoint and BEGIN as one), counted
 * under the statement it ran: the round trip and the server's work (a
 * statement's SQL is what PQprepare or PQsendPrepare named). With
 * BF_SQLTRACE_NOTICES=FILE the server's notices go to FILE (billflow drops
 * them), so PGOPTIONS can ask auto_explain for plans.
 * At exit each distinct statement's run count, total and worst wall
 * milliseconds, CPU milliseconds (this process's: on PostgreSQL the work is
 * the server's) and its SQL are appended to $BF_SQLTRACE as tab-separated
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

/* the row of a statement's SQL, made on its first run */
static size_t row_of_sql(const char *sql)
{
        size_t i;

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
        return i;
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
        i = row_of_sql(sql ? sql : "?");
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

/* ---- PostgreSQL (libpq), declared here so no libpq header is needed */

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef void (*notice_fn)(void *arg, const char *message);

static void account(const char *sql, double t0, double c0)
{
        double ms = now_ms(CLOCK_MONOTONIC) - t0;
        size_t i = row_of_sql(sql ? sql : "?");

        rows[i].runs++;
        rows[i].total_ms += ms;
        rows[i].cpu_ms += now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        if (ms > rows[i].worst_ms)
                rows[i].worst_ms = ms;
}

/* prepared statement name -> its SQL */
static struct { char *name, *sql; } named[4096];
static size_t n_named;

static void name_sql(const char *name, const char *query)
{
        if (n_named < 4096 && name && query)
                named[n_named].name = strdup(name), named[n_named++].sql = strdup(query);
}

static const char *sql_of(const char *name)
{
        for (size_t i = n_named; i-- > 0;)
                if (strcmp(named[i].name, name) == 0)
                        return named[i].sql;
        return name;
}

#define REAL(ret, fn, ...) \
        static ret (*real)(__VA_ARGS__); \
        if (!real) \
                real = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, fn)

PGresult *PQprepare(PGconn *c, const char *name, const char *query, int n, const unsigned int *types)
{
        REAL(PGresult *, "PQprepare", PGconn *, const char *, const char *, int, const unsigned int *);
        name_sql(name, query);
        return real(c, name, query, n, types);
}

int PQsendPrepare(PGconn *c, const char *name, const char *query, int n, const unsigned int *types)
{
        REAL(int, "PQsendPrepare", PGconn *, const char *, const char *, int, const unsigned int *);
        name_sql(name, query);
        return real(c, name, query, n, types);
}

PGresult *PQexecPrepared(PGconn *c, const char *name, int n, const char *const *values,
                         const int *lengths, const int *formats, int result_format)
{
        REAL(PGresult *, "PQexecPrepared", PGconn *, const char *, int, const char *const *,
             const int *, const int *, int);
        double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
        PGresult *res = real(c, name, n, values, lengths, formats, result_format);
        account(sql_of(name), t0, c0);
        return res;
}

PGresult *PQexec(PGconn *c, const char *query)
{
        REAL(PGresult *, "PQexec", PGconn *, const char *);
        double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
        PGresult *res = real(c, query);
        account(query, t0, c0);
        return res;
}

static double pipe_t0, pipe_c0;
static const char *pipe_sql;

int PQenterPipelineMode(PGconn *c)
{
        REAL(int, "PQenterPipelineMode", PGconn *);
        pipe_t0 = now_ms(CLOCK_MONOTONIC), pipe_c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
        pipe_sql = NULL;
        return real(c);
}

int PQsendQueryPrepared(PGconn *c, const char *name, int n, const char *const *values,
                        const int *lengths, const int *formats, int result_format)
{
        REAL(int, "PQsendQueryPrepared", PGconn *, const char *, int, const char *const *,
             const int *, const int *, int);
        pipe_sql = sql_of(name);
        return real(c, name, n, values, lengths, formats, result_format);
}

int PQexitPipelineMode(PGconn *c)
{
        REAL(int, "PQexitPipelineMode", PGconn *);
        int r = real(c);
        if (pipe_sql)
                account(pipe_sql, pipe_t0, pipe_c0);
        pipe_sql = NULL;
        return r;
}

static void notice_to_file(void *arg, const char *message)
{
        const char *path = getenv("BF_SQLTRACE_NOTICES");
        FILE *f = path ? fopen(path, "a") : NULL;

        (void)arg;
        if (f) {
                fputs(message, f);
                fclose(f);
        }
}

notice_fn PQsetNoticeProcessor(PGconn *c, notice_fn fn, void *arg)
{
        REAL(notice_fn, "PQsetNoticeProcessor", PGconn *, notice_fn, void *);
        return real(c, getenv("BF_SQLTRACE_NOTICES") ? notice_to_file : fn, arg);
}
