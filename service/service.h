/* service.h: billflow's capture service — watches the inbox folder and polls
 * the IMAP mailbox, claims what arrives and drives each document through the
 * pipeline with a pool of workers, losing and duplicating nothing. */
#ifndef BILLFLOW_SERVICE_H
#define BILLFLOW_SERVICE_H

#include <sys/types.h>

#include "pipeline/pipeline.h"

enum service_level {
        SERVICE_ERROR = 0,
        SERVICE_WARN,
        SERVICE_INFO,
        SERVICE_DEBUG,
};
const char *service_level_name(enum service_level level); /* "error"...; static */

/* One event: `doc` names the document or source it is about ("inbox/a.pdf",
 * "imap uid 42", "document 17"; may be NULL), `msg` says what happened. Called
 * from any of the service's threads, so it must be thread-safe; both strings
 * are borrowed for the call. */
typedef void (*service_log_fn)(void *ctx, enum service_level level, const char *doc,
                               const char *msg);

/* A document's progress through the service, for a progress line, per
 * document results and metrics. */
enum service_event_kind {
        SERVICE_EVENT_START = 0,       /* a worker began reading `what` */
        SERVICE_EVENT_DONE,            /* committed: `result` says how */
        SERVICE_EVENT_FAILED,          /* moved to failed/ (or a mail part refused): `error` */
        SERVICE_EVENT_LEFT,            /* given up for this run, left for the next one */
        SERVICE_EVENT_GONE,            /* the claimed file vanished (taken by someone else) */
};

struct service_event {
        enum service_event_kind kind;
        const char *what;              /* "inbox/a.pdf", "imap:7:42/a.pdf" */
        const char *source;            /* "inbox", "imap:V:U" */
        int worker;                    /* 1-based */
        int64_t done, total;           /* documents finished / known in this run so far */
        const struct bf_result *result; /* SERVICE_EVENT_DONE */
        const char *error;             /* SERVICE_EVENT_FAILED and _LEFT */
};
/* Called from the workers' threads (thread-safe, quick); the event and all
 * it points to are borrowed for the call. */
typedef void (*service_event_fn)(void *ctx, const struct service_event *ev);

struct service_options {
        const char *home;              /* resolved home */
        char *const *overrides;        /* "section.key=value"; borrowed */
        size_t n_overrides;
        const char *user;              /* for the audit log; NULL: login name */
        bool once;                     /* drain the inbox and the mailbox once, then return */
        int stop_fd;                   /* readable: stop taking work, finish what is
                                          running, return (a signalfd); -1 for none */
        service_log_fn log;            /* NULL: silent */
        void *log_ctx;
        service_event_fn on_event;     /* NULL: none */
        void *event_ctx;
};

/* What a run did; counts over the whole run. */
struct service_summary {
        int64_t documents;             /* committed (posted, exception, duplicate_file) */
        int64_t posted, queued, duplicates; /* the committed ones by outcome */
        int64_t failed;                /* moved to failed/ or recorded as failed */
        int64_t left;                  /* documents or mails left for the next run
                                          (transient errors, stop) */
        int64_t poll_failures;         /* mailbox polls that failed (server unreachable...) */
};

/* Runs the service until stop_fd is readable (or, with once, until the inbox
 * and the mailbox are drained). Holds an exclusive lock on the home's
 * service.lock while it runs: BF_EBUSY when another service holds it. Returns
 * 0 (ret_summary, may be NULL, filled) or <0 with err when it cannot start. */
int service_run(const struct service_options *opt, struct service_summary *ret_summary,
                struct bf_error *err);

/* ---------------------------------------------------------- for status */

/* The work folder, where claimed files wait until committed: home/work.
 * Caller frees. */
char *service_work_dir(const struct bf_config *cfg);
/* The documents in flight: the names of the files in the work folder
 * (claimed, not yet committed), oldest first, as a NULL-terminated array
 * the caller frees with g_strfreev(). Never NULL. */
char **service_in_flight(const struct bf_config *cfg);
/* Whether a service runs for this home: 1 (ret_pid, may be NULL, gets its
 * pid), 0 if none, <0 if it cannot tell. */
int service_running(const struct bf_config *cfg, pid_t *ret_pid);

/* What the running service reads right now, one per busy worker or the
 * mailbox: `what` ("inbox/a.pdf", "imap uid 42") and since when (unix
 * seconds). Believe it only while service_running() says 1 (a crashed
 * service leaves its last state). ret (free with service_reading_free())
 * and ret_n are always set; returns 0. */
struct service_reading {
        char *what;
        int64_t since;
};
int service_now_reading(const struct bf_config *cfg, struct service_reading **ret, size_t *ret_n);
void service_reading_free(struct service_reading *r, size_t n);

/* True for names the inbox never takes: dotfiles, *.part, *.tmp, *~,
 * Thumbs.db, .DS_Store (compared without case where Windows or macOS made
 * them). `name` is a base name. */
bool service_name_ignored(const char *name);

#endif
