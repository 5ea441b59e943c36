/* servicestate.c: the capture service's own state, kept by the store. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pipeline/pipeline-int.h"
#include "store/store.h"

int pipeline_mailbox_get(bf_app *app, const char *mailbox, uint32_t *ret_uidvalidity,
                         uint32_t *ret_last_uid, struct bf_error *err)
{
        return store_mailbox_get(app->store, mailbox, ret_uidvalidity, ret_last_uid, err);
}

int pipeline_mailbox_set(bf_app *app, const char *mailbox, uint32_t uidvalidity,
                         uint32_t last_uid, struct bf_error *err)
{
        return store_mailbox_set(app->store, mailbox, uidvalidity, last_uid, err);
}

int pipeline_mail_handled(bf_app *app, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                          struct bf_error *err)
{
        return store_mail_handled(app->store, mailbox, uidvalidity, uid, err);
}

int pipeline_mail_record(bf_app *app, const bf_mail_record *m, struct bf_error *err)
{
        return store_mail_record(app->store, m, err);
}

int pipeline_mail_claim(bf_app *app, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
                        const char *instance, char **ret_from, struct bf_error *err)
{
        int r = store_mail_claim(app->store, mailbox, uidvalidity, uid, instance, ret_from, err);

        if (r == BF_EBUSY) /* another service's claim of it won the race */
                return PIPELINE_MAIL_HELD;
        if (r < 0)
                return r;
        return r == STORE_MAIL_CLAIMED ? PIPELINE_MAIL_CLAIMED
               : r == STORE_MAIL_DONE  ? PIPELINE_MAIL_DONE
                                       : PIPELINE_MAIL_HELD;
}

int pipeline_attempt_fail(bf_app *app, const char *sha256, const char *reason, int *ret_attempts,
                          struct bf_error *err)
{
        return store_attempt_fail(app->store, sha256, reason, ret_attempts, err);
}

int pipeline_poll_record(bf_app *app, const char *source, bool ok, const char *result,
                         struct bf_error *err)
{
        return store_poll_record(app->store, source, ok, result, err);
}

int pipeline_instance_renew(bf_app *app, const char *instance, int lease_seconds,
                            struct bf_error *err)
{
        return store_instance_renew(app->store, instance, lease_seconds, err);
}

int pipeline_instance_remove(bf_app *app, const char *instance, struct bf_error *err)
{
        return store_instance_remove(app->store, instance, err);
}

int pipeline_instance_remove_others(bf_app *app, const char *instance, struct bf_error *err)
{
        return store_instance_remove_others(app->store, instance, err);
}

/* Moves the files (not dotfiles: temporary copies) of dead_dir into
 * work_dir, appending their new paths to moved; then removes dead_dir. */
static int adopt_files(const char *dead_dir, const char *work_dir, GPtrArray *moved,
                       struct bf_error *err)
{
        GDir *d = g_dir_open(dead_dir, 0, NULL);
        const char *name;
        int r = 0;

        if (!d)
                return 0; /* it never claimed anything */
        while (r == 0 && (name = g_dir_read_name(d))) {
                g_autofree char *from = g_build_filename(dead_dir, name, NULL);
                g_autofree char *to = g_build_filename(work_dir, name, NULL);

                if (name[0] == '.') {
                        (void)g_unlink(from);
                        continue;
                }
                /* rename is atomic: of two adopters one gets the file */
                if (g_rename(from, to) == 0)
                        g_ptr_array_add(moved, g_strdup(to));
                else if (errno != ENOENT)
                        r = bf_error_set(err, BF_EIO, "cannot take over '%s': %s", from,
                                         g_strerror(errno));
        }
        g_dir_close(d);
        if (r == 0)
                (void)g_rmdir(dead_dir);
        return r;
}

static int adopt_dead(bf_app *app, const char *work_root, const char *work_dir,
                      GPtrArray *moved, struct bf_error *err)
{
        for (;;) {
                g_autofree char *dead_dir = NULL;
                char *dead = NULL;
                int r;

                if ((r = store_begin(app->store, err)) < 0)
                        return r;
                if ((r = store_instance_take_dead(app->store, &dead, err)) < 0 || !dead) {
                        store_rollback(app->store);
                        return r;
                }
                /* The name is a folder under work_root, never a path. */
                if (strchr(dead, '/') || strcmp(dead, ".") == 0 || strcmp(dead, "..") == 0) {
                        r = 0;
                } else {
                        dead_dir = g_build_filename(work_root, dead, NULL);
                        r = adopt_files(dead_dir, work_dir, moved, err);
                }
                if (r == 0)
                        r = store_instance_remove(app->store, dead, err);
                free(dead);
                if (r == 0)
                        r = store_commit(app->store, err);
                else
                        store_rollback(app->store);
                if (r < 0)
                        return r;
        }
}

int pipeline_instance_adopt(bf_app *app, const char *work_root, const char *work_dir,
                            char ***ret_moved, struct bf_error *err)
{
        GPtrArray *moved = g_ptr_array_new();
        int r = adopt_dead(app, work_root, work_dir, moved, err);

        g_ptr_array_add(moved, NULL);
        *ret_moved = (char **)g_ptr_array_free(moved, FALSE);
        return r;
}
