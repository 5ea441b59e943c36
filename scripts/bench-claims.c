/* bench-claims.c: the claim path's capacity on PostgreSQL (issue 17) — how
 * many claims and commits per second N concurrent clients get through the
 * SQL a capture machine runs per document: claim the oldest unclaimed
 * item with SELECT ... FOR UPDATE SKIP LOCKED and take a lease, then, the
 * work done, record the result and release the claim, each in its own
 * transaction. A benchmark tool (scripts/bench-scale.sh --claims builds and
 * runs it), not part of billflow.
 *
 *   cc -O2 -o bench-claims scripts/bench-claims.c $(pkg-config --cflags --libs libpq) -lpthread
 *   bench-claims URL [-c CLIENTS] [-s SECONDS] [-n ITEMS] [-f SQLFILE] [-m MODES]
 *
 * MODES (default "simple,prepared": both, one after the other in the same
 * run, each on a fresh table, so the second has its baseline beside it):
 *   simple    each statement parsed and planned on every run (PQexecParams)
 *             and the commit's BEGIN, statements and COMMIT each a round
 *             trip, as billflow's store ran them before it pipelined;
 *   prepared  the statements prepared once per connection, the claim one
 *             round trip, the commit's BEGIN, statements and COMMIT sent as
 *             one libpq pipeline: one round trip (what the store does now:
 *             a statement's Parse, the BEGIN and a write's savepoint go with
 *             the statement).
 *
 * SQLFILE replaces the built-in statements: sections introduced by a line
 * "-- setup", "-- claim", "-- commit"; the claim statement takes $1 (the
 * holder) and returns the claimed id (no row: nothing left); the commit
 * statements take $1 (the id) and $2 (the holder), one statement per line.
 * The built-in ones use a table of their own (bench_claims), so the tool
 * runs on any database; point -f at the store's own statements to measure
 * those. Prints claims/s, commits/s and latency percentiles. */
#include <libpq-fe.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_STMTS 16

static const char *url;
static int n_clients = 16, seconds = 10;
static long n_items = 200000;
static char *setup_sql, *claim_sql, *commit_sql[MAX_STMTS];
static int n_commit;
static volatile int stop;
static int prepared_mode;
static const char *sqlfile;

struct client {
        pthread_t th;
        int no;
        long claims, commits, empty, errors;
        double *lat;  /* ms per claim+commit */
        size_t n_lat, cap_lat;
        char err[256];
};

static const char builtin_setup[] =
        "SET client_min_messages = warning;"
        "DROP TABLE IF EXISTS bench_claims_done;"
        "DROP TABLE IF EXISTS bench_claims;"
        "CREATE TABLE bench_claims (id BIGSERIAL PRIMARY KEY, state INTEGER NOT NULL DEFAULT 0,"
        "  holder TEXT, lease_until TIMESTAMPTZ, payload TEXT);"
        "CREATE INDEX bench_claims_waiting ON bench_claims (id) WHERE state = 0;"
        "CREATE TABLE bench_claims_done (id BIGINT PRIMARY KEY REFERENCES bench_claims(id),"
        "  holder TEXT NOT NULL, done_at TIMESTAMPTZ NOT NULL DEFAULT now());"
        "INSERT INTO bench_claims (payload) SELECT 'inbox/scan-' || g || '.pdf'"
        "  FROM generate_series(1, %ld) g;"
        "ANALYZE bench_claims;";
static const char builtin_claim[] =
        "UPDATE bench_claims SET holder = $1, lease_until = now() + interval '10 minutes'"
        " WHERE id = (SELECT id FROM bench_claims WHERE state = 0"
        "   AND (lease_until IS NULL OR lease_until < now())"
        "   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id";
static const char builtin_commit1[] =
        "INSERT INTO bench_claims_done (id, holder) VALUES ($1, $2)";
static const char builtin_commit2[] =
        "UPDATE bench_claims SET state = 1, lease_until = NULL WHERE id = $1 AND holder = $2";

static double now_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int ok(PGconn *c, PGresult *r, struct client *cl)
{
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
                return 1;
        snprintf(cl->err, sizeof(cl->err), "%s", PQerrorMessage(c));
        cl->errors++;
        return 0;
}

static int exec_simple(PGconn *c, const char *sql, struct client *cl)
{
        PGresult *r = PQexec(c, sql);
        int good = ok(c, r, cl);
        PQclear(r);
        return good;
}

/* The commit as one pipeline: BEGIN, the statements, COMMIT, one sync. */
static int commit_pipelined(PGconn *c, const char *const q[2], struct client *cl)
{
        int good = PQenterPipelineMode(c) &&
                   PQsendQueryParams(c, "BEGIN", 0, NULL, NULL, NULL, NULL, 0);
        char name[24];

        for (int i = 0; good && i < n_commit; i++) {
                snprintf(name, sizeof(name), "commit%d", i);
                good = PQsendQueryPrepared(c, name, 2, q, NULL, NULL, 0);
        }
        good = good && PQsendQueryParams(c, "COMMIT", 0, NULL, NULL, NULL, NULL, 0) &&
               PQpipelineSync(c);
        /* each part's result then NULL, the sync's result last */
        for (int parts = n_commit + 2, k = 0; good && k <= parts;) {
                PGresult *r = PQgetResult(c);
                if (!r) {
                        k++;
                        continue;
                }
                ExecStatusType st = PQresultStatus(r);
                if (st == PGRES_PIPELINE_SYNC) {
                        PQclear(r);
                        break;
                }
                if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
                        good = ok(c, r, cl); /* the first failure's message */
                else if (k == parts - 1 && strcmp(PQcmdStatus(r), "ROLLBACK") == 0)
                        good = 0;
                PQclear(r);
        }
        if (PQpipelineStatus(c) != PQ_PIPELINE_OFF && !PQexitPipelineMode(c))
                good = 0;
        return good;
}

static void *run(void *arg)
{
        struct client *cl = arg;
        PGconn *c = PQconnectdb(url);
        char holder[64], id[32];

        if (PQstatus(c) != CONNECTION_OK) {
                snprintf(cl->err, sizeof(cl->err), "%s", PQerrorMessage(c));
                cl->errors++;
                PQfinish(c);
                return NULL;
        }
        if (prepared_mode) {
                char name[24];
                int good = 1;
                PGresult *r = PQprepare(c, "claim", claim_sql, 0, NULL);

                good = ok(c, r, cl);
                PQclear(r);
                for (int i = 0; good && i < n_commit; i++) {
                        snprintf(name, sizeof(name), "commit%d", i);
                        r = PQprepare(c, name, commit_sql[i], 0, NULL);
                        good = ok(c, r, cl);
                        PQclear(r);
                }
                if (!good) {
                        PQfinish(c);
                        return NULL;
                }
        }
        snprintf(holder, sizeof(holder), "bench-host-%d:%d", cl->no, (int)getpid());
        while (!stop) {
                const char *p[2] = { holder, NULL };
                double t0 = now_ms();
                PGresult *r = prepared_mode ? PQexecPrepared(c, "claim", 1, p, NULL, NULL, 0)
                                            : PQexecParams(c, claim_sql, 1, NULL, p, NULL, NULL, 0);
                if (!ok(c, r, cl)) {
                        PQclear(r);
                        continue;
                }
                if (PQntuples(r) == 0) { /* nothing left */
                        PQclear(r);
                        cl->empty++;
                        break;
                }
                snprintf(id, sizeof(id), "%s", PQgetvalue(r, 0, 0));
                PQclear(r);
                cl->claims++;
                /* the work (reading the document) happens here, outside any transaction */
                const char *q[2] = { id, holder };
                int good;
                if (prepared_mode) {
                        good = commit_pipelined(c, q, cl);
                } else {
                        good = exec_simple(c, "BEGIN", cl);
                        for (int i = 0; good && i < n_commit; i++) {
                                r = PQexecParams(c, commit_sql[i], 2, NULL, q, NULL, NULL, 0);
                                good = ok(c, r, cl);
                                PQclear(r);
                        }
                        good = good && exec_simple(c, "COMMIT", cl);
                }
                if (good) {
                        cl->commits++;
                        if (cl->n_lat == cl->cap_lat) {
                                cl->cap_lat = cl->cap_lat ? cl->cap_lat * 2 : 4096;
                                cl->lat = realloc(cl->lat, cl->cap_lat * sizeof(double));
                                if (!cl->lat)
                                        abort();
                        }
                        cl->lat[cl->n_lat++] = now_ms() - t0;
                } else if (PQtransactionStatus(c) != PQTRANS_IDLE) {
                        exec_simple(c, "ROLLBACK", cl);
                }
        }
        PQfinish(c);
        return NULL;
}

static int cmp_d(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return x < y ? -1 : x > y;
}

static char *slurp(const char *path)
{
        FILE *f = fopen(path, "r");
        if (!f)
                return NULL;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
                fclose(f);
                free(buf);
                return NULL;
        }
        buf[n] = 0;
        fclose(f);
        return buf;
}

/* "-- setup" / "-- claim" / "-- commit" sections; commit: one statement a line */
static int load_sql(const char *path)
{
        char *text = slurp(path), *line, *save = NULL;
        char **cur = NULL;
        if (!text)
                return -1;
        setup_sql = claim_sql = NULL;
        n_commit = 0;
        for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
                if (strncmp(line, "-- setup", 8) == 0) {
                        cur = &setup_sql;
                        continue;
                }
                if (strncmp(line, "-- claim", 8) == 0) {
                        cur = &claim_sql;
                        continue;
                }
                if (strncmp(line, "-- commit", 9) == 0) {
                        cur = NULL;
                        continue;
                }
                if (!*line || strncmp(line, "--", 2) == 0)
                        continue;
                if (!cur) {
                        if (n_commit < MAX_STMTS)
                                commit_sql[n_commit++] = line;
                        continue;
                }
                size_t old = *cur ? strlen(*cur) : 0;
                *cur = realloc(*cur, old + strlen(line) + 2);
                if (!*cur)
                        abort();
                if (!old)
                        **cur = 0;
                strcat(strcat(*cur, line), "\n");
        }
        return claim_sql && n_commit ? 0 : -1;
}

/* One run of the clients in the current mode, on a fresh table; prints its figures. */
static int run_mode(PGconn *c)
{
        stop = 0;
        if (setup_sql) {
                PGresult *r = PQexec(c, setup_sql);
                if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
                        fprintf(stderr, "bench-claims: setup: %s", PQerrorMessage(c));
                        return 1;
                }
                PQclear(r);
        }
        struct client *cl = calloc((size_t)n_clients, sizeof(*cl));
        if (!cl)
                abort();
        double t0 = now_ms();
        for (int i = 0; i < n_clients; i++) {
                cl[i].no = i + 1;
                pthread_create(&cl[i].th, NULL, run, &cl[i]);
        }
        struct timespec tick = { 0, 50 * 1000 * 1000 };
        while (now_ms() - t0 < seconds * 1000.0) {
                int running = 0;
                for (int i = 0; i < n_clients; i++)
                        running += cl[i].empty == 0;
                if (!running)
                        break;
                nanosleep(&tick, NULL);
        }
        stop = 1;
        long claims = 0, commits = 0, errors = 0;
        size_t n_lat = 0;
        for (int i = 0; i < n_clients; i++) {
                pthread_join(cl[i].th, NULL);
                claims += cl[i].claims;
                commits += cl[i].commits;
                errors += cl[i].errors;
                n_lat += cl[i].n_lat;
        }
        double secs = (now_ms() - t0) / 1e3;
        double *lat = malloc((n_lat ? n_lat : 1) * sizeof(double));
        size_t k = 0;
        for (int i = 0; i < n_clients; i++)
                for (size_t j = 0; j < cl[i].n_lat; j++)
                        lat[k++] = cl[i].lat[j];
        qsort(lat, n_lat, sizeof(double), cmp_d);
        /* every item claimed once: holders never overlap (the done table's key) */
        PGresult *r = PQexec(c, sqlfile ? "SELECT 0" :
                                 "SELECT COUNT(*) - COUNT(DISTINCT id) FROM bench_claims_done");
        const char *dups = PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : "?";
        printf("%-8s clients %d, %.1f s: %ld claims (%.0f/s), %ld commits (%.0f/s), %ld errors, "
               "double claims %s\n", prepared_mode ? "prepared" : "simple", n_clients, secs, claims, claims / secs, commits, commits / secs,
               errors, dups);
        if (n_lat)
                printf("         claim+commit latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f\n",
                       lat[n_lat / 2], lat[n_lat * 9 / 10], lat[n_lat * 99 / 100], lat[n_lat - 1]);
        for (int i = 0; i < n_clients; i++)
                if (cl[i].err[0]) {
                        printf("client %d: %s", cl[i].no, cl[i].err);
                        break;
                }
        PQclear(r);
        for (int i = 0; i < n_clients; i++)
                free(cl[i].lat);
        free(cl);
        free(lat);
        return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
        const char *modes = "simple,prepared";
        if (argc < 2) {
                fprintf(stderr, "usage: bench-claims URL [-c CLIENTS] [-s SECONDS] [-n ITEMS] [-f SQLFILE] [-m simple,prepared]\n");
                return 2;
        }
        url = argv[1];
        for (int i = 2; i + 1 < argc; i += 2) {
                if (!strcmp(argv[i], "-c"))
                        n_clients = atoi(argv[i + 1]);
                else if (!strcmp(argv[i], "-s"))
                        seconds = atoi(argv[i + 1]);
                else if (!strcmp(argv[i], "-n"))
                        n_items = atol(argv[i + 1]);
                else if (!strcmp(argv[i], "-f"))
                        sqlfile = argv[i + 1];
                else if (!strcmp(argv[i], "-m"))
                        modes = argv[i + 1];
        }
        if (n_clients < 1 || n_clients > 512 || seconds < 1) {
                fprintf(stderr, "bench-claims: bad -c or -s\n");
                return 2;
        }
        if (sqlfile) {
                if (load_sql(sqlfile) < 0) {
                        fprintf(stderr, "bench-claims: cannot read claim and commit statements from '%s'\n", sqlfile);
                        return 1;
                }
        } else {
                static char setup[2048];
                snprintf(setup, sizeof(setup), builtin_setup, n_items);
                setup_sql = setup;
                claim_sql = (char *)builtin_claim;
                commit_sql[0] = (char *)builtin_commit1;
                commit_sql[1] = (char *)builtin_commit2;
                n_commit = 2;
        }
        PGconn *c = PQconnectdb(url);
        if (PQstatus(c) != CONNECTION_OK) {
                fprintf(stderr, "bench-claims: %s", PQerrorMessage(c));
                return 1;
        }
        int rc = 0;
        for (const char *m = modes; *m;) {
                size_t len = strcspn(m, ",");
                if (len == 6 && !strncmp(m, "simple", 6))
                        prepared_mode = 0;
                else if (len == 8 && !strncmp(m, "prepared", 8))
                        prepared_mode = 1;
                else {
                        fprintf(stderr, "bench-claims: unknown mode '%.*s'\n", (int)len, m);
                        return 2;
                }
                rc |= run_mode(c);
                m += len + (m[len] == ',');
        }
        PQfinish(c);
        return rc;
}
