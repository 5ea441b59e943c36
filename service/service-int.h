/* service-int.h: what the service's own files share — the run context, the
 * job queue, the inbox watcher interface, file moves and the mailbox poller.
 * Never included outside service/. */
#ifndef BILLFLOW_SERVICE_INT_H
#define BILLFLOW_SERVICE_INT_H

#include <glib.h>

#include "service/service.h"

/* Largest inbox file taken; bigger ones go to failed/. */
#define SERVICE_MAX_FILE_BYTES ((size_t)256 << 20)
/* Transient failures: backoff doubles from the first delay up to the cap;
 * with --once a job gives up (left in the work folder) after this many. */
#define SERVICE_BACKOFF_FIRST_MS 500
#define SERVICE_BACKOFF_MAX_MS 60000
#define SERVICE_ONCE_ATTEMPTS 6

struct service;

/* ------------------------------------------------------------- jobs */

enum job_kind { JOB_FILE = 0, JOB_PART };
enum job_status { JOB_PENDING = 0, JOB_DONE, JOB_FAILED, JOB_RETRY, JOB_CANCELLED };

struct service_batch;

struct service_job {
        enum job_kind kind;
        char *path;             /* JOB_FILE: the claimed file in the work folder; owned */
        char *name;             /* the document's original name (metadata); owned */
        char *source;           /* "inbox", "imap:V:U"; owned */
        void *data;             /* JOB_PART: the attachment's bytes; owned */
        size_t len;
        struct service_batch *batch; /* JOB_PART: told when the part is done; borrowed */
        int attempts;
        int64_t not_before_us;  /* monotonic; a retried job waits until then */
        int slot;               /* the machine's reading slot it holds (an flock'd
                                 * descriptor, owned), or SERVICE_SLOT_NONE */
};
/* Frees a job (and its slot); a part still owed to its batch is reported JOB_CANCELLED. */
void service_job_free(struct service_job *job);

/* The parts of one mail: the mailbox thread waits until every part is done. */
struct service_batch {
        GMutex lock;
        GCond cond;
        size_t total, done, committed, failed, retry, cancelled;
        GString *reasons;       /* "name: reason; ..." for failed parts */
};
void service_batch_init(struct service_batch *b, size_t total);
void service_batch_clear(struct service_batch *b);
void service_batch_report(struct service_batch *b, const char *name, enum job_status st,
                  const char *reason);
void service_batch_wait(struct service_batch *b);

/* A queue of jobs (mutex + condition). Jobs with a not_before time in the
 * future wait in it. */
struct service_queue {
        GMutex lock;
        GCond cond;
        GQueue jobs;
        size_t running;         /* popped, not yet finished */
        bool closed;
        int wake_fd;            /* eventfd, readable once a job finished: the
                                 * main loop claims the next file at once
                                 * rather than at its next look; -1 if none */
};
void service_queue_init(struct service_queue *q);
void service_queue_clear(struct service_queue *q); /* frees the jobs still queued */
void service_queue_push(struct service_queue *q, struct service_job *job);
/* The machine's slot a queued job holds, taken from it (it waits for
 * another when its turn comes): a worker already holding a job waits for
 * no slot its own service holds. SERVICE_SLOT_NONE if no queued job has one. */
int service_queue_steal_slot(struct service_queue *q);
/* Jobs queued or running. */
size_t service_queue_load(struct service_queue *q);
/* The next job that is due, waiting for one; NULL once the queue is closed
 * (queued jobs then stay queued: their files wait in the work folder). */
struct service_job *service_queue_pop(struct service_queue *q);
/* A popped job is finished (freed, or pushed again before this call). */
void service_queue_finished(struct service_queue *q);
void service_queue_close(struct service_queue *q);
bool service_queue_idle(struct service_queue *q); /* nothing queued, nothing running */
/* The descriptor to poll for a finished job (-1 if none: look often
 * instead); service_queue_woken clears it after it was readable. */
int service_queue_wake_fd(const struct service_queue *q);
void service_queue_woken(struct service_queue *q);

/* ---------------------------------------------------------- context */

struct service {
        const struct service_options *opt;
        bf_app app;             /* the main thread's: config, store for failures */
        char *work_dir;         /* home/work, or home/work/INSTANCE; owned */
        char *work_root;        /* home/work when instances share the store; owned */
        char *instance;         /* host.pid: one of several services on a PostgreSQL
                                 * store (no home lock, a lease instead); owned; NULL:
                                 * the one service of its home (SQLite) */
        char *lease;            /* host.pid: this service's lease on the store, on
                                 * either engine (status lists the live ones);
                                 * owned; the same text as instance where that is set */
        struct service_queue queue;
        GMutex lock;            /* guards the fields below */
        GCond cond;
        bool stopping;
        bool mailbox_done;      /* --once: the mailbox was polled */
        unsigned claim_seq;
        struct service_summary summary;
        int64_t jobs_total, jobs_done; /* documents known / finished in this run */
        char **reading;         /* what each slot reads now (0: the mailbox,
                                   1..n: the workers); owned, NULL: idle */
        int64_t *reading_since; /* unix seconds, per slot */
        int n_slots;            /* the workers and the mailbox (slot 0) */
        char *state_path;       /* home/service.state; owned */
        int64_t reader_restarts; /* reader processes started again, all workers */
        char *slots_dir;        /* the machine's reading slots for this store; owned;
                                 * NULL: no limit (SQLite's one service) */
        int n_host_slots;       /* ocr.host_workers, or the cores */
        struct service_metrics *metrics; /* NULL without metrics.listen */
};

void service_log(struct service *svc, enum service_level level, const char *doc,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
bool service_stopping(struct service *svc);
/* A mail or mailbox poll left for the next run (not a document). */
void service_count_left(struct service *svc);
/* A mail, or an attachment of one, that was refused (counted as failed). */
void service_count_failed(struct service *svc);
/* A document job was made (claimed, resumed, a mail's attachment). */
void service_job_added(struct service *svc);
/* A worker (slot 1..n) began a job: status shows it as being read. */
void service_job_started(struct service *svc, int slot, const char *what, const char *source);
/* A worker finished a job: counted in the summary by outcome, reported to
 * opt->on_event, and the slot shown idle. result for SERVICE_EVENT_DONE,
 * error for the others. */
void service_job_finished(struct service *svc, int slot, enum service_event_kind kind,
                          const char *what, const char *source, const struct bf_result *result,
                          const char *error);
/* Slot 0, the mailbox: what it reads now ("imap uid 42"), NULL when idle. */
void service_set_reading(struct service *svc, int slot, const char *what);

/* ------------------------------------------------------------ metrics */

/* Serves Prometheus text at http://metrics.listen/metrics from its own
 * thread (libmicrohttpd) until service_metrics_stop(). NULL when metrics.listen is
 * empty (err untouched) or on failure (err set: cannot listen). */
struct service_metrics;
struct service_metrics *service_metrics_start(struct service *svc, struct bf_error *err);
void service_metrics_stop(struct service_metrics *m);
/* Counts a finished document (thread-safe; m may be NULL). */
void service_metrics_observe(struct service_metrics *m, const struct service_event *ev);

/* ------------------------------------------------------------ systemd */

/* How often the main loop must send WATCHDOG=1 (half of $WATCHDOG_USEC),
 * 0 when systemd asks for no watchdog. */
int64_t service_notify_watchdog_interval_us(void);
void service_notify_ready(struct service *svc, int workers);
void service_notify_watchdog(void);
/* STATUS= with the run's counts so far. */
void service_notify_status(struct service *svc);
void service_notify_stopping(void);

/* ------------------------------------------------------------- files */

/* Moves src to dst: rename, or across filesystems copy, fsync, rename into
 * place and unlink src. 0 or BF_E* with err. */
int service_files_move(const char *src, const char *dst, struct bf_error *err);
/* Claims an inbox file by moving it into the work folder under a unique
 * name; ret_path (caller frees) is where it now is. BF_ENOTFOUND when the
 * file is gone (someone else took it). */
int service_files_claim(struct service *svc, const char *path, char **ret_path, struct bf_error *err);
/* The original name of a file in the work folder (its unique prefix
 * dropped). Caller frees. */
char *service_files_work_name(const char *work_path);
/* Moves a file to failed/ with NAME.reason beside it. 0 or BF_E*. */
int service_files_fail(struct service *svc, const char *path, const char *name, const char *reason,
               struct bf_error *err);
/* fsyncs a directory; errors are ignored where a filesystem cannot. */
void service_files_sync_dir(const char *dir);

/* ------------------------------------------------------------- slots */

/* The machine's reading slots (slots.c): on a shared store at most
 * ocr.host_workers documents are read at once by all the services of one
 * machine. */
#define SERVICE_SLOT_NONE (-1) /* no slot held, or no limit to hold one under */
#define SERVICE_SLOT_BUSY (-2) /* every slot is held: wait */
/* How often a service waiting for a slot looks again (another service
 * frees it without a word). */
#define SERVICE_SLOT_LOOK_MS 20
/* Sets svc->slots_dir and n_host_slots (creating the folder). 0 or BF_EIO. */
int service_slots_open(struct service *svc, struct bf_error *err);
void service_slots_close(struct service *svc);
/* A free slot: its descriptor (the caller releases it with
 * service_slot_release), SERVICE_SLOT_BUSY when all are held, or
 * SERVICE_SLOT_NONE when no limit applies (none open, or the folder cannot
 * be used). Never blocks. */
int service_slot_take(struct service *svc);
/* Releases *slot if one is held; *slot becomes SERVICE_SLOT_NONE. */
void service_slot_release(int *slot);

/* ----------------------------------------------------------- workers */

struct service_worker;
/* Starts a worker thread with its own app (store connection, OCR engine).
 * NULL and err when its app cannot be opened. */
struct service_worker *service_worker_start(struct service *svc, int index, struct bf_error *err);
/* Waits for the worker to finish its current job and frees it. */
void service_worker_join(struct service_worker *w);

/* ----------------------------------------------------------- watcher */

/* The inbox watcher: an inotify one and a polling one behind one interface,
 * chosen in service_watcher_open() only. Files that look complete collect in `ready`
 * (absolute paths) for the main loop to claim. */
struct service_watcher;

struct watcher_ops {
        const char *name;
        int (*start)(struct service_watcher *w, struct bf_error *err);
        /* Reads what the fd reported (only for watchers that have one). */
        void (*dispatch)(struct service_watcher *w);
        /* Periodic work (a polling scan). */
        void (*tick)(struct service_watcher *w);
        void (*free_impl)(struct service_watcher *w);
};

struct watch_pending {
        int64_t size;
        int64_t mtime_ns;
        int64_t since_us;       /* monotonic: when this size and mtime were first seen */
        bool closed;            /* a writer closed it (inotify), or it was moved in */
};

struct service_watcher {
        const struct watcher_ops *ops;
        struct service *svc;
        char *root;             /* the inbox; owned */
        int stable_seconds;
        bool polling;           /* completeness by stable size and mtime only */
        int fd;                 /* pollable fd, -1 if none */
        int interval_ms;        /* how often tick() runs */
        GHashTable *pending;    /* path -> struct watch_pending */
        GPtrArray *ready;       /* paths (owned) ready to claim */
        void *impl;
};

/* Chooses and starts the watcher for cfg's inbox: polling when
 * inbox.poll is set or the inbox is on a filesystem inotify cannot see
 * (NFS, SMB/CIFS, FUSE, 9p...), or when inotify is unavailable. */
struct service_watcher *service_watcher_open(struct service *svc, struct bf_error *err);
void service_watcher_free(struct service_watcher *w);
/* Shared by the implementations: */
void service_watch_candidate(struct service_watcher *w, const char *path, bool closed);
/* Scans dir (recursively) for candidates; each subdirectory is passed to
 * on_dir (may be NULL) first. */
void service_watch_scan(struct service_watcher *w, const char *dir,
                void (*on_dir)(struct service_watcher *w, const char *dir));
/* Re-checks the pending files and moves the complete ones to `ready`. */
void service_watch_check(struct service_watcher *w);

extern const struct watcher_ops watcher_inotify_ops, watcher_poll_ops;

/* ----------------------------------------------------------- mailbox */

/* Starts the mailbox thread (when imap.url is set): every poll_seconds (with
 * once: one poll) it lists new mails, hands their attachments to the
 * workers and acknowledges a mail only when all of them are committed.
 * NULL when no mailbox is configured (err untouched) or on failure (err set). */
struct service_mailbox;
struct service_mailbox *service_mailbox_start(struct service *svc, struct bf_error *err);
void service_mailbox_join(struct service_mailbox *m);

#endif
