/* cli.h: what the command line's files share — global options, the command
 * table and output helpers. */
#ifndef BILLFLOW_CLI_H
#define BILLFLOW_CLI_H

#include <inttypes.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "pipeline/pipeline.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
        const char *home_option;   /* --home, or NULL */
        bool json;                 /* --json */
        int verbosity;             /* -q: -1, default 0, -v: 1 */
        const char *user;          /* --user, or NULL */
        char **sets;               /* --set SECTION.KEY=VALUE; NULL-terminated */
        size_t n_sets;
        char *home;                /* resolved; owned */
};

struct bf_cmd {
        const char *name;
        const char *usage;         /* after "billflow NAME " */
        const char *summary;       /* one line */
        const char *help;          /* the rest of --help, may be NULL */
        int (*run)(struct cli *cli, int argc, char **argv); /* returns the exit status */
};

/* A command's subcommand ("pay propose", "bank match"): its name and what runs it. */
struct bf_subcmd {
        const char *name;
        int (*run)(struct cli *cli, int argc, char **argv); /* argv[1] is the subcommand */
};
/* Runs the subcommand argv[1] names from subs (n of them), or reports a
 * usage error for cmd when there is none or it is unknown. */
int cli_run_subcommand(const struct bf_cmd *cmd, const struct bf_subcmd *subs, size_t n,
                       struct cli *cli, int argc, char **argv);

/* Opens the app for a command; prints the error and returns false on failure. */
bool cli_open(struct cli *cli, bf_app *app, bool need_store);
/* Prints "billflow: MSG" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error for cmd: prints it and the usage line; returns EXIT_USAGE. */
int cli_usage_error(const struct bf_cmd *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* Logs to stderr at a level (0 info, 1 debug) honouring -q/-v. */
void cli_log(const struct cli *cli, int level, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* True when argv[i] is "--help" or "-h". */
bool cli_wants_help(int argc, char **argv);
void cli_print_help(const struct bf_cmd *cmd);

/* Writes the builder's root as one JSON line on stdout and frees it. */
void cli_json_line(JsonBuilder *b);
/* Adds "name": [strings...] (strv NULL-terminated) to the open object. */
void cli_json_strv(JsonBuilder *b, const char *name, char *const *strv);
/* Adds "key": value (a string, or null when value is NULL) to the open object. */
void cli_json_add(JsonBuilder *b, const char *key, const char *value);
/* Prints {"file": file, "error": msg} as one JSON line. */
void cli_json_file_error(const char *file, const char *msg);
/* Adds the contract's extraction fields of inv to the open object. */
void cli_json_invoice(JsonBuilder *b, const bf_invoice *inv);
/* Adds "reasons": [...] and "reason_details": [{"reason","detail"}]. */
void cli_json_reasons(JsonBuilder *b, const bf_reason_item *items, size_t n);
/* One audit row as a JSON object (the caller hands it to cli_json_line()
 * or adds it to an array), or as a line for people. */
JsonBuilder *cli_audit_json(const bf_audit_row *a);
void cli_print_audit(FILE *out, const bf_audit_row *a);
/* Prints an invoice's fields for people. */
void cli_print_invoice(FILE *out, const bf_invoice *inv);

/* Parses a date given on the command line: ISO YYYY-MM-DD only, since any
 * other spelling is ambiguous. Returns false after a usage error for cmd
 * naming the option. */
bool cli_parse_date_option(const struct bf_cmd *cmd, const char *option, const char *text,
                           bf_date *ret);
/* Takes "--NAME VALUE" or "--NAME=VALUE" at argv[*i] (advancing *i past a
 * separate value); ret gets the value, borrowed from argv. */
bool cli_take_option(int argc, char **argv, int *i, const char *name, const char **ret);

/* A progress line on stderr, "[i/n] name", rewritten in place; only on a
 * terminal, with more than one file and without -q. cli_progress_end()
 * clears it (call it before printing anything else to stderr). */
void cli_progress(const struct cli *cli, int i, int n, const char *name);
void cli_progress_end(const struct cli *cli);

/* Prints one decision of the pipeline (process, run --once --json): a JSON
 * line with --json, else a line (and one per reason) for people. */
void cli_print_result(struct cli *cli, const char *file, const struct bf_result *res);

/* Reads a file for processing with the configured cap; prints its own errors. */
int cli_read_input(const char *path, char **ret_data, size_t *ret_len, struct bf_error *err);


extern const struct bf_cmd cmd_init, cmd_extract, cmd_import, cmd_process, cmd_queue,
        cmd_resolve, cmd_ledger, cmd_reverse, cmd_audit, cmd_status, cmd_export, cmd_exports,
        cmd_run, cmd_show, cmd_config, cmd_report, cmd_master, cmd_approvals, cmd_approve,
        cmd_decline, cmd_bank, cmd_pay, cmd_payables;

extern const struct bf_cmd cmd_review;
/* Writes text to a new file beside path (same directory, so the rename
 * that publishes it cannot cross file systems), flushed to disk. ret_tmp
 * gets its name (caller frees, and unlinks it when it is not renamed). */
int cli_write_temp(const char *path, const char *text, char **ret_tmp, struct bf_error *err);
/* Publishes a written temp file under its name and makes the rename durable. */
int cli_publish(const char *tmp, const char *path, struct bf_error *err);

#endif
