/* probe.c: compiled by tests/test_floors.py with the very command line of a
 * file in cli/, tui/ or service/. As it stands it compiles (so the command
 * is right); with PROBE_CALL_STORE (a store call) or PROBE_INCLUDE_STORE
 * (the store's header) it must not: above floor 3 the store is reached
 * through the pipeline only. */
#ifdef PROBE_INCLUDE_STORE
#include "store/store.h"
#endif
#include "pipeline/pipeline.h"

int floor_probe(bf_app *app);

int floor_probe(bf_app *app)
{
        bf_exception *list = NULL;
        size_t n = 0;
        int r = pipeline_exceptions_open(app, &list, &n, NULL);

        exceptions_free(list, n);
#ifdef PROBE_CALL_STORE
        store_close(store_open("billflow.db", "objects", NULL));
#endif
        return r;
}
