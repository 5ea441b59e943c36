/* worker.c: a worker thread — its own app (store connection and OCR engine,
 * made once and reused) takes jobs from the queue and drives each document
 * through pipeline_process; a claimed file leaves the work folder only after
 * its commit. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/capture.h"
#include "capture/reader.h"
#include "service/service-int.h"

struct service_worker {
        struct service *svc;
        int index;
        bf_app app;
        GThread *thread;
        int restarts_seen;      /* reader restarts already added to the service's count */
};

/* Transient: another writer holds the database, a file is busy, the disk
 * had a moment. Everything else about a document is permanent. */
static bool transient(int code)
{
        return code == BF_EBUSY || code == BF_EIO;
}

static void retry_later(struct service_worker *w, struct service_job *job, const char *what,
                        const char *why)
{
        struct service *svc = w->svc;
        int64_t delay_ms = SERVICE_BACKOFF_FIRST_MS;

        job->attempts++;
        if (svc->opt->once && job->attempts >= SERVICE_ONCE_ATTEMPTS) {
                service_log(svc, SERVICE_ERROR, what, "%s; giving up for this run (%s)", why,
                            job->kind == JOB_FILE ? "it stays in the work folder"
                                                  : "the mail stays unacknowledged");
                service_job_finished(svc, w->index, SERVICE_EVENT_LEFT, what, job->source, NULL,
                                     why);
                if (job->batch) {
                        service_batch_report(job->batch, job->name, JOB_RETRY, why);
                        job->batch = NULL;
                }
                service_job_free(job);
                return;
        }
        for (int i = 1; i < job->attempts && delay_ms < SERVICE_BACKOFF_MAX_MS; i++)
                delay_ms *= 2;
        if (delay_ms > SERVICE_BACKOFF_MAX_MS)
                delay_ms = SERVICE_BACKOFF_MAX_MS;
        service_log(svc, SERVICE_WARN, what, "%s; retrying in %.1f s (attempt %d)", why,
                    (double)delay_ms / 1000.0, job->attempts + 1);
        service_set_reading(svc, w->index, NULL);
        /* Another service of this machine reads meanwhile. */
        service_slot_release(&job->slot);
        job->not_before_us = g_get_monotonic_time() + delay_ms * 1000;
        service_queue_push(&svc->queue, job);
}

/* A permanent failure: a file goes to failed/ with its reason; a mail part
 * is reported to its batch (the mail stays in the mailbox). */
static void fail_job(struct service_worker *w, struct service_job *job, const char *what,
                     const char *reason)
{
        struct service *svc = w->svc;
        struct bf_error err = { 0 };

        if (job->kind == JOB_FILE) {
                if (service_files_fail(svc, job->path, job->name, reason, &err) < 0) {
                        /* It stays in the work folder and is tried at the next start. */
                        service_log(svc, SERVICE_ERROR, what, "%s; and %s", reason, err.msg);
                        service_job_finished(svc, w->index, SERVICE_EVENT_LEFT, what, job->source,
                                             NULL, reason);
                        return;
                }
        } else {
                service_batch_report(job->batch, job->name, JOB_FAILED, reason);
                job->batch = NULL;
        }
        if (pipeline_failure_add(&w->app, job->kind == JOB_FILE ? "inbox" : job->source,
                              job->name, reason, &err) < 0)
                service_log(svc, SERVICE_WARN, what, "cannot record the failure: %s", err.msg);
        service_job_finished(svc, w->index, SERVICE_EVENT_FAILED, what, job->source, NULL, reason);
        /* Said last, once the counts (status, metrics) already hold it. */
        service_log(svc, SERVICE_ERROR, what, job->kind == JOB_FILE ? "moved to failed/: %s"
                                                                    : "attachment not taken: %s", reason);
}

static void run_job(struct service_worker *w, struct service_job *job)
{
        struct service *svc = w->svc;
        struct bf_error err = { 0 };
        struct bf_result res;
        g_autofree char *what = NULL;
        char *data = NULL;
        size_t len = 0;
        int r;

        what = job->kind == JOB_FILE ? g_strdup_printf("inbox/%s", job->name)
                                     : g_strdup_printf("%s/%s", job->source,
                                                       job->name ? job->name : "(no name)");
        service_job_started(svc, w->index, what, job->source);
        if (job->kind == JOB_FILE) {
                struct stat sb;

                if (lstat(job->path, &sb) < 0 && errno == ENOENT) {
                        service_log(svc, SERVICE_WARN, what, "gone from the work folder");
                        service_job_finished(svc, w->index, SERVICE_EVENT_GONE, what, job->source,
                                             NULL, NULL);
                        service_job_free(job);
                        return;
                }
                /* Whatever was placed in the inbox: a symlink, a fifo or a
                 * device is refused, never followed or read. */
                if ((r = capture_read_regular_file(job->path, SERVICE_MAX_FILE_BYTES, &data,
                                                   &len, &err)) < 0) {
                        if (transient(r)) {
                                retry_later(w, job, what, err.msg);
                                return;
                        }
                        if (r == BF_ENOTFOUND) {
                                service_log(svc, SERVICE_WARN, what, "gone from the work folder");
                                service_job_finished(svc, w->index, SERVICE_EVENT_GONE, what,
                                                     job->source, NULL, NULL);
                                service_job_free(job);
                                return;
                        }
                        fail_job(w, job, what, err.msg);
                        service_job_free(job);
                        return;
                }
        } else {
                data = job->data;
                len = job->len;
                job->data = NULL;
        }

        if (capture_sniff(data, len) == FILE_KIND_UNKNOWN) {
                fail_job(w, job, what, "unsupported file type (not a PDF, image or e-invoice)");
                service_job_free(job);
                g_free(data);
                return;
        }
        service_log(svc, SERVICE_DEBUG, what, "processing (%zu bytes, worker %d)", len, w->index);
        r = pipeline_process(&w->app, data, len, job->name, job->source, &res, &err);
        if (r < 0) {
                pipeline_result_release(&res);
                if (transient(err.code)) {
                        if (job->kind == JOB_PART)
                                job->data = data, job->len = len, data = NULL;
                        retry_later(w, job, what, err.msg);
                } else {
                        fail_job(w, job, what, err.msg);
                        service_job_free(job);
                }
                g_free(data);
                return;
        }
        g_free(data);

        switch (res.outcome) {
        case OUTCOME_POSTED:
                service_log(svc, SERVICE_INFO, what, "document %" PRId64 " posted as entry %" PRId64
                            " in %" PRId64 " ms", res.document_id, res.entry_id, res.elapsed_ms);
                break;
        case OUTCOME_EXCEPTION: {
                GString *why = g_string_new(NULL);
                for (size_t i = 0; i < res.decision.n_reasons; i++)
                        g_string_append_printf(why, "%s%s", i ? ", " : "",
                                               reason_name(res.decision.reasons[i].reason));
                service_log(svc, SERVICE_INFO, what, "document %" PRId64 " queued as exception %"
                            PRId64 " (%s) in %" PRId64 " ms", res.document_id, res.exception_id,
                            why->str, res.elapsed_ms);
                g_string_free(why, TRUE);
                break;
        }
        default:
                service_log(svc, SERVICE_INFO, what, "duplicate_file: same bytes as document %"
                            PRId64, res.document_id);
                break;
        }

        /* Committed: only now does the claimed file leave the work folder. */
        if (job->kind == JOB_FILE) {
                if (unlink(job->path) < 0 && errno != ENOENT)
                        service_log(svc, SERVICE_WARN, what, "cannot remove '%s': %s", job->path,
                                    strerror(errno));
                service_files_sync_dir(svc->work_dir);
        } else {
                service_batch_report(job->batch, job->name, JOB_DONE, NULL);
                job->batch = NULL;
        }
        service_job_finished(svc, w->index, SERVICE_EVENT_DONE, what, job->source, &res, NULL);
        pipeline_result_release(&res);
        service_job_free(job);
}

/* A job that holds no slot of the machine (resumed, taken over from a
 * dead service, a mail's attachment, retried) waits for one; at a stop it
 * goes on without (the document in hand is finished either way). */
static void take_slot(struct service_worker *w, struct service_job *job)
{
        while (job->slot < 0) {
                int slot = service_queue_steal_slot(&w->svc->queue);

                if (slot < 0)
                        slot = service_slot_take(w->svc);
                if (slot != SERVICE_SLOT_BUSY) {
                        job->slot = slot;
                        return;
                }
                if (service_stopping(w->svc))
                        return;
                g_usleep(SERVICE_SLOT_LOOK_MS * 1000);
        }
}

static gpointer worker_main(gpointer data)
{
        struct service_worker *w = data;
        struct service_job *job;

        while ((job = service_queue_pop(&w->svc->queue))) {
                int restarts;

                take_slot(w, job);
                run_job(w, job);
                restarts = reader_restarts(w->app.reader);
                if (restarts > w->restarts_seen) {
                        g_mutex_lock(&w->svc->lock);
                        w->svc->reader_restarts += restarts - w->restarts_seen;
                        g_mutex_unlock(&w->svc->lock);
                        w->restarts_seen = restarts;
                }
                service_queue_finished(&w->svc->queue);
        }
        return NULL;
}

struct service_worker *service_worker_start(struct service *svc, int index, struct bf_error *err)
{
        struct service_worker *w = g_new0(struct service_worker, 1);
        const struct service_options *opt = svc->opt;
        char name[16];

        w->svc = svc;
        w->index = index;
        if (pipeline_app_open(&w->app, opt->home, opt->overrides, opt->n_overrides, opt->user, true,
                     err) < 0) {
                g_free(w);
                return NULL;
        }
        snprintf(name, sizeof(name), "worker-%d", index);
        w->thread = g_thread_new(name, worker_main, w);
        return w;
}

void service_worker_join(struct service_worker *w)
{
        if (!w)
                return;
        g_thread_join(w->thread);
        pipeline_app_close(&w->app);
        g_free(w);
}
