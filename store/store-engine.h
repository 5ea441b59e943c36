/* store-engine.h: the statement and the PostgreSQL engine's entry points,
 * shared by store.c (which dispatches on bf_store.engine) and store-pg.c.
 * Only those two files include it. */
#ifndef BILLFLOW_STORE_ENGINE_H
#define BILLFLOW_STORE_ENGINE_H

#include "store/store-int.h"

struct sqlite3_stmt;
struct pg_result;

/* A prepared statement, cached by the SQL's address; the store owns it. */
struct bf_stmt {
        bf_store *s;
        struct sqlite3_stmt *lite;      /* STORE_SQLITE */
        /* STORE_PG: the statement prepared on the server under name, its
         * parameters as text (malloc'd, NULL for NULL) and the rows of its
         * last run (a PGresult, fetched whole by the first step). */
        char name[16];
        char *text;             /* the translated SQL, until the server has it */
        bool prepared;          /* the server has it under name */
        int n_params;
        char **params;
        struct pg_result *res;
        int row, n_rows;
        bool write;             /* INSERT, UPDATE or DELETE */
};

/* The PostgreSQL engine (store-pg.c); each fills err as the SQLite side does. */
/* Connects to url with password (may be NULL: libpq's own sources then)
 * and migrates the schema; 0 or BF_E*. */
int pg_open(bf_store *s, const char *url, const char *password, struct bf_error *err);
void pg_close(bf_store *s);
/* Translates sql for st; the server is sent it with st's first run (one
 * round trip with that run), so a statement's error shows there. */
int pg_prepare(bf_store *s, bf_stmt *st, const char *sql, struct bf_error *err);
/* Opens a top-level transaction (SERIALIZABLE): its BEGIN goes to the
 * server with the first statement that follows, in the same round trip
 * (a transaction that ran nothing costs none). */
void pg_begin(bf_store *s);
void pg_finalize(bf_stmt *st);
void pg_reset(bf_stmt *st);             /* drops the rows */
void pg_clear(bf_stmt *st);             /* drops the rows and the parameters */
/* Sets parameter i (1-based) to a copy of text (NULL: NULL); false when the
 * statement has no parameter i. */
bool pg_bind(bf_stmt *st, int i, const char *text);
int pg_step(bf_store *s, bf_stmt *st, struct bf_error *err, const char *what);
const char *pg_col_text(bf_stmt *st, int i);    /* borrowed from the rows */
const char *pg_col_name(bf_stmt *st, int i);
int pg_exec(bf_store *s, const char *sql, struct bf_error *err);
int64_t pg_last_id(bf_store *s);
bool pg_in_transaction(bf_store *s);
/* A connection the server or the network dropped is made again (between
 * transactions only); true when it was, and the prepared statements with it
 * are gone (the caller empties its cache). */
bool pg_reconnected(bf_store *s);
int pg_schema_version(bf_store *s, int *ret, struct bf_error *err);

#endif
