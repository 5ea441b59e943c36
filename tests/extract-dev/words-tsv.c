/* words-tsv.c: a word layer from tesseract's TSV format, for developing and
 * testing extraction without the capture module. */
#include "tests/extract-dev/words-tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bf_page *page_for(bf_doc_text *doc, int number, bool ocr)
{
        while (doc->n_pages < (size_t)number) {
                bf_page *p = doc_text_add_page(doc, 0, 0, ocr);
                p->number = (int)doc->n_pages;
        }
        return &doc->pages[number - 1];
}

int words_tsv_parse(const char *text, bf_doc_text *doc, struct bf_error *err)
{
        char *copy = bf_xstrdup(text);
        char *save = NULL;
        int lineno = 0;
        bool ocr = false;
        memset(doc, 0, sizeof(*doc));
        for (char *row = strtok_r(copy, "\n", &save); row; row = strtok_r(NULL, "\n", &save)) {
                lineno++;
                size_t n = strlen(row);
                if (n > 0 && row[n - 1] == '\r')
                        row[n - 1] = 0;
                if (strncmp(row, "level", 5) == 0)
                        continue;
                char *f[12];
                int nf = 0;
                char *p = row;
                while (nf < 12) {
                        f[nf++] = p;
                        char *tab = strchr(p, '\t');
                        if (!tab || nf == 12)
                                break;
                        *tab = 0;
                        p = tab + 1;
                }
                if (nf < 11)
                        continue;
                int level = atoi(f[0]), page = atoi(f[1]);
                if (page < 1 || page > 1000)
                        continue;
                double left = atof(f[6]), top = atof(f[7]), w = atof(f[8]), h = atof(f[9]);
                double conf = atof(f[10]);
                if (level == 1) {
                        bf_page *pg = page_for(doc, page, ocr);
                        pg->width = w;
                        pg->height = h;
                        continue;
                }
                if (level != 5 || nf < 12 || !f[11][0])
                        continue;
                if (conf < 100 && conf >= 0 && conf != (int)conf)
                        ocr = true;
                bf_page *pg = page_for(doc, page, ocr);
                int block = atoi(f[2]), par = atoi(f[3]), line = atoi(f[4]);
                bf_box box = { left, top, left + w, top + h };
                page_add_word(pg, f[11], box, conf < 0 ? 0.0f : (float)(conf / 100.0),
                              block * 10000 + par * 100 + line, block);
        }
        free(copy);
        for (size_t i = 0; i < doc->n_pages; i++) {
                bf_page *pg = &doc->pages[i];
                for (size_t k = 0; k < pg->n_words; k++) {
                        if (pg->words[k].box.x1 > pg->width)
                                pg->width = pg->words[k].box.x1;
                        if (pg->words[k].box.y1 > pg->height)
                                pg->height = pg->words[k].box.y1;
                }
        }
        if (doc->n_pages == 0)
                return bf_error_set(err, BF_EINVAL, "no words in tsv");
        doc->source = ocr ? SOURCE_OCR : SOURCE_TEXT;
        for (size_t i = 0; i < doc->n_pages; i++)
                doc->pages[i].ocr = ocr;
        return 0;
}

int words_tsv_load(const char *path, bf_doc_text *doc, struct bf_error *err)
{
        FILE *fp = fopen(path, "rb");
        if (!fp)
                return bf_error_set(err, BF_EIO, "cannot open '%s'", path);
        size_t cap = 1 << 16, n = 0;
        char *buf = bf_xmalloc(cap);
        size_t r;
        while ((r = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
                n += r;
                if (n + 1 == cap) {
                        if (cap > (64u << 20)) {
                                fclose(fp);
                                free(buf);
                                return bf_error_set(err, BF_ETOOBIG, "'%s' is too big", path);
                        }
                        cap *= 2;
                        buf = bf_xrealloc(buf, cap);
                }
        }
        fclose(fp);
        buf[n] = 0;
        int rc = words_tsv_parse(buf, doc, err);
        free(buf);
        if (rc < 0)
                return bf_error_prefix(err, "'%s'", path);
        return 0;
}
