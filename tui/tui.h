/* tui.h: `billflow review`, the terminal UI for clearing the exception
 * queue; every action goes through pipeline_resolve_apply (pipeline.h). */
#ifndef BILLFLOW_TUI_H
#define BILLFLOW_TUI_H

#include "pipeline/pipeline.h"

/* Runs the review UI on the terminal (stdin/stdout, which must be one) over
 * app's store, acting as app->user, until the reviewer quits. The caller
 * has set the locale. Returns 0, or <0 with err when the terminal cannot
 * be used; errors of single actions are shown on screen, never returned. */
int tui_review_run(bf_app *app, struct bf_error *err);

#endif
