/* files.c: the service's file moves — claiming an inbox file into the work
 * folder, moving a failed one to failed/ with its reason — done so that a
 * crash at any point leaves the file somewhere it will be found again. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "service/service-int.h"

void service_files_sync_dir(const char *dir)
{
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

        if (fd < 0)
                return;
        (void)fsync(fd);
        close(fd);
}

/* Copies src to dst through a temporary file beside dst: write, fsync,
 * rename. */
static int copy_file(const char *src, const char *dst, struct bf_error *err)
{
        g_autofree char *dir = g_path_get_dirname(dst);
        g_autofree char *tmp = g_strdup_printf("%s/.bf-copy-%d-%u", dir, (int)getpid(),
                                               g_random_int());
        char buf[65536];
        int in, out, r = 0;
        ssize_t n;

        in = open(src, O_RDONLY | O_CLOEXEC);
        if (in < 0)
                return bf_error_set(err, errno == ENOENT ? BF_ENOTFOUND : BF_EIO,
                                    "cannot open '%s': %s", src, strerror(errno));
        out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (out < 0) {
                r = bf_error_set(err, BF_EIO, "cannot create '%s': %s", tmp, strerror(errno));
                close(in);
                return r;
        }
        while ((n = read(in, buf, sizeof(buf))) != 0) {
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        r = bf_error_set(err, BF_EIO, "cannot read '%s': %s", src,
                                         strerror(errno));
                        goto out;
                }
                for (ssize_t off = 0; off < n;) {
                        ssize_t w = write(out, buf + off, (size_t)(n - off));
                        if (w < 0 && errno == EINTR)
                                continue;
                        if (w < 0) {
                                r = bf_error_set(err, BF_EIO, "cannot write '%s': %s", tmp,
                                                 strerror(errno));
                                goto out;
                        }
                        off += w;
                }
        }
        if (fsync(out) < 0) {
                r = bf_error_set(err, BF_EIO, "cannot sync '%s': %s", tmp, strerror(errno));
                goto out;
        }
out:
        close(in);
        if (close(out) < 0 && r == 0)
                r = bf_error_set(err, BF_EIO, "cannot write '%s': %s", tmp, strerror(errno));
        if (r == 0 && rename(tmp, dst) < 0)
                r = bf_error_set(err, BF_EIO, "cannot rename '%s': %s", tmp, strerror(errno));
        if (r < 0)
                unlink(tmp);
        else
                service_files_sync_dir(dir);
        return r;
}

int service_files_move(const char *src, const char *dst, struct bf_error *err)
{
        g_autofree char *dir = g_path_get_dirname(dst);
        int r;

        if (rename(src, dst) == 0) {
                service_files_sync_dir(dir);
                return 0;
        }
        if (errno == ENOENT)
                return bf_error_set(err, BF_ENOTFOUND, "'%s' is gone", src);
        if (errno != EXDEV)
                return bf_error_set(err, errno == EBUSY ? BF_EBUSY : BF_EIO,
                                    "cannot move '%s' to '%s': %s", src, dst, strerror(errno));
        /* Another filesystem: the copy is durable before the source goes, so a
         * crash leaves both (the same bytes make no second document). */
        if ((r = copy_file(src, dst, err)) < 0)
                return r;
        if (unlink(src) < 0 && errno != ENOENT)
                return bf_error_set(err, BF_EIO, "cannot remove '%s': %s", src, strerror(errno));
        return 0;
}

char *service_work_dir(const struct bf_config *cfg)
{
        return g_build_filename(cfg->home, "work", NULL);
}

/* Work names are "<microseconds in hex>-<seq>-<original name>", unique even
 * for files of the same name from different inbox folders. */
int service_files_claim(struct service *svc, const char *path, char **ret_path, struct bf_error *err)
{
        g_autofree char *base = g_path_get_basename(path);
        char *dst;
        unsigned seq;
        int r;

        g_mutex_lock(&svc->lock);
        seq = ++svc->claim_seq;
        g_mutex_unlock(&svc->lock);
        dst = g_strdup_printf("%s/%" G_GINT64_MODIFIER "x-%u-%s", svc->work_dir,
                              g_get_real_time(), seq, base);
        if ((r = service_files_move(path, dst, err)) < 0) {
                g_free(dst);
                return r;
        }
        *ret_path = dst;
        return 0;
}

char *service_files_work_name(const char *work_path)
{
        g_autofree char *base = g_path_get_basename(work_path);
        const char *p = strchr(base, '-');

        if (p && (p = strchr(p + 1, '-')) && p[1])
                return g_strdup(p + 1);
        return g_strdup(base);
}

/* Writes text to path atomically (temp file, fsync, rename). */
static int write_atomic(const char *path, const char *text, struct bf_error *err)
{
        g_autofree char *tmp = g_strdup_printf("%s.tmp-%d", path, (int)getpid());
        size_t len = strlen(text);
        int fd, r = 0;

        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
                return bf_error_set(err, BF_EIO, "cannot create '%s': %s", tmp, strerror(errno));
        if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0)
                r = bf_error_set(err, BF_EIO, "cannot write '%s': %s", tmp, strerror(errno));
        if (close(fd) < 0 && r == 0)
                r = bf_error_set(err, BF_EIO, "cannot write '%s': %s", tmp, strerror(errno));
        if (r == 0 && rename(tmp, path) < 0)
                r = bf_error_set(err, BF_EIO, "cannot rename '%s': %s", tmp, strerror(errno));
        if (r < 0)
                unlink(tmp);
        return r;
}

int service_files_fail(struct service *svc, const char *path, const char *name, const char *reason,
               struct bf_error *err)
{
        const char *failed = svc->app.cfg.failed_path;
        g_autofree char *safe = g_path_get_basename(name && *name ? name : "unnamed");
        g_autofree char *dst = NULL, *why = NULL, *text = NULL;
        int r;

        if (g_mkdir_with_parents(failed, 0700) < 0)
                return bf_error_set(err, BF_EIO, "cannot create '%s': %s", failed,
                                    strerror(errno));
        dst = g_build_filename(failed, safe, NULL);
        for (int i = 2; g_file_test(dst, G_FILE_TEST_EXISTS); i++) {
                g_free(dst);
                dst = g_strdup_printf("%s/%d-%s", failed, i, safe);
        }
        why = g_strdup_printf("%s.reason", dst);
        text = g_strdup_printf("%s\n", reason);
        /* The reason first: a crash between the two leaves the file in the
         * work folder, to be tried again. */
        if ((r = write_atomic(why, text, err)) < 0)
                return r;
        if ((r = service_files_move(path, dst, err)) < 0) {
                unlink(why);
                return r;
        }
        service_files_sync_dir(failed);
        return 0;
}

bool service_name_ignored(const char *name)
{
        static const char *const suffixes[] = { ".part", ".tmp", "~", ".crdownload",
                                                ".partial" };

        if (!name || !*name || name[0] == '.')
                return true;
        if (g_ascii_strcasecmp(name, "Thumbs.db") == 0 ||
            g_ascii_strcasecmp(name, "desktop.ini") == 0)
                return true;
        for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
                size_t n = strlen(name), k = strlen(suffixes[i]);
                if (n >= k && g_ascii_strcasecmp(name + n - k, suffixes[i]) == 0)
                        return true;
        }
        return false;
}
