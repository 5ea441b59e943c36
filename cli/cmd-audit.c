/* cmd-audit.c: `billflow audit [--document ID]` shows the audit log. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static void add_opt(JsonBuilder *b, const char *k, const char *v)
{
        json_builder_set_member_name(b, k);
        v ? json_builder_add_string_value(b, v) : json_builder_add_null_value(b);
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct bf_error err = { 0 };
        bf_audit_row *rows = NULL;
        size_t n = 0;
        int64_t doc = 0;
        bf_app app;
        char *end;

        for (int i = 1; i < argc; i++) {
                const char *v = NULL;
                if (strcmp(argv[i], "--document") == 0 && i + 1 < argc)
                        v = argv[++i];
                else if (g_str_has_prefix(argv[i], "--document="))
                        v = argv[i] + 11;
                else
                        return cli_usage_error(&cmd_audit, "unexpected '%s'", argv[i]);
                errno = 0;
                doc = strtoll(v, &end, 10);
                if (errno || *end || doc <= 0)
                        return cli_usage_error(&cmd_audit, "'%s' is not a document id", v);
        }
        if (!cli_open(cli, &app, true))
                return EXIT_FAIL;
        if (doc) {
                /* An unknown id is an error, not an empty history. */
                bf_document d = { 0 };
                if (store_document_get(app.store, doc, &d, &err) < 0) {
                        cli_error("%s", err.msg);
                        app_close(&app);
                        return EXIT_FAIL;
                }
                document_release(&d);
        }
        if (store_audit_load(app.store, doc, &rows, &n, &err) < 0) {
                cli_error("%s", err.msg);
                app_close(&app);
                return EXIT_FAIL;
        }
        for (size_t i = 0; i < n; i++) {
                const bf_audit_row *a = &rows[i];
                if (cli->json) {
                        JsonBuilder *b = json_builder_new();
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "id");
                        json_builder_add_int_value(b, a->id);
                        add_opt(b, "at", a->at);
                        add_opt(b, "user", a->user);
                        add_opt(b, "action", a->action);
                        json_builder_set_member_name(b, "document_id");
                        a->document_id ? json_builder_add_int_value(b, a->document_id)
                                       : json_builder_add_null_value(b);
                        add_opt(b, "field", a->field);
                        add_opt(b, "old", a->old_value);
                        add_opt(b, "new", a->new_value);
                        json_builder_end_object(b);
                        cli_json_line(b);
                } else {
                        g_autofree char *u = cli_safe_text(a->user), *f = cli_safe_text(a->field);
                        g_autofree char *o = cli_safe_text(a->old_value), *nv = cli_safe_text(a->new_value);
                        printf("%s %-10s %-10s doc %-5" PRId64 " %s: %s -> %s\n", a->at, u, a->action,
                               a->document_id, *f ? f : "-", a->old_value ? o : "-",
                               a->new_value ? nv : "-");
                }
        }
        store_audit_free(rows, n);
        app_close(&app);
        return EXIT_OK;
}

const struct bf_cmd cmd_audit = {
        .name = "audit", .usage = "[--document ID]", .run = run,
        .summary = "show the audit log: who, when, what, old and new values",
};
