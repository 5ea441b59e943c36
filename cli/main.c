/* main.c: billflow's entry point — global options, then one subcommand
 * from the command table. */
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "capture/capture.h"
#include "capture/reader.h"
#include "cli/cli.h"

static const struct bf_cmd *const commands[] = {
        &cmd_init, &cmd_extract, &cmd_import, &cmd_process, &cmd_queue, &cmd_review, &cmd_resolve,
        &cmd_ledger, &cmd_reverse, &cmd_audit, &cmd_status, &cmd_export, &cmd_exports,
        &cmd_run, &cmd_show, &cmd_config, &cmd_report, &cmd_master, &cmd_approvals, &cmd_approve,
        &cmd_decline, &cmd_bank, &cmd_pay, &cmd_payables,
};

static void print_main_help(FILE *out)
{
        fprintf(out,
                "usage: billflow [--home DIR] [--json] [-q|-v] [--user NAME] [--set SECTION.KEY=VALUE]...\n"
                "                COMMAND [ARGS]\n\n"
                "billflow captures invoices from files and mail, reads them (the PDF's text or\n"
                "Tesseract OCR), checks them against purchase orders and receipts, and posts\n"
                "them to the ledger or queues them for review.\n\n"
                "Commands:\n");
        for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
                fprintf(out, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
        fprintf(out,
                "\nGlobal options (before or after the command):\n"
                "  --home DIR     the data home (else $BILLFLOW_HOME, else $XDG_DATA_HOME/billflow)\n"
                "  --json         one JSON object per line on stdout\n"
                "  -q, -v         quieter / more verbose logging on stderr\n"
                "  --user NAME    who acts, for the audit log (else the login name)\n"
                "  --set S.K=V    override a billflow.conf key\n"
                "  --version      print the version and exit\n\n"
                "Exit status: 0 success, 1 runtime failure, 2 usage error.\n"
                "Run 'billflow COMMAND --help' for a command's options.\n");
}

static const struct bf_cmd *find_command(const char *name)
{
        for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
                if (strcmp(commands[i]->name, name) == 0)
                        return commands[i];
        return NULL;
}

/* Reports an unknown command, with the nearest one when it is near (git's
 * "did you mean"); returns EXIT_USAGE. */
static int unknown_command(const char *name)
{
        const struct bf_cmd *near = NULL;
        int best = 3;

        for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
                int d = (int)text_distance(name, commands[i]->name);
                if (d < best || (g_str_has_prefix(commands[i]->name, name) && *name && !near)) {
                        best = d < best ? d : best;
                        near = commands[i];
                }
        }
        if (near)
                cli_error("unknown command '%s'; did you mean '%s'? (see 'billflow --help')", name,
                          near->name);
        else
                cli_error("unknown command '%s' (see 'billflow --help')", name);
        return EXIT_USAGE;
}

/* Takes the global options out of argv wherever they stand; what is left
 * (the command and its arguments) is compacted into argv. Returns the new
 * argc, or -1 after printing a usage error. */
static int take_globals(struct cli *cli, int argc, char **argv, GPtrArray *sets)
{
        int out = 1;
        bool rest = false;

        for (int i = 1; i < argc && argv[i]; i++) {
                const char *a = argv[i];
                const char *val = NULL;

                if (rest || a[0] != '-') {
                        argv[out++] = argv[i];
                        continue;
                }
                if (strcmp(a, "--") == 0) {
                        rest = true;
                        argv[out++] = argv[i];
                        continue;
                }
                if (strcmp(a, "--json") == 0) {
                        cli->json = true;
                } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
                        cli->verbosity = -1;
                } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
                        cli->verbosity = 1;
                } else if (strcmp(a, "--home") == 0 || strcmp(a, "--user") == 0 ||
                           g_str_has_prefix(a, "--home=") || g_str_has_prefix(a, "--user=")) {
                        bool home = g_str_has_prefix(a, "--home");
                        const char *eq = strchr(a, '=');
                        if (eq)
                                val = eq + 1;
                        else if (i + 1 < argc)
                                val = argv[++i];
                        else {
                                cli_error("%s needs a value", a);
                                return -1;
                        }
                        if (home)
                                cli->home_option = val;
                        else
                                cli->user = val;
                } else if (strcmp(a, "--set") == 0 || g_str_has_prefix(a, "--set=")) {
                        /* SECTION.KEY=VALUE is configuration; FIELD=VALUE belongs to resolve. */
                        const char *eq = strchr(a, '=');
                        const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
                        const char *veq = v ? strchr(v, '=') : NULL;
                        if (v && veq && memchr(v, '.', (size_t)(veq - v))) {
                                g_ptr_array_add(sets, eq ? argv[i] + (eq + 1 - a) : argv[i + 1]);
                                if (!eq)
                                        i++;
                        } else {
                                argv[out++] = argv[i];
                        }
                } else {
                        argv[out++] = argv[i];
                }
        }
        argv[out] = NULL;
        return out;
}

/* Tesseract's OpenMP runtime reads OMP_THREAD_LIMIT once at start-up; the
 * commands that OCR re-execute themselves with it set (see capture.h). */
static void limit_ocr_threads(int argc, char **argv)
{
        static const char *const ocr_commands[] = { "extract", "process", "run" };
        struct bf_error err = { 0 };

        for (int i = 1; i < argc; i++)
                for (size_t k = 0; k < G_N_ELEMENTS(ocr_commands); k++)
                        if (strcmp(argv[i], ocr_commands[k]) == 0) {
                                if (ocr_limit_threads(argv, &err) < 0)
                                        cli_error("warning: %s", err.msg);
                                return;
                        }
}

int main(int argc, char **argv)
{
        struct cli cli = { 0 };
        g_autoptr(GPtrArray) sets = g_ptr_array_new();
        const struct bf_cmd *cmd;
        int status;

        /* A reader process (capture/reader.h): the parent reads documents
         * through it, in its sandbox. */
        if (argc >= 2 && strcmp(argv[1], READER_CHILD_ARG) == 0)
                return reader_child_main(argc, argv);
        limit_ocr_threads(argc, argv);
        setlocale(LC_ALL, "");
        /* Numbers we print and parse are ours, never the locale's. */
        setlocale(LC_NUMERIC, "C");
        argc = take_globals(&cli, argc, argv, sets);
        if (argc < 0)
                return EXIT_USAGE;
        if (argc < 2) {
                print_main_help(stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
            strcmp(argv[1], "help") == 0) {
                if (argc > 2) {
                        if (!(cmd = find_command(argv[2])))
                                return unknown_command(argv[2]);
                        cli_print_help(cmd);
                        return EXIT_OK;
                }
                print_main_help(stdout);
                return EXIT_OK;
        }
        if (strcmp(argv[1], "--version") == 0) {
                printf("billflow 0.1.0\n");
                return EXIT_OK;
        }
        cmd = find_command(argv[1]);
        if (!cmd)
                return unknown_command(argv[1]);
        if (cli_wants_help(argc - 1, argv + 1)) {
                cli_print_help(cmd);
                return EXIT_OK;
        }
        g_ptr_array_add(sets, NULL);
        cli.sets = (char **)sets->pdata;
        cli.n_sets = sets->len - 1;
        cli.home = pipeline_config_default_home(cli.home_option);
        status = cmd->run(&cli, argc - 1, argv + 1);
        g_free(cli.home);
        return status;
}
