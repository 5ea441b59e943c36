/* words-tsv.h: loads a word layer from tesseract-style TSV (dev and tests only). */
#ifndef BILLFLOW_WORDS_TSV_H
#define BILLFLOW_WORDS_TSV_H

#include "models/models.h"

/* Reads `level page block par line word left top width height conf text`
 * rows (level 1 gives a page's size, level 5 a word) from path into doc
 * (fresh; the caller releases it). Pages without a level-1 row get the
 * extent of their words. Returns 0 or BF_EIO/BF_EINVAL with err. */
int words_tsv_load(const char *path, bf_doc_text *doc, struct bf_error *err);
/* The same from a string. */
int words_tsv_parse(const char *text, bf_doc_text *doc, struct bf_error *err);

#endif
