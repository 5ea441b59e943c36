/* pipeline-int.h: what the pipeline's files share among themselves. */
#ifndef BILLFLOW_PIPELINE_INT_H
#define BILLFLOW_PIPELINE_INT_H

#include <inttypes.h>

#include "pipeline/pipeline.h"

/* The vendor with this id in app's cache (borrowed), NULL if none. */
const bf_vendor *pipeline_find_vendor(bf_app *app, const char *vendor_id);

/* Checks an invoice and posts it or (re)opens its exception, inside the
 * caller's transaction; ret->decision, outcome, entry_id and exception_id
 * are set. */
int pipeline_decide(bf_app *app, int64_t doc_id, bf_invoice *inv, bool unreadable,
                    const enum bf_reason *overrides, size_t n_overrides,
                    struct bf_result *ret, struct bf_error *err);

/* Parses CSV text as import does (for fuzzing): 0 with the row count, or
 * BF_EINVAL/BF_ETOOBIG with err. */
int import_parse_csv_text(const char *text, size_t len, size_t *ret_rows, struct bf_error *err);

/* Loads configuration from text instead of home/billflow.conf (for fuzzing
 * and tests); cfg is released with config_release() on success and failure. */
int config_load_text(struct bf_config *cfg, const char *home, const char *text,
                     struct bf_error *err);

#endif
