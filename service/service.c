/* service.c: `billflow run` — the main loop: lock the home, resume what the
 * work folder holds, start the workers and the mailbox, claim what the inbox
 * watcher reports, and on stop let the current documents finish. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "service/service-int.h"

#define INBOX_POLL_RECORD_US (60 * G_USEC_PER_SEC)
/* How often the approval timers and alerts run and the outbox is sent. */
#define WORKFLOW_US (2 * G_USEC_PER_SEC)
/* How often an instance on a shared store renews its lease and looks for
 * dead instances' files (a fifth of the lease, at most 5 s). */
#define LEASE_RENEW_MAX_US (5 * G_USEC_PER_SEC)

const char *service_level_name(enum service_level level)
{
        static const char *const names[] = { "error", "warn", "info", "debug" };

        return (unsigned)level < G_N_ELEMENTS(names) ? names[level] : "info";
}

void service_log(struct service *svc, enum service_level level, const char *doc,
                 const char *fmt, ...)
{
        g_autofree char *msg = NULL;
        va_list ap;

        if (!svc->opt->log)
                return;
        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        svc->opt->log(svc->opt->log_ctx, level, doc, msg);
}

bool service_stopping(struct service *svc)
{
        bool s;

        g_mutex_lock(&svc->lock);
        s = svc->stopping;
        g_mutex_unlock(&svc->lock);
        return s;
}

void service_count_left(struct service *svc)
{
        g_mutex_lock(&svc->lock);
        svc->summary.left++;
        g_mutex_unlock(&svc->lock);
}

void service_count_failed(struct service *svc)
{
        g_mutex_lock(&svc->lock);
        svc->summary.failed++;
        g_mutex_unlock(&svc->lock);
}

void service_job_added(struct service *svc)
{
        g_mutex_lock(&svc->lock);
        svc->jobs_total++;
        g_mutex_unlock(&svc->lock);
}

/* ------------------------------------------------------ what is read now */

static char *state_path(const struct bf_config *cfg)
{
        return g_build_filename(cfg->home, "service.state", NULL);
}

/* Rewrites home/service.state, one line per busy slot: "SINCE\tWHAT"
 * (WHAT escaped). Replaced by rename, so a reader sees the old or the new
 * whole; it is only believed while the service holds its lock, so a crash
 * leaves nothing misleading. Called with svc->lock held. */
static void write_state(struct service *svc)
{
        GString *out = g_string_new(NULL);

        for (int i = 0; i < svc->n_slots; i++) {
                g_autofree char *esc = NULL;

                if (!svc->reading[i])
                        continue;
                esc = g_strescape(svc->reading[i], NULL);
                g_string_append_printf(out, "%" PRId64 "\t%s\n", svc->reading_since[i], esc);
        }
        /* Nothing to do about a failure: status then shows less. */
        (void)g_file_set_contents_full(svc->state_path, out->str, (gssize)out->len,
                                       G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
        g_string_free(out, TRUE);
}

void service_set_reading(struct service *svc, int slot, const char *what)
{
        g_mutex_lock(&svc->lock);
        if (slot >= 0 && slot < svc->n_slots) {
                g_free(svc->reading[slot]);
                svc->reading[slot] = g_strdup(what);
                svc->reading_since[slot] = g_get_real_time() / G_USEC_PER_SEC;
                write_state(svc);
        }
        g_mutex_unlock(&svc->lock);
}

void service_job_started(struct service *svc, int slot, const char *what, const char *source)
{
        struct service_event ev = { .kind = SERVICE_EVENT_START, .what = what, .source = source,
                                    .worker = slot };

        service_set_reading(svc, slot, what);
        if (!svc->opt->on_event)
                return;
        g_mutex_lock(&svc->lock);
        ev.done = svc->jobs_done;
        ev.total = svc->jobs_total;
        g_mutex_unlock(&svc->lock);
        svc->opt->on_event(svc->opt->event_ctx, &ev);
}

void service_job_finished(struct service *svc, int slot, enum service_event_kind kind,
                          const char *what, const char *source, const struct bf_result *result,
                          const char *error)
{
        struct service_event ev = { .kind = kind, .what = what, .source = source, .worker = slot,
                                    .result = result, .error = error };
        struct service_summary *s = &svc->summary;

        g_mutex_lock(&svc->lock);
        svc->jobs_done++;
        if (kind == SERVICE_EVENT_DONE && result) {
                s->documents++;
                if (result->outcome == OUTCOME_POSTED)
                        s->posted++;
                else if (result->outcome == OUTCOME_EXCEPTION)
                        s->queued++;
                else
                        s->duplicates++;
        } else if (kind == SERVICE_EVENT_FAILED) {
                s->failed++;
        } else if (kind == SERVICE_EVENT_LEFT) {
                s->left++;
        }
        ev.done = svc->jobs_done;
        ev.total = svc->jobs_total;
        g_mutex_unlock(&svc->lock);
        service_set_reading(svc, slot, NULL);
        service_metrics_observe(svc->metrics, &ev);
        service_notify_status(svc);
        if (svc->opt->on_event)
                svc->opt->on_event(svc->opt->event_ctx, &ev);
}

int service_now_reading(const struct bf_config *cfg, struct service_reading **ret, size_t *ret_n)
{
        g_autofree char *path = state_path(cfg), *text = NULL;
        g_auto(GStrv) lines = NULL;
        GArray *out = g_array_new(FALSE, TRUE, sizeof(struct service_reading));

        if (g_file_get_contents(path, &text, NULL, NULL)) {
                lines = g_strsplit(text, "\n", -1);
                for (char **l = lines; *l; l++) {
                        char *tab = strchr(*l, '\t');
                        struct service_reading r;

                        if (!tab)
                                continue;
                        *tab = '\0';
                        r.since = g_ascii_strtoll(*l, NULL, 10);
                        r.what = g_strcompress(tab + 1);
                        g_array_append_val(out, r);
                }
        }
        *ret_n = out->len;
        *ret = (struct service_reading *)g_array_free(out, FALSE);
        return 0;
}

void service_reading_free(struct service_reading *r, size_t n)
{
        for (size_t i = 0; r && i < n; i++)
                g_free(r[i].what);
        g_free(r);
}

/* ------------------------------------------------------------- lock */

static char *lock_path(const struct bf_config *cfg)
{
        return g_build_filename(cfg->home, "service.lock", NULL);
}

/* One service per home: two would both resume the same work folder. */
static int take_lock(const struct bf_config *cfg, int *ret_fd, struct bf_error *err)
{
        g_autofree char *path = lock_path(cfg);
        char pid[32];
        int fd, n;

        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
                return bf_error_set(err, BF_EIO, "cannot open '%s': %s", path, strerror(errno));
        if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
                int e = errno;
                pid_t other = 0;
                close(fd);
                if (e != EWOULDBLOCK)
                        return bf_error_set(err, BF_EIO, "cannot lock '%s': %s", path,
                                            strerror(e));
                (void)service_running(cfg, &other);
                return bf_error_set(err, BF_EBUSY,
                                    "another 'billflow run' (pid %d) serves '%s'", (int)other,
                                    cfg->home);
        }
        n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
        if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
                /* The lock holds without the pid; status just cannot name it. */
        }
        *ret_fd = fd;
        return 0;
}

int service_running(const struct bf_config *cfg, pid_t *ret_pid)
{
        g_autofree char *path = lock_path(cfg);
        char buf[32] = { 0 };
        int fd, r;

        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return errno == ENOENT ? 0 : -1;
        if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
                flock(fd, LOCK_UN);
                r = 0;
        } else {
                r = errno == EWOULDBLOCK ? 1 : -1;
        }
        if (r == 1 && ret_pid) {
                ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
                *ret_pid = n > 0 ? (pid_t)atoi(buf) : 0;
        }
        close(fd);
        return r;
}

/* ------------------------------------------------------------ work folder */

static gint compare_names(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in the work folder, sorted (claim order); leftover temporary
 * copies (dotfiles: their sources are still where they were) are removed. */
static GPtrArray *work_files(const char *work_dir, bool clean)
{
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        DIR *d = opendir(work_dir);
        struct dirent *e;

        if (!d)
                return names;
        while ((e = readdir(d))) {
                if (e->d_type == DT_DIR && e->d_name[0] != '.')
                        continue; /* an instance's own folder (service_in_flight) */
                if (e->d_name[0] == '.') {
                        if (clean && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                                g_autofree char *p = g_build_filename(work_dir, e->d_name, NULL);
                                (void)unlink(p);
                        }
                        continue;
                }
                g_ptr_array_add(names, g_strdup(e->d_name));
        }
        closedir(d);
        g_ptr_array_sort(names, compare_names);
        return names;
}

char **service_in_flight(const struct bf_config *cfg)
{
        g_autofree char *work = service_work_dir(cfg);
        GPtrArray *names = work_files(work, false);
        GPtrArray *out = g_ptr_array_new();

        for (guint i = 0; i < names->len; i++) {
                g_autofree char *p = g_build_filename(work, names->pdata[i], NULL);
                g_ptr_array_add(out, service_files_work_name(p));
        }
        g_ptr_array_free(names, TRUE);
        {
                /* Several services on one PostgreSQL store: a folder each. */
                DIR *d = opendir(work);
                struct dirent *e;

                while (d && (e = readdir(d))) {
                        g_autofree char *sub = NULL;
                        GPtrArray *more;

                        if (e->d_type != DT_DIR || e->d_name[0] == '.')
                                continue;
                        sub = g_build_filename(work, e->d_name, NULL);
                        more = work_files(sub, false);
                        for (guint i = 0; i < more->len; i++) {
                                g_autofree char *p = g_build_filename(sub, more->pdata[i], NULL);
                                g_ptr_array_add(out, service_files_work_name(p));
                        }
                        g_ptr_array_free(more, TRUE);
                }
                if (d)
                        closedir(d);
        }
        g_ptr_array_add(out, NULL);
        return (char **)g_ptr_array_free(out, FALSE);
}

/* A job for a file in the work folder, holding slot (SERVICE_SLOT_NONE:
 * its worker takes one). */
static struct service_job *file_job(const char *path, int slot)
{
        struct service_job *job = g_new0(struct service_job, 1);

        job->kind = JOB_FILE;
        job->slot = slot;
        job->path = g_strdup(path);
        job->name = service_files_work_name(path);
        job->source = g_strdup("inbox");
        return job;
}

/* Whatever a previous run claimed and did not commit is processed again. */
static void resume_work(struct service *svc)
{
        GPtrArray *names = work_files(svc->work_dir, true);

        if (names->len)
                service_log(svc, SERVICE_INFO, "work", "resuming %u claimed file%s", names->len,
                            names->len == 1 ? "" : "s");
        for (guint i = 0; i < names->len; i++) {
                g_autofree char *p = g_build_filename(svc->work_dir, names->pdata[i], NULL);
                service_queue_push(&svc->queue, file_job(p, SERVICE_SLOT_NONE));
                service_job_added(svc);
        }
        g_ptr_array_free(names, TRUE);
}

/* Several services on one PostgreSQL store: this one is alive for another
 * lease, and takes over the files of any whose lease ran out. */
static void lease_tick(struct service *svc)
{
        struct bf_error err = { 0 };
        g_auto(GStrv) moved = NULL;

        if (!svc->lease)
                return;
        if (pipeline_instance_renew(&svc->app, svc->lease, svc->app.cfg.store_lease_seconds,
                                    &err) < 0)
                service_log(svc, SERVICE_WARN, "service", "cannot renew the lease: %s", err.msg);
        if (!svc->instance)
                return; /* SQLite's one service: nobody else's files to take */
        if (pipeline_instance_adopt(&svc->app, svc->work_root, svc->work_dir, &moved, &err) < 0)
                service_log(svc, SERVICE_WARN, "service",
                            "cannot take over a stopped service's files: %s", err.msg);
        if (moved && moved[0])
                service_log(svc, SERVICE_INFO, "work", "taking over %u file%s of a service "
                            "whose lease ran out", g_strv_length(moved), moved[1] ? "s" : "");
        for (char **m = moved; m && *m; m++) {
                service_queue_push(&svc->queue, file_job(*m, SERVICE_SLOT_NONE));
                service_job_added(svc);
        }
}

/* At the end: nothing claimed, the lease goes; else it ends now, so another
 * service takes the files over at once. */
static void lease_end(struct service *svc)
{
        GPtrArray *left;

        if (!svc->lease || !svc->app.store)
                return;
        if (!svc->instance) {
                (void)pipeline_instance_remove(&svc->app, svc->lease, NULL);
                return;
        }
        left = work_files(svc->work_dir, true);
        if (left->len == 0 && g_rmdir(svc->work_dir) == 0)
                (void)pipeline_instance_remove(&svc->app, svc->instance, NULL);
        else
                (void)pipeline_instance_renew(&svc->app, svc->instance, 0, NULL);
        g_ptr_array_free(left, TRUE);
}

/* ----------------------------------------------------------- main loop */

/* Claims what the inbox has ready, as far as this service's workers and
 * the machine's reading slots allow. *ret_waiting: files are left ready
 * for want of a slot, which another service of this machine frees without
 * waking this one (main_loop looks again soon). */
static int claim_ready(struct service *svc, struct service_watcher *w, bool *ret_waiting)
{
        int claimed = 0;
        /* Beside other services on one store, take only what a free worker
         * starts now: the rest of a shared inbox is theirs too. (One more
         * each, waiting behind a busy worker, left the last files queued
         * in one service while another stood idle: 2 services drained a
         * 24-document inbox no faster than one.) A worker that comes free
         * wakes the loop (the queue's wake_fd), which claims again at once.
         * The workers are the slots but the mailbox's. */
        size_t window = svc->instance ? (size_t)(svc->n_slots - 1) : SIZE_MAX;
        size_t load = svc->instance ? service_queue_load(&svc->queue) : 0;

        guint i;

        *ret_waiting = false;
        for (i = 0; i < w->ready->len && load < window; i++) {
                const char *path = w->ready->pdata[i];
                struct bf_error err = { 0 };
                char *work = NULL;
                int slot = service_slot_take(svc), r;

                if (slot == SERVICE_SLOT_BUSY) {
                        *ret_waiting = true;
                        break;
                }
                r = service_files_claim(svc, path, &work, &err);
                if (r < 0)
                        service_slot_release(&slot);
                if (r == BF_ENOTFOUND)
                        continue;
                if (r < 0) {
                        service_log(svc, SERVICE_WARN, path, "cannot claim: %s", err.msg);
                        service_watch_candidate(w, path, true);
                        continue;
                }
                service_log(svc, SERVICE_DEBUG, path, "claimed");
                service_queue_push(&svc->queue, file_job(work, slot));
                service_job_added(svc);
                g_free(work);
                claimed++;
                load++;
        }
        /* What is left waits here for a worker to come free (main_loop looks
         * again often); meanwhile another service may take it. */
        g_ptr_array_remove_range(w->ready, 0, i);
        return claimed;
}

static void record_inbox_poll(struct service *svc, struct service_watcher *w, int64_t claimed)
{
        struct bf_error err = { 0 };
        g_autofree char *result = g_strdup_printf("watching with %s; %" PRId64 " file%s taken",
                                                  w->ops->name, claimed,
                                                  claimed == 1 ? "" : "s");

        if (pipeline_poll_record(&svc->app, "inbox", true, result, &err) < 0)
                service_log(svc, SERVICE_DEBUG, "inbox", "cannot record the poll: %s", err.msg);
}

static bool stop_requested(int fd)
{
        struct pollfd p = { .fd = fd, .events = POLLIN };

        return fd >= 0 && poll(&p, 1, 0) > 0;
}

/* The approval workflow's timers (reminders, escalation, alerts), then the
 * outbox: what was committed is sent. */
static void run_workflow(struct service *svc)
{
        struct bf_workflow_tick t = { 0 };
        struct bf_error err = { 0 };
        int sent = 0, failed = 0;

        if (pipeline_workflow_tick(&svc->app, &t, &err) < 0)
                service_log(svc, SERVICE_WARN, "approvals", "the approval timers failed: %s", err.msg);
        else if (t.reminded || t.escalated || t.alerts)
                service_log(svc, SERVICE_INFO, "approvals", "%d reminded, %d escalated, %d alerts",
                            t.reminded, t.escalated, t.alerts);
        if (pipeline_outbox_flush(&svc->app, &sent, &failed, &err) < 0)
                service_log(svc, SERVICE_WARN, "notify", "cannot send notifications: %s", err.msg);
        else if (sent || failed)
                service_log(svc, failed ? SERVICE_WARN : SERVICE_INFO, "notify",
                            "%d notification%s sent, %d failed (retried later)", sent,
                            sent == 1 ? "" : "s", failed);
}

static void main_loop(struct service *svc, struct service_watcher *w)
{
        const struct service_options *opt = svc->opt;
        int64_t next_tick = g_get_monotonic_time() + (int64_t)w->interval_ms * 1000;
        int64_t next_record = 0, claimed_total = 0, next_workflow = 0, next_lease = 0;
        int64_t lease_us = MIN(LEASE_RENEW_MAX_US,
                               (int64_t)svc->app.cfg.store_lease_seconds * G_USEC_PER_SEC / 5);
        int64_t wd_interval = service_notify_watchdog_interval_us(), next_wd = 0;
        int wake_fd = service_queue_wake_fd(&svc->queue);
        bool dirty = true, waiting = false;

        for (;;) {
                struct pollfd fds[3];
                int nfds = 0, timeout, n;
                int64_t now;

                claimed_total += claim_ready(svc, w, &waiting);
                now = g_get_monotonic_time();
                /* The main loop's own heartbeat: it stops when the loop does. */
                if (wd_interval > 0 && now >= next_wd) {
                        service_notify_watchdog();
                        next_wd = now + wd_interval;
                }
                if (svc->lease && now >= next_lease) {
                        lease_tick(svc);
                        next_lease = g_get_monotonic_time() + lease_us;
                }
                if (!opt->once && now >= next_workflow) {
                        run_workflow(svc);
                        next_workflow = g_get_monotonic_time() + WORKFLOW_US;
                }
                if (dirty || now >= next_record) {
                        record_inbox_poll(svc, w, claimed_total);
                        next_record = now + INBOX_POLL_RECORD_US;
                        dirty = false;
                }
                if (opt->once) {
                        bool mailbox_done;
                        g_mutex_lock(&svc->lock);
                        mailbox_done = svc->mailbox_done;
                        g_mutex_unlock(&svc->lock);
                        /* Files still ready wait for the next claim (a worker
                         * came free after this one looked), not for a later run. */
                        if (mailbox_done && g_hash_table_size(w->pending) == 0 &&
                            w->ready->len == 0 && service_queue_idle(&svc->queue))
                                break;
                }
                if (opt->stop_fd >= 0)
                        fds[nfds++] = (struct pollfd){ .fd = opt->stop_fd, .events = POLLIN };
                if (w->fd >= 0)
                        fds[nfds++] = (struct pollfd){ .fd = w->fd, .events = POLLIN };
                if (wake_fd >= 0)
                        fds[nfds++] = (struct pollfd){ .fd = wake_fd, .events = POLLIN };
                timeout = (int)((next_tick - now) / 1000);
                if (wd_interval > 0 && (next_wd - now) / 1000 < timeout)
                        timeout = (int)((next_wd - now) / 1000);
                if (timeout < 0)
                        timeout = 0;
                /* --once also watches the queue drain; look at it often. So
                 * does a service that left ready files for its workers. */
                if ((opt->once || w->ready->len > 0) && timeout > 100)
                        timeout = 100;
                /* Without a wake-up from the workers, or waiting for a slot
                 * another service frees, files left ready are looked at often. */
                if ((wake_fd < 0 || waiting) && w->ready->len > 0 &&
                    timeout > SERVICE_SLOT_LOOK_MS)
                        timeout = SERVICE_SLOT_LOOK_MS;
                n = poll(fds, (nfds_t)nfds, timeout);
                if (n < 0 && errno != EINTR) {
                        service_log(svc, SERVICE_ERROR, "service", "poll failed: %s",
                                    strerror(errno));
                        break;
                }
                if (stop_requested(opt->stop_fd)) {
                        service_notify_stopping();
                        service_log(svc, SERVICE_INFO, "service",
                                    "stopping: finishing the documents in progress");
                        break;
                }
                /* A worker came free: the next claim_ready takes its file. */
                for (int i = 0; wake_fd >= 0 && n > 0 && i < nfds; i++)
                        if (fds[i].fd == wake_fd && (fds[i].revents & POLLIN))
                                service_queue_woken(&svc->queue);
                if (w->fd >= 0 && n > 0) {
                        for (int i = 0; i < nfds; i++)
                                if (fds[i].fd == w->fd && (fds[i].revents & POLLIN)) {
                                        w->ops->dispatch(w);
                                        dirty = w->ready->len > 0;
                                }
                }
                if (g_get_monotonic_time() >= next_tick) {
                        w->ops->tick(w);
                        dirty = dirty || w->ready->len > 0;
                        next_tick = g_get_monotonic_time() + (int64_t)w->interval_ms * 1000;
                }
        }
}

static int make_dirs(struct service *svc, struct bf_error *err)
{
        const char *dirs[] = { svc->app.cfg.inbox_path, svc->app.cfg.failed_path, svc->work_dir };

        for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++)
                if (g_mkdir_with_parents(dirs[i], 0700) < 0)
                        return bf_error_set(err, BF_EIO, "cannot create '%s': %s", dirs[i],
                                            strerror(errno));
        return 0;
}

int service_run(const struct service_options *opt, struct service_summary *ret_summary,
                struct bf_error *err)
{
        struct service svc = { .opt = opt };
        struct service_watcher *w = NULL;
        struct service_mailbox *mbox = NULL;
        GPtrArray *workers = g_ptr_array_new();
        int lock_fd = -1, n_workers, r;

        g_mutex_init(&svc.lock);
        g_cond_init(&svc.cond);
        service_queue_init(&svc.queue);
        if ((r = pipeline_app_open(&svc.app, opt->home, opt->overrides, opt->n_overrides, opt->user, true,
                          err)) < 0)
                goto out;
        svc.work_dir = service_work_dir(&svc.app.cfg);
        if (pipeline_config_store_is_pg(&svc.app.cfg)) {
                /* One of several: a work folder and a lease of its own, no home lock. */
                svc.instance = g_strdup_printf("%s.%d", g_get_host_name(), (int)getpid());
                svc.work_root = svc.work_dir;
                svc.work_dir = g_build_filename(svc.work_root, svc.instance, NULL);
                if ((r = make_dirs(&svc, err)) < 0 || (r = service_slots_open(&svc, err)) < 0 ||
                    (r = pipeline_instance_renew(&svc.app, svc.instance,
                                                 svc.app.cfg.store_lease_seconds, err)) < 0)
                        goto out;
        } else if ((r = make_dirs(&svc, err)) < 0 ||
                   (r = take_lock(&svc.app.cfg, &lock_fd, err)) < 0) {
                goto out;
        }
        /* A lease on either engine, so status lists the running services;
         * SQLite's one service holds its home lock as well. */
        svc.lease = g_strdup_printf("%s.%d", g_get_host_name(), (int)getpid());
        if (!svc.instance &&
            ((r = pipeline_instance_remove_others(&svc.app, svc.lease, err)) < 0 ||
             (r = pipeline_instance_renew(&svc.app, svc.lease, svc.app.cfg.store_lease_seconds,
                                          err)) < 0))
                goto out;

        n_workers = svc.app.cfg.ocr_workers > 0 ? svc.app.cfg.ocr_workers
                                                : (int)g_get_num_processors();
        svc.n_slots = n_workers + 1;
        svc.reading = g_new0(char *, svc.n_slots);
        svc.reading_since = g_new0(int64_t, svc.n_slots);
        svc.state_path = state_path(&svc.app.cfg);
        g_mutex_lock(&svc.lock);
        write_state(&svc);
        g_mutex_unlock(&svc.lock);
        for (int i = 0; i < n_workers; i++) {
                struct service_worker *wk = service_worker_start(&svc, i + 1, err);
                if (!wk) {
                        r = err->code < 0 ? err->code : BF_EIO;
                        goto out;
                }
                g_ptr_array_add(workers, wk);
        }
        service_log(&svc, SERVICE_INFO, "service", "started%s: %d worker%s, home '%s'",
                    opt->once ? " (once)" : "", n_workers, n_workers == 1 ? "" : "s",
                    svc.app.cfg.home);
        resume_work(&svc);
        if (!(w = service_watcher_open(&svc, err))) {
                r = err->code < 0 ? err->code : BF_EIO;
                goto out;
        }
        svc.metrics = service_metrics_start(&svc, err);
        if (!svc.metrics && err->code < 0) {
                r = err->code;
                goto out;
        }
        mbox = service_mailbox_start(&svc, err);
        if (!mbox) {
                if (err->code < 0) {
                        r = err->code;
                        goto out;
                }
                g_mutex_lock(&svc.lock);
                svc.mailbox_done = true;
                g_mutex_unlock(&svc.lock);
        }
        service_notify_ready(&svc, n_workers);
        main_loop(&svc, w);
        r = 0;
out:
        g_mutex_lock(&svc.lock);
        svc.stopping = true;
        g_cond_broadcast(&svc.cond);
        g_mutex_unlock(&svc.lock);
        /* Workers finish the document they hold; queued ones wait in the work
         * folder (a queued mail part is cancelled: its mail stays unacknowledged). */
        service_queue_close(&svc.queue);
        for (guint i = 0; i < workers->len; i++)
                service_worker_join(workers->pdata[i]);
        g_ptr_array_free(workers, TRUE);
        {
                struct service_job *job;
                while ((job = g_queue_pop_head(&svc.queue.jobs))) {
                        svc.summary.left++;
                        service_job_free(job);
                }
        }
        service_mailbox_join(mbox);
        /* --once: the timers run and what this run committed is sent before
         * it exits. */
        if (r == 0 && opt->once)
                run_workflow(&svc);
        service_metrics_stop(svc.metrics);
        service_watcher_free(w);
        if (r == 0)
                service_log(&svc, SERVICE_INFO, "service",
                            "stopped: %" PRId64 " posted, %" PRId64 " queued, %" PRId64
                            " duplicate%s, %" PRId64 " failed, %" PRId64 " left for the next run",
                            svc.summary.posted, svc.summary.queued, svc.summary.duplicates,
                            svc.summary.duplicates == 1 ? "" : "s", svc.summary.failed,
                            svc.summary.left);
        if (ret_summary)
                *ret_summary = svc.summary;
        lease_end(&svc);
        if (svc.state_path)
                (void)g_unlink(svc.state_path);
        if (lock_fd >= 0)
                close(lock_fd);
        for (int i = 0; i < svc.n_slots; i++)
                g_free(svc.reading[i]);
        g_free(svc.reading);
        g_free(svc.reading_since);
        g_free(svc.state_path);
        service_queue_clear(&svc.queue);
        service_slots_close(&svc);
        g_free(svc.work_dir);
        g_free(svc.work_root);
        g_free(svc.instance);
        g_free(svc.lease);
        pipeline_app_close(&svc.app);
        g_mutex_clear(&svc.lock);
        g_cond_clear(&svc.cond);
        return r;
}
