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

/* One line per event: time, level, document, what happened. A whole line is
 * written under the stream's lock, so workers' lines never interleave. */
static void log_line(void *ctx, enum service_level level, const char *doc, const char *msg)
{
        static int journal = -1;        /* stderr does not change while we run */
        const struct cli *cli = ctx;
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
        flockfile(stderr);
        if (journal < 0)
                journal = stderr_is_journal();
        if (journal)
                fprintf(stderr, "<%d>", syslog_priority(level));
        fprintf(stderr, "%s.%03ldZ %-5s %s: %s\n", stamp, ts.tv_nsec / 1000000,
                service_level_name(level), safe_doc, safe_msg);
        funlockfile(stderr);
}

static int run(struct cli *cli, int argc, char **argv)
{
        struct service_options opt = { 0 };
        struct service_summary sum = { 0 };
        struct bf_error err = { 0 };
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
        opt.log_ctx = cli;
        r = service_run(&opt, &sum, &err);
        close(opt.stop_fd);
        if (r < 0) {
                cli_error("%s", err.msg);
                return EXIT_FAIL;
        }
        if (opt.once && sum.left > 0) {
                cli_error("%" PRId64 " document%s or mail%s left for the next run (see the log above)",
                          sum.left, sum.left == 1 ? "" : "s", sum.left == 1 ? "" : "s");
                return EXIT_FAIL;
        }
        if (opt.once && sum.poll_failures > 0) {
                cli_error("the mailbox could not be polled (see the log above)");
                return EXIT_FAIL;
        }
        return EXIT_OK;
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
                "  --once   handle what is waiting in the inbox and the mailbox, then exit\n",
};
