/* mail.h: the mailbox side of capture — an IMAP client (libcurl) that
 * fetches without marking anything seen, and a MIME reader (GMime) that
 * finds the PDF and image attachments in a message. Owns libcurl and GMime. */
#ifndef BILLFLOW_MAIL_H
#define BILLFLOW_MAIL_H

#include "models/models.h"

/* ------------------------------------------------------------- MIME */

struct mail_limits {
        size_t max_message_bytes;     /* default 50 MiB */
        size_t max_attachment_bytes;  /* default 25 MiB */
        size_t max_attachments;       /* default 20 */
};
void mail_limits_init(struct mail_limits *lim);

typedef struct bf_attachment {
        char *filename;   /* decoded name (RFC 2231 / encoded-words), metadata only,
                             never a path; may be NULL; owned */
        char *mime_type;  /* owned */
        void *data;       /* decoded bytes; owned */
        size_t len;
        char *skipped;    /* non-NULL: why it was not taken (over a cap...); owned */
} bf_attachment;

typedef struct bf_mail {
        char *message_id, *subject, *from;  /* owned, may be NULL */
        bf_attachment *attachments;         /* PDFs and images found (owned) */
        size_t n_attachments;
} bf_mail;

/* Parses a raw RFC 5322 message and collects PDF and image attachments,
 * also inline ones, ones without a disposition, application/octet-stream
 * with a .pdf/.png/.jpg/.tif name (or sniffed bytes), and ones inside a
 * forwarded message/rfc822; base64 and quoted-printable. Over a cap: the
 * attachment is listed with `skipped` set and no data. Returns 0 (a mail
 * with no attachment has n_attachments == 0), BF_ETOOBIG for a message over
 * max_message_bytes, BF_EINVAL for unparseable input. Release with
 * mail_release(). */
int mail_parse(const void *raw, size_t len, const struct mail_limits *lim, bf_mail *ret,
               struct bf_error *err);
void mail_release(bf_mail *m);

/* ------------------------------------------------------------- IMAP */

typedef struct bf_imap bf_imap;

struct imap_options {
        const char *url;            /* imap://host:port/MAILBOX or imaps://... */
        const char *user;
        const char *password_file;  /* must not be readable by group/others */
        const char *after;          /* "seen" | "move:FOLDER" | "delete" */
        bool starttls;              /* require STARTTLS on imap:// */
        const char *ca_file;        /* extra CA bundle for tests; may be NULL */
        long timeout_seconds;       /* per request; default 60 */
};

/* Checks the options (password file permissions: BF_EINVAL "'f' is readable
 * by others") and prepares a connection. Free with imap_close(). */
bf_imap *imap_open(const struct imap_options *opt, struct bf_error *err);
void imap_close(bf_imap *imap); /* NULL-safe */

/* UIDVALIDITY of the mailbox and the UIDs in it above `after_uid`
 * (UID SEARCH UID n:*), ascending; *ret_uids is freed with free(). */
int imap_list(bf_imap *imap, uint32_t after_uid, uint32_t *ret_uidvalidity, uint32_t **ret_uids,
              size_t *ret_n, struct bf_error *err);
/* The whole message with BODY.PEEK[] (not marked seen); max_bytes caps it
 * (BF_ETOOBIG). *ret_raw is freed with free(). */
int imap_fetch(bf_imap *imap, uint32_t uid, size_t max_bytes, char **ret_raw, size_t *ret_len,
               struct bf_error *err);
/* The `after` action for one message, done only after its commit:
 * \Seen, move to a folder, or \Deleted + expunge. */
int imap_acknowledge(bf_imap *imap, uint32_t uid, struct bf_error *err);
/* Appends a raw message to a mailbox (for tests and tools). */
int imap_append(bf_imap *imap, const char *mailbox, const void *raw, size_t len,
                struct bf_error *err);

#endif
