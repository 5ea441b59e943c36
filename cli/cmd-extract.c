/* cmd-extract.c: `billflow extract FILE...` reads documents and prints
 * their fields, without storing anything. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static void print_error(struct cli *cli, const char *file, const char *msg)
{
        if (cli->json)
                cli_json_file_error(file, msg);
        cli_error("%s", msg);
}

static int run(struct cli *cli, int argc, char **argv)
{
        bf_app app;
        int status = EXIT_OK, n_files = 0;

        for (int i = 1; i < argc; i++)
                if (strcmp(argv[i], "--") != 0 && (argv[i][0] != '-' || i > 1))
                        n_files++;
        if (n_files == 0)
                return cli_usage_error(&cmd_extract, "extract needs at least one file");
        for (int i = 1; i < argc; i++)
                if (argv[i][0] == '-' && strcmp(argv[i], "--") != 0 && strcmp(argv[i], "-") != 0)
                        return cli_usage_error(&cmd_extract, "unknown option '%s'", argv[i]);
        if (!cli_open(cli, &app, false))
                return EXIT_FAIL;
        for (int i = 1; i < argc; i++) {
                struct bf_error err = { 0 };
                struct bf_result res;
                char *data = NULL;
                size_t len = 0;

                if (strcmp(argv[i], "--") == 0)
                        continue;
                if (cli_read_input(argv[i], &data, &len, &err) < 0 ||
                    pipeline_extract(&app, data, len, &res, &err) < 0) {
                        char *msg = g_strdup_printf("cannot read '%s': %s", argv[i], err.msg);
                        print_error(cli, argv[i], msg);
                        g_free(msg);
                        g_free(data);
                        status = EXIT_FAIL;
                        continue;
                }
                g_free(data);
                if (cli->json) {
                        JsonBuilder *b = json_builder_new();
                        json_builder_begin_object(b);
                        json_builder_set_member_name(b, "file");
                        json_builder_add_string_value(b, argv[i]);
                        json_builder_set_member_name(b, "sha256");
                        json_builder_add_string_value(b, res.sha256);
                        cli_json_invoice(b, &res.invoice);
                        json_builder_set_member_name(b, "elapsed_ms");
                        json_builder_add_int_value(b, res.elapsed_ms);
                        json_builder_end_object(b);
                        cli_json_line(b);
                } else {
                        g_autofree char *safe = text_safe(argv[i]);
                        printf("%s (%s, %d page%s, %" PRId64 " ms)\n", safe,
                               source_name(res.invoice.source), res.invoice.pages,
                               res.invoice.pages == 1 ? "" : "s", res.elapsed_ms);
                        cli_print_invoice(stdout, &res.invoice);
                }
                pipeline_result_release(&res);
        }
        pipeline_app_close(&app);
        return status;
}

const struct bf_cmd cmd_extract = {
        .name = "extract", .usage = "FILE...", .run = run,
        .summary = "read documents and print their fields (stores nothing; needs no home)",
        .help = "Reads each PDF or image (PNG, JPEG, TIFF): the PDF's own text where it has\n"
                "one, Tesseract OCR where not. Uses the vendor master when a home exists.\n"
                "A file that cannot be read is reported and the run goes on (exit 1 at the end).\n",
};
