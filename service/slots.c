/* slots.c: the machine's reading slots. Several `billflow run` on one
 * PostgreSQL store may run on one machine; each reads a document with all
 * of a core, so more documents at once than cores only slows every one of
 * them (three one-worker services on two cores drained an inbox 4-6%
 * slower than two). A slot is an flock(2) on one of N files in a folder of
 * the user's runtime directory named after the store: a service claims a
 * file only with a slot in hand, and a worker reads a document it did not
 * claim (resumed, taken over, a mail's attachment) only once it has one.
 * The kernel releases the lock when its descriptor closes, also when the
 * process is killed, so a dead service never keeps a slot. */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "service/service-int.h"

int service_slots_open(struct service *svc, struct bf_error *err)
{
        const struct bf_config *cfg = &svc->app.cfg;
        g_autofree char *key = NULL;

        svc->n_host_slots = cfg->ocr_host_workers > 0 ? cfg->ocr_host_workers
                                                      : (int)g_get_num_processors();
        /* The store's URL names the folder: services of other stores on
         * this machine (another database, a test's) keep their own. */
        key = g_compute_checksum_for_string(G_CHECKSUM_SHA256, cfg->store_url, -1);
        key[16] = '\0';
        svc->slots_dir = g_strdup_printf("%s/billflow/slots-%s", g_get_user_runtime_dir(), key);
        if (g_mkdir_with_parents(svc->slots_dir, 0700) < 0) {
                int e = errno;
                int r = bf_error_set(err, BF_EIO, "cannot create '%s': %s", svc->slots_dir,
                                     strerror(e));
                g_clear_pointer(&svc->slots_dir, g_free);
                return r;
        }
        return 0;
}

void service_slots_close(struct service *svc)
{
        g_clear_pointer(&svc->slots_dir, g_free);
}

int service_slot_take(struct service *svc)
{
        if (!svc->slots_dir)
                return SERVICE_SLOT_NONE;
        for (int i = 0; i < svc->n_host_slots; i++) {
                char path[PATH_MAX];
                int fd, e;

                if (snprintf(path, sizeof(path), "%s/%d", svc->slots_dir, i) >= (int)sizeof(path))
                        return SERVICE_SLOT_NONE;
                /* Close-on-exec: a reader process started meanwhile must
                 * not carry the lock along. */
                fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
                if (fd < 0)
                        return SERVICE_SLOT_NONE; /* a folder we cannot use limits nothing */
                if (flock(fd, LOCK_EX | LOCK_NB) == 0)
                        return fd;
                e = errno;
                close(fd);
                if (e != EWOULDBLOCK && e != EINTR)
                        return SERVICE_SLOT_NONE;
        }
        return SERVICE_SLOT_BUSY;
}

void service_slot_release(int *slot)
{
        if (*slot >= 0)
                close(*slot);
        *slot = SERVICE_SLOT_NONE;
}
