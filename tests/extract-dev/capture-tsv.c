/* capture-tsv.c: writes the capture module's word layer of each file as
 * tesseract-style TSV (OUTDIR/NAME.tsv), so extraction can be iterated on
 * the real words without OCRing again. Dev only. The OCR language is
 * $CAPTURE_TSV_LANG (eng; e.g. auto, as billflow reads by default). */
#include "capture/capture.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
        struct bf_error err = { 0 };
        if (argc < 3) {
                fprintf(stderr, "usage: capture-tsv OUTDIR FILE...\n");
                return 2;
        }
        ocr_limit_threads(argv, NULL);
        const char *lang = getenv("CAPTURE_TSV_LANG");
        bf_ocr *ocr = ocr_new(lang && *lang ? lang : "eng", &err);
        struct capture_options copt;
        capture_options_init(&copt);
        int status = 0;
        for (int a = 2; a < argc; a++) {
                char *data = NULL;
                size_t len = 0;
                bf_doc_text doc = { 0 };
                if (capture_read_file(argv[a], 64u << 20, &data, &len, &err) < 0 ||
                    capture_read(data, len, ocr, &copt, &doc, &err) < 0) {
                        fprintf(stderr, "%s: %s\n", argv[a], err.msg);
                        free(data);
                        status = 1;
                        continue;
                }
                free(data);
                char *copy = bf_xstrdup(argv[a]);
                char *base = basename(copy);
                char *dot = strrchr(base, '.');
                if (dot)
                        *dot = 0;
                char *out = bf_xasprintf("%s/%s.tsv", argv[1], base);
                FILE *fp = fopen(out, "w");
                if (fp) {
                        fprintf(fp, "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t"
                                    "left\ttop\twidth\theight\tconf\ttext\n");
                        for (size_t p = 0; p < doc.n_pages; p++) {
                                const bf_page *pg = &doc.pages[p];
                                fprintf(fp, "1\t%d\t0\t0\t0\t0\t0\t0\t%.2f\t%.2f\t-1\t\n", pg->number,
                                        pg->width, pg->height);
                                for (size_t w = 0; w < pg->n_words; w++) {
                                        const bf_word *wd = &pg->words[w];
                                        fprintf(fp, "5\t%d\t%d\t0\t%d\t0\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%s\n",
                                                pg->number, wd->block, wd->line, wd->box.x0, wd->box.y0,
                                                wd->box.x1 - wd->box.x0, wd->box.y1 - wd->box.y0,
                                                pg->ocr ? wd->conf * 100.0 + 0.001 : 100.0, wd->text);
                                }
                        }
                        fclose(fp);
                }
                free(out);
                free(copy);
                doc_text_release(&doc);
        }
        ocr_free(ocr);
        return status;
}
