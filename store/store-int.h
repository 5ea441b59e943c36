/* store-int.h: what the store's own files share — the handle, the statement
 * cache, bind/step helpers and the schema. Never included outside store/. */
#ifndef BILLFLOW_STORE_INT_H
#define BILLFLOW_STORE_INT_H

#include <glib.h>
#include <sqlite3.h>

#include "store/store.h"

struct bf_store {
        sqlite3 *db;
        char *db_path;
        char *objects_dir;
        int depth;              /* open transaction levels (BEGIN + savepoints) */
        int bind_rc;            /* first failed bind since the last store_stmt() */
        GHashTable *stmts;      /* const char *sql (by address) -> sqlite3_stmt * */
};

/* The forward migrations, migration i (1-based) at index i-1 (store-schema.c). */
extern const char *const store_migrations[];
extern const int store_n_migrations;

/* The cached prepared statement for sql (a static string: the cache is keyed
 * by its address), reset and with bindings cleared, into *ret; 0 or BF_E*. */
int store_stmt(bf_store *s, const char *sql, sqlite3_stmt **ret, struct bf_error *err);
/* Runs static SQL without parameters (transaction control, schema). */
int store_exec(bf_store *s, const char *sql, struct bf_error *err);
/* Maps an SQLite result code to a BF_E* code and fills err with
 * "cannot <what>: <sqlite's message>". Returns the BF_E* code. */
int store_sqlerr(bf_store *s, int rc, struct bf_error *err, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Steps st: 1 for a row, 0 when done, or a negative BF_E* code with err (st
 * is then reset). A failed bind since store_stmt() is reported here. */
int store_step(bf_store *s, sqlite3_stmt *st, struct bf_error *err, const char *what);
/* The one row of sql whose ?1 is key (text), or id when key is NULL: 0
 * with *ret on the row (the caller reads it, then resets it); BF_ENOTFOUND
 * with err "no <noun> <id>" ("no vendor 'V1'") when there is none; BF_E*. */
int store_one_row(bf_store *s, const char *sql, int64_t id, const char *key, const char *noun,
                  sqlite3_stmt **ret, struct bf_error *err);
/* Steps a statement that returns no rows and resets it: 0 or BF_E*. */
int store_run(bf_store *s, sqlite3_stmt *st, struct bf_error *err, const char *what);

/* Binding helpers; a failure is remembered in s->bind_rc for store_step. */
void store_bind_text(bf_store *s, sqlite3_stmt *st, int i, const char *v); /* NULL -> NULL */
void store_bind_int64(bf_store *s, sqlite3_stmt *st, int i, int64_t v);
void store_bind_id(bf_store *s, sqlite3_stmt *st, int i, int64_t id);     /* 0 -> NULL */
void store_bind_double(bf_store *s, sqlite3_stmt *st, int i, double v);
void store_bind_null(bf_store *s, sqlite3_stmt *st, int i);
void store_bind_date(bf_store *s, sqlite3_stmt *st, int i, bf_date d);    /* unset -> NULL */
void store_bind_decimal(bf_store *s, sqlite3_stmt *st, int i, bf_decimal d);

/* Column helpers. */
char *store_col_strdup(sqlite3_stmt *st, int i);        /* NULL -> NULL; caller frees */
int64_t store_col_int64(sqlite3_stmt *st, int i);       /* NULL -> 0 */
bf_date store_col_date(sqlite3_stmt *st, int i);        /* NULL or malformed -> unset */
/* Reads an exact decimal column ("-12.345"); BF_EINVAL with err if malformed. */
int store_col_decimal(sqlite3_stmt *st, int i, bf_decimal *ret, struct bf_error *err);
void store_col_currency(sqlite3_stmt *st, int i, char ret[BF_CURRENCY_LEN]);

/* Parses the store's decimal text strictly: -?digits(.digits{1,6})?. */
int store_decimal_from_text(const char *text, bf_decimal *ret);
/* Now, and `seconds` before now, as ISO 8601 UTC with milliseconds
 * ("2026-11-03T10:15:30.123Z"), so timestamps compare as text. */
void store_now(char buf[32]);
void store_time_ago(int seconds, char buf[32]);

#endif
