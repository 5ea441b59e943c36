/* app.c: the context a command works in — configuration, store, reader process,
 * the acting user and the vendor master. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "capture/reader.h"
#include "extract/extract.h"
#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* extract.model: a ranker of the user's own, read once per process. */
static int app_load_model(bf_app *app, struct bf_error *err)
{
        g_autofree char *text = NULL;
        g_autoptr(GError) gerr = NULL;
        gsize len = 0;
        const char *path = app->cfg.extract_model;

        if (!path)
                return 0;
        if (!g_file_get_contents(path, &text, &len, &gerr))
                return bf_error_set(err, BF_EIO, "cannot read extract.model '%s': %s", path, gerr->message);
        if (extract_model_parse(text, len, &app->model, err) < 0)
                return bf_error_prefix(err, "extract.model '%s'", path);
        return 0;
}

/* extract.calibration: a table of the user's own, read once per process. */
static int app_load_calibration(bf_app *app, struct bf_error *err)
{
        g_autofree char *text = NULL;
        g_autoptr(GError) gerr = NULL;
        gsize len = 0;
        const char *path = app->cfg.extract_calibration;

        if (!path || !*path)
                return 0;
        if (strcmp(path, "none") == 0) {
                app->no_calibration = true;
                return 0;
        }
        if (!g_file_get_contents(path, &text, &len, &gerr))
                return bf_error_set(err, BF_EIO, "cannot read extract.calibration '%s': %s", path,
                                    gerr->message);
        if (extract_calibration_parse(text, len, &app->calibration, err) < 0)
                return bf_error_prefix(err, "extract.calibration '%s'", path);
        return 0;
}

int pipeline_app_open(bf_app *app, const char *home, char *const *overrides, size_t n_overrides,
             const char *user, bool need_store, struct bf_error *err)
{
        g_autofree char *db = NULL;
        int r;

        memset(app, 0, sizeof(*app));
        if ((r = pipeline_config_load(&app->cfg, home, overrides, n_overrides, err)) < 0)
                return r;
        app->user = g_strdup(user && *user ? user : g_get_user_name());
        if ((r = app_load_model(app, err)) < 0 || (r = app_load_calibration(app, err)) < 0) {
                pipeline_app_close(app);
                return r;
        }
        db = pipeline_config_store_db(&app->cfg);
        if (!pipeline_config_store_is_pg(&app->cfg) && !g_file_test(db, G_FILE_TEST_EXISTS)) {
                if (need_store) {
                        bf_error_set(err, BF_ENOTFOUND,
                                     "no billflow home at '%s' (run 'billflow init' first)",
                                     app->cfg.home);
                        pipeline_app_close(app);
                        return BF_ENOTFOUND;
                }
                return 0;
        }
        app->store = store_open_url(db, app->cfg.store_password_file, app->cfg.archive_path, err);
        if (!app->store) {
                r = err ? err->code : BF_EIO;
                pipeline_app_close(app);
                return r < 0 ? r : BF_EIO;
        }
        if ((r = pipeline_app_reload_vendors(app, err)) < 0) {
                pipeline_app_close(app);
                return r;
        }
        return 0;
}

int pipeline_app_reload_vendors(bf_app *app, struct bf_error *err)
{
        vendors_free(app->vendors, app->n_vendors);
        app->vendors = NULL;
        app->n_vendors = 0;
        if (!app->store)
                return 0;
        return store_vendors_load(app->store, &app->vendors, &app->n_vendors, err);
}

struct bf_reader *pipeline_app_reader(bf_app *app)
{
        const struct bf_capture_config *c = &app->cfg.capture;
        struct reader_options opt;

        if (app->reader)
                return app->reader;
        reader_options_init(&opt);
        opt.language = app->cfg.ocr_language;
        opt.tessdata = app->cfg.ocr_tessdata;
        opt.dpi = app->cfg.ocr_dpi;
        opt.timeout_seconds = c->timeout_seconds;
        opt.max_memory_bytes = (int64_t)c->max_memory_mb << 20;
        opt.budget.max_pages = c->max_pages;
        opt.budget.max_page_pixels = (int64_t)c->max_page_megapixels * 1000000;
        opt.budget.max_total_pixels = (int64_t)c->max_total_megapixels * 1000000;
        opt.budget.max_mime_parts = c->max_mime_parts;
        opt.budget.max_mime_depth = c->max_mime_depth;
        opt.budget.max_decoded_bytes = (int64_t)c->max_decoded_mb << 20;
        app->reader = reader_new(&opt);
        return app->reader;
}

bool pipeline_race_again(bf_app *app, int r, int attempt, struct bf_error *err)
{
        int64_t pause_us;

        if (r != BF_EBUSY || attempt + 1 >= PIPELINE_RACE_TRIES || !app->store ||
            !store_lost_race(app->store))
                return false;
        pause_us = MIN((int64_t)10000 << MIN(attempt, 6), 500000);
        g_usleep((gulong)(pause_us + g_random_int_range(0, (gint32)pause_us + 1)));
        if (err)
                memset(err, 0, sizeof(*err));
        return true;
}

void pipeline_app_close(bf_app *app)
{
        if (!app)
                return;
        vendors_free(app->vendors, app->n_vendors);
        extract_model_free(app->model);
        extract_calibration_free(app->calibration);
        reader_free(app->reader);
        store_close(app->store);
        g_free(app->user);
        pipeline_config_release(&app->cfg);
        memset(app, 0, sizeof(*app));
}
