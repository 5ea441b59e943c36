/* mail.c: the MIME reader — walks a raw message with GMime and collects the
 * PDF and image attachments, under caps on message, attachment size and count. */
#include <glib.h>
#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>

#include "capture/capture.h"
#include "capture/mail.h"

/* message/rfc822 inside multipart inside ...: deeper than this is abuse. */
#define MAIL_MAX_DEPTH 10
/* Entries skipped for the count cap that are still listed, beyond which the
 * rest are dropped silently (a hostile mail may hold thousands of parts). */
#define MAIL_MAX_LISTED_EXTRA 100
/* Decoded bytes enough to sniff a kind (a PDF header may start late). */
#define MAIL_SNIFF_BYTES 2048
/* Longest file name kept, in bytes (cut on a character boundary). */
#define MAIL_MAX_NAME 255

struct walk {
        const struct mail_limits *lim;
        GArray *atts;         /* of bf_attachment */
        size_t n_candidates;  /* attachments seen, taken or not */
        bool dropped;         /* stopped listing extras */
};

void mail_limits_init(struct mail_limits *lim)
{
        lim->max_message_bytes = 50u << 20;
        lim->max_attachment_bytes = 25u << 20;
        lim->max_attachments = 20;
}

static gpointer mail_init_gmime(gpointer unused)
{
        (void)unused;
        g_mime_init();
        return NULL;
}

static void mail_ensure_init(void)
{
        static GOnce once = G_ONCE_INIT;

        g_once(&once, mail_init_gmime, NULL);
}

static bool name_has_ext(const char *name, const char *ext)
{
        size_t n, e;

        if (!name)
                return false;
        n = strlen(name);
        e = strlen(ext);
        return n > e && g_ascii_strcasecmp(name + n - e, ext) == 0;
}

/* The type a file name suggests, or NULL. */
static const char *type_from_name(const char *name)
{
        if (name_has_ext(name, ".pdf"))
                return "application/pdf";
        if (name_has_ext(name, ".png"))
                return "image/png";
        if (name_has_ext(name, ".jpg") || name_has_ext(name, ".jpeg"))
                return "image/jpeg";
        if (name_has_ext(name, ".tif") || name_has_ext(name, ".tiff"))
                return "image/tiff";
        return NULL;
}

/* The declared type when it is one we take ("image/jpg" and "image/pjpeg"
 * are common misspellings of JPEG), else NULL. */
static const char *type_from_declared(const char *type)
{
        static const char *const known[] = { "application/pdf", "image/png", "image/jpeg",
                                             "image/tiff" };

        for (size_t i = 0; i < G_N_ELEMENTS(known); i++)
                if (g_ascii_strcasecmp(type, known[i]) == 0)
                        return known[i];
        if (g_ascii_strcasecmp(type, "application/x-pdf") == 0)
                return "application/pdf";
        if (g_ascii_strcasecmp(type, "image/jpg") == 0 ||
            g_ascii_strcasecmp(type, "image/pjpeg") == 0)
                return "image/jpeg";
        return NULL;
}

static const char *type_from_bytes(const void *data, size_t len)
{
        switch (capture_sniff(data, len)) {
        case FILE_KIND_PDF:
                return "application/pdf";
        case FILE_KIND_PNG:
                return "image/png";
        case FILE_KIND_JPEG:
                return "image/jpeg";
        case FILE_KIND_TIFF:
                return "image/tiff";
        default:
                return NULL;
        }
}

/* A file name fit for display and logs: valid UTF-8, no control characters,
 * at most MAIL_MAX_NAME bytes. Slashes and dots stay: the name is shown as
 * the sender wrote it and is never used as a path. NULL for an empty name. */
static char *sanitize_display(const char *name)
{
        GString *out;
        char *valid;
        const char *p;

        if (!name || !*name)
                return NULL;
        valid = g_utf8_make_valid(name, -1);
        out = g_string_new(NULL);
        for (p = valid; *p; p = p + g_utf8_skip[*(const guchar *)p]) {
                gunichar c = g_utf8_get_char(p);
                const char *next = p + g_utf8_skip[*(const guchar *)p];

                if (g_unichar_iscntrl(c) || c == 0x2028 || c == 0x2029)
                        c = ' ';
                if (out->len + (size_t)(next - p) > MAIL_MAX_NAME)
                        break;
                g_string_append_unichar(out, c);
        }
        g_free(valid);
        g_strstrip(out->str);
        if (out->str[0] == '\0') {
                g_string_free(out, TRUE);
                return NULL;
        }
        valid = bf_xstrdup(out->str);
        g_string_free(out, TRUE);
        return valid;
}

/* Decodes part's content (base64, quoted-printable, uuencode, or as is) into
 * a byte array, stopping once more than `limit` bytes came out (so a huge
 * part costs no more than the cap). *ret_over says whether it stopped. */
static GByteArray *decode_part(GMimePart *part, size_t limit, bool *ret_over)
{
        GMimeDataWrapper *content = g_mime_part_get_content(part);
        GMimeStream *src, *mem, *filtered;
        GMimeContentEncoding enc;
        GByteArray *bytes;
        char buf[8192];
        ssize_t n;

        *ret_over = false;
        bytes = g_byte_array_new();
        if (!content)
                return bytes;
        src = g_mime_data_wrapper_get_stream(content);
        if (!src)
                return bytes;
        enc = g_mime_data_wrapper_get_encoding(content);

        mem = g_mime_stream_mem_new_with_byte_array(bytes);
        g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
        filtered = g_mime_stream_filter_new(mem);
        if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
            enc == GMIME_CONTENT_ENCODING_UUENCODE) {
                GMimeFilter *f = g_mime_filter_basic_new(enc, FALSE);

                g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), f);
                g_object_unref(f);
        }
        g_mime_stream_reset(src);
        while ((n = g_mime_stream_read(src, buf, sizeof buf)) > 0) {
                if (g_mime_stream_write(filtered, buf, (size_t)n) < 0)
                        break;
                if (bytes->len > limit) {
                        *ret_over = true;
                        break;
                }
        }
        if (!*ret_over) {
                g_mime_stream_flush(filtered);
                *ret_over = bytes->len > limit;
        }
        g_mime_stream_reset(src);
        g_object_unref(filtered);
        g_object_unref(mem);
        return bytes;
}

static void add_entry(struct walk *w, bf_attachment *a)
{
        g_array_append_val(w->atts, *a);
}

static bool is_xml_part(const char *declared, const char *name)
{
        return name_has_ext(name, ".xml") || name_has_ext(name, ".isdoc") ||
               name_has_ext(name, ".p7m") ||
               (declared && (g_ascii_strcasecmp(declared, "application/xml") == 0 ||
                             g_ascii_strcasecmp(declared, "text/xml") == 0));
}

/* True when the start of an XML document, or of a signed one (.xml.p7m,
 * DER), names an e-invoice format that capture_einvoice() reads. */
static bool is_einvoice_xml(const guint8 *data, size_t len)
{
        return (capture_sniff(data, len) == FILE_KIND_XML || (len > 0 && data[0] == 0x30)) &&
               capture_einvoice_sniff(data, len);
}

static bool is_zip(const guint8 *data, size_t len)
{
        return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* What test says of the part's first bytes (decoded). */
static bool part_starts(GMimePart *part, bool (*test)(const guint8 *, size_t))
{
        bool over = false;
        GByteArray *bytes = decode_part(part, MAIL_SNIFF_BYTES, &over);
        bool r = test(bytes->data, bytes->len);

        g_byte_array_free(bytes, TRUE);
        return r;
}

static void take_part(struct walk *w, GMimePart *part)
{
        GMimeContentType *ctype = g_mime_object_get_content_type(GMIME_OBJECT(part));
        char *declared = ctype ? g_mime_content_type_get_mime_type(ctype) : NULL;
        const char *name = g_mime_part_get_filename(part);
        const char *type = NULL, *sniffed = NULL;
        GByteArray *bytes = NULL;
        bf_attachment a = { 0 };
        size_t limit = w->lim->max_attachment_bytes;
        bool over = false;

        if (declared)
                type = type_from_declared(declared);
        if (!type)
                type = type_from_name(name);
        if (!type && is_xml_part(declared, name)) {
                /* An XML attachment is taken only when it is an e-invoice. */
                if (!part_starts(part, is_einvoice_xml))
                        goto out;
                type = "application/xml";
        }
        if (!type && name_has_ext(name, ".isdocx")) {
                /* An ISDOC package, taken when the bytes are a ZIP; the
                 * reader looks inside. */
                if (!part_starts(part, is_zip))
                        goto out;
                type = "application/zip";
        }
        if (!type) {
                /* Neither type nor name says so: look at the first bytes. */
                bytes = decode_part(part, MAIL_SNIFF_BYTES, &over);
                sniffed = type_from_bytes(bytes->data, bytes->len);
                g_byte_array_free(bytes, TRUE);
                bytes = NULL;
                if (!sniffed)
                        goto out;
                type = sniffed;
        }

        w->n_candidates++;
        if (w->n_candidates > w->lim->max_attachments) {
                if (w->n_candidates > w->lim->max_attachments + MAIL_MAX_LISTED_EXTRA) {
                        w->dropped = true;
                        goto out;
                }
                a.skipped = bf_xasprintf("too many attachments (more than %zu)",
                                         w->lim->max_attachments);
        } else {
                bytes = decode_part(part, limit, &over);
        }
        if (over) {
                a.skipped = bf_xasprintf("attachment larger than %zu bytes", limit);
                g_byte_array_free(bytes, TRUE);
                bytes = NULL;
        }
        if (bytes) {
                const char *real = type_from_bytes(bytes->data, bytes->len);

                /* The bytes decide over the label when they are recognisable. */
                if (real)
                        type = real;
                a.len = bytes->len;
                a.data = bf_xmalloc(a.len ? a.len : 1);
                if (a.len)
                        memcpy(a.data, bytes->data, a.len);
                g_byte_array_free(bytes, TRUE);
        }
        a.filename = sanitize_display(name);
        a.mime_type = bf_xstrdup(type);
        add_entry(w, &a);
out:
        g_free(declared);
}

static void walk_object(struct walk *w, GMimeObject *obj, int depth)
{
        if (!obj || depth > MAIL_MAX_DEPTH || w->dropped)
                return;
        if (GMIME_IS_MESSAGE_PART(obj)) {
                GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));

                if (inner)
                        walk_object(w, g_mime_message_get_mime_part(inner), depth + 1);
        } else if (GMIME_IS_MULTIPART(obj)) {
                GMimeMultipart *mp = GMIME_MULTIPART(obj);
                int n = g_mime_multipart_get_count(mp);

                for (int i = 0; i < n && !w->dropped; i++)
                        walk_object(w, g_mime_multipart_get_part(mp, i), depth + 1);
        } else if (GMIME_IS_PART(obj)) {
                take_part(w, GMIME_PART(obj));
        }
}

static char *dup_header(const char *s)
{
        return s ? sanitize_display(s) : NULL;
}

int mail_parse(const void *raw, size_t len, const struct mail_limits *lim, bf_mail *ret,
               struct bf_error *err)
{
        struct mail_limits defaults;
        GMimeStream *stream = NULL;
        GMimeParser *parser = NULL;
        GMimeMessage *msg = NULL;
        InternetAddressList *from;
        struct walk w = { 0 };
        bf_mail m = { 0 };
        int r = 0;

        if (!lim) {
                mail_limits_init(&defaults);
                lim = &defaults;
        }
        if (len > lim->max_message_bytes)
                return bf_error_set(err, BF_ETOOBIG, "message too large (%zu bytes, limit %zu)",
                                    len, lim->max_message_bytes);
        if (!raw || len == 0)
                return bf_error_set(err, BF_EINVAL, "cannot parse message: empty");
        mail_ensure_init();

        stream = g_mime_stream_mem_new_with_buffer(raw, len);
        parser = g_mime_parser_new_with_stream(stream);
        msg = g_mime_parser_construct_message(parser, NULL);
        if (!msg) {
                r = bf_error_set(err, BF_EINVAL, "cannot parse message: not RFC 5322");
                goto out;
        }

        m.message_id = dup_header(g_mime_message_get_message_id(msg));
        m.subject = dup_header(g_mime_message_get_subject(msg));
        from = g_mime_message_get_from(msg);
        if (from && internet_address_list_length(from) > 0) {
                char *s = internet_address_list_to_string(from, NULL, FALSE);

                m.from = dup_header(s);
                g_free(s);
        }

        w.lim = lim;
        w.atts = g_array_new(FALSE, TRUE, sizeof(bf_attachment));
        walk_object(&w, g_mime_message_get_mime_part(msg), 0);
        m.n_attachments = w.atts->len;
        if (m.n_attachments) {
                m.attachments = bf_xcalloc(m.n_attachments, sizeof(bf_attachment));
                memcpy(m.attachments, w.atts->data, m.n_attachments * sizeof(bf_attachment));
        }
        g_array_free(w.atts, TRUE);
        *ret = m;
out:
        if (msg)
                g_object_unref(msg);
        g_object_unref(parser);
        g_object_unref(stream);
        return r;
}

void mail_release(bf_mail *m)
{
        if (!m)
                return;
        for (size_t i = 0; i < m->n_attachments; i++) {
                free(m->attachments[i].filename);
                free(m->attachments[i].mime_type);
                free(m->attachments[i].data);
                free(m->attachments[i].skipped);
        }
        free(m->attachments);
        free(m->message_id);
        free(m->subject);
        free(m->from);
        memset(m, 0, sizeof *m);
}
