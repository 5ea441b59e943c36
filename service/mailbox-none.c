/* mailbox-none.c: the mailbox poller when billflow is built without the IMAP
 * client (capture/imap.c): a configured mailbox is an error, none is fine. */
#include "service/service-int.h"

struct service_mailbox {
        int unused;
};

struct service_mailbox *mailbox_start(struct service *svc, struct bf_error *err)
{
        const char *url = svc->app.cfg.imap_url;

        if (url && *url)
                bf_error_set(err, BF_EUNSUPPORTED,
                             "imap.url is set but this billflow was built without IMAP support");
        return NULL;
}

void mailbox_join(struct service_mailbox *m)
{
        g_free(m);
}
