/* dump-words.c: prints a file's word layer as TSV (page, block, line, conf,
 * x0, y0, x1, y1, text), to look at what capture makes of the corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/capture.h"

static double now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void usage(void)
{
        fprintf(stderr, "usage: dump-words [-l LANG] [-d DPI] FILE...\n");
}

int main(int argc, char **argv)
{
        struct capture_options opt;
        const char *lang = "eng";
        struct bf_error err = {0};
        bf_ocr *ocr;
        int i, status = 0;

        /* Re-executes once with OMP_THREAD_LIMIT=1; if that fails, slower. */
        ocr_limit_threads(argv, NULL);
        capture_options_init(&opt);
        for (i = 1; i < argc && argv[i][0] == '-'; i++) {
                if (strcmp(argv[i], "-l") == 0 && i + 1 < argc) {
                        lang = argv[++i];
                } else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
                        opt.dpi = atoi(argv[++i]);
                } else {
                        usage();
                        return 2;
                }
        }
        if (i == argc) {
                usage();
                return 2;
        }
        ocr = ocr_new(lang, &err);
        if (!ocr)
                fprintf(stderr, "dump-words: %s (continuing without ocr)\n", err.msg);

        printf("page\tblock\tline\tconf\tx0\ty0\tx1\ty1\ttext\n");
        for (; i < argc; i++) {
                bf_doc_text doc = {0};
                char *data = NULL;
                size_t len = 0;
                double t0;

                if (capture_read_file(argv[i], 256u << 20, &data, &len, &err) < 0) {
                        fprintf(stderr, "dump-words: %s\n", err.msg);
                        status = 1;
                        continue;
                }
                t0 = now_ms();
                if (capture_read(data, len, ocr, &opt, &doc, &err) < 0) {
                        fprintf(stderr, "dump-words: '%s': %s\n", argv[i], err.msg);
                        free(data);
                        status = 1;
                        continue;
                }
                printf("# %s: source=%s pages=%zu %.0f ms\n", argv[i], source_name(doc.source),
                       doc.n_pages, now_ms() - t0);
                for (size_t p = 0; p < doc.n_pages; p++) {
                        const bf_page *pg = &doc.pages[p];

                        printf("# page %d: %.1fx%.1f %s, %zu words\n", pg->number, pg->width,
                               pg->height, pg->ocr ? "ocr" : "text", pg->n_words);
                        for (size_t w = 0; w < pg->n_words; w++) {
                                const bf_word *wd = &pg->words[w];

                                printf("%d\t%d\t%d\t%.2f\t%.1f\t%.1f\t%.1f\t%.1f\t%s\n",
                                       pg->number, wd->block, wd->line, wd->conf, wd->box.x0,
                                       wd->box.y0, wd->box.x1, wd->box.y1, wd->text);
                        }
                }
                doc_text_release(&doc);
                free(data);
        }
        ocr_free(ocr);
        return status;
}
