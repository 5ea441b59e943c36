/* outbox.c: notifications — events written to the outbox in the
 * transaction of their cause, sent afterwards by pipeline_outbox_flush() (mail
 * through SMTP, a signed POST to the webhook), marked sent only once
 * delivered, retried with back-off. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "capture/notify.h"
#include "pipeline/pipeline-int.h"
#include "store/store.h"

/* Per message and transport. */
#define OUTBOX_TIMEOUT_SECONDS 10
/* Messages one flush sends at most. */
#define OUTBOX_BATCH 100
/* Back-off after a failed send: notify.retry_after, doubling, at most an hour. */
#define OUTBOX_RETRY_MAX 3600

static const char *event_title(const char *type)
{
        static const struct { const char *type, *title; } titles[] = {
                { "approval_needed", "approval needed" },
                { "reminder", "reminder: approval waiting" },
                { "escalation", "escalated: approval waiting" },
                { "declined", "invoice declined" },
                { "exception", "exception queued" },
                { "capture_failing", "capture failing" },
                { "queue_age", "exception queue waiting" },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(titles); i++)
                if (strcmp(titles[i].type, type) == 0)
                        return titles[i].title;
        return type;
}

static void member_text(JsonBuilder *b, const char *name, const char *value)
{
        json_builder_set_member_name(b, name);
        if (value)
                json_builder_add_string_value(b, value);
        else
                json_builder_add_null_value(b);
}

static void member_id(JsonBuilder *b, const char *name, int64_t id)
{
        json_builder_set_member_name(b, name);
        if (id)
                json_builder_add_int_value(b, id);
        else
                json_builder_add_null_value(b);
}

/* The event as JSON: its id, type, time and what it is about. */
static char *event_json(bf_app *app, const struct notify_event *ev, const char *event_id,
                        const char *to, const char *at)
{
        g_autoptr(JsonBuilder) b = json_builder_new();
        g_autoptr(JsonGenerator) gen = json_generator_new();
        g_autoptr(JsonNode) root = NULL;
        char amount[32];

        json_builder_begin_object(b);
        member_text(b, "id", event_id);
        member_text(b, "type", ev->type);
        member_text(b, "at", at);
        member_id(b, "document_id", ev->document_id);
        member_id(b, "approval_id", ev->approval_id);
        member_text(b, "vendor", ev->vendor);
        member_text(b, "vendor_id", ev->vendor_id);
        member_text(b, "invoice_number", ev->invoice_number);
        member_text(b, "amount", ev->has_amount && money_format(ev->amount, amount, sizeof(amount)) > 0
                                         ? amount : NULL);
        member_text(b, "currency", ev->has_amount ? ev->amount.currency : NULL);
        if (ev->levels) {
                json_builder_set_member_name(b, "level");
                json_builder_add_int_value(b, ev->level);
                json_builder_set_member_name(b, "levels");
                json_builder_add_int_value(b, ev->levels);
        }
        member_text(b, "detail", ev->detail);
        member_text(b, "to", to);
        member_text(b, "by", app->user);
        json_builder_end_object(b);
        root = json_builder_get_root(b);
        json_generator_set_root(gen, root);
        return json_generator_to_data(gen, NULL);
}

static char *event_subject(const struct notify_event *ev)
{
        GString *s = g_string_new("billflow: ");
        char amount[32];

        g_string_append(s, event_title(ev->type));
        if (ev->vendor || ev->invoice_number)
                g_string_append_printf(s, " - %s%s%s", ev->vendor ? ev->vendor : "",
                                       ev->vendor && ev->invoice_number ? " " : "",
                                       ev->invoice_number ? ev->invoice_number : "");
        if (ev->has_amount && money_format(ev->amount, amount, sizeof(amount)) > 0)
                g_string_append_printf(s, " %s %s", amount, ev->amount.currency);
        return g_string_free(s, FALSE);
}

static bool set(const char *s)
{
        return s && *s;
}

/* 1 when queued, 0 when its dedupe key had it queued already, or <0. */
static int queue_one(bf_app *app, const struct notify_event *ev, const char *channel,
                     const char *recipient, const char *subject, const char *at,
                     struct bf_error *err)
{
        g_autofree char *event_id = g_uuid_string_random();
        g_autofree char *payload = event_json(app, ev, event_id, recipient, at);
        /* the message's fields are owned strings (it is also what the store
         * hands back); these copies live until the row is written */
        g_autofree char *key = g_strdup(ev->dedupe_key), *type = g_strdup(ev->type);
        g_autofree char *chan = g_strdup(channel), *rcpt = g_strdup(recipient);
        g_autofree char *subj = g_strdup(subject);
        bf_outbox_msg m = {
                .event_id = event_id, .dedupe_key = key, .event_type = type, .channel = chan,
                .recipient = rcpt, .subject = subj, .payload = payload,
        };

        int added = 0, r = store_outbox_add(app->store, &m, &added, err);

        return r < 0 ? r : added;
}

int pipeline_notify_queue(bf_app *app, const struct notify_event *ev, char *const *emails,
                 struct bf_error *err)
{
        const struct bf_notify_config *n = &app->cfg.notify;
        g_autofree char *subject = event_subject(ev);
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *at = g_date_time_format_iso8601(now);
        g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
        int added = 0, r;

        for (char *const *e = emails; set(n->smtp_url) && e && *e; e++) {
                if (!**e || !g_hash_table_add(seen, *e))
                        continue;
                if ((r = queue_one(app, ev, "mail", *e, subject, at, err)) < 0)
                        return r;
                added += r;
        }
        if (set(n->webhook_url)) {
                if ((r = queue_one(app, ev, "webhook", n->webhook_url, subject, at, err)) < 0)
                        return r;
                added += r;
        }
        return added;
}

char **pipeline_notify_emails_by_role(bf_app *app, unsigned roles)
{
        GPtrArray *out = g_ptr_array_new();
        bf_user *users = NULL;
        size_t n = 0;

        if (store_users_load(app->store, &users, &n, NULL) == 0)
                for (size_t i = 0; i < n; i++)
                        if ((users[i].roles & roles) && set(users[i].email))
                                g_ptr_array_add(out, g_strdup(users[i].email));
        store_users_free(users, n);
        g_ptr_array_add(out, NULL);
        return (char **)g_ptr_array_free(out, FALSE);
}

/* The mail's body: what happened and the event's facts, one a line. */
static char *mail_body(const bf_outbox_msg *m)
{
        g_autoptr(JsonParser) p = json_parser_new();
        GString *s = g_string_new(NULL);
        JsonObject *o;

        if (!json_parser_load_from_data(p, m->payload, -1, NULL) ||
            !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
                g_string_append(s, m->payload);
                return g_string_free(s, FALSE);
        }
        o = json_node_get_object(json_parser_get_root(p));
        if (json_object_has_member(o, "detail") && json_object_get_string_member(o, "detail"))
                g_string_append_printf(s, "%s\n\n", json_object_get_string_member(o, "detail"));
        static const char *const keys[] = { "type", "document_id", "approval_id", "vendor",
                                            "invoice_number", "amount", "currency", "level",
                                            "levels", "at", "id" };
        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
                JsonNode *v = json_object_get_member(o, keys[i]);
                if (!v || JSON_NODE_HOLDS_NULL(v))
                        continue;
                if (json_node_get_value_type(v) == G_TYPE_STRING)
                        g_string_append_printf(s, "%-15s %s\n", keys[i], json_node_get_string(v));
                else
                        g_string_append_printf(s, "%-15s %" G_GINT64_FORMAT "\n", keys[i],
                                               json_node_get_int(v));
        }
        if (json_object_has_member(o, "approval_id") &&
            !JSON_NODE_HOLDS_NULL(json_object_get_member(o, "approval_id")))
                g_string_append_printf(s, "\nbillflow approve %" G_GINT64_FORMAT
                                          "   |   billflow decline %" G_GINT64_FORMAT " --reason TEXT\n",
                                       json_object_get_int_member(o, "approval_id"),
                                       json_object_get_int_member(o, "approval_id"));
        return g_string_free(s, FALSE);
}

static int send_one(bf_app *app, const bf_outbox_msg *m, struct bf_error *err)
{
        const struct bf_notify_config *n = &app->cfg.notify;

        if (strcmp(m->channel, "mail") == 0) {
                struct notify_smtp smtp = {
                        .url = n->smtp_url, .from = n->from, .user = n->smtp_user,
                        .password_file = n->smtp_password_file,
                        .timeout_seconds = OUTBOX_TIMEOUT_SECONDS,
                };
                g_autofree char *body = mail_body(m);
                g_autofree char *message_id = g_strdup_printf("%s@billflow", m->event_id);
                return notify_send_mail(&smtp, m->recipient, m->subject, message_id, body, err);
        }
        if (strcmp(m->channel, "webhook") == 0)
                return notify_post_webhook(m->recipient, n->webhook_secret_file, m->event_id,
                                           m->event_type, m->payload, OUTBOX_TIMEOUT_SECONDS, err);
        return bf_error_set(err, BF_EINVAL, "unknown channel '%s'", m->channel);
}

int pipeline_outbox_flush(bf_app *app, int *ret_sent, int *ret_failed, struct bf_error *err)
{
        bf_outbox_msg *list = NULL;
        size_t n = 0;
        int sent = 0, failed = 0, r;

        if (ret_sent)
                *ret_sent = 0;
        if (ret_failed)
                *ret_failed = 0;
        if ((r = store_outbox_due(app->store, OUTBOX_BATCH, &list, &n, err)) < 0)
                return r;
        g_autoptr(GHashTable) down = g_hash_table_new(g_str_hash, g_str_equal);

        for (size_t i = 0; i < n; i++) {
                const bf_outbox_msg *m = &list[i];
                struct bf_error serr = { 0 };
                int retry = app->cfg.notify.retry_after;

                /* A channel that just failed is not tried again in this
                 * round: a server that does not answer must not hold the
                 * service up once per waiting message. */
                if (g_hash_table_contains(down, m->channel))
                        continue;

                /* One sender: the service, which holds the home's lock. A
                 * crash after sending and before recording sends it again,
                 * with the same id. */
                pipeline_failpoint("outbox-before-send");
                r = send_one(app, m, &serr);
                if (r == 0)
                        pipeline_failpoint("outbox-after-send");
                for (int k = 0; k < m->attempts && retry < OUTBOX_RETRY_MAX; k++)
                        retry *= 2;
                if (retry > OUTBOX_RETRY_MAX)
                        retry = OUTBOX_RETRY_MAX;
                if ((r = store_outbox_done(app->store, m->id, r == 0, r == 0 ? NULL : serr.msg, retry,
                                           err)) < 0)
                        break;
                if (serr.code) {
                        failed++;
                        g_hash_table_add(down, m->channel);
                } else {
                        sent++;
                }
        }
        store_outbox_free(list, n);
        if (ret_sent)
                *ret_sent = sent;
        if (ret_failed)
                *ret_failed = failed;
        return r < 0 ? r : 0;
}

int pipeline_workflow_status(bf_app *app, struct bf_notify_status *ret, struct bf_error *err)
{
        struct bf_outbox_stats st;
        int64_t pending;
        int r;

        memset(ret, 0, sizeof(*ret));
        if ((pending = store_approvals_pending_count(app->store, err)) < 0)
                return (int)pending;
        if ((r = store_outbox_stats(app->store, &st, err)) < 0)
                return r;
        ret->approvals_pending = pending;
        ret->sent = st.sent;
        ret->waiting = st.waiting;
        ret->failing = st.failing;
        ret->last_error = st.last_error;
        return 0;
}

void pipeline_workflow_status_release(struct bf_notify_status *st)
{
        if (!st)
                return;
        free(st->last_error);
        memset(st, 0, sizeof(*st));
}
