/* report.c: the KPIs — how many documents came in, how many went straight
 * through, how often reviewers corrected a field, and how long posting and
 * resolving took — overall, per vendor and per source. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "pipeline/pipeline.h"
#include "store/store.h"

/* Seconds from one ISO 8601 time to another; false if either is missing. */
static bool seconds_between(const char *from, const char *to, double *ret)
{
        g_autoptr(GDateTime) a = NULL, b = NULL;

        if (!from || !to)
                return false;
        a = g_date_time_new_from_iso8601(from, NULL);
        b = g_date_time_new_from_iso8601(to, NULL);
        if (!a || !b)
                return false;
        *ret = (double)g_date_time_difference(b, a) / G_TIME_SPAN_SECOND;
        if (*ret < 0)
                *ret = 0;
        return true;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return (x > y) - (x < y);
}

/* The q-quantile (0..1) of n sorted values by the nearest-rank method; -1
 * when there are none. */
static double quantile(const double *v, size_t n, double q)
{
        size_t rank;

        if (!n)
                return -1;
        rank = (size_t)(q * (double)n + 0.999999);
        if (rank < 1)
                rank = 1;
        return v[(rank > n ? n : rank) - 1];
}

struct acc {
        struct bf_report_group g;
        GArray *post, *resolve;         /* durations in seconds */
};

static void acc_add(struct acc *a, const bf_report_doc *d)
{
        double s;

        a->g.documents++;
        if (d->posted_at)
                a->g.posted++;
        if (d->posted_at && d->n_exceptions == 0)
                a->g.straight_through++;
        if (d->n_exceptions > 0)
                a->g.queued++;
        if (d->open)
                a->g.open++;
        if (d->state == DOC_REJECTED)
                a->g.rejected++;
        if (d->state == DOC_UNREADABLE_STATE)
                a->g.unreadable++;
        if (seconds_between(d->received_at, d->posted_at, &s))
                g_array_append_val(a->post, s);
        if (d->n_exceptions > 0 && seconds_between(d->queued_at, d->resolved_at, &s) && !d->open)
                g_array_append_val(a->resolve, s);
}

static void acc_finish(struct acc *a, struct bf_report_group *ret)
{
        g_array_sort(a->post, cmp_double);
        g_array_sort(a->resolve, cmp_double);
        *ret = a->g;
        ret->post_median_s = quantile((double *)a->post->data, a->post->len, 0.5);
        ret->post_p90_s = quantile((double *)a->post->data, a->post->len, 0.9);
        ret->resolve_median_s = quantile((double *)a->resolve->data, a->resolve->len, 0.5);
        ret->resolve_p90_s = quantile((double *)a->resolve->data, a->resolve->len, 0.9);
        g_array_free(a->post, TRUE);
        g_array_free(a->resolve, TRUE);
}

static struct acc *acc_new(const char *key)
{
        struct acc *a = g_new0(struct acc, 1);

        a->g.key = g_strdup(key);
        a->post = g_array_new(FALSE, FALSE, sizeof(double));
        a->resolve = g_array_new(FALSE, FALSE, sizeof(double));
        return a;
}

/* Groups the documents by key (vendor or source) into ret, largest first. */
static void group_by(const bf_report_doc *docs, size_t n, bool by_vendor,
                     struct bf_report_group **ret, size_t *ret_n)
{
        g_autoptr(GHashTable) map = g_hash_table_new(g_str_hash, g_str_equal);
        GPtrArray *order = g_ptr_array_new();

        for (size_t i = 0; i < n; i++) {
                const char *key = by_vendor ? docs[i].vendor : docs[i].source;
                g_autofree char *kind = NULL;
                struct acc *a;

                if (!key || !*key)
                        key = "(unknown)";
                /* "imap:<uidvalidity>:<uid>" is one source, the mailbox. */
                if (!by_vendor && g_str_has_prefix(key, "imap:"))
                        key = "imap";
                if (!(a = g_hash_table_lookup(map, key))) {
                        a = acc_new(key);
                        g_hash_table_insert(map, a->g.key, a);
                        g_ptr_array_add(order, a);
                }
                acc_add(a, &docs[i]);
        }
        *ret_n = order->len;
        *ret = g_new0(struct bf_report_group, order->len ? order->len : 1);
        for (guint i = 0; i < order->len; i++) {
                acc_finish(order->pdata[i], &(*ret)[i]);
                g_free(order->pdata[i]);
        }
        g_ptr_array_free(order, TRUE);
        for (size_t i = 1; i < *ret_n; i++)     /* insertion sort: documents, then key */
                for (size_t j = i; j > 0; j--) {
                        struct bf_report_group *x = &(*ret)[j - 1], *y = &(*ret)[j];
                        if (x->documents > y->documents ||
                            (x->documents == y->documents && strcmp(x->key, y->key) <= 0))
                                break;
                        struct bf_report_group t = *x;
                        *x = *y;
                        *y = t;
                }
}

int pipeline_report_build(bf_app *app, bf_date since, bf_date until, struct bf_report *ret,
                 struct bf_error *err)
{
        bf_report_doc *docs = NULL;
        size_t n = 0;
        struct acc *all;
        int r;

        memset(ret, 0, sizeof(*ret));
        ret->since = since;
        ret->until = until;
        if ((r = store_report_docs(app->store, since, until, &docs, &n, err)) < 0)
                return r;
        if ((r = store_report_corrections(app->store, since, until, &ret->fields, &ret->corrected,
                                          &ret->n_fields, err)) < 0) {
                report_docs_free(docs, n);
                return r;
        }
        all = acc_new("all");
        for (size_t i = 0; i < n; i++)
                acc_add(all, &docs[i]);
        acc_finish(all, &ret->total);
        g_free(all);
        group_by(docs, n, true, &ret->vendors, &ret->n_vendors);
        group_by(docs, n, false, &ret->sources, &ret->n_sources);
        report_docs_free(docs, n);
        return 0;
}

static void groups_free(struct bf_report_group *g, size_t n)
{
        for (size_t i = 0; g && i < n; i++)
                g_free(g[i].key);
        g_free(g);
}

void pipeline_report_release(struct bf_report *r)
{
        if (!r)
                return;
        g_free(r->total.key);
        groups_free(r->vendors, r->n_vendors);
        groups_free(r->sources, r->n_sources);
        for (size_t i = 0; r->fields && i < r->n_fields; i++)
                free(r->fields[i]);
        free(r->fields);
        free(r->corrected);
        memset(r, 0, sizeof(*r));
}
