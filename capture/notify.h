/* notify.h: sending notifications — a mail through SMTP (libcurl: smtps://,
 * or smtp:// with STARTTLS) and a signed JSON POST to a webhook. Transport
 * only: what to send, and when, is the pipeline's outbox (pipeline/outbox.c). */
#ifndef BILLFLOW_NOTIFY_H
#define BILLFLOW_NOTIFY_H

#include "models/models.h"

/* Where mail goes. All borrowed. */
struct notify_smtp {
        const char *url;           /* smtps://host[:port] or smtp://host[:port] */
        const char *from;          /* the envelope and From: address */
        const char *user;          /* NULL or empty: no login */
        const char *password_file; /* with user: a file of its owner's alone */
        const char *ca_file;       /* extra CA certificates, NULL: the system's */
        int timeout_seconds;
};

/* Sends one plain-text UTF-8 mail to `to` with this Subject and
 * Message-ID (<message_id>, so a receiver can drop a repeat). smtp:// to a
 * server that is not on this machine must take STARTTLS; a password never
 * goes in clear elsewhere. Returns 0 once the server accepted it, else <0
 * with err naming the failure. */
int notify_send_mail(const struct notify_smtp *smtp, const char *to, const char *subject,
                     const char *message_id, const char *body, struct bf_error *err);

/* POSTs the JSON body to url with the headers X-Billflow-Event (the type),
 * X-Billflow-Event-Id and X-Billflow-Signature: sha256=HEX, the
 * HMAC-SHA256 of the body keyed with the secret read from secret_file (no
 * signature header when secret_file is NULL or empty). Returns 0 on a 2xx
 * answer, else <0 with err (the status or the transport's error). */
int notify_post_webhook(const char *url, const char *secret_file, const char *event_id,
                        const char *event_type, const char *body, int timeout_seconds,
                        struct bf_error *err);

/* The signature notify_post_webhook() sends: "sha256=" and the lowercase
 * hex HMAC-SHA256 of body under key. Caller frees (g_free). */
char *notify_signature(const char *key, const char *body);

#endif
