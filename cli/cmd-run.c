/* cmd-run.c: `billflow run [--once]`, the capture service — signals, log
 * lines on stderr, and the service loop (service/). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/service.h"

/* True when stderr is the journal's stream (systemd sets $JOURNAL_STREAM to
 * its "device:inode"): then each line starts with its syslog priority,
 * "<3>" for an error ... "<7>" for debug, which journald takes as the line's
 * level (so `journalctl -p warning` filters) and does not show. */
static bool stderr_is_journal(void)
{
        const char *js = getenv("JOURNAL_STREAM");
        unsigned long long dev, ino;
        struct stat st;

        return js && sscanf(js, "%llu:%llu", &dev, &ino) == 2 && fstat(STDERR_FILENO, &st) == 0 &&
               (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static int syslog_priority(enum service_level level)
{
        switch (level) {
        case SERVICE_ERROR: return 3;
        case SERVICE_WARN: return 4;
        case SERVICE_INFO: return 6;
        case SERVICE_DEBUG: return 7;
        }
        return 6;
}

/* What the service's callbacks share: the progress line (on a terminal,
 * rewritten in place; a log line clears it and it is drawn again below). */
struct run_ctx {
        struct cli *cli;
        bool progress;             /* stderr is a terminal and not -q */
        GMutex lock;
        char *line;                /* the progress line shown, or NULL */
};

static void progress_clear(struct run_ctx *rc)
{
        if (rc->line)
                fputs("\r\033[K", stderr);
}

static void progress_draw(struct run_ctx *rc)
{
        if (rc->line) {
                fputs(rc->line, stderr);
                fflush(stderr);
        }
}

/* One line per event: time, level, document, what happened. A whole line is
 * written under the stream's lock, so workers' lines never interleave. */
static void log_line(void *ctx, enum service_level level, const char *doc, const char *msg)
{
        static int journal = -1;        /* stderr does not change while we run */
        struct run_ctx *rc = ctx;
        const struct cli *cli = rc->cli;
        g_autofree char *safe_doc = NULL, *safe_msg = NULL;
        struct timespec ts;
        struct tm tm;
        char stamp[32];

        if ((level == SERVICE_INFO && cli->verbosity < 0) ||
            (level == SERVICE_DEBUG && cli->verbosity < 1))
                return;
        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
        safe_doc = text_safe(doc ? doc : "-");
        safe_msg = text_safe(msg);
        g_mutex_lock(&rc->lock);
        flockfile(stderr);
        progress_clear(rc);
        if (journal < 0)
                journal = stderr_is_journal();
        if (journal)
                fprintf(stderr, "<%d>", syslog_priority(level));
        fprintf(stderr, "%s.%03ldZ %-5s %s: %s\n", stamp, ts.tv_nsec / 1000000,
                service_level_name(level), safe_doc, safe_msg);
        progress_draw(rc);
        funlockfile(stderr);
        g_mutex_unlock(&rc->lock);
}

static void json_failure(const struct service_event *ev)
{
        JsonBuilder *b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "file");
        json_builder_add_string_value(b, ev->what);
        json_builder_set_member_name(b, "source");
        json_builder_add_string_value(b, ev->source ? ev->source : "");
        json_builder_set_member_name(b, "status");
        json_builder_add_string_value(b, ev->kind == SERVICE_EVENT_FAILED ? "failed" : "left");
        json_builder_set_member_name(b, "error");
        json_builder_add_string_value(b, ev->error ? ev->error : "");
        json_builder_end_object(b);
        cli_json_line(b);
}

/* A document began or ended: the progress line, and with --json one result
 * line per document (stdout, under its lock: workers finish at once). */
static void on_event(void *ctx, const struct service_event *ev)
{
        struct run_ctx *rc = ctx;

        if (rc->cli->json && ev->kind != SERVICE_EVENT_START && ev->kind != SERVICE_EVENT_GONE) {
                flockfile(stdout);
                if (ev->kind == SERVICE_EVENT_DONE)
                        cli_print_result(rc->cli, ev->what, ev->result);
                else
                        json_failure(ev);
                fflush(stdout);
                funlockfile(stdout);
        }
        if (!rc->progress)
                return;
        g_mutex_lock(&rc->lock);
        flockfile(stderr);
        progress_clear(rc);
        g_free(rc->line);
        rc->line = NULL;
        if (ev->kind == SERVICE_EVENT_START) {
                g_autofree char *safe = text_safe(ev->what);
                int64_t n = ev->done + 1 > ev->total ? ev->total : ev->done + 1;
                rc->line = g_strdup_printf("[%" PRId64 "/%" PRId64 "] %.60s", n, ev->total, safe);
        } else if (ev->done < ev->total) {
                rc->line = g_strdup_printf("[%" PRId64 "/%" PRId64 "]", ev->done, ev->total);
        }
        progress_draw(rc);
        funlockfile(stderr);
        g_mutex_unlock(&rc->lock);
}

static void json_summary(const struct service_summary *sum)
{
        JsonBuilder *b = json_builder_new();
        const struct { const char *name; int64_t v; } f[] = {
                { "posted", sum->posted }, { "queued", sum->queued },
                { "duplicates", sum->duplicates }, { "failed", sum->failed },
                { "left", sum->left }, { "poll_failures", sum->poll_failures },
        };

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "summary");
        json_builder_begin_object(b);
        for (size_t i = 0; i < G_N_ELEMENTS(f); i++) {
                json_builder_set_member_name(b, f[i].name);
                json_builder_add_int_value(b, f[i].v);
        }
        json_builder_end_object(b);
        json_builder_end_object(b);
        cli_json_line(b);
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct service_options opt = { 0 };
        struct service_summary sum = { 0 };
        struct bf_error err = { 0 };
        struct run_ctx rc = { .cli = cli };
        g_autofree char *why = NULL;
        sigset_t mask;
        int r;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--once") == 0)
                        opt.once = true;
                else
                        return cli_usage_error(&cmd_run, "unknown argument '%s'", argv[i]);
        }
        /* SIGTERM and SIGINT are taken as data, through a signalfd the main
         * loop polls: blocked here, before any thread starts, so every thread
         * inherits the mask and no handler runs at all. */
        sigemptyset(&mask);
        sigaddset(&mask, SIGTERM);
        sigaddset(&mask, SIGINT);
        if (pthread_sigmask(SIG_BLOCK, &mask, NULL) != 0 ||
            (opt.stop_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
                cli_error("cannot set up signal handling: %s", strerror(errno));
                return EXIT_FAIL;
        }
        signal(SIGPIPE, SIG_IGN);

        opt.home = cli->home;
        opt.overrides = cli->sets;
        opt.n_overrides = cli->n_sets;
        opt.user = cli->user;
        opt.log = log_line;
        opt.log_ctx = &rc;
        opt.on_event = on_event;
        opt.event_ctx = &rc;
        /* The [n/N] line is for a person watching --once drain a folder. */
        rc.progress = opt.once && cli->verbosity >= 0 && isatty(STDERR_FILENO);
        g_mutex_init(&rc.lock);
        r = service_run(&opt, &sum, &err);
        close(opt.stop_fd);
        g_mutex_lock(&rc.lock);
        progress_clear(&rc);
        g_clear_pointer(&rc.line, g_free);
        g_mutex_unlock(&rc.lock);
        if (r < 0) {
                g_mutex_clear(&rc.lock);
                cli_error("%s", err.msg);
                return EXIT_FAIL;
        }
        if (cli->json)
                json_summary(&sum);
        if (opt.once && sum.failed > 0)
                why = g_strdup_printf("%" PRId64 " document%s or mail%s failed (see failed/ and "
                                      "'billflow status')", sum.failed, sum.failed == 1 ? "" : "s",
                                      sum.failed == 1 ? "" : "s");
        else if (opt.once && sum.left > 0)
                why = g_strdup_printf("%" PRId64 " document%s or mail%s left for the next run (see "
                                      "the log above)", sum.left, sum.left == 1 ? "" : "s",
                                      sum.left == 1 ? "" : "s");
        else if (opt.once && sum.poll_failures > 0)
                why = g_strdup("the mailbox could not be polled (see the log above)");
        /* Through the log, so that under systemd the line has its priority too. */
        if (why)
                log_line(&rc, SERVICE_ERROR, "service", why);
        g_mutex_clear(&rc.lock);
        return why ? EXIT_FAIL : EXIT_OK;
}

const struct bf_cmd cmd_run = {
        .name = "run", .usage = "[--once]", .run = run,
        .summary = "the service: watch the inbox, poll the mailbox, process what arrives",
        .help = "Watches inbox.path (inotify; polling on network filesystems or with\n"
                "inbox.poll = true) and polls the IMAP mailbox (imap.url) every\n"
                "imap.poll_seconds, with ocr.workers workers. A file is claimed into the\n"
                "home's work/ folder and leaves it only once its document is committed;\n"
                "a mail is acknowledged (imap.after) only once all its attachments are.\n"
                "Unsupported files go to failed/ with a .reason file beside them.\n"
                "SIGTERM or SIGINT: finish the documents in progress, then exit 0.\n\n"
                "  --once   handle what is waiting in the inbox and the mailbox, then exit:\n"
                "           a [n/N] progress line on a terminal (not with -q), the closing\n"
                "           count of posted, queued, duplicate and failed documents; with\n"
                "           --json one result line per document and a last {\"summary\": ...}\n"
                "           line; exit 1 when a document or mail failed or was left over\n",
};
