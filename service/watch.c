/* watch.c: the inbox watcher's one interface — choosing inotify or polling
 * (the only place that decides), and the completeness check both share. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "service/service-int.h"

/* Filesystems whose changes inotify does not see (made on another machine). */
static bool remote_filesystem(const char *path)
{
        static const long magics[] = {
                0x6969,                 /* NFS */
                0x517B,                 /* SMB */
                (long)0xFE534D42,       /* SMB2 */
                (long)0xFF534D42,       /* CIFS */
                0x65735546,             /* FUSE (sshfs, gvfs, rclone...) */
                0x01021997,             /* 9p / virtiofs shares */
                0x00C36400,             /* Ceph */
                0x564c,                 /* NCP */
                0x47504653,             /* GPFS */
                0x6B414653,             /* AFS */
        };
        struct statfs sb;

        if (statfs(path, &sb) < 0)
                return false;
        for (size_t i = 0; i < G_N_ELEMENTS(magics); i++)
                if ((long)sb.f_type == magics[i])
                        return true;
        return false;
}

struct service_watcher *service_watcher_open(struct service *svc, struct bf_error *err)
{
        const struct bf_config *cfg = &svc->app.cfg;
        struct service_watcher *w = g_new0(struct service_watcher, 1);
        const char *why = NULL;
        int r;

        w->svc = svc;
        w->root = g_strdup(cfg->inbox_path);
        w->stable_seconds = cfg->inbox_stable_seconds;
        w->fd = -1;
        w->interval_ms = 1000;
        w->pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        w->ready = g_ptr_array_new_with_free_func(g_free);
        if (cfg->inbox_poll)
                why = "inbox.poll is set";
        else if (remote_filesystem(w->root))
                why = "the inbox is on a network or FUSE filesystem";
        w->ops = why ? &watcher_poll_ops : &watcher_inotify_ops;
        r = w->ops->start(w, err);
        if (r < 0 && w->ops == &watcher_inotify_ops && r != BF_ENOTFOUND) {
                service_log(svc, SERVICE_WARN, "inbox", "%s; polling instead", err->msg);
                why = "inotify is unavailable";
                w->ops->free_impl(w);
                w->ops = &watcher_poll_ops;
                r = w->ops->start(w, err);
        }
        if (r < 0) {
                service_watcher_free(w);
                return NULL;
        }
        service_log(svc, SERVICE_INFO, "inbox", "watching '%s' with %s%s%s", w->root, w->ops->name,
                    why ? ": " : "", why ? why : "");
        return w;
}

void service_watcher_free(struct service_watcher *w)
{
        if (!w)
                return;
        if (w->ops)
                w->ops->free_impl(w);
        g_hash_table_destroy(w->pending);
        g_ptr_array_free(w->ready, TRUE);
        g_free(w->root);
        g_free(w);
}

void service_watch_candidate(struct service_watcher *w, const char *path, bool closed)
{
        g_autofree char *base = g_path_get_basename(path);
        struct watch_pending *p;

        if (service_name_ignored(base))
                return;
        p = g_hash_table_lookup(w->pending, path);
        if (!p) {
                p = g_new0(struct watch_pending, 1);
                p->size = -1;
                g_hash_table_insert(w->pending, g_strdup(path), p);
        }
        p->closed = p->closed || closed;
}

void service_watch_scan(struct service_watcher *w, const char *dir,
                void (*on_dir)(struct service_watcher *w, const char *dir))
{
        DIR *d = opendir(dir);
        struct dirent *e;

        if (!d)
                return;
        if (on_dir)
                on_dir(w, dir);
        while ((e = readdir(d))) {
                g_autofree char *path = NULL;
                struct stat sb;

                /* Dot-folders (.git, .Trash, a tool's temp) are not the inbox's. */
                if (e->d_name[0] == '.')
                        continue;
                path = g_build_filename(dir, e->d_name, NULL);
                if (lstat(path, &sb) < 0)
                        continue;
                if (S_ISDIR(sb.st_mode))
                        service_watch_scan(w, path, on_dir);
                else    /* symlinks and special files too: refused, to failed/ */
                        service_watch_candidate(w, path, false);
        }
        closedir(d);
}

/* Whether another process has the file open for writing: a read lease is
 * refused (EAGAIN) exactly then. 1 busy, 0 not, -1 cannot tell (another
 * owner, a filesystem without leases). */
static int open_for_writing(const char *path)
{
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
        int r;

        if (fd < 0)
                return -1;
        if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
                (void)fcntl(fd, F_SETLEASE, F_UNLCK);
                r = 0;
        } else {
                r = errno == EAGAIN ? 1 : -1;
        }
        close(fd);
        return r;
}

/* A file found ready, with its size for the claim order. */
struct ready_file {
        char *path;
        int64_t size;
};

/* Largest first, then by name: the longest work (a scan, before a PDF of
 * text) starts first, so that a batch ends on short documents and no
 * worker, here or in another instance, stands idle while the last long
 * one is read. */
static gint compare_ready(gconstpointer a, gconstpointer b)
{
        const struct ready_file *x = a, *y = b;

        if (x->size != y->size)
                return x->size > y->size ? -1 : 1;
        return strcmp(x->path, y->path);
}

void service_watch_check(struct service_watcher *w)
{
        GArray *found = g_array_new(FALSE, FALSE, sizeof(struct ready_file));
        GHashTableIter it;
        gpointer key, value;
        int64_t now = g_get_monotonic_time();
        int64_t stable_us = (int64_t)w->stable_seconds * G_USEC_PER_SEC;

        g_hash_table_iter_init(&it, w->pending);
        while (g_hash_table_iter_next(&it, &key, &value)) {
                const char *path = key;
                struct watch_pending *p = value;
                struct stat sb;
                int64_t mtime_ns;
                bool ready;
                int busy;

                if (lstat(path, &sb) < 0 || S_ISDIR(sb.st_mode)) {
                        g_hash_table_iter_remove(&it);
                        continue;
                }
                if (!S_ISREG(sb.st_mode)) {
                        /* A symlink or a special file is never read: claimed
                         * at once, so that the worker refuses it to failed/. */
                        g_array_append_val(found, ((struct ready_file){ g_strdup(path), 0 }));
                        g_hash_table_iter_remove(&it);
                        continue;
                }
                mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
                if (p->size != (int64_t)sb.st_size || p->mtime_ns != mtime_ns) {
                        p->size = (int64_t)sb.st_size;
                        p->mtime_ns = mtime_ns;
                        p->since_us = now;
                }
                busy = open_for_writing(path);
                if (busy == 1) {
                        ready = false;
                } else if (w->polling) {
                        /* Size and mtime unchanged for stable_seconds, as seen by us:
                         * a remote writer's clock is not ours to trust. */
                        ready = now - p->since_us >= stable_us && p->since_us != now;
                        if (stable_us == 0)
                                ready = true;
                } else if (p->closed || busy == 0) {
                        /* Closed after writing, or nobody has it open for writing. */
                        ready = true;
                } else {
                        /* Found by a scan and lease unknown: its mtime must be old enough. */
                        ready = g_get_real_time() * 1000 - mtime_ns >= stable_us * 1000;
                }
                if (ready) {
                        g_array_append_val(found, ((struct ready_file){ g_strdup(path),
                                                                        (int64_t)sb.st_size }));
                        g_hash_table_iter_remove(&it);
                }
        }
        /* Claimed after the files found ready before (first come, first
         * claimed), and among themselves the largest first. */
        g_array_sort(found, compare_ready);
        for (guint i = 0; i < found->len; i++)
                g_ptr_array_add(w->ready, g_array_index(found, struct ready_file, i).path);
        g_array_free(found, TRUE);
}
