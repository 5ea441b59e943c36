/* app.c: the context a command works in — configuration, store, OCR engine,
 * the acting user and the vendor master. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "capture/capture.h"
#include "pipeline/pipeline.h"

int app_open(bf_app *app, const char *home, char *const *overrides, size_t n_overrides,
             const char *user, bool need_store, struct bf_error *err)
{
        g_autofree char *db = NULL;
        int r;

        memset(app, 0, sizeof(*app));
        if ((r = config_load(&app->cfg, home, overrides, n_overrides, err)) < 0)
                return r;
        app->user = g_strdup(user && *user ? user : g_get_user_name());
        db = g_build_filename(app->cfg.home, "billflow.db", NULL);
        if (!g_file_test(db, G_FILE_TEST_EXISTS)) {
                if (need_store) {
                        bf_error_set(err, BF_ENOTFOUND,
                                     "no billflow home at '%s' (run 'billflow init' first)",
                                     app->cfg.home);
                        app_close(app);
                        return BF_ENOTFOUND;
                }
                return 0;
        }
        app->store = store_open(db, app->cfg.archive_path, err);
        if (!app->store) {
                r = err ? err->code : BF_EIO;
                app_close(app);
                return r < 0 ? r : BF_EIO;
        }
        if ((r = app_reload_vendors(app, err)) < 0) {
                app_close(app);
                return r;
        }
        return 0;
}

int app_reload_vendors(bf_app *app, struct bf_error *err)
{
        store_vendors_free(app->vendors, app->n_vendors);
        app->vendors = NULL;
        app->n_vendors = 0;
        if (!app->store)
                return 0;
        return store_vendors_load(app->store, &app->vendors, &app->n_vendors, err);
}

void app_close(bf_app *app)
{
        if (!app)
                return;
        store_vendors_free(app->vendors, app->n_vendors);
        ocr_free(app->ocr);
        store_close(app->store);
        g_free(app->user);
        config_release(&app->cfg);
        memset(app, 0, sizeof(*app));
}
