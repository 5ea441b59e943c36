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
};

/* What a run did; counts over the whole run. */
struct service_summary {
        int64_t documents;             /* committed (posted, exception, duplicate_file) */
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

/* True for names the inbox never takes: dotfiles, *.part, *.tmp, *~,
 * Thumbs.db, .DS_Store (compared without case where Windows or macOS made
 * them). `name` is a base name. */
bool service_name_ignored(const char *name);

#endif
