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
                             never a path; may be NULL; owned. Made fit for display
                             (valid UTF-8, control characters as spaces, at most 255
                             bytes) but otherwise as sent: "../../etc/passwd.pdf"
                             stays so. Never build a file name from it. */
        char *mime_type;  /* application/pdf, image/png, image/jpeg or image/tiff:
                             what the bytes show, else the declared type, else the
                             name's extension; application/xml for an e-invoice's
                             XML, application/zip for an ISDOC package (.isdocx);
                             owned */
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
 * forwarded message/rfc822 (at most 10 levels deep); base64, quoted-printable
 * and uuencode. Over a cap: the attachment is listed with `skipped` set and no
 * data, and the others are still taken (decoding stops at the cap, so a huge
 * part costs no more than the cap). At most max_attachments + 100 entries are
 * listed. Thread-safe; never prints. Returns 0 (a mail
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
        bool allow_plaintext;       /* allow imap:// without STARTTLS to a server that
                                       is not on a loopback address (the password
                                       goes in clear); refused otherwise */
        const char *ca_file;        /* CA bundle used instead of the system one (tests,
                                       private CAs); may be NULL. Certificates and
                                       host names are always checked. */
        long timeout_seconds;       /* connect, server reply, or a stalled transfer;
                                       default 60 */
};

/* Checks the options (password file permissions: BF_EINVAL "password file
 * 'f' is readable by others (chmod 600 it)"; a url other than imap:// or
 * imaps://; a bad `after`; mailbox and folder names must be printable ASCII,
 * i.e. modified UTF-7 for others; imap:// without starttls to a host other
 * than localhost, 127.0.0.0/8 or ::1 unless allow_plaintext: BF_EINVAL
 * "... would send the password in clear ...") and prepares a connection: nothing goes
 * over the network until the first call below, and the connection is kept
 * between calls (replaced transparently when the server dropped it). Copies
 * what it needs from opt. One bf_imap per thread. Free with imap_close().
 *
 * Errors of the calls below: BF_EBUSY for what should pass on its own
 * (timeout, connection refused or lost, the server going away mid-fetch:
 * retry at the next poll); BF_EIO for refusals (login, TLS certificate, a
 * command the server said NO to); BF_EINVAL when the mailbox's UIDVALIDITY
 * is no longer the one imap_list reported (list again; nothing was done);
 * BF_ENOTFOUND for a UID that is not (or no longer) there. err holds
 * libcurl's or the server's words. No failure loses a message, and
 * fetching never changes one. */
bf_imap *imap_open(const struct imap_options *opt, struct bf_error *err);
void imap_close(bf_imap *imap); /* NULL-safe */

/* UIDVALIDITY of the mailbox and the UIDs in it above `after_uid`
 * (UID SEARCH UID n:*), ascending; *ret_uids is freed with free() (NULL when
 * *ret_n is 0). Re-selects the mailbox each time, so the UIDVALIDITY is the
 * current one; fetch and acknowledge then refuse to act if it changes. */
int imap_list(bf_imap *imap, uint32_t after_uid, uint32_t *ret_uidvalidity, uint32_t **ret_uids,
              size_t *ret_n, struct bf_error *err);
/* The whole message with BODY.PEEK[] (not marked seen); max_bytes caps it
 * (BF_ETOOBIG, checked against RFC822.SIZE before any download and while
 * receiving). *ret_raw is NUL-terminated (not counted in *ret_len) and freed
 * with free(). Fetched in 64 KiB pieces (libcurl limits one response). */
int imap_fetch(bf_imap *imap, uint32_t uid, size_t max_bytes, char **ret_raw, size_t *ret_len,
               struct bf_error *err);
/* The `after` action for one message, done only after its commit:
 * \Seen, move to a folder (UID MOVE; created when missing; COPY + delete on
 * servers without MOVE), or \Deleted + UID EXPUNGE (plain EXPUNGE without
 * UIDPLUS). Acknowledging a message that is already gone succeeds. */
int imap_acknowledge(bf_imap *imap, uint32_t uid, struct bf_error *err);
/* Appends a raw message to a mailbox (NULL: the configured one), for tests
 * and tools. libcurl appends with \Seen; with UIDPLUS the flag is taken off
 * again, so the message looks new. */
int imap_append(bf_imap *imap, const char *mailbox, const void *raw, size_t len,
                struct bf_error *err);

#endif
