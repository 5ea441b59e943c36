/* watch-poll.c: the inbox watcher by polling, for inboxes inotify cannot see
 * (network shares) or when inbox.poll is set: the tree is scanned every tick
 * and a file is taken once its size and mtime stayed unchanged for
 * inbox.stable_seconds (and, where leases tell, no one has it open to write). */
#include "service/service-int.h"

static int poll_start(struct service_watcher *w, struct bf_error *err)
{
        int ms = w->stable_seconds * 1000 / 2;

        if (!g_file_test(w->root, G_FILE_TEST_IS_DIR))
                return bf_error_set(err, BF_ENOTFOUND, "no inbox folder '%s'", w->root);
        w->polling = true;
        w->fd = -1;
        w->interval_ms = ms < 200 ? 200 : ms > 1000 ? 1000 : ms;
        service_watch_scan(w, w->root, NULL);
        service_watch_check(w);
        return 0;
}

static void poll_dispatch(struct service_watcher *w)
{
        (void)w;
}

static void poll_tick(struct service_watcher *w)
{
        service_watch_scan(w, w->root, NULL);
        service_watch_check(w);
}

static void poll_free(struct service_watcher *w)
{
        (void)w;
}

const struct watcher_ops watcher_poll_ops = {
        .name = "polling",
        .start = poll_start,
        .dispatch = poll_dispatch,
        .tick = poll_tick,
        .free_impl = poll_free,
};
