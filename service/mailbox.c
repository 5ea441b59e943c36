/* mailbox.c: the mailbox thread — every imap.poll_seconds it lists the mails
 * after the last handled UID, hands each mail's attachments to the workers,
 * and acknowledges a mail (imap.after) only once all of them are committed;
 * only then is the UID recorded as handled. Beside other services on one
 * PostgreSQL store, each mail is claimed in the store before it is fetched,
 * so one service fetches it (store_mail_claim). */
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include "capture/mail.h"
#include "capture/reader.h"
#include "service/service-int.h"

struct service_mailbox {
        struct service *svc;
        bf_app app;             /* its own store connection */
        bf_imap *imap;
        char *key;              /* "user@url": the mailbox in the store */
        struct mail_limits limits;
        GThread *thread;
};

enum mail_result { MAIL_HANDLED = 0, MAIL_RETRY };

static void record_mail(struct service_mailbox *m, uint32_t uidvalidity, uint32_t uid,
                        const char *outcome, int documents, const char *detail,
                        const bf_mail *mail)
{
        struct bf_error err = { 0 };
        bf_mail_record rec = {
                .mailbox = m->key, .uidvalidity = uidvalidity, .uid = uid,
                .outcome = bf_xstrdup(outcome), .documents = documents, .detail = bf_xstrdup(detail),
                .message_id = mail ? mail->message_id : NULL,
                .subject = mail ? mail->subject : NULL,
        };

        if (pipeline_mail_record(&m->app, &rec, &err) < 0)
                service_log(m->svc, SERVICE_WARN, "imap", "cannot record uid %u: %s", uid,
                            err.msg);
        free(rec.outcome); /* a record's (floor 1): malloc */
        free(rec.detail);
}

static void record_failure(struct service_mailbox *m, const char *name, const char *reason)
{
        struct bf_error err = { 0 };

        service_count_failed(m->svc);
        if (pipeline_failure_add(&m->app, "imap", name, reason, &err) < 0)
                service_log(m->svc, SERVICE_WARN, "imap", "cannot record a failure: %s", err.msg);
}

/* One mail: fetched, parsed, its attachments committed by the workers, then
 * acknowledged and recorded. MAIL_RETRY leaves it untouched for the next
 * poll (server gone, transient store trouble, stopping). */
static enum mail_result handle_mail(struct service_mailbox *m, uint32_t uidvalidity,
                                    uint32_t uid, int *ret_documents)
{
        struct service *svc = m->svc;
        struct bf_error err = { 0 };
        struct service_batch batch;
        g_autofree char *what = g_strdup_printf("imap uid %u", uid);
        g_autofree char *source = g_strdup_printf("imap:%u:%u", uidvalidity, uid);
        GString *skipped = g_string_new(NULL);
        enum mail_result res = MAIL_HANDLED;
        bf_mail mail = { 0 };
        char *raw = NULL;
        size_t len = 0, usable = 0;
        int r;

        service_set_reading(svc, 0, what);
        r = imap_fetch(m->imap, uid, m->limits.max_message_bytes, &raw, &len, &err);
        if (r == BF_ETOOBIG) {
                service_log(svc, SERVICE_ERROR, what, "not taken: %s", err.msg);
                record_failure(m, what, err.msg);
                record_mail(m, uidvalidity, uid, "failed", 0, err.msg, NULL);
                goto out;
        }
        if (r == BF_EIO) {
                /* The server is there but this message cannot be fetched (it
                 * refused, or the message breaks the protocol): record it as
                 * failed, unacknowledged, so it cannot block the mails after it. */
                service_log(svc, SERVICE_ERROR, what, "not taken: %s", err.msg);
                record_failure(m, what, err.msg);
                record_mail(m, uidvalidity, uid, "failed", 0, err.msg, NULL);
                goto out;
        }
        if (r < 0) {
                service_log(svc, SERVICE_WARN, what, "cannot fetch (retried next poll): %s",
                            err.msg);
                res = MAIL_RETRY;
                goto out;
        }
        service_log(svc, SERVICE_DEBUG, what, "fetched (%zu bytes)", len);
        /* GMime runs in the reader process (capture/reader.h). */
        r = reader_mail(pipeline_app_reader(&m->app), raw, len, &m->limits, &mail, &err);
        if (r == BF_ECRASH) {
                /* Counted against the mail's bytes: tried again at the next
                 * poll until capture.max_attempts, then recorded as failed
                 * and left unacknowledged. */
                char sha[65];
                struct bf_error cerr = err;
                int n = 0, max = svc->app.cfg.capture.max_attempts;

                bf_sha256_hex(raw, len, sha);
                free(raw);
                if (pipeline_attempt_fail(&m->app, sha, cerr.msg, &n, &err) < 0 || n < max) {
                        service_log(svc, SERVICE_WARN, what, "%s (attempt %d of %d; retried next poll)",
                                    cerr.msg, n, max);
                        res = MAIL_RETRY;
                        goto out;
                }
                bf_error_set(&err, BF_ECRASH, "quarantined after %d failed attempts: %s", n,
                             cerr.msg);
        } else {
                free(raw);
        }
        if (r < 0) {
                service_log(svc, SERVICE_ERROR, what, "not taken: %s", err.msg);
                record_failure(m, what, err.msg);
                record_mail(m, uidvalidity, uid, "failed", 0, err.msg, NULL);
                goto out;
        }
        for (size_t i = 0; i < mail.n_attachments; i++) {
                const bf_attachment *a = &mail.attachments[i];
                if (a->skipped) {
                        g_string_append_printf(skipped, "%s'%s': %s", skipped->len ? "; " : "",
                                               a->filename ? a->filename : "(no name)",
                                               a->skipped);
                        record_failure(m, a->filename, a->skipped);
                } else if (a->data) {
                        usable++;
                }
        }
        if (usable == 0) {
                /* Left in the mailbox (not acknowledged) for a person to see,
                 * and recorded so it is not fetched again. */
                const char *why = skipped->len ? skipped->str : "no PDF or image attachment";
                service_log(svc, skipped->len ? SERVICE_ERROR : SERVICE_WARN, what,
                            "no usable attachment: %s", why);
                record_mail(m, uidvalidity, uid, skipped->len ? "failed" : "no_attachment", 0,
                            why, &mail);
                goto out;
        }

        service_batch_init(&batch, usable);
        for (size_t i = 0; i < mail.n_attachments; i++) {
                bf_attachment *a = &mail.attachments[i];
                struct service_job *job;

                if (a->skipped || !a->data)
                        continue;
                job = g_new0(struct service_job, 1);
                job->kind = JOB_PART;
                job->slot = SERVICE_SLOT_NONE;
                job->name = g_strdup(a->filename ? a->filename : "attachment");
                job->source = g_strdup(source);
                job->data = a->data;
                job->len = a->len;
                a->data = NULL;
                job->batch = &batch;
                service_queue_push(&svc->queue, job);
                service_job_added(svc);
        }
        service_log(svc, SERVICE_DEBUG, what, "%zu attachment%s queued", usable,
                    usable == 1 ? "" : "s");
        service_batch_wait(&batch);
        *ret_documents += (int)batch.committed;

        if (batch.cancelled || batch.retry) {
                res = MAIL_RETRY;
        } else if (batch.failed || skipped->len) {
                /* Nothing is lost: the mail stays where it is, and status says why. */
                if (batch.failed)
                        g_string_append_printf(skipped, "%s%s", skipped->len ? "; " : "",
                                               batch.reasons->str);
                record_mail(m, uidvalidity, uid, "failed", (int)batch.committed, skipped->str,
                            &mail);
        } else if (imap_acknowledge(m->imap, uid, &err) < 0) {
                service_log(svc, SERVICE_WARN, what,
                            "committed but not acknowledged (retried next poll): %s", err.msg);
                res = MAIL_RETRY;
        } else {
                service_log(svc, SERVICE_INFO, what, "%zu attachment%s committed; mail %s",
                            usable, usable == 1 ? "" : "s", svc->app.cfg.imap_after);
                record_mail(m, uidvalidity, uid, "documents", (int)batch.committed, NULL, &mail);
        }
        service_batch_clear(&batch);
out:
        service_set_reading(svc, 0, NULL);
        g_string_free(skipped, TRUE);
        mail_release(&mail);
        return res;
}

/* Whether uid is this service's to fetch now: 1 yes, 0 no (*ret_done: it
 * is handled already; else another service holds it), <0 the store failed.
 * Alone on its store (SQLite), a mail is this service's unless handled;
 * beside others (PostgreSQL), it claims the mail first under its lease. */
static int take_mail(struct service_mailbox *m, uint32_t uidvalidity, uint32_t uid,
                     bool *ret_done)
{
        struct service *svc = m->svc;
        g_autofree char *from = NULL;
        int r;

        *ret_done = false;
        if (!svc->instance) {
                r = pipeline_mail_handled(&m->app, m->key, uidvalidity, uid, NULL);
                *ret_done = r == 1;
                return r < 0 ? r : r == 0;
        }
        r = pipeline_mail_claim(&m->app, m->key, uidvalidity, uid, svc->instance, &from, NULL);
        if (r < 0)
                return r;
        *ret_done = r == PIPELINE_MAIL_DONE;
        if (r == PIPELINE_MAIL_CLAIMED && from) {
                g_autofree char *what = g_strdup_printf("imap uid %u", uid);
                service_log(svc, SERVICE_INFO, what,
                            "taking the mail over from %s, whose lease ran out", from);
        }
        return r == PIPELINE_MAIL_CLAIMED;
}

/* One poll: 0, or <0 with err when the server could not be listed. */
static int poll_once(struct service_mailbox *m, GString *result, struct bf_error *err)
{
        struct service *svc = m->svc;
        uint32_t known_validity = 0, last = 0, validity = 0, *uids = NULL;
        size_t n = 0, handled = 0, retry = 0, held = 0;
        int documents = 0, r;

        if ((r = pipeline_mailbox_get(&m->app, m->key, &known_validity, &last, err)) < 0)
                return r;
        if ((r = imap_list(m->imap, known_validity ? last : 0, &validity, &uids, &n, err)) < 0)
                return r;
        if (known_validity && validity != known_validity) {
                /* The server renumbered the mailbox: start over; the content
                 * hashes keep documents from being made twice. */
                service_log(svc, SERVICE_WARN, "imap",
                            "UIDVALIDITY changed from %u to %u: reading the mailbox again",
                            known_validity, validity);
                free(uids);
                uids = NULL;
                last = 0;
                if ((r = imap_list(m->imap, 0, &validity, &uids, &n, err)) < 0)
                        return r;
        }
        for (size_t i = 0; i < n && !service_stopping(svc); i++) {
                uint32_t uid = uids[i];
                bool done;

                if (uid <= last)
                        continue;
                r = take_mail(m, validity, uid, &done);
                if (r < 0) {
                        retry++;
                        break;
                }
                if (r == 0 && !done) {
                        /* Another service's: the mark stays before it. */
                        held++;
                        continue;
                }
                if (r == 1) {
                        if (handle_mail(m, validity, uid, &documents) == MAIL_RETRY) {
                                retry++;
                                /* The server may be gone: leave the rest for the next poll. */
                                break;
                        }
                        handled++;
                }
                /* Every mail up to here is handled: advance the mark. */
                if (!held)
                        last = uid;
        }
        free(uids);
        if (retry)
                service_count_left(svc);
        if ((r = pipeline_mailbox_set(&m->app, m->key, validity, last, err)) < 0)
                return r;
        g_string_printf(result, "%zu new mail%s handled, %d document%s%s", handled,
                        handled == 1 ? "" : "s", documents, documents == 1 ? "" : "s",
                        retry ? ", some left for the next poll" : "");
        if (held)
                g_string_append_printf(result, ", %zu held by other services", held);
        return 0;
}

static gpointer mailbox_main(gpointer data)
{
        struct service_mailbox *m = data;
        struct service *svc = m->svc;

        for (;;) {
                struct bf_error err = { 0 }, rerr = { 0 };
                GString *result = g_string_new(NULL);
                bool ok = poll_once(m, result, &err) == 0;
                int64_t until;

                if (!ok) {
                        service_log(svc, SERVICE_WARN, "imap", "poll failed: %s", err.msg);
                        g_mutex_lock(&svc->lock);
                        svc->summary.poll_failures++;
                        g_mutex_unlock(&svc->lock);
                        g_string_assign(result, err.msg);
                } else {
                        service_log(svc, SERVICE_DEBUG, "imap", "polled: %s", result->str);
                }
                if (pipeline_poll_record(&m->app, "imap", ok, result->str, &rerr) < 0)
                        service_log(svc, SERVICE_DEBUG, "imap", "cannot record the poll: %s",
                                    rerr.msg);
                g_string_free(result, TRUE);

                g_mutex_lock(&svc->lock);
                if (svc->opt->once) {
                        svc->mailbox_done = true;
                        g_mutex_unlock(&svc->lock);
                        break;
                }
                until = g_get_monotonic_time() +
                        (int64_t)svc->app.cfg.imap_poll_seconds * G_USEC_PER_SEC;
                while (!svc->stopping && g_cond_wait_until(&svc->cond, &svc->lock, until))
                        ;
                if (svc->stopping) {
                        g_mutex_unlock(&svc->lock);
                        break;
                }
                g_mutex_unlock(&svc->lock);
        }
        return NULL;
}

struct service_mailbox *service_mailbox_start(struct service *svc, struct bf_error *err)
{
        const struct bf_config *cfg = &svc->app.cfg;
        const struct service_options *opt = svc->opt;
        struct imap_options io = { 0 };
        struct service_mailbox *m;

        if (!cfg->imap_url || !*cfg->imap_url)
                return NULL;
        m = g_new0(struct service_mailbox, 1);
        m->svc = svc;
        mail_limits_init(&m->limits);
        io.url = cfg->imap_url;
        io.user = cfg->imap_user;
        io.password_file = cfg->imap_password_file;
        io.after = cfg->imap_after;
        io.starttls = cfg->imap_starttls;
        io.allow_plaintext = cfg->imap_allow_plaintext;
        io.ca_file = cfg->imap_ca_file;
        io.timeout_seconds = 60;
        if (!(m->imap = imap_open(&io, err)))
                goto fail;
        if (pipeline_app_open(&m->app, opt->home, opt->overrides, opt->n_overrides, opt->user, true,
                     err) < 0)
                goto fail;
        m->key = g_strdup_printf("%s@%s", cfg->imap_user ? cfg->imap_user : "", cfg->imap_url);
        service_log(svc, SERVICE_INFO, "imap", "polling '%s' every %d s (after: %s)",
                    cfg->imap_url, cfg->imap_poll_seconds, cfg->imap_after);
        m->thread = g_thread_new("mailbox", mailbox_main, m);
        return m;
fail:
        if (err && err->code == 0)
                err->code = BF_EIO;
        imap_close(m->imap);
        g_free(m);
        return NULL;
}

void service_mailbox_join(struct service_mailbox *m)
{
        if (!m)
                return;
        g_thread_join(m->thread);
        imap_close(m->imap);
        pipeline_app_close(&m->app);
        g_free(m->key);
        g_free(m);
}
