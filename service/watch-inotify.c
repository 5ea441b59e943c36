/* watch-inotify.c: the inbox watcher on inotify — a file is complete when it
 * is closed after writing (IN_CLOSE_WRITE) or moved in (IN_MOVED_TO); every
 * folder of the inbox is watched, new ones as they appear. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "service/service-int.h"

#define DIR_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF)

struct inotify_impl {
        GHashTable *dirs;       /* wd -> path (owned) */
};

static void add_dir(struct service_watcher *w, const char *dir)
{
        struct inotify_impl *in = w->impl;
        int wd = inotify_add_watch(w->fd, dir, DIR_MASK | IN_ONLYDIR | IN_DONT_FOLLOW);

        if (wd < 0) {
                service_log(w->svc, SERVICE_WARN, "inbox", "cannot watch '%s': %s", dir,
                            strerror(errno));
                return;
        }
        g_hash_table_replace(in->dirs, GINT_TO_POINTER(wd), g_strdup(dir));
}

static int inotify_start(struct service_watcher *w, struct bf_error *err)
{
        struct inotify_impl *in = g_new0(struct inotify_impl, 1);

        w->impl = in;
        in->dirs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
        w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (w->fd < 0)
                return bf_error_set(err, BF_EIO, "cannot start inotify: %s", strerror(errno));
        w->polling = false;
        /* Files found by the scans (already there, or in folders that appeared)
         * are re-checked each second until they look complete. */
        w->interval_ms = 1000;
        if (!g_file_test(w->root, G_FILE_TEST_IS_DIR))
                return bf_error_set(err, BF_ENOTFOUND, "no inbox folder '%s'", w->root);
        /* Watches first, then the scan: nothing written in between is missed. */
        service_watch_scan(w, w->root, add_dir);
        service_watch_check(w);
        return 0;
}

static void inotify_dispatch(struct service_watcher *w)
{
        struct inotify_impl *in = w->impl;
        char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
                __attribute__((aligned(__alignof__(struct inotify_event))));
        ssize_t n;

        while ((n = read(w->fd, buf, sizeof(buf))) > 0) {
                for (char *p = buf; p < buf + n;) {
                        struct inotify_event *ev = (struct inotify_event *)(void *)p;
                        const char *dir = g_hash_table_lookup(in->dirs, GINT_TO_POINTER(ev->wd));

                        p += sizeof(*ev) + ev->len;
                        if (ev->mask & IN_Q_OVERFLOW) {
                                service_log(w->svc, SERVICE_WARN, "inbox",
                                            "inotify queue overflowed; rescanning");
                                service_watch_scan(w, w->root, add_dir);
                                continue;
                        }
                        if (ev->mask & IN_IGNORED) {
                                g_hash_table_remove(in->dirs, GINT_TO_POINTER(ev->wd));
                                continue;
                        }
                        if (!dir || !ev->len)
                                continue;
                        g_autofree char *path = g_build_filename(dir, ev->name, NULL);
                        if (ev->mask & IN_ISDIR) {
                                if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && ev->name[0] != '.')
                                        service_watch_scan(w, path, add_dir);
                        } else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
                                service_watch_candidate(w, path, true);
                        } else if (ev->mask & IN_CREATE) {
                                struct stat sb;

                                /* A symlink, fifo or socket is never written
                                 * and closed: take it now (to be refused). */
                                if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
                                    !S_ISDIR(sb.st_mode))
                                        service_watch_candidate(w, path, true);
                        }
                }
        }
        service_watch_check(w);
}

static void inotify_tick(struct service_watcher *w)
{
        service_watch_check(w);
}

static void inotify_free(struct service_watcher *w)
{
        struct inotify_impl *in = w->impl;

        if (w->fd >= 0)
                close(w->fd);
        w->fd = -1;
        if (in)
                g_hash_table_destroy(in->dirs);
        g_free(in);
        w->impl = NULL;
}

const struct watcher_ops watcher_inotify_ops = {
        .name = "inotify",
        .start = inotify_start,
        .dispatch = inotify_dispatch,
        .tick = inotify_tick,
        .free_impl = inotify_free,
};
