/* store-objects.c: originals kept content-addressed by sha256 under
 * objects_dir/ab/cdef..., written atomically (temp file, fsync, rename). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store-int.h"

static bool sha256_valid(const char *sha256)
{
        if (!sha256 || strlen(sha256) != 64)
                return false;
        for (int i = 0; i < 64; i++)
                if (!g_ascii_isxdigit(sha256[i]))
                        return false;
        return true;
}

char *store_original_path(bf_store *s, const char *sha256)
{
        char lower[65];

        if (!sha256_valid(sha256))
                return NULL;
        for (int i = 0; i < 64; i++)
                lower[i] = g_ascii_tolower(sha256[i]);
        lower[64] = '\0';
        return bf_xasprintf("%s/%.2s/%s", s->objects_dir, lower, lower + 2);
}

static int fsync_dir(const char *path)
{
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        int r = 0;

        if (fd < 0)
                return -1;
        if (fsync(fd) < 0 && errno != EINVAL)
                r = -1;
        close(fd);
        return r;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
        while (len > 0) {
                ssize_t n = write(fd, p, len);

                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        return -1;
                }
                p += n;
                len -= (size_t)n;
        }
        return 0;
}

int store_put_original(bf_store *s, const void *data, size_t len, char ret_sha256[65],
                       struct bf_error *err)
{
        char sha[65], *dir = NULL, *path = NULL, *tmp = NULL;
        struct stat sb;
        int fd = -1, r = 0;

        if (!data && len > 0)
                return bf_error_set(err, BF_EINVAL, "cannot store original: no data");
        bf_sha256_hex(data, len, sha);

        path = store_original_path(s, sha);
        dir = bf_xasprintf("%s/%.2s", s->objects_dir, sha);

        /* Idempotent: the same bytes are already there under their hash
         * (perhaps renamed there by another service a moment ago: synced
         * below all the same, before the caller commits a row naming it). */
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size == len)
                goto sync;

        if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
                r = bf_error_set(err, BF_EIO, "cannot create '%s': %s", dir, strerror(errno));
                goto done;
        }
        tmp = bf_xasprintf("%s/.tmp-XXXXXX", dir);
        fd = mkostemp(tmp, O_CLOEXEC);
        if (fd < 0) {
                r = bf_error_set(err, BF_EIO, "cannot create '%s': %s", tmp, strerror(errno));
                free(tmp);
                tmp = NULL;
                goto done;
        }
        if (fchmod(fd, 0600) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
                r = bf_error_set(err, BF_EIO, "cannot write '%s': %s", tmp, strerror(errno));
                goto done;
        }
        if (close(fd) < 0) {
                fd = -1;
                r = bf_error_set(err, BF_EIO, "cannot write '%s': %s", tmp, strerror(errno));
                goto done;
        }
        fd = -1;
        if (rename(tmp, path) < 0) {
                r = bf_error_set(err, BF_EIO, "cannot rename '%s' to '%s': %s", tmp, path,
                                 strerror(errno));
                goto done;
        }
        free(tmp);
        tmp = NULL;
sync:
        /* The rename is durable only once the directory is synced, and a
         * new fan-out directory only once its parent is: synced by whoever
         * writes into it, since on a shared archive the one that made it
         * (another service) may have died before it synced it. */
        if (fsync_dir(dir) < 0 || fsync_dir(s->objects_dir) < 0)
                r = bf_error_set(err, BF_EIO, "cannot sync '%s': %s", dir, strerror(errno));
done:
        if (fd >= 0)
                close(fd);
        if (tmp) {
                unlink(tmp);
                free(tmp);
        }
        free(dir);
        free(path);
        if (r == 0)
                memcpy(ret_sha256, sha, sizeof(sha));
        return r;
}
