/* store.c: opening the SQLite store, schema migration, transactions, the
 * statement cache and the bind/step helpers the other store files use. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store-engine.h"

#define STORE_BUSY_TIMEOUT_MS 10000

/* -------------------------------------------------------------- errors */

/* Maps an SQLite result code to a BF_E* code and fills err with
 * "cannot <what>: <sqlite's message>". Returns the BF_E* code. */
static int lite_err(bf_store *s, int rc, struct bf_error *err, const char *what)
{
        const char *msg;
        int code;

        switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
                code = BF_EBUSY;
                break;
        case SQLITE_CONSTRAINT:
                if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
                        code = BF_EEXIST;
                else
                        code = BF_EINVAL;
                break;
        case SQLITE_NOMEM:
                code = BF_ENOMEM;
                break;
        case SQLITE_TOOBIG:
                code = BF_ETOOBIG;
                break;
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_PERM:
                code = BF_EIO;
                break;
        case SQLITE_MISMATCH:
        case SQLITE_RANGE:
                code = BF_EINVAL;
                break;
        default:
                code = BF_EINTERNAL;
                break;
        }
        msg = s && s->db && sqlite3_errcode(s->db) == rc ? sqlite3_errmsg(s->db)
                                                         : sqlite3_errstr(rc);
        return bf_error_set(err, code, "cannot %s: %s", what, msg);
}

/* ---------------------------------------------------------- statements */

/* PostgreSQL between transactions: a dropped connection is made again, and
 * the statements prepared on the old one are forgotten. */
static void pg_check_connection(bf_store *s)
{
        if (s->engine == STORE_PG && s->depth == 0 && pg_reconnected(s))
                g_hash_table_remove_all(s->stmts);
}

int store_stmt(bf_store *s, const char *sql, bf_stmt **ret, struct bf_error *err)
{
        bf_stmt *st;
        int rc;

        pg_check_connection(s);
        st = g_hash_table_lookup(s->stmts, sql);

        *ret = NULL;
        s->bind_rc = SQLITE_OK;
        if (st) {
                if (s->engine == STORE_PG) {
                        pg_clear(st);
                } else {
                        /* reset() reports the last step's error, already handled. */
                        sqlite3_reset(st->lite);
                        sqlite3_clear_bindings(st->lite);
                }
                *ret = st;
                return 0;
        }
        st = bf_xcalloc(1, sizeof(*st));
        st->s = s;
        if (s->engine == STORE_PG) {
                int r = pg_prepare(s, st, sql, err);

                if (r < 0) {
                        pg_finalize(st);
                        free(st);
                        return r;
                }
                g_hash_table_insert(s->stmts, (gpointer)(uintptr_t)sql, st);
                *ret = st;
                return 0;
        }
        rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->lite, NULL);
        if (rc != SQLITE_OK) {
                sqlite3_finalize(st->lite);
                free(st);
                return lite_err(s, sqlite3_extended_errcode(s->db), err, "prepare statement");
        }
        g_hash_table_insert(s->stmts, (gpointer)(uintptr_t)sql, st); /* keyed by address, never written */
        *ret = st;
        return 0;
}

int store_exec(bf_store *s, const char *sql, struct bf_error *err)
{
        char *msg = NULL;
        int rc;

        if (s->engine == STORE_PG)
                return pg_exec(s, sql, err);
        rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);

        if (rc != SQLITE_OK) {
                char what[64];
                int code;

                snprintf(what, sizeof(what), "run '%.40s'", sql);
                code = lite_err(s, rc, err, what);
                sqlite3_free(msg);
                return code;
        }
        return 0;
}

int store_step(bf_store *s, bf_stmt *st, struct bf_error *err, const char *what)
{
        int rc;

        if (s->bind_rc != SQLITE_OK) {
                rc = s->bind_rc;
                store_reset(st);
                if (s->engine == STORE_PG)
                        return bf_error_set(err, BF_EINVAL, "cannot %s: bad parameter", what);
                char bad[160];

                snprintf(bad, sizeof(bad), "%s: bad parameter", what);
                return lite_err(s, rc, err, bad);
        }
        if (s->engine == STORE_PG)
                return pg_step(s, st, err, what);
        /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): store_stmt sets *ret on every 0 return; the analyzer loses that across the engine branches */
        rc = sqlite3_step(st->lite);
        if (rc == SQLITE_ROW)
                return 1;
        if (rc == SQLITE_DONE)
                return 0;
        rc = lite_err(s, sqlite3_extended_errcode(s->db), err, what);
        sqlite3_reset(st->lite);
        return rc;
}

void store_reset(bf_stmt *st)
{
        /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): store_stmt sets *ret on every 0 return; the analyzer loses that across the engine branches */
        if (st->lite)
                sqlite3_reset(st->lite);
        else
                pg_reset(st);
}

int64_t store_changes(bf_store *s)
{
        return s->engine == STORE_PG ? s->changes : sqlite3_changes(s->db);
}

int64_t store_last_id(bf_store *s)
{
        return s->engine == STORE_PG ? pg_last_id(s) : sqlite3_last_insert_rowid(s->db);
}

static int64_t id_at(const void *base, size_t stride, size_t i)
{
        int64_t id;

        memcpy(&id, (const char *)base + i * stride, sizeof(id));
        return id;
}

int store_rows_by_ids(bf_store *s, const char *sql, const void *base, size_t stride, size_t n,
                      void (*row)(bf_stmt *st, size_t i, void *arg), void *arg,
                      const char *what, struct bf_error *err)
{
        for (size_t at = 0; at < n; at += STORE_IDS_CHUNK) {
                size_t m = MIN(n - at, (size_t)STORE_IDS_CHUNK), j = 0;
                bf_stmt *st;
                int r;

                if ((r = store_stmt(s, sql, &st, err)) < 0)
                        return r;
                for (size_t k = 0; k < STORE_IDS_CHUNK; k++) /* the unused repeat the last */
                        store_bind_int64(s, st, (int)k + 1, id_at(base, stride, at + MIN(k, m - 1)));
                while ((r = store_step(s, st, err, what)) == 1) {
                        int64_t id = store_col_int64(st, 0);

                        /* rows come by parent; the parents in their own order */
                        for (size_t tries = 0; id_at(base, stride, at + j) != id && tries < m; tries++)
                                j = (j + 1) % m;
                        if (id_at(base, stride, at + j) == id)
                                row(st, at + j, arg);
                }
                store_reset(st);
                if (r < 0)
                        return r;
        }
        return 0;
}

int store_one_row(bf_store *s, const char *sql, int64_t id, const char *key, const char *noun,
                  bf_stmt **ret, struct bf_error *err)
{
        char what[96];
        bf_stmt *st;
        int r;

        snprintf(what, sizeof(what), "load %s", noun);
        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        if (key)
                store_bind_text(s, st, 1, key);
        else
                store_bind_int64(s, st, 1, id);
        if ((r = store_step(s, st, err, what)) < 0)
                return r;
        if (r == 0) {
                store_reset(st);
                return key ? bf_error_set(err, BF_ENOTFOUND, "no %s '%s'", noun, key)
                           : bf_error_set(err, BF_ENOTFOUND, "no %s %lld", noun, (long long)id);
        }
        *ret = st;
        return 0;
}

int store_run(bf_store *s, bf_stmt *st, struct bf_error *err, const char *what)
{
        int r = store_step(s, st, err, what);

        store_reset(st);
        if (r == 1)
                return 0; /* a RETURNING or pragma row nobody asked for */
        return r;
}

int store_run_id(bf_store *s, const char *sql, int64_t id, struct bf_error *err, const char *what)
{
        bf_stmt *st;
        int r = store_stmt(s, sql, &st, err);

        if (r < 0)
                return r;
        store_bind_int64(s, st, 1, id);
        return store_run(s, st, err, what);
}

int store_count_add(bf_store *s, const char *what, int64_t key, int64_t delta,
                    struct bf_error *err)
{
        static const char sql[] =
                "INSERT INTO record_counts (what, shard, n) VALUES (?1, ?2, ?3)"
                " ON CONFLICT (what, shard) DO UPDATE SET n = record_counts.n + ?3";
        bf_stmt *st;
        int r;

        if ((r = store_stmt(s, sql, &st, err)) < 0)
                return r;
        store_bind_text(s, st, 1, what);
        store_bind_int64(s, st, 2, (key % 8 + 8) % 8);
        store_bind_int64(s, st, 3, delta);
        return store_run(s, st, err, "keep a count");
}

static void bind_check(bf_store *s, int rc)
{
        if (rc != SQLITE_OK && s->bind_rc == SQLITE_OK)
                s->bind_rc = rc;
}

/* A parameter as the PostgreSQL engine sends it: text. */
static void pg_bind_check(bf_store *s, bf_stmt *st, int i, const char *text)
{
        bind_check(s, pg_bind(st, i, text) ? SQLITE_OK : SQLITE_RANGE);
}

void store_bind_text(bf_store *s, bf_stmt *st, int i, const char *v)
{
        if (s->engine == STORE_PG)
                pg_bind_check(s, st, i, v);
        else if (!v)
                bind_check(s, sqlite3_bind_null(st->lite, i));
        else
                bind_check(s, sqlite3_bind_text(st->lite, i, v, -1, SQLITE_TRANSIENT));
}

void store_bind_int64(bf_store *s, bf_stmt *st, int i, int64_t v)
{
        char buf[24];

        if (s->engine == STORE_PG) {
                snprintf(buf, sizeof(buf), "%" PRId64, v);
                pg_bind_check(s, st, i, buf);
                return;
        }
        bind_check(s, sqlite3_bind_int64(st->lite, i, v));
}

void store_bind_id(bf_store *s, bf_stmt *st, int i, int64_t id)
{
        if (id == 0)
                store_bind_null(s, st, i);
        else
                store_bind_int64(s, st, i, id);
}

void store_bind_double(bf_store *s, bf_stmt *st, int i, double v)
{
        char buf[32];

        if (s->engine == STORE_PG) {
                snprintf(buf, sizeof(buf), "%.17g", v);
                pg_bind_check(s, st, i, buf);
                return;
        }
        bind_check(s, sqlite3_bind_double(st->lite, i, v));
}

void store_bind_null(bf_store *s, bf_stmt *st, int i)
{
        if (s->engine == STORE_PG) {
                pg_bind_check(s, st, i, NULL);
                return;
        }
        bind_check(s, sqlite3_bind_null(st->lite, i));
}

void store_bind_date(bf_store *s, bf_stmt *st, int i, bf_date d)
{
        char buf[24]; /* room for any int16/int8 values, though they are checked */

        if (d.y == 0) {
                store_bind_null(s, st, i);
                return;
        }
        if (d.y < 0 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31) {
                bind_check(s, SQLITE_RANGE);
                return;
        }
        snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d.y, d.m, d.d);
        store_bind_text(s, st, i, buf);
}

void store_bind_decimal(bf_store *s, bf_stmt *st, int i, bf_decimal d)
{
        char buf[48];
        bf_decimal back;

        /* Refuse anything the strict reader would not read back. */
        if (decimal_format(d, buf, sizeof(buf)) < 0 || store_decimal_from_text(buf, &back) < 0) {
                bind_check(s, SQLITE_RANGE);
                return;
        }
        store_bind_text(s, st, i, buf);
}

const char *store_col_text(bf_stmt *st, int i)
{
        if (!st->lite)
                return pg_col_text(st, i);
        return (const char *)sqlite3_column_text(st->lite, i);
}

/* A PostgreSQL value as a number: its text, or a boolean's t/f as 1/0. */
static int64_t pg_int64(bf_stmt *st, int i)
{
        const char *t = pg_col_text(st, i);

        if (!t)
                return 0;
        if (t[0] == 't' || t[0] == 'f')
                return t[0] == 't';
        return strtoll(t, NULL, 10);
}

char *store_col_strdup(bf_stmt *st, int i)
{
        const char *t = store_col_text(st, i);

        return t ? bf_xstrdup(t) : NULL;
}

int64_t store_col_int64(bf_stmt *st, int i)
{
        /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): store_stmt sets *ret on every 0 return; the analyzer loses that across the engine branches */
        return st->lite ? sqlite3_column_int64(st->lite, i) : pg_int64(st, i);
}

int store_col_int(bf_stmt *st, int i)
{
        return st->lite ? sqlite3_column_int(st->lite, i) : (int)pg_int64(st, i);
}

double store_col_double(bf_stmt *st, int i)
{
        const char *t;

        if (st->lite)
                return sqlite3_column_double(st->lite, i);
        t = pg_col_text(st, i);
        if (!t)
                return 0;
        if (t[0] == 't' || t[0] == 'f')
                return t[0] == 't';
        return g_ascii_strtod(t, NULL);
}

bool store_col_is_null(bf_stmt *st, int i)
{
        if (!st->lite)
                return pg_col_text(st, i) == NULL;
        return sqlite3_column_type(st->lite, i) == SQLITE_NULL;
}

static const char *col_name(bf_stmt *st, int i)
{
        return st->lite ? sqlite3_column_name(st->lite, i) : pg_col_name(st, i);
}

bf_date store_col_date(bf_stmt *st, int i)
{
        const char *t = store_col_text(st, i);
        int y, m, d;
        char tail;

        if (!t || sscanf(t, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
                return (bf_date){0};
        if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
                return (bf_date){0};
        return (bf_date){ .y = (int16_t)y, .m = (int8_t)m, .d = (int8_t)d };
}

int store_decimal_from_text(const char *text, bf_decimal *ret)
{
        const char *p = text;
        bool neg = false, dot = false;
        int64_t units = 0;
        int scale = 0, digits = 0;

        if (!p)
                return BF_EINVAL;
        if (*p == '-') {
                neg = true;
                p++;
        }
        for (; *p; p++) {
                if (*p == '.' && !dot && digits > 0) {
                        dot = true;
                        continue;
                }
                if (*p < '0' || *p > '9')
                        return BF_EINVAL;
                if (dot && ++scale > BF_DECIMAL_MAX_SCALE)
                        return BF_EINVAL;
                if (__builtin_mul_overflow(units, 10, &units) ||
                    __builtin_add_overflow(units, *p - '0', &units))
                        return BF_EINVAL;
                digits++;
        }
        if (digits == 0 || (dot && scale == 0))
                return BF_EINVAL;
        ret->units = neg ? -units : units;
        ret->scale = scale;
        return 0;
}

int store_col_decimal(bf_stmt *st, int i, bf_decimal *ret, struct bf_error *err)
{
        const char *t = store_col_text(st, i);

        if (store_decimal_from_text(t, ret) < 0)
                return bf_error_set(err, BF_EINVAL, "corrupt decimal '%s' in column '%s'",
                                    t ? t : "(null)", col_name(st, i));
        return 0;
}

void store_col_currency(bf_stmt *st, int i, char ret[BF_CURRENCY_LEN])
{
        const char *t = store_col_text(st, i);

        memset(ret, 0, BF_CURRENCY_LEN);
        if (t)
                snprintf(ret, BF_CURRENCY_LEN, "%s", t);
}

void store_time_ago(int seconds, char buf[32])
{
        gint64 us = g_get_real_time() - (gint64)seconds * G_USEC_PER_SEC;
        time_t secs = (time_t)(us / G_USEC_PER_SEC);
        unsigned ms = (unsigned)((us / 1000) % 1000);
        struct tm tm;
        size_t n;

        gmtime_r(&secs, &tm);
        n = strftime(buf, 24, "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(buf + n, 8, ".%03uZ", ms % 1000u);
}

void store_now(char buf[32])
{
        store_time_ago(0, buf);
}

/* --------------------------------------------------------- open, migrate */

static int read_user_version(bf_store *s, int *ret, struct bf_error *err)
{
        static const char sql[] = "PRAGMA user_version";
        bf_stmt *st;
        int r = store_stmt(s, sql, &st, err);

        if (r < 0)
                return r;
        r = store_step(s, st, err, "read the schema version");
        if (r < 0)
                return r;
        *ret = r == 1 ? store_col_int(st, 0) : 0;
        store_reset(st);
        return 0;
}

/* 0 when every foreign key holds (PRAGMA foreign_key_check finds no row),
 * else BF_EIO naming the first table that breaks one. */
static int foreign_keys_hold(bf_store *s, struct bf_error *err)
{
        static const char sql[] = "PRAGMA foreign_key_check";
        bf_stmt *st;
        int r = store_stmt(s, sql, &st, err);

        if (r < 0)
                return r;
        r = store_step(s, st, err, "check the foreign keys");
        if (r == 1)
                r = bf_error_set(err, BF_EIO, "a row of '%s' refers to a missing '%s'",
                                 store_col_text(st, 0), store_col_text(st, 2));
        store_reset(st);
        return r < 0 ? r : 0;
}

static int migrate(bf_store *s, struct bf_error *err)
{
        int version, r;

        r = read_user_version(s, &version, err);
        if (r < 0)
                return r;
        if (version == store_n_migrations)
                return 0;
        if (version > store_n_migrations)
                goto too_new;

        /* A migration may rebuild a table others refer to (SQLite's
         * twelve-step ALTER): foreign keys are off while migrations run
         * (the pragma is a no-op inside a transaction, so before it) and
         * checked before the commit. Take the write lock first, then look
         * again: another process may have migrated while we waited. */
        r = store_exec(s, "PRAGMA foreign_keys = OFF", err);
        if (r < 0)
                return r;
        r = store_exec(s, "BEGIN IMMEDIATE", err);
        if (r < 0)
                goto fk_on;
        r = read_user_version(s, &version, err);
        if (r < 0)
                goto fail;
        if (version > store_n_migrations) {
                store_exec(s, "ROLLBACK", NULL);
                store_exec(s, "PRAGMA foreign_keys = ON", NULL);
                goto too_new;
        }
        for (int v = version; v < store_n_migrations; v++) {
                char pragma[64];

                r = store_exec(s, store_migrations[v], err);
                if (r < 0) {
                        bf_error_prefix(err, "migration %d", v + 1);
                        goto fail;
                }
                /* PRAGMA takes no parameters; the number is ours, not input. */
                snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
                r = store_exec(s, pragma, err);
                if (r < 0)
                        goto fail;
        }
        r = foreign_keys_hold(s, err);
        if (r < 0)
                goto fail;
        r = store_exec(s, "COMMIT", err);
        if (r < 0)
                goto fail;
        return store_exec(s, "PRAGMA foreign_keys = ON", err);
fail:
        store_exec(s, "ROLLBACK", NULL);
fk_on:
        store_exec(s, "PRAGMA foreign_keys = ON", NULL);
        return r;
too_new:
        return bf_error_set(err, BF_EUNSUPPORTED,
                            "cannot open database '%s': schema version %d is newer than "
                            "this billflow knows (%d)", s->db_path, version,
                            store_n_migrations);
}

static void stmt_finalize(gpointer p)
{
        bf_stmt *st = p;

        if (st->lite)
                sqlite3_finalize(st->lite);
        else
                pg_finalize(st);
        free(st);
}

bool store_url_is_pg(const char *db)
{
        return db && (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0);
}

const char *store_engine_name(const bf_store *s)
{
        return s->engine == STORE_PG ? "postgresql" : "sqlite";
}

/* The URL for messages: a password written in it ("user:secret@") left out. */
static char *url_for_messages(const char *url)
{
        const char *scheme_end = strstr(url, "://");
        const char *at = scheme_end ? strchr(scheme_end + 3, '@') : NULL;
        const char *colon = scheme_end ? strchr(scheme_end + 3, ':') : NULL;

        if (!at || !colon || colon > at)
                return bf_xstrdup(url);
        return bf_xasprintf("%.*s:***%s", (int)(colon - url), url, at);
}

/* The password alone from its file (first line, without the newline). */
static int read_password(const char *path, char **ret, struct bf_error *err)
{
        g_autofree char *text = NULL;
        g_autoptr(GError) gerr = NULL;
        size_t n;

        *ret = NULL;
        if (!path || !*path)
                return 0;
        if (!g_file_get_contents(path, &text, NULL, &gerr))
                return bf_error_set(err, BF_EIO, "cannot read the database password from '%s': %s",
                                    path, gerr->message);
        n = strcspn(text, "\r\n");
        *ret = bf_xstrndup(text, n);
        return 0;
}

static int open_pg(bf_store *s, const char *url, const char *password_file,
                   struct bf_error *err)
{
        char *password = NULL;
        int r;

        s->engine = STORE_PG;
        s->db_path = url_for_messages(url);
        if ((r = read_password(password_file, &password, err)) < 0)
                return r;
        r = pg_open(s, url, password, err);
        if (password) {
                explicit_bzero(password, strlen(password));
                free(password);
        }
        return r;
}

bf_store *store_open(const char *db_path, const char *objects_dir, struct bf_error *err)
{
        return store_open_url(db_path, NULL, objects_dir, err);
}

bf_store *store_open_url(const char *db, const char *password_file, const char *objects_dir,
                         struct bf_error *err)
{
        const char *db_path = db && strncmp(db, "sqlite:", 7) == 0 ? db + 7 : db;
        bf_store *s;
        int rc, r;

        if (!db_path || !*db_path || !objects_dir) {
                bf_error_set(err, BF_EINVAL, "cannot open store: no path given");
                return NULL;
        }
        if (g_mkdir_with_parents(objects_dir, 0700) < 0) {
                bf_error_set(err, BF_EIO, "cannot create '%s': %s", objects_dir,
                             strerror(errno));
                return NULL;
        }
        if (store_url_is_pg(db)) {
                s = bf_xcalloc(1, sizeof(*s));
                s->objects_dir = bf_xstrdup(objects_dir);
                s->stmts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                                 stmt_finalize);
                if (open_pg(s, db, password_file, err) < 0) {
                        store_close(s);
                        return NULL;
                }
                return s;
        }
        /* A new database is its owner's alone, whatever the umask (SQLite
         * would make it 0644; its -wal and -shm files take the same mode). */
        {
                int fd = open(db_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

                if (fd >= 0)
                        close(fd);
        }
        s = bf_xcalloc(1, sizeof(*s));
        s->db_path = bf_xstrdup(db_path);
        s->objects_dir = bf_xstrdup(objects_dir);
        s->stmts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, stmt_finalize);

        rc = sqlite3_open_v2(db_path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
        if (rc != SQLITE_OK) {
                if (s->db)
                        bf_error_set(err, BF_EIO, "cannot open database '%s': %s", db_path,
                                     sqlite3_errmsg(s->db));
                else
                        bf_error_set(err, BF_ENOMEM, "cannot open database '%s': %s",
                                     db_path, sqlite3_errstr(rc));
                goto fail;
        }
        sqlite3_extended_result_codes(s->db, 1);
        sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);

        /* WAL lets readers (the queue, the TUI, status) run beside the
         * service's writer. synchronous=FULL rather than NORMAL: in WAL mode
         * NORMAL can lose the last commits on power failure, and right after a
         * commit billflow acknowledges the source (archives the file, deletes
         * or moves the mail) — a lost commit would lose the invoice. One fsync
         * per commit is nothing beside OCR. trusted_schema=OFF keeps a crafted
         * database file from running functions through its triggers or views. */
        r = store_exec(s, "PRAGMA journal_mode = WAL", err);
        if (r == 0)
                r = store_exec(s, "PRAGMA foreign_keys = ON", err);
        if (r == 0)
                r = store_exec(s, "PRAGMA synchronous = FULL", err);
        if (r == 0)
                r = store_exec(s, "PRAGMA trusted_schema = OFF", err);
        if (r == 0)
                r = migrate(s, err);
        if (r < 0) {
                if (err && strncmp(err->msg, "cannot open database", 20) != 0)
                        bf_error_prefix(err, "cannot open database '%s'", db_path);
                goto fail;
        }
        return s;
fail:
        store_close(s);
        return NULL;
}

void store_close(bf_store *s)
{
        if (!s)
                return;
        if (s->stmts)
                g_hash_table_destroy(s->stmts);
        if (s->db)
                sqlite3_close(s->db); /* an open transaction is rolled back */
        pg_close(s);
        free(s->db_path);
        free(s->objects_dir);
        free(s);
}

int store_schema_version(bf_store *s)
{
        int v, r = s->engine == STORE_PG ? pg_schema_version(s, &v, NULL)
                                         : read_user_version(s, &v, NULL);

        return r < 0 ? r : v;
}

/* -------------------------------------------------------- transactions */

/* Whether the connection is inside a transaction: an engine may have rolled
 * it back by itself after an error. */
static bool in_transaction(bf_store *s)
{
        if (s->engine == STORE_PG)
                return pg_in_transaction(s);
        return !sqlite3_get_autocommit(s->db);
}

/* Nested levels are savepoints with one name: RELEASE and ROLLBACK TO act on
 * the innermost savepoint of that name, so no SQL needs building. */
int store_begin(bf_store *s, struct bf_error *err)
{
        int r;

        if (s->depth > 0 && !in_transaction(s))
                s->depth = 0; /* SQLite rolled the transaction back after an error */
        pg_check_connection(s);
        /* SQLite's writers are serial (BEGIN IMMEDIATE takes the write lock);
         * PostgreSQL's SERIALIZABLE gives the same outcome to concurrent ones,
         * or BF_EBUSY to all but one. */
        if (s->depth > 0) {
                r = store_exec(s, "SAVEPOINT bf_level", err);
        } else {
                s->lost_race = false;
                if (s->engine == STORE_PG)
                        r = (pg_begin(s), 0); /* sent with the first statement */
                else
                        r = store_exec(s, "BEGIN IMMEDIATE", err);
        }
        if (r < 0)
                return r;
        s->depth++;
        return 0;
}

bool store_lost_race(const bf_store *s)
{
        return s && s->engine == STORE_PG && s->depth == 0 && s->lost_race;
}

int store_commit(bf_store *s, struct bf_error *err)
{
        int r;

        if (s->depth <= 0)
                return bf_error_set(err, BF_EINTERNAL, "cannot commit: no transaction");
        if (!in_transaction(s)) {
                s->depth = 0;
                return bf_error_set(err, BF_EIO,
                                    "cannot commit: the transaction was already rolled back");
        }
        r = store_exec(s, s->depth == 1 ? "COMMIT" : "RELEASE bf_level", err);
        if (r < 0) {
                /* A failed commit leaves nothing half-done: this level is rolled back. */
                store_rollback(s);
                return r;
        }
        s->depth--;
        return 0;
}

void store_rollback(bf_store *s)
{
        if (!s || s->depth <= 0)
                return;
        if (!in_transaction(s)) {
                s->depth = 0;
                return;
        }
        if (s->depth == 1)
                store_exec(s, "ROLLBACK", NULL);
        else
                store_exec(s, "ROLLBACK TO bf_level; RELEASE bf_level", NULL);
        s->depth--;
}

/* -------------------------------------------------------------- status */

/* Seconds since an ISO 8601 UTC timestamp as the store writes them; 0 for
 * NULL, one unreadable, or one in the future. */
static double seconds_since(const char *iso)
{
        g_autoptr(GDateTime) then = iso ? g_date_time_new_from_iso8601(iso, NULL) : NULL;
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        GTimeSpan span;

        if (!then)
                return 0;
        span = g_date_time_difference(now, then);
        return span > 0 ? (double)span / G_TIME_SPAN_SECOND : 0;
}

int store_queue_depth(bf_store *s, int64_t *ret_open, double *ret_oldest_age_s,
                      struct bf_error *err)
{
        bf_exception oldest;
        int r = store_queue_oldest(s, ret_open, &oldest, err);

        if (r == 0)
                *ret_oldest_age_s = seconds_since(oldest.created_at);
        exception_release(&oldest);
        return r;
}

int store_status(bf_store *s, bf_status *ret, struct bf_error *err)
{
        static const char sql_states[] =
                "SELECT state, SUM(n) FROM document_counts GROUP BY state";
        static const char sql_counts[] =
                "SELECT (SELECT COUNT(*) FROM exceptions WHERE state = 0),"
                "       (SELECT COALESCE(SUM(n), 0) FROM record_counts WHERE what = 'entries'),"
                "       (SELECT COUNT(*) FROM vendors),"
                "       (SELECT COUNT(*) FROM pos),"
                "       (SELECT COUNT(*) FROM receipts)";
        bf_status st = { 0 };
        bf_stmt *q;
        int r;

        r = store_stmt(s, sql_states, &q, err);
        if (r < 0)
                return r;
        while ((r = store_step(s, q, err, "count documents")) == 1) {
                int state = store_col_int(q, 0);
                int64_t n = store_col_int64(q, 1);

                st.documents += n;
                if (state >= 0 && state < (int)G_N_ELEMENTS(st.by_state))
                        st.by_state[state] = n;
        }
        store_reset(q);
        if (r < 0)
                return r;

        r = store_stmt(s, sql_counts, &q, err);
        if (r < 0)
                return r;
        r = store_step(s, q, err, "count records");
        if (r < 0)
                return r;
        st.open_exceptions = store_col_int64(q, 0);
        st.entries = store_col_int64(q, 1);
        st.vendors = store_col_int64(q, 2);
        st.pos = store_col_int64(q, 3);
        st.receipts = store_col_int64(q, 4);
        store_reset(q);
        *ret = st;
        return 0;
}
