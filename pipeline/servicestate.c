/* servicestate.c: the capture service's own state, kept by the store. */
#include "pipeline/pipeline-int.h"
#include "store/store.h"

int pipeline_mailbox_get(bf_app *app, const char *mailbox, uint32_t *ret_uidvalidity,
                         uint32_t *ret_last_uid, struct bf_error *err)
{
        return store_mailbox_get(app->store, mailbox, ret_uidvalidity, ret_last_uid, err);
}

int pipeline_mailbox_set(bf_app *app, const char *mailbox, uint32_t uidvalidity,
                         uint32_t last_uid, struct bf_error *err)
{
        return store_mailbox_set(app->store, mailbox, uidvalidity, last_uid, err);
}

int pipeline_mail_handled(bf_app *app, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                          struct bf_error *err)
{
        return store_mail_handled(app->store, mailbox, uidvalidity, uid, err);
}

int pipeline_mail_record(bf_app *app, const bf_mail_record *m, struct bf_error *err)
{
        return store_mail_record(app->store, m, err);
}

int pipeline_attempt_fail(bf_app *app, const char *sha256, const char *reason, int *ret_attempts,
                          struct bf_error *err)
{
        return store_attempt_fail(app->store, sha256, reason, ret_attempts, err);
}

int pipeline_poll_record(bf_app *app, const char *source, bool ok, const char *result,
                         struct bf_error *err)
{
        return store_poll_record(app->store, source, ok, result, err);
}
