/* queue.c: the service's job queue (mutex + condition, with delayed retries)
 * and the batches that let the mailbox wait for all parts of one mail. */
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "service/service-int.h"

void service_job_free(struct service_job *job)
{
        if (!job)
                return;
        if (job->batch)
                service_batch_report(job->batch, job->name, JOB_CANCELLED, NULL);
        service_slot_release(&job->slot);
        g_free(job->path);
        g_free(job->name);
        g_free(job->source);
        g_free(job->data);
        g_free(job);
}

/* ------------------------------------------------------------ batches */

void service_batch_init(struct service_batch *b, size_t total)
{
        memset(b, 0, sizeof(*b));
        g_mutex_init(&b->lock);
        g_cond_init(&b->cond);
        b->total = total;
        b->reasons = g_string_new(NULL);
}

void service_batch_clear(struct service_batch *b)
{
        g_mutex_clear(&b->lock);
        g_cond_clear(&b->cond);
        g_string_free(b->reasons, TRUE);
}

void service_batch_report(struct service_batch *b, const char *name, enum job_status st,
                  const char *reason)
{
        g_mutex_lock(&b->lock);
        b->done++;
        switch (st) {
        case JOB_DONE:
                b->committed++;
                break;
        case JOB_FAILED:
                b->failed++;
                g_string_append_printf(b->reasons, "%s'%s': %s", b->reasons->len ? "; " : "",
                                       name ? name : "(no name)", reason ? reason : "failed");
                break;
        case JOB_RETRY:
                b->retry++;
                break;
        default:
                b->cancelled++;
                break;
        }
        g_cond_broadcast(&b->cond);
        g_mutex_unlock(&b->lock);
}

void service_batch_wait(struct service_batch *b)
{
        g_mutex_lock(&b->lock);
        while (b->done < b->total)
                g_cond_wait(&b->cond, &b->lock);
        g_mutex_unlock(&b->lock);
}

/* -------------------------------------------------------------- queue */

void service_queue_init(struct service_queue *q)
{
        memset(q, 0, sizeof(*q));
        g_mutex_init(&q->lock);
        g_cond_init(&q->cond);
        g_queue_init(&q->jobs);
        q->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

void service_queue_clear(struct service_queue *q)
{
        struct service_job *job;

        while ((job = g_queue_pop_head(&q->jobs)))
                service_job_free(job);
        g_mutex_clear(&q->lock);
        g_cond_clear(&q->cond);
        if (q->wake_fd >= 0)
                close(q->wake_fd);
        q->wake_fd = -1;
}

void service_queue_push(struct service_queue *q, struct service_job *job)
{
        g_mutex_lock(&q->lock);
        g_queue_push_tail(&q->jobs, job);
        g_cond_broadcast(&q->cond);
        g_mutex_unlock(&q->lock);
}

struct service_job *service_queue_pop(struct service_queue *q)
{
        struct service_job *job = NULL;

        g_mutex_lock(&q->lock);
        while (!q->closed) {
                int64_t now = g_get_monotonic_time(), wake = 0;

                for (GList *l = q->jobs.head; l; l = l->next) {
                        struct service_job *j = l->data;
                        if (j->not_before_us <= now) {
                                job = j;
                                g_queue_delete_link(&q->jobs, l);
                                break;
                        }
                        if (!wake || j->not_before_us < wake)
                                wake = j->not_before_us;
                }
                if (job) {
                        q->running++;
                        break;
                }
                if (wake)
                        g_cond_wait_until(&q->cond, &q->lock, wake);
                else
                        g_cond_wait(&q->cond, &q->lock);
        }
        g_mutex_unlock(&q->lock);
        return job;
}

void service_queue_finished(struct service_queue *q)
{
        g_mutex_lock(&q->lock);
        q->running--;
        g_cond_broadcast(&q->cond);
        g_mutex_unlock(&q->lock);
        /* A worker is free: the main loop claims its next file now (it
         * polled every 20 ms before, a core idle that long a document). */
        if (q->wake_fd >= 0) {
                uint64_t one = 1;

                (void)!write(q->wake_fd, &one, sizeof(one));
        }
}

int service_queue_wake_fd(const struct service_queue *q)
{
        return q->wake_fd;
}

void service_queue_woken(struct service_queue *q)
{
        uint64_t n;

        if (q->wake_fd >= 0)
                (void)!read(q->wake_fd, &n, sizeof(n));
}

void service_queue_close(struct service_queue *q)
{
        g_mutex_lock(&q->lock);
        q->closed = true;
        g_cond_broadcast(&q->cond);
        g_mutex_unlock(&q->lock);
}

int service_queue_steal_slot(struct service_queue *q)
{
        int slot = SERVICE_SLOT_NONE;

        g_mutex_lock(&q->lock);
        for (GList *l = q->jobs.head; l && slot < 0; l = l->next) {
                struct service_job *j = l->data;

                if (j->slot >= 0) {
                        slot = j->slot;
                        j->slot = SERVICE_SLOT_NONE;
                }
        }
        g_mutex_unlock(&q->lock);
        return slot;
}

size_t service_queue_load(struct service_queue *q)
{
        size_t n;

        g_mutex_lock(&q->lock);
        n = q->running + g_queue_get_length(&q->jobs);
        g_mutex_unlock(&q->lock);
        return n;
}

bool service_queue_idle(struct service_queue *q)
{
        bool idle;

        g_mutex_lock(&q->lock);
        idle = q->running == 0 && g_queue_is_empty(&q->jobs);
        g_mutex_unlock(&q->lock);
        return idle;
}
