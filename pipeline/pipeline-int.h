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
                    const enum bf_reason *overrides, size_t n_overrides, bool approved,
                    struct bf_result *ret, struct bf_error *err);

/* How many times in all a transaction that lost a race is run. */
#define PIPELINE_RACE_TRIES 8

/* After an attempt (0 the first) at a transaction of app's store ended with
 * r: true when it lost a race to another billflow on PostgreSQL (a
 * serialization failure or deadlock, store_lost_race) and may run again
 * from its start — err is then cleared, after a short random pause (10 ms
 * doubling with each attempt, at most 0.5 s, times 1 to 2, so the racers
 * part); false when r stands (success, any other error, SQLite, or the
 * last of PIPELINE_RACE_TRIES attempts). Each public function whose
 * transaction has no effect outside the store runs it in such a loop. */
bool pipeline_race_again(bf_app *app, int r, int attempt, struct bf_error *err);

/* Fault injection for the crash tests: BILLFLOW_FAILPOINT=NAME kills the
 * process with SIGKILL when it reaches the point NAME. */
void pipeline_failpoint(const char *name);

/* ------------------------------------------------------------ outbox */

/* One notification event (outbox.c). All borrowed. */
struct notify_event {
        const char *type;          /* approval_needed, reminder, escalation, declined,
                                      exception, capture_failing, queue_age */
        int64_t document_id;       /* 0: none */
        int64_t approval_id;       /* 0: none */
        const char *vendor, *vendor_id, *invoice_number; /* may be NULL */
        bool has_amount;
        bf_money amount;
        int level, levels;         /* approval events: the level to act on */
        const char *detail;        /* one sentence for people */
        const char *dedupe_key;    /* NULL, or once per cause and recipient */
};

/* Writes the event to the outbox inside the caller's transaction: a mail to
 * each address of `emails` (NULL-terminated, may be NULL; when notify.smtp_url
 * is set) and one POST (when notify.webhook_url is set), each with its own
 * event id. Sending is pipeline_outbox_flush()'s. Returns how many messages were
 * queued (0 when nothing is configured or the dedupe key had them), or <0. */
int pipeline_notify_queue(bf_app *app, const struct notify_event *ev, char *const *emails,
                 struct bf_error *err);
/* The e-mail addresses of users with any of `roles` (bits of enum bf_role),
 * NULL-terminated; the caller frees with g_strfreev(). */
char **pipeline_notify_emails_by_role(bf_app *app, unsigned roles);

/* ---------------------------------------------------------- approvals */

/* After the checks passed (inside pipeline_decide's transaction): whether
 * the invoice must wait for approval, and if so opens the approval,
 * notifies its first approvers and sets ret (outcome
 * OUTCOME_AWAITING_APPROVAL, approval_id). Returns 1 when it waits, 0 when
 * it may post, <0 on error. */
int pipeline_approval_gate(bf_app *app, int64_t doc_id, const bf_invoice *inv, const bf_vendor *vendor,
                  const bf_po *po, struct bf_result *ret, struct bf_error *err);
/* The alert for an exception queued above alert.exception_above (inside
 * the caller's transaction); nothing when below or unset. */
int pipeline_approval_exception_alert(bf_app *app, int64_t doc_id, int64_t exception_id,
                             const bf_invoice *inv, const bf_decision *d, struct bf_error *err);

/* Parses CSV text as import does (for fuzzing): 0 with the row count, or
 * BF_EINVAL/BF_ETOOBIG with err. */
int pipeline_import_parse_csv_text(const char *text, size_t len, size_t *ret_rows, struct bf_error *err);

/* Loads configuration from text instead of home/billflow.conf (for fuzzing
 * and tests); cfg is released with pipeline_config_release() on success and failure. */
int pipeline_config_load_text(struct bf_config *cfg, const char *home, const char *text,
                     struct bf_error *err);

#endif
