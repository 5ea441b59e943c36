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

#endif
