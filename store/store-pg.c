/* store-pg.c: the PostgreSQL engine (libpq). Statements are the store's own
 * SQL translated once (store-pgsql.c) and prepared on the server under a
 * name of their own; parameters go as text, always bound, never spliced
 * into SQL. A statement's rows are fetched whole by its first step.
 *
 * Behaving as SQLite does: a failed INSERT, UPDATE or DELETE inside a
 * transaction undoes only itself (each runs under a savepoint there, as
 * SQLite rolls back just the statement), so a caller may go on after a
 * unique key's BF_EEXIST; top-level transactions are SERIALIZABLE (SQLite's
 * writers are serial), and a serialization failure or deadlock is BF_EBUSY,
 * which callers treat as "try again". The schema is the one list of
 * migrations, translated, with its version in the table schema_version.
 *
 * Round trips are what a statement costs here (several machines share one
 * server): a statement's first run sends its Parse with it, a transaction's
 * BEGIN goes with its first statement, and a write's savepoint and release
 * go with the write, all in one libpq pipeline and one round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/store-engine.h"
#include "store/store-pgsql.h"

/* The advisory lock migrations take, so two processes never both migrate. */
#define PG_MIGRATE_LOCK 7261764371LL

/* The function the translated append-only triggers call. */
static const char pg_refuse_fn[] =
        "CREATE OR REPLACE FUNCTION bf_refuse() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = '23000'; END $$";

/* Moves every identity column's sequence past its table's highest value. */
static const char pg_identities_fn[] =
        "DO $$ DECLARE c record; BEGIN"
        " FOR c IN SELECT table_name, column_name FROM information_schema.columns"
        "   WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP"
        "  EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L),"
        "   COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)',"
        "   c.table_name, c.column_name, c.column_name, c.table_name);"
        " END LOOP; END $$";

/* A libpq message on one line (libpq's run over several, tab-indented), in
 * a caller's buffer. */
static const char *pg_msg(const char *m, char *buf, size_t size)
{
        size_t n;

        snprintf(buf, size, "%s", m && *m ? m : "unknown error");
        n = strlen(buf);
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
                buf[--n] = '\0';
        for (char *p = buf; *p; p++)
                if (*p == '\n' || *p == '\t')
                        *p = ' ';
        return buf;
}

/* Maps a failed result (or the connection's error when res is NULL) to a
 * BF_E* code and fills err with "cannot <what>: <server's message>". */
static int pg_err(bf_store *s, const PGresult *res, struct bf_error *err, const char *what)
{
        const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
        const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
        char buf[512];
        int code = BF_EINTERNAL;

        if (!m || !*m)
                m = PQerrorMessage(s->pg);
        /* A serialization failure or deadlock: the transaction may run again. */
        if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
                s->lost_race = true;
        if (!state)
                code = BF_EIO; /* no answer: the connection */
        else if (strcmp(state, "23505") == 0)
                code = BF_EEXIST;
        else if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0)
                code = BF_EINVAL;
        else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                 strcmp(state, "55P03") == 0)
                code = BF_EBUSY;
        else if (strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0 ||
                 strncmp(state, "57", 2) == 0 || strncmp(state, "58", 2) == 0 ||
                 strncmp(state, "25", 2) == 0)
                code = BF_EIO;
        else if (strcmp(state, "54000") == 0)
                code = BF_ETOOBIG;
        if (code == BF_EBUSY)
                return bf_error_set(err, code, "cannot %s: another billflow changed the same "
                                    "records at the same time; nothing was changed, try again (%s)",
                                    what, pg_msg(m, buf, sizeof(buf)));
        return bf_error_set(err, code, "cannot %s: %s", what, pg_msg(m, buf, sizeof(buf)));
}

/* The BEGIN store_begin deferred (pg_begin). */
static const char pg_begin_sql[] = "BEGIN ISOLATION LEVEL SERIALIZABLE";

void pg_begin(bf_store *s)
{
        s->pg_begin_pending = true;
}

/* Runs sql (no parameters); 0 or BF_E*. A COMMIT the server turned into a
 * ROLLBACK (the transaction had failed) is an error too. A deferred BEGIN
 * goes first, in the same round trip; a transaction that never sent it has
 * nothing to commit or roll back. */
int pg_exec(bf_store *s, const char *sql, struct bf_error *err)
{
        PGresult *res;
        ExecStatusType st;
        char what[64];
        int r = 0;

        if (s->pg_begin_pending) {
                s->pg_begin_pending = false;
                if (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)
                        return 0;
                char *both = bf_xasprintf("%s; %s", pg_begin_sql, sql);

                r = pg_exec(s, both, err);
                free(both);
                return r;
        }
        res = PQexec(s->pg, sql);
        st = PQresultStatus(res);
        snprintf(what, sizeof(what), "run '%.40s'", sql);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
                r = pg_err(s, res, err, what);
        else if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
                r = bf_error_set(err, BF_EIO, "cannot commit: the transaction had failed "
                                 "and was rolled back");
        PQclear(res);
        return r;
}

static void pg_quiet(void *arg, const char *message)
{
        (void)arg;
        (void)message; /* notices ("already exists, skipping") are not errors */
}

static int pg_read_version(bf_store *s, int *ret, struct bf_error *err)
{
        PGresult *res = PQexec(s->pg, "SELECT version FROM schema_version");
        int r = 0;

        if (PQresultStatus(res) != PGRES_TUPLES_OK)
                r = pg_err(s, res, err, "read the schema version");
        else
                *ret = PQntuples(res) > 0 ? atoi(PQgetvalue(res, 0, 0)) : 0;
        PQclear(res);
        return r;
}

int pg_schema_version(bf_store *s, int *ret, struct bf_error *err)
{
        return pg_read_version(s, ret, err);
}

/* Runs one migration, statement by statement, translated. */
static int pg_migration(bf_store *s, int v, struct bf_error *err)
{
        char **stmts;
        size_t n;
        int r = 0;

        const char *text = store_migrations[v];

        for (int i = 0; i < store_n_pg_migrations; i++)
                if (store_pg_migrations[i].number == v + 1)
                        text = store_pg_migrations[i].sql;
        pgsql_split(text, &stmts, &n);
        for (size_t i = 0; i < n; i++) {
                char *sql = r == 0 ? pgsql_translate(stmts[i], err) : NULL;

                if (r == 0 && !sql)
                        r = err && err->code < 0 ? err->code : BF_EUNSUPPORTED;
                if (r == 0 && *sql)
                        r = pg_exec(s, sql, err);
                free(sql);
                free(stmts[i]);
        }
        free(stmts);
        if (r < 0)
                bf_error_prefix(err, "migration %d", v + 1);
        return r;
}

static int pg_migrate(bf_store *s, struct bf_error *err)
{
        char sql[96];
        int version = 0, r;

        if ((r = pg_exec(s, "BEGIN", err)) < 0)
                return r;
        snprintf(sql, sizeof(sql), "SELECT pg_advisory_xact_lock(%lld)", PG_MIGRATE_LOCK);
        if ((r = pg_exec(s, sql, err)) < 0 ||
            (r = pg_exec(s, "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)",
                         err)) < 0 ||
            (r = pg_read_version(s, &version, err)) < 0)
                goto fail;
        if (version > store_n_migrations) {
                pg_exec(s, "ROLLBACK", NULL);
                return bf_error_set(err, BF_EUNSUPPORTED,
                                    "cannot open database '%s': schema version %d is newer than "
                                    "this billflow knows (%d)", s->db_path, version,
                                    store_n_migrations);
        }
        if (version < store_n_migrations) {
                if ((r = pg_exec(s, pg_refuse_fn, err)) < 0)
                        goto fail;
                for (int v = version; v < store_n_migrations; v++)
                        if ((r = pg_migration(s, v, err)) < 0)
                                goto fail;
                /* A migration that copied rows with their ids (a rebuilt
                 * table) leaves an identity behind them: each starts after
                 * its table's highest id again. */
                if ((r = pg_exec(s, pg_identities_fn, err)) < 0)
                        goto fail;
                /* The number is ours, not input. */
                snprintf(sql, sizeof(sql), "DELETE FROM schema_version;"
                         " INSERT INTO schema_version VALUES (%d)", store_n_migrations);
                if ((r = pg_exec(s, sql, err)) < 0)
                        goto fail;
        }
        return pg_exec(s, "COMMIT", err);
fail:
        pg_exec(s, "ROLLBACK", NULL);
        return r;
}

int pg_open(bf_store *s, const char *url, const char *password, struct bf_error *err)
{
        const char *keys[] = { "dbname", "application_name", "connect_timeout", "password", NULL };
        const char *vals[] = { url, "billflow", "10", password, NULL };
        char buf[512];

        s->pg = PQconnectdbParams(keys, vals, 1);
        if (!s->pg)
                return bf_error_set(err, BF_ENOMEM, "cannot connect to '%s'", s->db_path);
        if (PQstatus(s->pg) != CONNECTION_OK)
                return bf_error_set(err, BF_EIO, "cannot connect to '%s': %s", s->db_path,
                                    pg_msg(PQerrorMessage(s->pg), buf, sizeof(buf)));
        PQsetNoticeProcessor(s->pg, pg_quiet, NULL);
        return pg_migrate(s, err);
}

void pg_close(bf_store *s)
{
        if (s->pg)
                PQfinish(s->pg); /* an open transaction is rolled back */
        s->pg = NULL;
}

/* The number of parameters of translated SQL: its highest $N outside
 * quotes (PostgreSQL refuses a gap, so that is how many it takes). */
static int count_params(const char *text)
{
        char quote = 0;
        long n = 0;

        for (const char *p = text; *p; p++) {
                if (quote) {
                        if (*p == quote)
                                quote = 0;
                } else if (*p == '\'' || *p == '"') {
                        quote = *p;
                } else if (*p == '$' && g_ascii_isdigit(p[1])) {
                        long v = strtol(p + 1, NULL, 10);

                        if (v > n && v < 65536)
                                n = v;
                }
        }
        return (int)n;
}

int pg_prepare(bf_store *s, bf_stmt *st, const char *sql, struct bf_error *err)
{
        char *text = pgsql_translate(sql, err);
        size_t i;

        if (!text)
                return err ? err->code : BF_EUNSUPPORTED;
        snprintf(st->name, sizeof(st->name), "bf%u", s->n_prepared++);
        for (i = 0; text[i] == ' ' || text[i] == '\n' || text[i] == '('; i++)
                ;
        st->write = g_ascii_strncasecmp(text + i, "INSERT", 6) == 0 ||
                    g_ascii_strncasecmp(text + i, "UPDATE", 6) == 0 ||
                    g_ascii_strncasecmp(text + i, "DELETE", 6) == 0;
        st->text = text;
        st->prepared = false;
        st->n_params = count_params(text);
        if (st->n_params > 0)
                st->params = bf_xcalloc((size_t)st->n_params, sizeof(*st->params));
        return 0;
}

void pg_reset(bf_stmt *st)
{
        PQclear(st->res);
        st->res = NULL;
        st->row = -1;
        st->n_rows = 0;
}

void pg_clear(bf_stmt *st)
{
        pg_reset(st);
        for (int i = 0; i < st->n_params; i++) {
                free(st->params[i]);
                st->params[i] = NULL;
        }
}

void pg_finalize(bf_stmt *st)
{
        pg_clear(st);
        free(st->params);
        st->params = NULL;
        free(st->text);
        st->text = NULL;
}

bool pg_bind(bf_stmt *st, int i, const char *text)
{
        if (i < 1 || i > st->n_params)
                return false;
        free(st->params[i - 1]);
        st->params[i - 1] = bf_xstrdup(text);
        return true;
}

/* What one run of a statement sends, in this order, in one pipeline. */
enum pipe_part { PIPE_BEGIN, PIPE_SAVEPOINT, PIPE_PARSE, PIPE_RUN, PIPE_RELEASE, PIPE_N };

/* Sends the parts of one run of st that want[] names and reads their
 * results: the run's rows into *ret_run (on success), the first failure's
 * result into *ret_fail (the caller clears both); done[] says which parts
 * the server carried out. 0, or BF_EIO when the connection failed. */
static int pg_pipeline(bf_store *s, bf_stmt *st, const bool want[PIPE_N], bool done[PIPE_N],
                       PGresult **ret_run, PGresult **ret_fail, struct bf_error *err)
{
        static const char *const simple[PIPE_N] = {
                [PIPE_BEGIN] = pg_begin_sql,
                [PIPE_SAVEPOINT] = "SAVEPOINT bf_stmt",
                [PIPE_RELEASE] = "RELEASE SAVEPOINT bf_stmt",
        };
        int sent[PIPE_N], n = 0;
        bool ok = PQenterPipelineMode(s->pg) == 1;

        for (int p = 0; ok && p < PIPE_N; p++) {
                done[p] = false;
                if (!want[p])
                        continue;
                if (p == PIPE_PARSE)
                        ok = PQsendPrepare(s->pg, st->name, st->text, 0, NULL) == 1;
                else if (p == PIPE_RUN)
                        ok = PQsendQueryPrepared(s->pg, st->name, st->n_params,
                                                 (const char *const *)st->params, NULL, NULL,
                                                 0) == 1;
                else
                        ok = PQsendQueryParams(s->pg, simple[p], 0, NULL, NULL, NULL, NULL,
                                               0) == 1;
                sent[n++] = p;
        }
        ok = ok && PQpipelineSync(s->pg) == 1;
        /* Each part's result then NULL; the sync's result last. */
        for (int k = 0; ok && k <= n;) {
                PGresult *res = PQgetResult(s->pg);
                ExecStatusType rs;

                if (!res) {
                        if (k == n || PQstatus(s->pg) == CONNECTION_BAD)
                                ok = false;
                        k++;
                        continue;
                }
                rs = PQresultStatus(res);
                if (rs == PGRES_PIPELINE_SYNC) {
                        PQclear(res);
                        break;
                }
                if (k < n && (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK)) {
                        done[sent[k]] = true;
                        if (sent[k] == PIPE_RUN && !*ret_run) {
                                *ret_run = res;
                                continue;
                        }
                } else if (rs != PGRES_PIPELINE_ABORTED && !*ret_fail) {
                        *ret_fail = res;
                        continue;
                }
                PQclear(res);
        }
        if (PQpipelineStatus(s->pg) != PQ_PIPELINE_OFF && !PQexitPipelineMode(s->pg))
                ok = false;
        if (!ok)
                return pg_err(s, NULL, err, "send a statement");
        return 0;
}

int pg_step(bf_store *s, bf_stmt *st, struct bf_error *err, const char *what)
{
        if (!st->res) {
                /* A write inside a transaction runs under a savepoint, so its
                 * failure undoes it alone, as on SQLite. */
                bool in_tx = s->pg_begin_pending || pg_in_transaction(s);
                bool want[PIPE_N] = {
                        [PIPE_BEGIN] = s->pg_begin_pending,
                        [PIPE_SAVEPOINT] = st->write && s->depth > 0 && in_tx,
                        [PIPE_PARSE] = !st->prepared,
                        [PIPE_RUN] = true,
                        [PIPE_RELEASE] = st->write && s->depth > 0 && in_tx,
                };
                bool done[PIPE_N] = { false };
                PGresult *res = NULL, *fail = NULL;
                int r;

                s->pg_begin_pending = false;
                r = pg_pipeline(s, st, want, done, &res, &fail, err);
                if (done[PIPE_PARSE])
                        st->prepared = true;
                if (r == 0 && !done[PIPE_RUN])
                        r = pg_err(s, fail, err, what);
                if (r == 0 && want[PIPE_RELEASE] && !done[PIPE_RELEASE])
                        r = pg_err(s, fail, err, what);
                PQclear(fail);
                if (r < 0 && want[PIPE_PARSE] && !done[PIPE_PARSE])
                        bf_error_prefix(err, "%.60s", st->text);
                if (r < 0) {
                        PQclear(res);
                        /* A serialization failure dooms the transaction; anything
                         * else undoes just this statement, as on SQLite. */
                        if (done[PIPE_SAVEPOINT] && !done[PIPE_RELEASE] && r != BF_EBUSY)
                                pg_exec(s, "ROLLBACK TO SAVEPOINT bf_stmt; RELEASE SAVEPOINT bf_stmt",
                                        NULL);
                        return r;
                }
                if (st->write)
                        s->changes = strtoll(PQcmdTuples(res), NULL, 10);
                st->res = res;
                st->row = -1;
                st->n_rows = PQntuples(res);
        }
        if (st->row < st->n_rows)
                st->row++;
        return st->row < st->n_rows ? 1 : 0;
}

const char *pg_col_text(bf_stmt *st, int i)
{
        if (!st->res || st->row < 0 || st->row >= st->n_rows || i < 0 || i >= PQnfields(st->res) ||
            PQgetisnull(st->res, st->row, i))
                return NULL;
        return PQgetvalue(st->res, st->row, i);
}

const char *pg_col_name(bf_stmt *st, int i)
{
        const char *n = st->res ? PQfname(st->res, i) : NULL;

        return n ? n : "?";
}

int64_t pg_last_id(bf_store *s)
{
        PGresult *res = PQexec(s->pg, "SELECT lastval()");
        int64_t id = 0;

        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
                id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        PQclear(res);
        return id;
}

bool pg_in_transaction(bf_store *s)
{
        return s->pg_begin_pending || PQtransactionStatus(s->pg) != PQTRANS_IDLE;
}

bool pg_reconnected(bf_store *s)
{
        if (PQstatus(s->pg) != CONNECTION_BAD)
                return false;
        s->pg_begin_pending = false;
        PQreset(s->pg);
        return PQstatus(s->pg) == CONNECTION_OK;
}
