/* store-int.h: what the store's own files share — the handle, the statement
 * cache, bind/step/column helpers and the schema. Never included outside
 * store/ (and the store's unit tests). The store files speak to the
 * database only through these helpers, never through an engine's own API:
 * the statement (bf_stmt) is opaque and the engine behind it (SQLite, or
 * PostgreSQL through libpq: store-pg.c) is chosen when the store is opened. */
#ifndef BILLFLOW_STORE_INT_H
#define BILLFLOW_STORE_INT_H

#include <glib.h>

#include "store/store.h"

enum store_engine {
        STORE_SQLITE,
        STORE_PG,
};

/* A prepared statement of one engine; owned by the store's cache (never
 * freed by its users), valid until store_close. */
typedef struct bf_stmt bf_stmt;

struct bf_store {
        enum store_engine engine;
        struct sqlite3 *db;     /* the SQLite connection (STORE_SQLITE) */
        struct pg_conn *pg;     /* the libpq connection, a PGconn (STORE_PG) */
        char *db_path;          /* the file, or the URL without its password, for messages */
        char *objects_dir;
        int depth;              /* open transaction levels (BEGIN + savepoints) */
        int bind_rc;            /* first failed bind since the last store_stmt() */
        int64_t changes;        /* rows the last statement changed (STORE_PG) */
        int64_t last_id;        /* the id the last INSERT made (STORE_PG) */
        unsigned n_prepared;    /* names given to prepared statements (STORE_PG) */
        bool pg_begin_pending;  /* a BEGIN not sent yet (STORE_PG: pg_begin) */
        bool lost_race;         /* the transaction met a serialization failure or a
                                 * deadlock (STORE_PG); cleared by the next BEGIN */
        GHashTable *stmts;      /* const char *sql (by address) -> bf_stmt * */
};

/* The forward migrations, migration i (1-based) at index i-1 (store-schema.c). */
extern const char *const store_migrations[];
extern const int store_n_migrations;
/* The migrations PostgreSQL runs in a text of its own (by number, 1-based);
 * the others it runs translated. */
struct store_pg_migration {
        int number;
        const char *sql;
};
extern const struct store_pg_migration store_pg_migrations[];
extern const int store_n_pg_migrations;

/* The cached prepared statement for sql (a static string: the cache is keyed
 * by its address), reset and with bindings cleared, into *ret; 0 or BF_E*. */
int store_stmt(bf_store *s, const char *sql, bf_stmt **ret, struct bf_error *err);
/* The children of many rows (an entry's postings, an exception's reasons)
 * in a few statements, not one a row: thousands of round trips to a
 * PostgreSQL server otherwise. sql takes the parents' ids as ?1..?64
 * (write "IN (" STORE_IDS_64 ")") and returns the parent's id as its first
 * column, the rows of one parent together; the ids are read at base +
 * i * stride for i < n (an int64_t member of an array of records). row(st,
 * i, arg) is called for each row, i the parent's index. 0 or BF_E*. */
#define STORE_IDS_CHUNK 64
#define STORE_IDS_64 \
        "?1,?2,?3,?4,?5,?6,?7,?8," \
        "?9,?10,?11,?12,?13,?14,?15,?16," \
        "?17,?18,?19,?20,?21,?22,?23,?24," \
        "?25,?26,?27,?28,?29,?30,?31,?32," \
        "?33,?34,?35,?36,?37,?38,?39,?40," \
        "?41,?42,?43,?44,?45,?46,?47,?48," \
        "?49,?50,?51,?52,?53,?54,?55,?56," \
        "?57,?58,?59,?60,?61,?62,?63,?64"
int store_rows_by_ids(bf_store *s, const char *sql, const void *base, size_t stride, size_t n,
                      void (*row)(bf_stmt *st, size_t i, void *arg), void *arg,
                      const char *what, struct bf_error *err);
/* Brings the queue's kept row of the document's open exception, if it has
 * one, in step with its invoice and document (store-queue.c); called in the
 * transaction that changes them. 0 or BF_E*. */
int store_queue_row_refresh(bf_store *s, int64_t document_id, struct bf_error *err);
/* Runs static SQL without parameters (transaction control, schema). */
int store_exec(bf_store *s, const char *sql, struct bf_error *err);

/* Steps st: 1 for a row, 0 when done, or a negative BF_E* code with err (st
 * is then reset). A failed bind since store_stmt() is reported here. */
int store_step(bf_store *s, bf_stmt *st, struct bf_error *err, const char *what);
/* The one row of sql whose ?1 is key (text), or id when key is NULL: 0
 * with *ret on the row (the caller reads it, then resets it); BF_ENOTFOUND
 * with err "no <noun> <id>" ("no vendor 'V1'") when there is none; BF_E*. */
int store_one_row(bf_store *s, const char *sql, int64_t id, const char *key, const char *noun,
                  bf_stmt **ret, struct bf_error *err);
/* Steps a statement that returns no rows and resets it: 0 or BF_E*. */
int store_run(bf_store *s, bf_stmt *st, struct bf_error *err, const char *what);
/* store_run of the cached statement sql with ?1 bound to id. */
int store_run_id(bf_store *s, const char *sql, int64_t id, struct bf_error *err, const char *what);
/* Ends the statement's current run (its rows are gone); keeps it cached. */
void store_reset(bf_stmt *st);
/* Rows the last INSERT, UPDATE or DELETE changed. */
int64_t store_changes(bf_store *s);
/* The id the last INSERT into a table with an INTEGER PRIMARY KEY id made
 * (on PostgreSQL, the last identity value this connection drew). */
int64_t store_last_id(bf_store *s);

/* Binding helpers; a failure is remembered in s->bind_rc for store_step. */
void store_bind_text(bf_store *s, bf_stmt *st, int i, const char *v); /* NULL -> NULL */
void store_bind_int64(bf_store *s, bf_stmt *st, int i, int64_t v);
void store_bind_id(bf_store *s, bf_stmt *st, int i, int64_t id);     /* 0 -> NULL */
void store_bind_double(bf_store *s, bf_stmt *st, int i, double v);
void store_bind_null(bf_store *s, bf_stmt *st, int i);
void store_bind_date(bf_store *s, bf_stmt *st, int i, bf_date d);    /* unset -> NULL */
void store_bind_decimal(bf_store *s, bf_stmt *st, int i, bf_decimal d);

/* Column helpers, on the row the last store_step returned 1 for. */
char *store_col_strdup(bf_stmt *st, int i);        /* NULL -> NULL; caller frees */
/* The column's text, NULL for NULL; borrowed from the statement, valid until
 * its next step or reset. */
const char *store_col_text(bf_stmt *st, int i);
int64_t store_col_int64(bf_stmt *st, int i);       /* NULL -> 0 */
int store_col_int(bf_stmt *st, int i);             /* NULL -> 0 */
double store_col_double(bf_stmt *st, int i);       /* NULL -> 0 */
bool store_col_is_null(bf_stmt *st, int i);
bf_date store_col_date(bf_stmt *st, int i);        /* NULL or malformed -> unset */
/* Reads an exact decimal column ("-12.345"); BF_EINVAL with err if malformed. */
int store_col_decimal(bf_stmt *st, int i, bf_decimal *ret, struct bf_error *err);
void store_col_currency(bf_stmt *st, int i, char ret[BF_CURRENCY_LEN]);

/* Parses the store's decimal text strictly: -?digits(.digits{1,6})?. */
int store_decimal_from_text(const char *text, bf_decimal *ret);
/* Now, and `seconds` before now, as ISO 8601 UTC with milliseconds
 * ("2026-11-03T10:15:30.123Z"), so timestamps compare as text. */
void store_now(char buf[32]);
void store_time_ago(int seconds, char buf[32]);

/* Adds delta to the kept count of what (record_counts: "entries", "mails")
 * in shard key % 8, in the caller's transaction; status reads these rows
 * rather than counting the table. 0 or BF_E*. */
int store_count_add(bf_store *s, const char *what, int64_t key, int64_t delta,
                    struct bf_error *err);

#endif
