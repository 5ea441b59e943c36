/* metrics.c: the service's Prometheus endpoint — `metrics.listen`
 * (HOST:PORT) serves the text exposition format at /metrics through
 * libmicrohttpd's own thread: documents by source and outcome, stage
 * durations as histograms, the straight-through rate, the exception queue,
 * approvals waiting, IMAP poll errors, quarantined files and reader restarts. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "service/service-int.h"

enum { SRC_INBOX = 0, SRC_IMAP, N_SOURCES };
enum { OUT_POSTED = 0, OUT_QUEUED, OUT_DUPLICATE, OUT_FAILED, N_OUTCOMES };
enum { ST_CAPTURE = 0, ST_OCR, ST_EXTRACT, ST_RULES, ST_COMMIT, N_STAGES };

static const char *const source_names[N_SOURCES] = { "inbox", "imap" };
static const char *const outcome_names[N_OUTCOMES] = { "posted", "queued", "duplicate", "failed" };
static const char *const stage_names[N_STAGES] = { "capture", "ocr", "extract", "rules", "commit" };
/* Seconds: a text layer takes milliseconds, a scanned page seconds, a
 * long scan minutes (capture.timeout_seconds is 300 by default). */
static const double buckets[] = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
                                  60, 120, 300 };
#define N_BUCKETS G_N_ELEMENTS(buckets)

struct histogram {
        uint64_t le[N_BUCKETS];      /* cumulative at render time; here per bucket */
        uint64_t count;
        double sum;
};

struct service_metrics {
        struct service *svc;
        struct MHD_Daemon *daemon;
        bf_app app;                  /* used by the HTTP thread only: the gauges */
        GMutex lock;                 /* guards what follows */
        int64_t documents[N_SOURCES][N_OUTCOMES];
        struct histogram stages[N_STAGES];
};

static void observe(struct histogram *h, int64_t us)
{
        double s = (double)us / 1e6;

        for (size_t i = 0; i < N_BUCKETS; i++)
                if (s <= buckets[i]) {
                        h->le[i]++;
                        break;
                }
        h->count++;
        h->sum += s;
}

void service_metrics_observe(struct service_metrics *m, const struct service_event *ev)
{
        int src, out;

        if (!m || ev->kind == SERVICE_EVENT_START || ev->kind == SERVICE_EVENT_GONE ||
            ev->kind == SERVICE_EVENT_LEFT)
                return;
        src = ev->source && g_str_has_prefix(ev->source, "imap") ? SRC_IMAP : SRC_INBOX;
        if (ev->kind == SERVICE_EVENT_FAILED)
                out = OUT_FAILED;
        else if (ev->result->outcome == OUTCOME_POSTED)
                out = OUT_POSTED;
        else if (ev->result->outcome == OUTCOME_EXCEPTION)
                out = OUT_QUEUED;
        else
                out = OUT_DUPLICATE;
        g_mutex_lock(&m->lock);
        m->documents[src][out]++;
        if (out == OUT_POSTED || out == OUT_QUEUED) {
                const struct bf_timings *t = &ev->result->timings;

                observe(&m->stages[ST_CAPTURE], t->capture_us);
                if (t->ocr_us > 0)
                        observe(&m->stages[ST_OCR], t->ocr_us);
                observe(&m->stages[ST_EXTRACT], t->extract_us);
                observe(&m->stages[ST_RULES], t->rules_us);
                observe(&m->stages[ST_COMMIT], t->commit_us);
        }
        g_mutex_unlock(&m->lock);
}

/* ------------------------------------------------------------- render */

static void head(GString *o, const char *name, const char *type, const char *help)
{
        g_string_append_printf(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void number(GString *o, double v)
{
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (v != v)
                g_string_append(o, "NaN");
        else
                g_string_append(o, g_ascii_dtostr(buf, sizeof(buf), v));
}

/* Files in failed/ (each with its NAME.reason beside it). */
static int64_t quarantined_files(const char *failed_dir)
{
        DIR *d = opendir(failed_dir);
        struct dirent *e;
        int64_t n = 0;

        if (!d)
                return 0;
        while ((e = readdir(d)))
                if (g_str_has_suffix(e->d_name, ".reason") && e->d_name[0] != '.')
                        n++;
        closedir(d);
        return n;
}

static char *render(struct service_metrics *m)
{
        struct service *svc = m->svc;
        GString *o = g_string_new(NULL);
        struct bf_gauges g = { 0 };
        struct bf_error err = { 0 };
        int64_t docs[N_SOURCES][N_OUTCOMES], poll_errors, restarts, waiting, posted = 0, queued = 0;
        struct histogram st[N_STAGES];
        bool gauges_ok;

        g_mutex_lock(&m->lock);
        memcpy(docs, m->documents, sizeof(docs));
        memcpy(st, m->stages, sizeof(st));
        g_mutex_unlock(&m->lock);
        g_mutex_lock(&svc->lock);
        poll_errors = svc->summary.poll_failures;
        restarts = svc->reader_restarts;
        waiting = svc->jobs_total - svc->jobs_done;
        g_mutex_unlock(&svc->lock);
        gauges_ok = pipeline_gauges(&m->app, &g, &err) == 0;

        head(o, "billflow_documents_total", "counter",
             "Documents the service finished since it started, by source and outcome.");
        for (int s = 0; s < N_SOURCES; s++)
                for (int k = 0; k < N_OUTCOMES; k++)
                        g_string_append_printf(o, "billflow_documents_total{source=\"%s\",outcome=\"%s\"} %"
                                               PRId64 "\n", source_names[s], outcome_names[k], docs[s][k]);
        head(o, "billflow_stage_duration_seconds", "histogram",
             "Time a new document spent in each stage (ocr only when a page was OCRed).");
        for (int s = 0; s < N_STAGES; s++) {
                uint64_t cum = 0;

                for (size_t i = 0; i < N_BUCKETS; i++) {
                        cum += st[s].le[i];
                        g_string_append_printf(o, "billflow_stage_duration_seconds_bucket{stage=\"%s\",le=\"",
                                               stage_names[s]);
                        number(o, buckets[i]);
                        g_string_append_printf(o, "\"} %" PRIu64 "\n", cum);
                }
                g_string_append_printf(o, "billflow_stage_duration_seconds_bucket{stage=\"%s\",le=\"+Inf\"} %"
                                       PRIu64 "\n", stage_names[s], st[s].count);
                g_string_append_printf(o, "billflow_stage_duration_seconds_sum{stage=\"%s\"} ", stage_names[s]);
                number(o, st[s].sum);
                g_string_append_printf(o, "\nbillflow_stage_duration_seconds_count{stage=\"%s\"} %" PRIu64 "\n",
                                       stage_names[s], st[s].count);
        }
        for (int s = 0; s < N_SOURCES; s++) {
                posted += docs[s][OUT_POSTED];
                queued += docs[s][OUT_QUEUED];
        }
        head(o, "billflow_straight_through_ratio", "gauge",
             "Share of the new documents since start that were posted without a person (NaN before the first).");
        g_string_append(o, "billflow_straight_through_ratio ");
        number(o, posted + queued ? (double)posted / (double)(posted + queued) : NAN);
        g_string_append(o, "\n");
        head(o, "billflow_documents_waiting", "gauge",
             "Documents claimed or received and not yet finished.");
        g_string_append_printf(o, "billflow_documents_waiting %" PRId64 "\n", waiting);
        if (gauges_ok) {
                head(o, "billflow_queue_depth", "gauge", "Open exceptions (invoices and bank statement lines) waiting for a reviewer.");
                g_string_append_printf(o, "billflow_queue_depth %" PRId64 "\n", g.open_exceptions);
                head(o, "billflow_queue_oldest_age_seconds", "gauge",
                     "Age of the oldest open exception (0 when none).");
                g_string_append(o, "billflow_queue_oldest_age_seconds ");
                number(o, g.oldest_exception_age_s);
                g_string_append(o, "\n");
                head(o, "billflow_approvals_waiting", "gauge", "Invoices waiting for an approver.");
                g_string_append_printf(o, "billflow_approvals_waiting %" PRId64 "\n", g.approvals_waiting);
        }
        head(o, "billflow_store_up", "gauge", "1 when the gauges could be read from the store.");
        g_string_append_printf(o, "billflow_store_up %d\n", gauges_ok ? 1 : 0);
        head(o, "billflow_imap_poll_errors_total", "counter", "Mailbox polls that failed since start.");
        g_string_append_printf(o, "billflow_imap_poll_errors_total %" PRId64 "\n", poll_errors);
        head(o, "billflow_quarantined_files", "gauge", "Files in failed/, each with its reason.");
        g_string_append_printf(o, "billflow_quarantined_files %" PRId64 "\n",
                               quarantined_files(svc->app.cfg.failed_path));
        head(o, "billflow_worker_restarts_total", "counter",
             "Reader processes started again after one died, timed out or misbehaved.");
        g_string_append_printf(o, "billflow_worker_restarts_total %" PRId64 "\n", restarts);
        return g_string_free(o, FALSE);
}

/* ------------------------------------------------------------- server */

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, char *body,
                             const char *type)
{
        struct MHD_Response *resp =
                MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
        enum MHD_Result r;

        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
        r = MHD_queue_response(c, status, resp);
        MHD_destroy_response(resp);
        return r;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
        struct service_metrics *m = cls;

        (void)version;
        (void)upload_data;
        (void)con_cls;
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
                return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, g_strdup("GET /metrics only\n"),
                             "text/plain; charset=utf-8");
        if (*upload_data_size)
                return MHD_NO;
        if (strcmp(url, "/metrics") != 0)
                return reply(c, MHD_HTTP_NOT_FOUND, g_strdup("not found: try /metrics\n"),
                             "text/plain; charset=utf-8");
        return reply(c, MHD_HTTP_OK, render(m), "text/plain; version=0.0.4; charset=utf-8");
}

struct service_metrics *service_metrics_start(struct service *svc, struct bf_error *err)
{
        const struct bf_config *cfg = &svc->app.cfg;
        const struct service_options *opt = svc->opt;
        struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
                                  .ai_flags = AI_NUMERICSERV | AI_PASSIVE }, *ai = NULL;
        struct service_metrics *m;
        const union MHD_DaemonInfo *info;
        struct sockaddr_storage bound;
        socklen_t blen = sizeof(bound);
        g_autofree char *host = NULL;
        char port_s[16], shown[NI_MAXHOST];
        int port = 0, rc;

        if (!cfg->metrics_listen || !*cfg->metrics_listen)
                return NULL;
        if (pipeline_config_split_listen(cfg->metrics_listen, &host, &port) < 0) {
                bf_error_set(err, BF_EINVAL, "metrics.listen must be HOST:PORT, not '%s'",
                             cfg->metrics_listen);
                return NULL;
        }
        snprintf(port_s, sizeof(port_s), "%d", port);
        if ((rc = getaddrinfo(host, port_s, &hints, &ai)) != 0) {
                bf_error_set(err, BF_EINVAL, "cannot resolve metrics.listen '%s': %s",
                             cfg->metrics_listen, gai_strerror(rc));
                return NULL;
        }
        m = g_new0(struct service_metrics, 1);
        m->svc = svc;
        g_mutex_init(&m->lock);
        if (pipeline_app_open(&m->app, opt->home, opt->overrides, opt->n_overrides, opt->user, true, err) < 0)
                goto fail;
        m->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                                             (ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0),
                                     0, NULL, NULL, handle, m,
                                     MHD_OPTION_SOCK_ADDR, ai->ai_addr,
                                     MHD_OPTION_CONNECTION_LIMIT, (unsigned)16,
                                     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
                                     MHD_OPTION_END);
        if (!m->daemon) {
                bf_error_set(err, BF_EIO, "cannot listen on metrics.listen '%s': %s",
                             cfg->metrics_listen, errno ? strerror(errno) : "address in use?");
                pipeline_app_close(&m->app);
                goto fail;
        }
        info = MHD_get_daemon_info(m->daemon, MHD_DAEMON_INFO_LISTEN_FD);
        if (info && getsockname(info->listen_fd, (struct sockaddr *)&bound, &blen) == 0 &&
            getnameinfo((struct sockaddr *)&bound, blen, shown, sizeof(shown), port_s,
                        sizeof(port_s), NI_NUMERICHOST | NI_NUMERICSERV) == 0)
                service_log(svc, SERVICE_INFO, "metrics", "serving http://%s%s%s:%s/metrics",
                            strchr(shown, ':') ? "[" : "", shown, strchr(shown, ':') ? "]" : "",
                            port_s);
        freeaddrinfo(ai);
        return m;
fail:
        if (err && err->code == 0)
                err->code = BF_EIO;
        freeaddrinfo(ai);
        g_mutex_clear(&m->lock);
        g_free(m);
        return NULL;
}

void service_metrics_stop(struct service_metrics *m)
{
        if (!m)
                return;
        MHD_stop_daemon(m->daemon);
        pipeline_app_close(&m->app);
        g_mutex_clear(&m->lock);
        g_free(m);
}
