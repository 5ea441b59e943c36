/* test-store.c: the store against an SQLite database in a temporary
 * directory, or, with --pg, against the PostgreSQL database named by
 * BILLFLOW_PG_URL (test store-pg runs it inside a throwaway cluster,
 * tests/pg/pgcluster.py): the same tests on both engines. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "tests/tap.h"

/* tap.h's TAP_STR_EQ hands its own `tap_c_` to TAP_OK, which declares
 * another `tap_c_` initialised from itself; until that is fixed there,
 * the same check under names that do not collide. */
#undef TAP_STR_EQ
#define TAP_STR_EQ(got, want, ...) do { \
        const char *str_g_ = (got), *str_w_ = (want); \
        int str_c_ = (str_g_ && str_w_) ? strcmp(str_g_, str_w_) == 0 : str_g_ == str_w_; \
        TAP_OK(str_c_, __VA_ARGS__); \
        if (!str_c_) printf("#   got '%s', want '%s'\n", str_g_ ? str_g_ : "(null)", \
                            str_w_ ? str_w_ : "(null)"); \
} while (0)

static char *tmpdir, *db_path, *objects_dir;
static bool pg; /* the PostgreSQL engine: db_path is its URL */

static bf_decimal dec(int64_t units, int scale)
{
        return (bf_decimal){ .units = units, .scale = scale };
}

static bf_money gbp(int64_t minor)
{
        return (bf_money){ .minor = minor, .currency = "GBP" };
}

static bf_date day(int y, int m, int d)
{
        return (bf_date){ .y = (int16_t)y, .m = (int8_t)m, .d = (int8_t)d };
}

/* Runs SQL on a second, raw connection; returns 0 (SQLITE_OK) when it ran. */
static int raw_exec(const char *path, const char *sql)
{
        sqlite3 *db;
        int rc;

        if (store_url_is_pg(path)) {
                PGconn *c = PQconnectdb(path);
                PGresult *res = PQexec(c, sql);
                ExecStatusType st = PQresultStatus(res);

                rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : 1;
                if (rc)
                        printf("# raw: %s\n", PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                                                   ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                                                   : "no connection");
                PQclear(res);
                PQfinish(c);
                return rc;
        }

        if (sqlite3_open(path, &db) != SQLITE_OK) {
                sqlite3_close(db);
                return SQLITE_CANTOPEN;
        }
        sqlite3_busy_timeout(db, 2000);
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        sqlite3_close(db);
        return rc;
}

/* The first integer SQL gives on a raw connection; -1 on failure. */
static int64_t raw_int(const char *path, const char *sql)
{
        sqlite3 *db;
        sqlite3_stmt *st = NULL;
        int64_t v = -1;

        if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
                v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
        return v;
}

static void remove_tree(const char *path)
{
        GDir *dir = g_dir_open(path, 0, NULL);
        const char *name;

        while (dir && (name = g_dir_read_name(dir))) {
                char *child = g_build_filename(path, name, NULL);

                if (g_file_test(child, G_FILE_TEST_IS_DIR))
                        remove_tree(child);
                else
                        g_unlink(child);
                g_free(child);
        }
        if (dir)
                g_dir_close(dir);
        g_rmdir(path);
}

static int64_t add_document(bf_store *s, const char *content, char *filename,
                            enum bf_doc_state state)
{
        bf_document d = { 0 };
        int64_t id = 0;

        if (store_put_original(s, content, strlen(content), d.sha256, NULL) < 0)
                return -1;
        d.filename = filename;
        d.source = (char *)"cli";
        d.size = (int64_t)strlen(content);
        d.pages = 1;
        d.state = state;
        if (store_document_insert(s, &d, &id, NULL) < 0)
                return -1;
        return id;
}

static void save_invoice(bf_store *s, int64_t doc, const char *vendor_id, const char *number,
                         bf_date date, int64_t total)
{
        bf_invoice inv;

        invoice_init(&inv);
        inv.vendor_id = bf_xstrdup(vendor_id);
        inv.vendor_name = bf_xstrdup("ACME Industrial Supplies Ltd");
        inv.invoice_number = bf_xstrdup(number);
        inv.invoice_date = date;
        memcpy(inv.currency, "GBP", 4);
        inv.total = gbp(total);
        inv.meta[FIELD_VENDOR].present = true;
        inv.meta[FIELD_INVOICE_NUMBER].present = true;
        inv.meta[FIELD_INVOICE_DATE].present = true;
        inv.meta[FIELD_TOTAL].present = true;
        TAP_INT_EQ(store_invoice_save(s, doc, &inv, NULL, NULL), 0, "save invoice %s", number);
        invoice_release(&inv);
}

static void test_open(void)
{
        struct bf_error err = { 0 };
        bf_store *s;
        char *old_path, *new_path, *junk_path;
        int version;

        s = store_open(db_path, objects_dir, &err);
        TAP_OK(s != NULL, "open a new store (%s)", err.msg);
        version = store_schema_version(s);
        TAP_OK(version >= 1, "schema version %d", version);
        store_close(s);
        s = store_open(db_path, objects_dir, &err);
        TAP_OK(s != NULL, "reopen");
        TAP_INT_EQ(store_schema_version(s), version, "same version after reopen");
        store_close(s);
        TAP_OK(g_file_test(objects_dir, G_FILE_TEST_IS_DIR), "objects dir created");
        if (pg) {
                /* A newer schema is refused; a server that is not there is an I/O error. */
                TAP_INT_EQ(raw_exec(db_path, "UPDATE schema_version SET version = 999"), 0,
                           "make it a version-999 database");
                memset(&err, 0, sizeof(err));
                s = store_open(db_path, objects_dir, &err);
                TAP_OK(s == NULL && err.code == BF_EUNSUPPORTED, "newer database refused");
                TAP_OK(strstr(err.msg, "newer") != NULL, "message says why: %s", err.msg);
                store_close(s);
                g_autofree char *back = g_strdup_printf("UPDATE schema_version SET version = %d",
                                                        version);
                TAP_INT_EQ(raw_exec(db_path, back), 0, "back to the current version");
                memset(&err, 0, sizeof(err));
                s = store_open("postgresql://billflow:secret@127.0.0.1:1/none", objects_dir, &err);
                TAP_OK(s == NULL && err.code == BF_EIO, "no server there: %s", err.msg);
                TAP_OK(strstr(err.msg, "secret") == NULL, "the password is not in the message");
                store_close(s);
                return;
        }

        /* An older database (version 0 with a table of its own) migrates forward. */
        old_path = g_build_filename(tmpdir, "old.db", NULL);
        TAP_INT_EQ(raw_exec(old_path, "CREATE TABLE unrelated (x); PRAGMA user_version = 0"),
                   SQLITE_OK, "make a version-0 database");
        s = store_open(old_path, objects_dir, &err);
        TAP_OK(s != NULL, "older database opens");
        TAP_INT_EQ(store_schema_version(s), version, "migrated to the current version");
        store_close(s);

        new_path = g_build_filename(tmpdir, "new.db", NULL);
        TAP_INT_EQ(raw_exec(new_path, "PRAGMA user_version = 999"), SQLITE_OK,
                   "make a version-999 database");
        memset(&err, 0, sizeof(err));
        s = store_open(new_path, objects_dir, &err);
        TAP_OK(s == NULL, "newer database refused");
        TAP_INT_EQ(err.code, BF_EUNSUPPORTED, "refused as unsupported");
        TAP_OK(strstr(err.msg, "newer") != NULL, "message says why: %s", err.msg);
        store_close(s);

        junk_path = g_build_filename(tmpdir, "junk.db", NULL);
        g_file_set_contents(junk_path, "this is not a database, not at all. 0123456789abcdef",
                            -1, NULL);
        memset(&err, 0, sizeof(err));
        s = store_open(junk_path, objects_dir, &err);
        TAP_OK(s == NULL && err.code == BF_EIO, "a file that is no database: %s", err.msg);
        store_close(s);
        g_free(old_path);
        g_free(new_path);
        g_free(junk_path);
}

extern const char *const store_migrations[];

/* A version-10 database (before documents had the awaiting_approval state)
 * with one invoice waiting for approval, one posted with its journal entry
 * and one in the queue: migration 11 rebuilds documents under its children
 * (SQLite's twelve steps) and every row, key, index and trigger survives. */
static void test_migrate_awaiting(void)
{
        struct bf_error err = { 0 };
        char *path = g_build_filename(tmpdir, "v10.db", NULL);
        GString *sql = g_string_new("PRAGMA foreign_keys = ON; BEGIN;");
        bf_document d = { 0 };
        bf_store *s;

        for (int v = 0; v < 10; v++)
                g_string_append(sql, store_migrations[v]);
        g_string_append(sql,
                "INSERT INTO documents (id, sha256, state, received_at) VALUES"
                "  (1, 'a', 0, '2026-12-01T00:00:00Z'), (2, 'b', 1, '2026-12-01T00:00:00Z'),"
                "  (3, 'c', 2, '2026-12-01T00:00:00Z'), (4, 'd', 0, '2026-12-01T00:00:00Z');"
                "INSERT INTO invoices (document_id, updated_at) VALUES (1, 'x'), (2, 'x'), (3, 'x');"
                "INSERT INTO approvals (document_id, levels, amount_minor, created_at, level_at)"
                "  VALUES (1, 1, 500000, 'x', 'x');"
                "INSERT INTO entries (id, document_id, created_at) VALUES (1, 2, 'x');"
                "INSERT INTO exceptions (document_id, created_at) VALUES (3, 'x');"
                "PRAGMA user_version = 10; COMMIT;");
        TAP_INT_EQ(raw_exec(path, sql->str), SQLITE_OK, "make a version-10 database with documents");
        g_string_free(sql, TRUE);

        s = store_open(path, objects_dir, &err);
        TAP_OK(s != NULL, "it migrates (%s)", err.msg);
        if (!s)
                goto out;
        TAP_OK(store_schema_version(s) >= 11, "to version %d", store_schema_version(s));
        TAP_INT_EQ(store_document_get(s, 1, &d, NULL), 0, "the waiting document is there");
        TAP_STR_EQ(doc_state_name(d.state), "awaiting_approval", "and reads awaiting_approval");
        document_release(&d);
        TAP_INT_EQ(store_document_get(s, 4, &d, NULL), 0, "a document without an approval");
        TAP_STR_EQ(doc_state_name(d.state), "received", "stays received");
        document_release(&d);
        TAP_INT_EQ(store_document_set_state(s, 4, DOC_AWAITING_APPROVAL, &err), 0,
                   "the new state can be stored (%s)", err.msg);
        TAP_OK(store_document_set_state(s, 4, (enum bf_doc_state)DOC_N_STATES, NULL) < 0,
               "a state past the last is refused");
        store_close(s);
        TAP_INT_EQ(raw_int(path, "SELECT COUNT(*) FROM documents"), 4, "every document copied");
        TAP_INT_EQ(raw_int(path, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0,
                   "every foreign key still holds");
        TAP_INT_EQ(raw_int(path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN"
                             " ('documents_state', 'documents_source')"), 2,
                   "its indexes are back");
        TAP_INT_EQ(raw_int(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents_new'"), 0,
                   "no table left over");
        TAP_INT_EQ(raw_exec(path, "UPDATE documents SET state = 6 WHERE id = 4"), SQLITE_CONSTRAINT,
                   "the CHECK still guards the state");
        TAP_INT_EQ(raw_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE id = 2"),
                   SQLITE_CONSTRAINT, "the children's keys point at the new table");
        TAP_INT_EQ(raw_exec(path, "UPDATE entries SET description = 'x'"), SQLITE_CONSTRAINT,
                   "the ledger is still append-only");
out:
        g_free(path);
}

static void test_originals(bf_store *s)
{
        char sha[65], sha2[65], *path, *content = NULL;
        gsize len = 0;
        struct bf_error err = { 0 };

        TAP_INT_EQ(store_put_original(s, "abc", 3, sha, &err), 0, "put original");
        TAP_STR_EQ(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                   "sha256 of 'abc'");
        TAP_INT_EQ(store_put_original(s, "abc", 3, sha2, &err), 0, "put same bytes again");
        TAP_STR_EQ(sha2, sha, "same hash");
        path = store_original_path(s, sha);
        TAP_OK(path && g_str_has_suffix(path, "/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
               "content-addressed path %s", path);
        TAP_OK(path && g_file_get_contents(path, &content, &len, NULL), "original readable");
        TAP_OK(len == 3 && content && memcmp(content, "abc", 3) == 0, "content matches");
        g_free(content);
        free(path);
        TAP_OK(store_original_path(s, "xyz") == NULL, "malformed sha256 has no path");
        TAP_OK(store_original_path(s, "../../../../etc/passwd/0000000000000000000000000000000000000000000")
               == NULL, "path-like sha256 refused");
}

/* Originals on shared storage (issue 17): two processes writing the same
 * new originals at the same moment (as two services on one archive do when
 * one file reaches both) each succeed, and leave each original whole under
 * its hash and no temporary file behind. */
#define RACE_ROUNDS 24
#define RACE_BYTES (96 * 1024)
static void race_content(unsigned char *buf, int round)
{
        for (size_t i = 0; i < RACE_BYTES; i++)
                buf[i] = (unsigned char)((i * 31 + (size_t)round * 7 + i / 251) & 0xff);
}

static void test_originals_race(bf_store *s)
{
        unsigned char *buf = g_malloc(RACE_BYTES);
        int go[2], status, ok_children = 0, whole = 0, temps = 0;
        char sha[RACE_ROUNDS][65];
        pid_t pid[2];

        if (pipe(go) < 0) {
                TAP_OK(0, "pipe");
                g_free(buf);
                return;
        }
        for (int c = 0; c < 2; c++) {
                pid[c] = fork();
                if (pid[c] == 0) { /* writes every round's original, as fast as it can */
                        char got[65], one;
                        int bad = 0;

                        close(go[1]);
                        if (read(go[0], &one, 1) < 0)
                                _exit(2);
                        for (int k = 0; k < RACE_ROUNDS; k++) {
                                race_content(buf, k);
                                bad += store_put_original(s, buf, RACE_BYTES, got, NULL) < 0;
                        }
                        _exit(bad ? 1 : 0);
                }
        }
        close(go[0]);
        close(go[1]); /* both start at once */
        for (int c = 0; c < 2; c++)
                if (pid[c] > 0 && waitpid(pid[c], &status, 0) == pid[c] && WIFEXITED(status) &&
                    WEXITSTATUS(status) == 0)
                        ok_children++;
        TAP_INT_EQ(ok_children, 2, "two processes writing the same originals at once both succeed");
        for (int k = 0; k < RACE_ROUNDS; k++) {
                g_autofree char *content = NULL;
                gsize len = 0;
                char *path;

                race_content(buf, k);
                g_autofree char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, buf,
                                                                    RACE_BYTES);
                snprintf(sha[k], sizeof(sha[k]), "%s", want);
                path = store_original_path(s, sha[k]);
                if (path && g_file_get_contents(path, &content, &len, NULL) && len == RACE_BYTES &&
                    memcmp(content, buf, RACE_BYTES) == 0)
                        whole++;
                if (path) {
                        g_autofree char *dir = g_path_get_dirname(path);
                        GDir *d = g_dir_open(dir, 0, NULL);
                        const char *name;

                        while (d && (name = g_dir_read_name(d)))
                                temps += g_str_has_prefix(name, ".tmp-");
                        if (d)
                                g_dir_close(d);
                }
                free(path);
        }
        TAP_INT_EQ(whole, RACE_ROUNDS, "every original whole under its hash");
        TAP_INT_EQ(temps, 0, "no temporary file left beside them");
        g_free(buf);
}

static void test_documents(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_document d = { 0 }, got = { 0 };
        int64_t id = 0, id2 = 0;
        char *text;

        TAP_INT_EQ(store_put_original(s, "%PDF-1.4 doc one", 16, d.sha256, &err), 0,
                   "put document bytes");
        d.filename = (char *)"acme.pdf";
        d.source = (char *)"inbox";
        d.size = 16;
        d.pages = 2;
        TAP_INT_EQ(store_document_insert(s, &d, &id, &err), 0, "insert document");
        TAP_OK(id > 0, "document id %lld", (long long)id);
        TAP_INT_EQ(store_document_by_sha(s, d.sha256, &err), id, "found by sha256");
        TAP_INT_EQ(store_document_by_sha(s, "00", &err), 0, "unknown sha256: 0");
        TAP_INT_EQ(store_document_insert(s, &d, &id2, &err), BF_EEXIST, "same bytes: BF_EEXIST");
        TAP_INT_EQ(store_document_get(s, id, &got, &err), 0, "get document");
        TAP_STR_EQ(got.filename, "acme.pdf", "filename");
        TAP_STR_EQ(got.source, "inbox", "source");
        TAP_STR_EQ(got.sha256, d.sha256, "sha256");
        TAP_INT_EQ(got.pages, 2, "pages");
        TAP_INT_EQ(got.state, DOC_RECEIVED, "state received");
        TAP_OK(got.received_at && strlen(got.received_at) == 24, "received_at %s",
               got.received_at);
        document_release(&got);
        TAP_INT_EQ(store_document_set_state(s, id, DOC_EXCEPTION, &err), 0, "set state");
        TAP_INT_EQ(store_document_get(s, id, &got, &err), 0, "get again");
        TAP_INT_EQ(got.state, DOC_EXCEPTION, "state exception");
        document_release(&got);
        TAP_INT_EQ(store_document_set_state(s, 9999, DOC_POSTED, &err), BF_ENOTFOUND,
                   "set state of missing document");
        TAP_INT_EQ(store_document_get(s, 9999, &got, &err), BF_ENOTFOUND, "get missing");
        TAP_OK(store_document_text(s, id) == NULL, "no text yet");
        TAP_INT_EQ(store_document_set_text(s, id, "INVOICE\nTotal 214.80", &err), 0, "set text");
        text = store_document_text(s, id);
        TAP_STR_EQ(text, "INVOICE\nTotal 214.80", "text back");
        free(text);
        TAP_STR_EQ(doc_state_name(DOC_POSTED), "posted", "doc_state_name");
}

static void test_vendors(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_vendor v, *list = NULL, got;
        size_t n = 0;
        char *aliases1[] = { "ACME", "Acme Ltd" };
        char *aliases2[] = { "ACME Supplies" };
        char evil[] = "x'); DROP TABLE vendors;--";
        bf_status st;

        vendor_init(&v);
        v.vendor_id = (char *)"V100";
        v.name = (char *)"ACME Industrial Supplies Ltd";
        v.aliases = aliases1;
        v.n_aliases = 2;
        memcpy(v.currency, "GBP", 4);
        v.payment_terms_days = 30;
        v.default_account = (char *)"Expenses:Supplies";
        v.po_required = true;
        v.has_price_tolerance_pct = true;
        v.price_tolerance_pct = dec(25, 1);
        TAP_INT_EQ(store_vendor_upsert(s, &v, &err), 0, "upsert vendor (%s)", err.msg);

        /* Re-import with changes: updated, not duplicated. */
        v.aliases = aliases2;
        v.n_aliases = 1;
        v.payment_terms_days = -1;
        v.iban = (char *)"GB33BUKB20201555555555";
        memcpy(v.language, "lv", 3);
        v.has_auto_post_limit = true;
        v.auto_post_limit = dec(500000, 2);
        TAP_INT_EQ(store_vendor_upsert(s, &v, &err), 0, "re-upsert vendor");

        vendor_init(&v);
        v.vendor_id = (char *)"V200";
        v.name = evil;
        v.po_required = false;
        TAP_INT_EQ(store_vendor_upsert(s, &v, &err), 0, "upsert vendor with a hostile name");

        TAP_INT_EQ(store_vendors_load(s, &list, &n, &err), 0, "load vendors");
        TAP_INT_EQ(n, 2, "two vendors");
        if (n == 2) {
                TAP_STR_EQ(list[0].vendor_id, "V100", "sorted by id");
                TAP_STR_EQ(list[0].name, "ACME Industrial Supplies Ltd", "name");
                TAP_INT_EQ(list[0].n_aliases, 1, "aliases replaced");
                TAP_STR_EQ(list[0].n_aliases ? list[0].aliases[0] : NULL, "ACME Supplies",
                           "alias");
                TAP_STR_EQ(list[0].currency, "GBP", "currency");
                TAP_INT_EQ(list[0].payment_terms_days, -1, "unknown terms stay unknown");
                TAP_STR_EQ(list[0].default_account, "Expenses:Supplies", "default account");
                TAP_STR_EQ(list[0].iban, "GB33BUKB20201555555555", "iban");
                TAP_STR_EQ(list[0].language, "lv", "language");
                TAP_STR_EQ(list[1].language, "", "no language: empty");
                TAP_OK(list[0].has_price_tolerance_pct &&
                       decimal_cmp(list[0].price_tolerance_pct, dec(25, 1)) == 0,
                       "price tolerance 2.5 exact");
                TAP_OK(!list[0].has_amount_tolerance, "no amount tolerance");
                TAP_OK(list[0].has_auto_post_limit &&
                       decimal_cmp(list[0].auto_post_limit, dec(5000, 0)) == 0,
                       "auto post limit 5000");
                TAP_STR_EQ(list[1].name, evil, "hostile name round-trips");
                TAP_OK(!list[1].po_required, "po_required false");
        }
        vendors_free(list, n);
        TAP_INT_EQ(store_vendor_get(s, evil, &got, &err), BF_ENOTFOUND,
                   "a hostile id is just a missing vendor");
        TAP_INT_EQ(store_vendor_get(s, "V200", &got, &err), 0, "vendor by id");
        TAP_STR_EQ(got.name, evil, "hostile name by id");
        vendor_release(&got);
        TAP_INT_EQ(store_status(s, &st, &err), 0, "status");
        TAP_INT_EQ(st.vendors, 2, "vendors table intact, two vendors");
}

static void test_pos(bf_store *s, int64_t *ret_doc_posted)
{
        struct bf_error err = { 0 };
        bf_po po, got;
        bf_po_line *l;
        bf_receipt r = { 0 };
        bf_status st;
        int64_t posted, pending;

        po_init(&po);
        po.po_number = bf_xstrdup("PO-7781");
        po.vendor_id = bf_xstrdup("V100");
        memcpy(po.currency, "GBP", 4);
        l = po_add_line(&po);
        l->line_no = 1;
        l->description = bf_xstrdup("Steel bolts M8");
        l->quantity = dec(200, 0);
        l->unit_price = dec(45, 2);
        l = po_add_line(&po);
        l->line_no = 2;
        l->description = bf_xstrdup("Washers");
        l->quantity = dec(1234, 3); /* 1.234 must not come back as 1234 */
        l->unit_price = dec(455, 3);
        l->account = bf_xstrdup("Expenses:Hardware");
        TAP_INT_EQ(store_po_upsert(s, &po, &err), 0, "upsert PO (%s)", err.msg);
        po.lines[0].unit_price = dec(46, 2);
        TAP_INT_EQ(store_po_upsert(s, &po, &err), 0, "re-upsert PO");
        po_release(&po);

        r.receipt_id = (char *)"GR-1";
        r.po_number = (char *)"PO-7781";
        r.line_no = 1;
        r.quantity_received = dec(50, 0);
        r.received_date = day(2026, 11, 1);
        TAP_INT_EQ(store_receipt_upsert(s, &r, &err), 0, "receipt GR-1");
        r.quantity_received = dec(60, 0);
        TAP_INT_EQ(store_receipt_upsert(s, &r, &err), 0, "receipt GR-1 again, corrected");
        r.receipt_id = (char *)"GR-2";
        r.quantity_received = dec(405, 1);
        TAP_INT_EQ(store_receipt_upsert(s, &r, &err), 0, "receipt GR-2");

        TAP_INT_EQ(store_status(s, &st, &err), 0, "status");
        TAP_INT_EQ(st.pos, 1, "one PO after re-import");
        TAP_INT_EQ(st.receipts, 2, "two receipts after re-import");

        posted = add_document(s, "posted invoice bytes", "posted.pdf", DOC_POSTED);
        pending = add_document(s, "pending invoice bytes", "pending.pdf", DOC_RECEIVED);
        TAP_OK(posted > 0 && pending > 0, "two documents");
        TAP_INT_EQ(store_billed_add(s, posted, "PO-7781", 1, dec(30, 0), &err), 0, "billed 30");
        TAP_INT_EQ(store_billed_add(s, posted, "PO-7781", 1, dec(5, 1), &err), 0, "billed 0.5");
        TAP_INT_EQ(store_billed_add(s, pending, "PO-7781", 1, dec(50, 0), &err), 0,
                   "billed 50 by an unposted document");

        TAP_INT_EQ(store_po_exists(s, "PO-7781"), 1, "PO exists");
        TAP_INT_EQ(store_po_exists(s, "PO-0000"), 0, "other PO does not");
        TAP_INT_EQ(store_po_load(s, "PO-0000", 0, &got, &err), BF_ENOTFOUND, "missing PO");
        TAP_INT_EQ(store_po_load(s, "PO-7781", 0, &got, &err), 0, "load PO (%s)", err.msg);
        TAP_STR_EQ(got.vendor_id, "V100", "PO vendor");
        TAP_STR_EQ(got.currency, "GBP", "PO currency");
        TAP_INT_EQ(got.n_lines, 2, "two lines");
        if (got.n_lines == 2) {
                TAP_OK(decimal_cmp(got.lines[0].unit_price, dec(46, 2)) == 0,
                       "line 1 price updated");
                TAP_OK(decimal_cmp(got.lines[0].quantity_received, dec(1005, 1)) == 0,
                       "received 60 + 40.5");
                TAP_OK(decimal_cmp(got.lines[0].quantity_billed, dec(305, 1)) == 0,
                       "billed 30.5 by posted documents only");
                TAP_OK(decimal_cmp(got.lines[1].quantity, dec(1234, 3)) == 0,
                       "quantity 1.234 exact");
                TAP_OK(decimal_cmp(got.lines[1].unit_price, dec(455, 3)) == 0,
                       "unit price 0.455 exact");
                TAP_STR_EQ(got.lines[1].account, "Expenses:Hardware", "line account");
                TAP_OK(decimal_is_zero(got.lines[1].quantity_received), "line 2 nothing received");
        }
        po_release(&got);
        TAP_INT_EQ(store_po_load(s, "PO-7781", posted, &got, &err), 0, "load excluding a doc");
        TAP_OK(got.n_lines == 2 && decimal_is_zero(got.lines[0].quantity_billed),
               "excluded document's billing not counted");
        po_release(&got);
        *ret_doc_posted = posted;
}

static void test_invoice_roundtrip(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_invoice inv, got;
        bf_invoice_line *l;
        int64_t doc, inv_id = 0, inv_id2 = 0;

        doc = add_document(s, "round trip invoice", "rt.pdf", DOC_RECEIVED);
        invoice_init(&inv);
        inv.vendor_name = bf_xstrdup("ACME Industrial Supplies Ltd");
        inv.vendor_id = bf_xstrdup("V100");
        inv.invoice_number = bf_xstrdup("INV-20931");
        inv.invoice_date = day(2026, 11, 3);
        inv.due_date = day(2026, 12, 3);
        memcpy(inv.currency, "GBP", 4);
        inv.subtotal = gbp(17900);
        inv.tax = gbp(3580);
        inv.total = gbp(21480);
        inv.po_number = bf_xstrdup("PO-7781");
        inv.source = SOURCE_OCR;
        inv.pages = 1;
        for (int f = 0; f < FIELD__COUNT; f++) {
                inv.meta[f].present = true;
                inv.meta[f].confidence = 0.5 + f / 20.0;
                inv.meta[f].page = 1;
                inv.meta[f].box = (bf_box){ 10.5 * f, 20, 30.25, 40 + f };
        }
        inv.meta[FIELD_TOTAL].label = bf_xstrdup("Total due");
        inv.meta[FIELD_TAX].present = false;
        l = invoice_add_line(&inv);
        l->description = bf_xstrdup("Steel bolts M8");
        l->has_quantity = l->has_unit_price = l->has_amount = true;
        l->quantity = dec(200, 0);
        l->unit_price = dec(45, 2);
        l->amount = gbp(9000);
        l = invoice_add_line(&inv);
        l->line_no = 7;
        l->description = bf_xstrdup("Freight; 'special' \"quotes\"");
        l->has_amount = true;
        l->amount = gbp(8900);

        TAP_INT_EQ(store_invoice_save(s, doc, &inv, &inv_id, &err), 0, "save invoice (%s)",
                   err.msg);
        TAP_OK(inv_id > 0, "invoice id");
        TAP_INT_EQ(store_invoice_load(s, doc, &got, &err), 0, "load invoice");
        TAP_STR_EQ(got.vendor_name, inv.vendor_name, "vendor name");
        TAP_STR_EQ(got.vendor_id, "V100", "vendor id");
        TAP_STR_EQ(got.invoice_number, "INV-20931", "invoice number");
        TAP_OK(got.invoice_date.y == 2026 && got.invoice_date.m == 11 && got.invoice_date.d == 3,
               "invoice date");
        TAP_OK(got.due_date.y == 2026 && got.due_date.m == 12, "due date");
        TAP_STR_EQ(got.currency, "GBP", "currency");
        TAP_INT_EQ(got.subtotal.minor, 17900, "subtotal");
        TAP_INT_EQ(got.total.minor, 21480, "total");
        TAP_STR_EQ(got.total.currency, "GBP", "total currency");
        TAP_INT_EQ(got.tax.minor, 0, "absent tax has no amount");
        TAP_OK(!got.meta[FIELD_TAX].present, "tax absent");
        TAP_STR_EQ(got.po_number, "PO-7781", "po number");
        TAP_INT_EQ(got.source, SOURCE_OCR, "source");
        TAP_INT_EQ(got.pages, 1, "pages");
        TAP_OK(got.meta[FIELD_TOTAL].present, "total present");
        TAP_OK(got.meta[FIELD_TOTAL].confidence == inv.meta[FIELD_TOTAL].confidence,
               "confidence exact");
        TAP_OK(got.meta[FIELD_VENDOR].box.x0 == 0 && got.meta[FIELD_TOTAL].box.x0 == 10.5 * FIELD_TOTAL
               && got.meta[FIELD_TOTAL].box.y1 == 40 + FIELD_TOTAL, "field boxes");
        TAP_INT_EQ(got.meta[FIELD_PO_NUMBER].page, 1, "field page");
        TAP_STR_EQ(got.meta[FIELD_TOTAL].label, "Total due", "field label");
        TAP_INT_EQ(got.n_lines, 2, "two lines");
        if (got.n_lines == 2) {
                TAP_STR_EQ(got.lines[0].description, "Steel bolts M8", "line description");
                TAP_INT_EQ(got.lines[0].line_no, 1, "line no");
                TAP_OK(got.lines[0].has_quantity &&
                       decimal_cmp(got.lines[0].quantity, dec(200, 0)) == 0, "quantity");
                TAP_OK(got.lines[0].has_unit_price &&
                       decimal_cmp(got.lines[0].unit_price, dec(45, 2)) == 0, "unit price");
                TAP_INT_EQ(got.lines[0].amount.minor, 9000, "amount");
                TAP_INT_EQ(got.lines[1].line_no, 7, "second line keeps its number");
                TAP_OK(!got.lines[1].has_quantity && !got.lines[1].has_unit_price,
                       "absent quantity and price stay absent");
                TAP_STR_EQ(got.lines[1].description, "Freight; 'special' \"quotes\"",
                           "quotes round-trip");
        }
        invoice_release(&got);

        /* Saving again replaces: one line now, same invoice id. */
        inv.n_lines = 1;
        free(inv.lines[1].description);
        free(inv.invoice_number);
        inv.invoice_number = bf_xstrdup("INV-20931-B");
        TAP_INT_EQ(store_invoice_save(s, doc, &inv, &inv_id2, &err), 0, "save again");
        TAP_INT_EQ(inv_id2, inv_id, "same invoice id");
        TAP_INT_EQ(store_invoice_load(s, doc, &got, &err), 0, "load again");
        TAP_INT_EQ(got.n_lines, 1, "lines replaced");
        TAP_STR_EQ(got.invoice_number, "INV-20931-B", "number replaced");
        invoice_release(&got);
        invoice_release(&inv);
        TAP_INT_EQ(store_invoice_load(s, 9999, &got, &err), BF_ENOTFOUND, "no invoice");
}

static void test_duplicates(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_reason_item reason = { REASON_MISSING_PO, NULL };
        int64_t a, b, c, me;

        a = add_document(s, "dup a", "a.pdf", DOC_POSTED);
        b = add_document(s, "dup b", "b.pdf", DOC_RECEIVED);
        c = add_document(s, "dup c", "c.pdf", DOC_EXCEPTION);
        me = add_document(s, "dup me", "me.pdf", DOC_RECEIVED);
        save_invoice(s, a, "V300", "INV-100", day(2026, 3, 10), 50000);
        save_invoice(s, b, "V300", "INV-200", day(2026, 3, 10), 70000);
        save_invoice(s, c, "V300", "INV 300", day(2026, 3, 12), 90000);
        save_invoice(s, me, "V300", "inv/100", day(2026, 3, 14), 50000);

        TAP_INT_EQ(store_find_duplicate(s, "V300", "INV100", me, &err), a, "posted duplicate");
        TAP_INT_EQ(store_find_duplicate(s, "V300", "INV100", a, &err), 0,
                   "excluding it, none (this one is not queued)");
        TAP_INT_EQ(store_find_duplicate(s, "V999", "INV100", me, &err), 0, "other vendor");
        TAP_INT_EQ(store_find_duplicate(s, "V300", "INV200", me, &err), 0,
                   "received, unqueued document does not count");
        TAP_INT_EQ(store_find_duplicate(s, "V300", "INV300", me, &err), 0,
                   "exception state without an open exception does not count");
        TAP_INT_EQ(store_exception_open(s, c, &reason, 1, NULL, &err), 0, "queue c");
        TAP_INT_EQ(store_find_duplicate(s, "V300", "INV300", me, &err), c,
                   "queued document counts");

        TAP_INT_EQ(store_find_possible_duplicate(s, "V300", gbp(50000), day(2026, 3, 14), 7,
                                                 "INV999", me, &err), a,
                   "same total within 7 days, other number");
        TAP_INT_EQ(store_find_possible_duplicate(s, "V300", gbp(50000), day(2026, 3, 14), 7,
                                                 "INV100", me, &err), 0,
                   "same number is not a possible duplicate");
        TAP_INT_EQ(store_find_possible_duplicate(s, "V300", gbp(50000), day(2026, 3, 18), 7,
                                                 "INV999", me, &err), 0,
                   "8 days apart is not");
        TAP_INT_EQ(store_find_possible_duplicate(s, "V300", gbp(50000), day(2026, 3, 17), 7,
                                                 "INV999", me, &err), a, "7 days apart is");
        TAP_INT_EQ(store_find_possible_duplicate(s, "V300", gbp(50000), day(2026, 3, 3), 7,
                                                 NULL, me, &err), a, "earlier date, no number");
        TAP_INT_EQ(store_find_possible_duplicate(s, "V300", (bf_money){ 50000, "EUR" },
                                                 day(2026, 3, 14), 7, "INV999", me, &err), 0,
                   "other currency is not");
        TAP_INT_EQ(store_find_possible_duplicate(s, "V300", gbp(70000), day(2026, 3, 10), 7,
                                                 "INV999", me, &err), 0,
                   "unqueued document is not");
}

static bf_journal_entry make_entry(const char *key, int64_t doc, int64_t debit, int64_t credit)
{
        bf_journal_entry e;

        entry_init(&e);
        e.date = day(2026, 11, 3);
        e.description = bf_xstrdup("ACME INV-20931");
        e.vendor_id = bf_xstrdup("V100");
        e.invoice_number = bf_xstrdup("INV-20931");
        e.po_number = bf_xstrdup("PO-7781");
        e.document_id = doc;
        e.posting_key = bf_xstrdup(key);
        entry_add_posting(&e, "Expenses:Supplies", gbp(debit - 3580), "bolts");
        entry_add_posting(&e, "Assets:InputTax", gbp(3580), NULL);
        entry_add_posting(&e, "Liabilities:AccountsPayable", gbp(-credit), NULL);
        return e;
}

static bool has_string(char **list, size_t n, const char *want)
{
        for (size_t i = 0; i < n; i++)
                if (strcmp(list[i], want) == 0)
                        return true;
        return false;
}

/* Extraction's evidence: a vendor's open POs (not billed in full by posted
 * invoices) and its posted invoices' numbers, newest first. */
static void test_evidence(bf_store *s)
{
        static const struct { const char *po, *vendor; int qty; } pos[] = {
                { "PO-9001", "V900", 10 }, { "PO-9002", "V900", 5 }, { "PO-9003", "V900", 2 },
                { "PO-9101", "V901", 1 },
        };
        struct bf_error err = { 0 };
        char **list = NULL;
        size_t n = 0;

        for (size_t i = 0; i < sizeof(pos) / sizeof(pos[0]); i++) {
                bf_po po;
                po_init(&po);
                po.po_number = bf_xstrdup(pos[i].po);
                po.vendor_id = bf_xstrdup(pos[i].vendor);
                memcpy(po.currency, "GBP", 4);
                bf_po_line *l = po_add_line(&po);
                l->line_no = 1;
                l->quantity = dec(pos[i].qty, 0);
                l->unit_price = dec(100, 2);
                TAP_INT_EQ(store_po_upsert(s, &po, &err), 0, "evidence: PO %s", pos[i].po);
                po_release(&po);
        }
        int64_t posted1 = add_document(s, "evidence posted 1", "e1.pdf", DOC_POSTED);
        int64_t queued = add_document(s, "evidence queued", "e2.pdf", DOC_EXCEPTION);
        int64_t posted2 = add_document(s, "evidence posted 2", "e3.pdf", DOC_POSTED);
        TAP_INT_EQ(store_billed_add(s, posted1, "PO-9001", 1, dec(4, 0), &err), 0, "PO-9001 billed in part");
        TAP_INT_EQ(store_billed_add(s, posted1, "PO-9002", 1, dec(5, 0), &err), 0, "PO-9002 billed in full");
        TAP_INT_EQ(store_billed_add(s, queued, "PO-9003", 1, dec(2, 0), &err), 0,
                   "PO-9003 billed by an unposted document");

        TAP_INT_EQ(store_open_pos(s, "V900", 10, &list, &n, &err), 0, "open POs (%s)", err.msg);
        TAP_INT_EQ(n, 2, "open POs: two of three");
        TAP_OK(has_string(list, n, "PO-9001"), "open POs: one billed in part is open");
        TAP_OK(!has_string(list, n, "PO-9002"), "open POs: one billed in full is not");
        TAP_OK(has_string(list, n, "PO-9003"), "open POs: an unposted billing does not close one");
        strings_free(list, n);
        TAP_INT_EQ(store_open_pos(s, "V900", 1, &list, &n, &err), 0, "open POs, at most one");
        TAP_INT_EQ(n, 1, "open POs: the cap holds");
        strings_free(list, n);
        TAP_INT_EQ(store_open_pos(s, "V999", 10, &list, &n, &err), 0, "open POs of a vendor without");
        TAP_OK(n == 0 && list == NULL, "open POs: none");

        save_invoice(s, posted1, "V900", "RE-2025-0001", day(2026, 1, 5), 1000);
        save_invoice(s, queued, "V900", "RE-2O25-0002", day(2026, 2, 5), 1000);
        save_invoice(s, posted2, "V900", "RE-2025-0003", day(2026, 3, 5), 1000);
        TAP_INT_EQ(store_vendor_invoice_numbers(s, "V900", 10, &list, &n, &err), 0,
                   "earlier numbers (%s)", err.msg);
        TAP_INT_EQ(n, 2, "earlier numbers: the posted invoices' only");
        if (n == 2) {
                TAP_STR_EQ(list[0], "RE-2025-0003", "earlier numbers: newest first");
                TAP_STR_EQ(list[1], "RE-2025-0001", "earlier numbers: then older");
        }
        strings_free(list, n);
        TAP_INT_EQ(store_vendor_invoice_numbers(s, "V900", 1, &list, &n, &err), 0, "earlier numbers, one");
        TAP_INT_EQ(n, 1, "earlier numbers: the cap holds");
        strings_free(list, n);
}

static void test_ledger(bf_store *s, int64_t doc)
{
        struct bf_error err = { 0 };
        bf_journal_entry e, bad, again, rev, got, *list = NULL;
        size_t n = 0;
        int rc;

        e = make_entry("doc:1:post", doc, 21480, 21480);
        TAP_INT_EQ(store_entry_insert(s, &e, &err), 0, "insert balanced entry (%s)", err.msg);
        TAP_OK(e.id > 0, "entry id %lld", (long long)e.id);

        bad = make_entry("doc:1:bad", doc, 21480, 21470);
        TAP_INT_EQ(store_entry_insert(s, &bad, &err), BF_EINVAL, "unbalanced entry refused");
        TAP_INT_EQ(bad.id, 0, "no id for the refused entry");
        entry_release(&bad);

        again = make_entry("doc:1:post", doc, 21480, 21480);
        TAP_INT_EQ(store_entry_insert(s, &again, &err), BF_EEXIST, "posting key reused: BF_EEXIST");
        TAP_OK(strstr(err.msg, "doc:1:post") != NULL, "message names the key: %s", err.msg);
        entry_release(&again);

        TAP_INT_EQ(store_entry_for_document(s, doc), e.id, "entry for document");
        TAP_INT_EQ(store_entry_reversed_by(s, e.id), 0, "not reversed");

        entry_init(&rev);
        rev.date = day(2026, 11, 20);
        rev.description = bf_xstrdup("reversal");
        rev.document_id = doc;
        rev.reverses_id = e.id;
        rev.posting_key = bf_xstrdup("reverse:1");
        for (size_t i = 0; i < e.n_postings; i++) {
                bf_money m = e.postings[i].amount;

                m.minor = -m.minor;
                entry_add_posting(&rev, e.postings[i].account, m, NULL);
        }
        TAP_INT_EQ(store_entry_insert(s, &rev, &err), 0, "reversing entry (%s)", err.msg);
        TAP_INT_EQ(store_entry_reversed_by(s, e.id), rev.id, "reversed by");
        TAP_INT_EQ(store_entry_for_document(s, doc), 0, "reversed entry no longer stands");
        free(rev.posting_key);
        rev.posting_key = bf_xstrdup("reverse:1:again");
        rev.id = 0;
        TAP_INT_EQ(store_entry_insert(s, &rev, &err), BF_EEXIST, "second reversal refused");
        entry_release(&rev);

        TAP_INT_EQ(store_entries_load(s, 0, &list, &n, &err), 0, "load entries");
        TAP_INT_EQ(n, 2, "two entries");
        if (n == 2) {
                TAP_INT_EQ(list[0].id, e.id, "in id order");
                TAP_INT_EQ(list[0].n_postings, 3, "three postings");
                TAP_STR_EQ(list[0].postings[0].memo, "bolts", "memo");
                TAP_INT_EQ(list[0].postings[2].amount.minor, -21480, "credit");
                TAP_STR_EQ(list[0].postings[2].amount.currency, "GBP", "posting currency");
                TAP_STR_EQ(list[0].posting_key, "doc:1:post", "posting key");
                TAP_OK(list[0].date.y == 2026 && list[0].date.d == 3, "entry date");
                TAP_INT_EQ(list[1].reverses_id, e.id, "reverses id");
        }
        entries_free(list, n);
        TAP_INT_EQ(store_entries_load(s, e.id, &list, &n, &err), 0, "load after first");
        TAP_INT_EQ(n, 1, "one entry after the first");
        entries_free(list, n);
        TAP_INT_EQ(store_entry_get(s, e.id, &got, &err), 0, "get entry");
        TAP_STR_EQ(got.description, "ACME INV-20931", "description");
        TAP_INT_EQ(got.document_id, doc, "document id");
        TAP_OK(entry_is_balanced(&got), "loaded entry balances");
        entry_release(&got);
        TAP_INT_EQ(store_entry_get(s, 9999, &got, &err), BF_ENOTFOUND, "missing entry");

        rc = raw_exec(db_path, "UPDATE postings SET amount_minor = 0");
        TAP_OK(rc != SQLITE_OK, "UPDATE on postings refused (%d)", rc);
        rc = raw_exec(db_path, "DELETE FROM entries");
        TAP_OK(rc != SQLITE_OK, "DELETE on entries refused (%d)", rc);
        entry_release(&e);
}

/* Every open exception as the queue lists it (its kept row, migration 17)
 * is what store_exception_get reads from the documents, invoices and
 * reasons themselves. */
static void check_listing_in_step(bf_store *s, const char *when)
{
        struct bf_error err = { 0 };
        bf_exception *list = NULL;
        size_t n = 0, bad = 0;

        TAP_INT_EQ(store_exceptions_open(s, &list, &n, &err), 0, "list (%s)", when);
        for (size_t i = 0; i < n; i++) {
                const bf_exception *e = &list[i];
                bf_exception one;

                if (store_exception_get(s, e->id, &one, &err) < 0) {
                        bad++;
                        continue;
                }
                bool same = one.state == EXC_OPEN && e->state == EXC_OPEN &&
                            one.document_id == e->document_id &&
                            g_strcmp0(one.created_at, e->created_at) == 0 &&
                            g_strcmp0(one.vendor, e->vendor) == 0 &&
                            g_strcmp0(one.invoice_number, e->invoice_number) == 0 &&
                            g_strcmp0(one.total, e->total) == 0 &&
                            g_strcmp0(one.filename, e->filename) == 0 &&
                            memcmp(&one.invoice_date, &e->invoice_date, sizeof(bf_date)) == 0 &&
                            memcmp(&one.due_date, &e->due_date, sizeof(bf_date)) == 0 &&
                            one.n_reasons == e->n_reasons;
                for (size_t k = 0; same && k < one.n_reasons; k++)
                        same = one.reasons[k].reason == e->reasons[k].reason &&
                               g_strcmp0(one.reasons[k].detail, e->reasons[k].detail) == 0;
                if (!same) {
                        bad++;
                        printf("# exception %lld (document %lld) listed as %s %s %s %s %s %zu"
                               " reasons, is %s %s %s %s %s %zu reasons\n",
                               (long long)e->id, (long long)e->document_id, e->created_at,
                               e->vendor, e->invoice_number, e->total, e->filename,
                               e->n_reasons, one.created_at, one.vendor, one.invoice_number,
                               one.total, one.filename, one.n_reasons);
                }
                exception_release(&one);
        }
        TAP_INT_EQ((int)bad, 0, "the listing is in step with the exceptions (%s, %zu open)", when, n);
        /* the oldest alone and the gauge, as the alert and the metrics read them */
        {
                bf_exception oldest;
                int64_t open = -1, depth = -1;
                double age = -1;

                TAP_INT_EQ(store_queue_oldest(s, &open, &oldest, &err), 0, "oldest (%s)", when);
                TAP_INT_EQ(open, (int64_t)n, "as many open as listed (%s)", when);
                TAP_OK(n == 0 ? oldest.id == 0 && !oldest.created_at
                              : oldest.id == list[0].id &&
                                        oldest.document_id == list[0].document_id &&
                                        g_strcmp0(oldest.created_at, list[0].created_at) == 0,
                       "the oldest is the listing's first (%s)", when);
                exception_release(&oldest);
                TAP_INT_EQ(store_queue_depth(s, &depth, &age, &err), 0, "depth (%s)", when);
                TAP_INT_EQ(depth, (int64_t)n, "the gauge counts them too (%s)", when);
                TAP_OK(n > 0 ? age >= 0 : age == 0, "and the oldest's age (%s)", when);
        }
        exceptions_free(list, n);
}

static void test_exceptions(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_reason_item r1[] = { { REASON_PRICE_VARIANCE, "line 2: unit price 103.50 vs PO 95.00" },
                                { REASON_MISSING_PO, NULL } };
        bf_reason_item r2[] = { { REASON_TOTAL_MISMATCH, "lines 179.00 + tax 35.80 != 215.00" } };
        bf_exception *list = NULL, one;
        bf_store *other;
        size_t n = 0, before = 0;
        int64_t doc, id = 0, id2 = 0;

        TAP_INT_EQ(store_exceptions_open(s, &list, &n, &err), 0, "list before");
        before = n;
        exceptions_free(list, n);

        doc = add_document(s, "exception doc", "queued.pdf", DOC_EXCEPTION);
        save_invoice(s, doc, "V100", "INV-555", day(2026, 11, 3), 21480);
        TAP_INT_EQ(store_exception_open(s, doc, r1, 2, &id, &err), 0, "open exception");
        TAP_OK(id > 0, "exception id");
        TAP_INT_EQ(store_exception_open(s, doc, r2, 1, &id2, &err), 0, "open again");
        TAP_INT_EQ(id2, id, "same exception, reasons replaced");
        check_listing_in_step(s, "opened");
        /* its invoice saved again (a reviewer's correction): the listing
         * follows */
        save_invoice(s, doc, "V100", "INV-556", day(2026, 11, 4), 21380);
        check_listing_in_step(s, "invoice saved again");
        save_invoice(s, doc, "V100", "INV-555", day(2026, 11, 3), 21480);

        TAP_INT_EQ(store_exceptions_open(s, &list, &n, &err), 0, "list open");
        TAP_INT_EQ(n, before + 1, "one more open");
        if (n == before + 1) {
                bf_exception *e = &list[n - 1];

                TAP_INT_EQ(e->id, id, "newest last");
                TAP_STR_EQ(e->vendor, "ACME Industrial Supplies Ltd", "vendor");
                TAP_STR_EQ(e->invoice_number, "INV-555", "invoice number");
                TAP_STR_EQ(e->total, "214.80 GBP", "total");
                TAP_STR_EQ(e->filename, "queued.pdf", "filename");
                TAP_INT_EQ(e->n_reasons, 1, "one reason");
                TAP_OK(e->n_reasons == 1 && e->reasons[0].reason == REASON_TOTAL_MISMATCH,
                       "total mismatch");
                TAP_STR_EQ(e->n_reasons ? e->reasons[0].detail : NULL,
                           "lines 179.00 + tax 35.80 != 215.00", "detail");
                TAP_OK(e->created_at && g_str_has_suffix(e->created_at, "Z"), "created_at");
        }
        exceptions_free(list, n);

        /* Two reviewers, two connections: only the first close wins. */
        other = store_open(db_path, objects_dir, &err);
        TAP_OK(other != NULL, "second reviewer's connection");
        TAP_INT_EQ(store_exception_close(s, id, EXC_REJECTED, "not ours", &err), 0, "close");
        TAP_INT_EQ(store_exception_close(other, id, EXC_POSTED, NULL, &err), BF_ENOTFOUND,
                   "second close from another connection: BF_ENOTFOUND");
        TAP_INT_EQ(store_exception_close(s, id, EXC_POSTED, NULL, &err), BF_ENOTFOUND,
                   "second close: BF_ENOTFOUND");
        TAP_INT_EQ(store_exception_close(s, id, EXC_OPEN, NULL, &err), BF_EINVAL,
                   "closing to 'open' is a caller bug");
        store_close(other);
        TAP_INT_EQ(store_exception_get(s, id, &one, &err), 0, "get closed exception");
        TAP_INT_EQ(one.state, EXC_REJECTED, "rejected");
        TAP_STR_EQ(one.resolution, "not ours", "resolution");
        exception_release(&one);
        TAP_INT_EQ(store_exceptions_open(s, &list, &n, &err), 0, "list after close");
        TAP_INT_EQ(n, before, "closed one gone");
        exceptions_free(list, n);
        TAP_INT_EQ(store_exception_open(s, doc, r1, 2, &id2, &err), 0, "reopen the document");
        TAP_OK(id2 != id, "a new exception");
        check_listing_in_step(s, "closed and reopened");
        /* a document queued before its invoice is saved (unreadable, then
         * read) */
        doc = add_document(s, "exception doc 2", "later.pdf", DOC_EXCEPTION);
        TAP_INT_EQ(store_exception_open(s, doc, r2, 1, &id, &err), 0, "open without invoice");
        check_listing_in_step(s, "no invoice");
        save_invoice(s, doc, "V100", "INV-557", day(2026, 11, 5), 1000);
        check_listing_in_step(s, "invoice saved after");
        TAP_INT_EQ(store_exception_close(s, id, EXC_POSTED, NULL, &err), 0, "close it");
        check_listing_in_step(s, "closed");
}

static void test_audit(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_audit_row *rows = NULL;
        size_t n = 0;

        TAP_INT_EQ(store_audit(s, "alice", "edit", 1, "total", "215.00", "214.80", &err), 0,
                   "audit edit");
        TAP_INT_EQ(store_audit(s, "bob", "post", 1, NULL, NULL, NULL, &err), 0, "audit post");
        TAP_INT_EQ(store_audit(s, "bob", "import", 0, NULL, NULL, "vendors.csv", &err), 0,
                   "audit without document");
        TAP_INT_EQ(store_audit_load(s, 1, &rows, &n, &err), 0, "load for document 1");
        TAP_INT_EQ(n, 2, "two rows for document 1");
        if (n == 2) {
                TAP_STR_EQ(rows[0].user, "alice", "user");
                TAP_STR_EQ(rows[0].action, "edit", "action");
                TAP_STR_EQ(rows[0].field, "total", "field");
                TAP_STR_EQ(rows[0].old_value, "215.00", "old");
                TAP_STR_EQ(rows[0].new_value, "214.80", "new");
                TAP_OK(rows[0].at && strlen(rows[0].at) == 24 && rows[0].at[10] == 'T' &&
                       rows[0].at[19] == '.' && rows[0].at[23] == 'Z',
                       "ISO 8601 UTC with milliseconds: %s", rows[0].at);
                TAP_OK(rows[1].old_value == NULL, "NULL stays NULL");
        }
        audit_rows_free(rows, n);
        TAP_INT_EQ(store_audit_load(s, 0, &rows, &n, &err), 0, "load all");
        TAP_INT_EQ(n, 3, "three rows");
        TAP_OK(n == 3 && rows[2].document_id == 0, "no document: 0");
        audit_rows_free(rows, n);
        TAP_OK(raw_exec(db_path, "UPDATE audit SET action = 'x'") != SQLITE_OK,
               "UPDATE on audit refused");
        TAP_OK(raw_exec(db_path, "DELETE FROM audit") != SQLITE_OK, "DELETE on audit refused");
}

static void test_transactions(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_store *other;
        bf_status st0, st1;
        char sha[65];
        int64_t doc;

        store_status(s, &st0, NULL);
        TAP_INT_EQ(store_begin(s, &err), 0, "begin");
        doc = add_document(s, "tx outer", "outer.pdf", DOC_RECEIVED);
        TAP_INT_EQ(store_begin(s, &err), 0, "nested begin");
        add_document(s, "tx inner", "inner.pdf", DOC_RECEIVED);
        store_rollback(s);
        TAP_INT_EQ(store_begin(s, &err), 0, "nested begin again");
        add_document(s, "tx inner 2", "inner2.pdf", DOC_RECEIVED);
        TAP_INT_EQ(store_commit(s, &err), 0, "nested commit");

        other = store_open(db_path, objects_dir, &err);
        TAP_OK(other != NULL, "second connection");
        if (pg) {
                /* Another connection writes beside it, and does not see its rows. */
                TAP_INT_EQ(store_begin(other, &err), 0, "second writer begins");
                TAP_INT_EQ(store_document_get(other, doc, &(bf_document){ 0 }, NULL),
                           BF_ENOTFOUND, "uncommitted document unseen");
                store_rollback(other);
                TAP_INT_EQ(store_commit(s, &err), 0, "outer commit");
        } else {
                /* Another connection cannot take the write lock meanwhile. */
                TAP_INT_EQ(store_begin(other, &err), BF_EBUSY, "write lock held: BF_EBUSY");
                TAP_INT_EQ(store_commit(s, &err), 0, "outer commit");
                TAP_INT_EQ(store_begin(other, &err), 0, "lock free again");
                store_rollback(other);
        }
        store_close(other);

        store_status(s, &st1, NULL);
        TAP_INT_EQ(st1.documents, st0.documents + 2, "outer and second inner kept");
        TAP_OK(doc > 0, "outer document id");
        TAP_INT_EQ(store_put_original(s, "tx inner", 8, sha, NULL), 0, "hash of the inner one");
        TAP_INT_EQ(store_document_by_sha(s, sha, NULL), 0, "inner rolled back");
}

/* Service instances' leases: a live one is nobody's to take, one whose lease
 * ran out is taken by one taker while its transaction lasts. */
static void test_instances(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_store *other = store_open(db_path, objects_dir, &err);
        char *dead = NULL;

        TAP_OK(other != NULL, "second connection (%s)", err.msg);
        TAP_INT_EQ(store_instance_renew(s, "host-a.1", 60, &err), 0, "lease for a (%s)", err.msg);
        TAP_INT_EQ(store_instance_renew(s, "host-b.2", 60, &err), 0, "lease for b");
        TAP_INT_EQ(store_begin(s, &err), 0, "begin");
        TAP_INT_EQ(store_instance_take_dead(s, &dead, &err), 0, "look for a dead one");
        TAP_OK(dead == NULL, "none while every lease runs");
        store_rollback(s);
        TAP_INT_EQ(store_instance_renew(s, "host-a.1", 0, &err), 0, "a's lease ends now");
        g_usleep(5000);
        TAP_INT_EQ(store_begin(s, &err), 0, "begin");
        TAP_INT_EQ(store_instance_take_dead(s, &dead, &err), 0, "look again");
        TAP_STR_EQ(dead, "host-a.1", "a is dead");
        if (other && pg) {
                /* Locked by the first taker: the second skips it. */
                char *also = NULL;

                TAP_INT_EQ(store_begin(other, &err), 0, "second taker begins");
                TAP_INT_EQ(store_instance_take_dead(other, &also, &err), 0, "second taker looks");
                TAP_OK(also == NULL, "a dead one being taken is skipped (SKIP LOCKED)");
                free(also);
                store_rollback(other);
        }
        TAP_INT_EQ(store_instance_remove(s, dead ? dead : "", &err), 0, "remove it");
        TAP_INT_EQ(store_commit(s, &err), 0, "commit");
        free(dead);
        dead = NULL;
        TAP_INT_EQ(store_begin(s, &err), 0, "begin");
        TAP_INT_EQ(store_instance_take_dead(s, &dead, &err), 0, "look once more");
        TAP_OK(dead == NULL, "taken over: gone");
        store_rollback(s);
        TAP_INT_EQ(store_instance_remove(s, "host-b.2", &err), 0, "b stops");
        free(dead);
        store_close(other);
}

/* What status reads of the service: the kept count of mails (a mail recorded
 * again is one mail) and every lease, live or run out. */
static void test_service_status(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_service_status sv = { 0 };
        bf_mail_record m = { .mailbox = "ap@imap://x/INBOX", .uidvalidity = 9, .uid = 7,
                             .outcome = "failed", .detail = "reader crashed" };
        size_t live = 0, dead = 0;

        TAP_INT_EQ(store_mail_record(s, &m, &err), 0, "record a failed mail (%s)", err.msg);
        m.outcome = "documents";
        m.detail = NULL;
        m.documents = 1;
        TAP_INT_EQ(store_mail_record(s, &m, &err), 0, "the same mail handled later");
        m.uid = 8;
        m.outcome = "no_attachment";
        TAP_INT_EQ(store_mail_record(s, &m, &err), 0, "another mail");
        TAP_INT_EQ(store_instance_renew(s, "host-c.3", 60, &err), 0, "lease for c");
        TAP_INT_EQ(store_instance_renew(s, "host-d.4", 0, &err), 0, "d's lease ran out");
        g_usleep(5000);
        TAP_INT_EQ(store_service_status(s, 10, &sv, &err), 0, "service status (%s)", err.msg);
        TAP_INT_EQ(sv.mails_handled, 2, "two mails handled (one recorded twice)");
        TAP_INT_EQ(sv.mails_no_attachment, 1, "one without attachment");
        TAP_INT_EQ(sv.mails_failed, 0, "the failed one was handled later");
        TAP_INT_EQ(sv.n_instances, 2, "both leases listed");
        for (size_t i = 0; i < sv.n_instances; i++) {
                if (strcmp(sv.instances[i].instance, "host-c.3") == 0 && sv.instances[i].live)
                        live++;
                if (strcmp(sv.instances[i].instance, "host-d.4") == 0 && !sv.instances[i].live)
                        dead++;
        }
        TAP_OK(live == 1 && dead == 1, "c is live, d's lease ran out");
        TAP_OK(sv.n_instances > 0 && sv.instances[0].pid == (int64_t)getpid() &&
               sv.instances[0].lease_until && sv.instances[0].started_at,
               "with its pid, start and lease");
        service_status_release(&sv);
        TAP_INT_EQ(store_instance_remove_others(s, "host-c.3", &err), 0, "all but c removed");
        TAP_INT_EQ(store_service_status(s, 10, &sv, &err), 0, "service status again");
        TAP_OK(sv.n_instances == 1 && strcmp(sv.instances[0].instance, "host-c.3") == 0,
               "only c is left");
        service_status_release(&sv);
        TAP_INT_EQ(store_instance_remove(s, "host-c.3", &err), 0, "c stops");

        /* A poll's outcome (PostgreSQL once refused the statement: its ok
         * parameter typed two ways) and when failing began. */
        char *since = NULL, *result = NULL;
        TAP_INT_EQ(store_poll_record(s, "imap", false, "login refused", &err), 0,
                   "record a failed poll (%s)", err.msg);
        TAP_INT_EQ(store_poll_record(s, "imap", false, "login refused again", &err), 0,
                   "and another");
        TAP_INT_EQ(store_poll_failing_since(s, "imap", &since, &result, &err), 0, "read it back");
        TAP_OK(since && result && strcmp(result, "login refused again") == 0,
               "failing since the first, the last result kept");
        free(since);
        free(result);
        since = result = NULL;
        TAP_INT_EQ(store_poll_record(s, "imap", true, "ok", &err), 0, "a good poll");
        TAP_INT_EQ(store_poll_failing_since(s, "imap", &since, NULL, &err), 0, "read it back");
        TAP_OK(since == NULL, "no longer failing");
        free(since);
}

/* Several services on one mailbox: a mail is claimed by one; a live holder
 * keeps it, its own claim is its own again, a dead holder's claim is taken
 * (on PostgreSQL by one taker: a second skips the locked claim), and a
 * recorded mail is done, its claim gone. */
static void test_mail_claims(bf_store *s)
{
        struct bf_error err = { 0 };
        char box[] = "ap@imap://claims/INBOX";
        bf_mail_record m = { .mailbox = box, .uidvalidity = 3, .uid = 5,
                             .outcome = "documents", .documents = 1 };
        char *from = NULL;

        TAP_INT_EQ(store_instance_renew(s, "svc-a.1", 60, &err), 0, "lease for a");
        TAP_INT_EQ(store_instance_renew(s, "svc-b.2", 60, &err), 0, "lease for b");
        TAP_INT_EQ(store_mail_claim(s, box, 3, 5, "svc-a.1", &from, &err), STORE_MAIL_CLAIMED,
                   "a claims uid 5 (%s)", err.msg);
        TAP_OK(from == NULL, "from nobody");
        TAP_INT_EQ(store_mail_claim(s, box, 3, 5, "svc-b.2", &from, &err), STORE_MAIL_HELD,
                   "b finds it held by a");
        TAP_INT_EQ(store_mail_claim(s, box, 3, 5, "svc-a.1", &from, &err), STORE_MAIL_CLAIMED,
                   "a's own claim is a's again");
        TAP_OK(from == NULL, "not taken from anyone");
        TAP_INT_EQ(store_mail_claim(s, box, 4, 5, "svc-b.2", &from, &err), STORE_MAIL_CLAIMED,
                   "another UIDVALIDITY is another mail");
        TAP_INT_EQ(store_instance_renew(s, "svc-a.1", 0, &err), 0, "a's lease runs out");
        g_usleep(5000);
        if (pg) {
                bf_store *other = store_open(db_path, objects_dir, &err);
                char *also = NULL;

                TAP_OK(other != NULL, "second connection (%s)", err.msg);
                if (other) {
                        TAP_INT_EQ(store_instance_renew(other, "svc-c.3", 60, &err), 0, "lease for c");
                        TAP_INT_EQ(store_begin(other, &err), 0, "c begins");
                        TAP_INT_EQ(store_mail_claim(other, box, 3, 5, "svc-c.3", &also, &err),
                                   STORE_MAIL_CLAIMED, "c takes a's claim (%s)", err.msg);
                        TAP_STR_EQ(also, "svc-a.1", "from a");
                        TAP_INT_EQ(store_mail_claim(s, box, 3, 5, "svc-b.2", &from, &err),
                                   STORE_MAIL_HELD, "b skips the claim c is taking (SKIP LOCKED)");
                        TAP_INT_EQ(store_commit(other, &err), 0, "c commits");
                        TAP_INT_EQ(store_mail_claim(s, box, 3, 5, "svc-b.2", &from, &err),
                                   STORE_MAIL_HELD, "b finds it held by c, alive");
                        TAP_INT_EQ(store_instance_remove(other, "svc-c.3", &err), 0, "c stops");
                        free(also);
                        store_close(other);
                }
        }
        TAP_INT_EQ(store_mail_claim(s, box, 3, 5, "svc-b.2", &from, &err), STORE_MAIL_CLAIMED,
                   "b takes the claim of a stopped service");
        TAP_STR_EQ(from, pg ? "svc-c.3" : "svc-a.1", "and says from whom");
        free(from);
        from = NULL;
        TAP_INT_EQ(store_mail_record(s, &m, &err), 0, "b records the mail (%s)", err.msg);
        TAP_INT_EQ(store_mail_claim(s, box, 3, 5, "svc-a.1", &from, &err), STORE_MAIL_DONE,
                   "a recorded mail is done");
        TAP_INT_EQ(store_instance_remove(s, "svc-a.1", &err), 0, "a gone");
        TAP_INT_EQ(store_instance_remove(s, "svc-b.2", &err), 0, "b gone");

        /* Each service records its mark; it only moves forward. */
        uint32_t v = 0, last = 0;
        TAP_INT_EQ(store_mailbox_set(s, box, 3, 10, &err), 0, "mark 10");
        TAP_INT_EQ(store_mailbox_set(s, box, 3, 7, &err), 0, "a slower service's mark 7");
        TAP_INT_EQ(store_mailbox_get(s, box, &v, &last, &err), 0, "read the mark");
        TAP_OK(v == 3 && last == 10, "the mark stays at 10 (%u/%u)", v, last);
        TAP_INT_EQ(store_mailbox_set(s, box, 4, 2, &err), 0, "renumbered mailbox: mark 2");
        TAP_INT_EQ(store_mailbox_get(s, box, &v, &last, &err), 0, "read it again");
        TAP_OK(v == 4 && last == 2, "a new UIDVALIDITY starts over (%u/%u)", v, last);
}

/* PostgreSQL: a transaction that meets another's change of the same row
 * fails BF_EBUSY and says it lost a race (the pipeline runs it again); a
 * unique key's failure is no race. */
static void test_lost_race(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_store *other = store_open(db_path, objects_dir, &err);
        bf_status st;

        TAP_OK(other != NULL, "second connection (%s)", err.msg);
        if (!other)
                return;
        TAP_INT_EQ(store_begin(s, &err), 0, "begin");
        TAP_INT_EQ(store_status(s, &st, &err), 0, "a read: the transaction's snapshot");
        TAP_INT_EQ(store_export_serialize(other, &err), 0, "another changes a row meanwhile");
        TAP_INT_EQ(store_export_serialize(s, &err), BF_EBUSY, "changing it too: BF_EBUSY (%s)",
                   err.msg);
        store_rollback(s);
        TAP_OK(store_lost_race(s), "a lost race, over: it may run again");
        memset(&err, 0, sizeof(err));
        TAP_INT_EQ(store_begin(s, &err), 0, "run again");
        TAP_INT_EQ(store_export_serialize(s, &err), 0, "and it goes through (%s)", err.msg);
        TAP_INT_EQ(store_commit(s, &err), 0, "commit");
        TAP_OK(!store_lost_race(s), "no race now");
        store_close(other);
}

/* PostgreSQL: a connection the server drops is made again before the next
 * statement outside a transaction (the statements prepared again with it). */
static void test_reconnect(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_status st;

        TAP_INT_EQ(store_status(s, &st, &err), 0, "status before (%s)", err.msg);
        TAP_INT_EQ(raw_exec(db_path, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            " WHERE application_name = 'billflow' AND pid <> pg_backend_pid()"), 0,
                   "the server drops the store's connection");
        g_usleep(100000);
        memset(&err, 0, sizeof(err));
        (void)store_status(s, &st, &err); /* may be the one that finds it dropped */
        printf("# first statement after the drop: %s\n", err.msg[0] ? err.msg : "ok");
        memset(&err, 0, sizeof(err));
        TAP_INT_EQ(store_status(s, &st, &err), 0, "the next one runs on a new connection (%s)",
                   err.msg);
        TAP_OK(st.documents > 0, "and sees the data (%lld documents)", (long long)st.documents);
}

static void test_status(bf_store *s)
{
        struct bf_error err = { 0 };
        bf_status st;

        TAP_INT_EQ(store_status(s, &st, &err), 0, "status");
        TAP_INT_EQ(st.documents, st.by_state[0] + st.by_state[1] + st.by_state[2] + st.by_state[5] +
                   st.by_state[3] + st.by_state[4], "states add up");
        TAP_OK(st.by_state[DOC_POSTED] >= 2, "posted documents counted");
        TAP_INT_EQ(st.entries, 2, "two entries (the kept count: refused ones not counted)");
        TAP_INT_EQ(st.open_exceptions, 2, "two open exceptions");
        TAP_INT_EQ(st.vendors, 2, "two vendors");
}

int main(int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_store *s;
        int64_t posted = 0;

        pg = argc > 1 && strcmp(argv[1], "--pg") == 0;
        if (pg && !getenv("BILLFLOW_PG_URL"))
                TAP_SKIP_ALL("--pg without BILLFLOW_PG_URL (tests/pg/pgcluster.py run sets it)");
        tmpdir = g_dir_make_tmp("billflow-store-XXXXXX", NULL);
        if (!tmpdir)
                TAP_SKIP_ALL("no temporary directory");
        if (pg) {
                db_path = g_strdup(getenv("BILLFLOW_PG_URL"));
                /* A fresh database: the tests count what they add. */
                if (raw_exec(db_path, "SET client_min_messages = warning;"
                             " DROP SCHEMA public CASCADE; CREATE SCHEMA public") != 0)
                        TAP_SKIP_ALL("cannot reset the database BILLFLOW_PG_URL names");
        } else {
                db_path = g_build_filename(tmpdir, "billflow.db", NULL);
        }
        objects_dir = g_build_filename(tmpdir, "objects", NULL);

        test_open();
        test_migrate_awaiting();
        s = store_open(db_path, objects_dir, &err);
        TAP_OK(s != NULL, "open for the rest (%s)", err.msg);
        if (s) {
                test_originals(s);
                test_originals_race(s);
                test_documents(s);
                test_vendors(s);
                test_pos(s, &posted);
                test_invoice_roundtrip(s);
                test_duplicates(s);
                test_evidence(s);
                test_ledger(s, posted);
                test_exceptions(s);
                test_audit(s);
                test_transactions(s);
                test_instances(s);
                test_service_status(s);
                test_mail_claims(s);
                if (pg)
                        test_lost_race(s);
                else
                        TAP_OK(!store_lost_race(s), "SQLite never loses a race (writers wait)");
                if (pg)
                        test_reconnect(s);
                test_status(s);
                store_close(s);
        }

        if (!getenv("BILLFLOW_KEEP_TMP"))
                remove_tree(tmpdir);
        g_free(db_path);
        g_free(objects_dir);
        g_free(tmpdir);
        return tap_done();
}
