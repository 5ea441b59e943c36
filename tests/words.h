/* words.h: word layers built in code for the extraction tests, laid out
 * the way a PDF text layer or OCR hands them over. */
#ifndef BILLFLOW_TESTS_WORDS_H
#define BILLFLOW_TESTS_WORDS_H

#include "models/models.h"

#include <stdlib.h>
#include <string.h>

/* Adds text's words to page as line `line`, from x, h units high and 0.6 h
 * per character, read with confidence conf. */
static inline void words_put(bf_page *page, double x, double y, double h, const char *text,
                             float conf, int line)
{
        char *copy = bf_xstrdup(text);
        char *save = NULL;
        double cw = h * 0.6;
        for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
                size_t chars = 0;
                for (const char *p = w; *p; p++)
                        if ((*p & 0xc0) != 0x80)
                                chars++;
                double wlen = cw * (double)chars;
                bf_box box = { x, y, x + wlen, y + h };
                page_add_word(page, w, box, conf, line, line);
                x += wlen + cw;
        }
        free(copy);
}

#endif
