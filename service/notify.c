/* notify.c: telling systemd how the service is (sd_notify): READY=1 once it
 * takes work, WATCHDOG=1 from the main loop, STATUS= lines a person sees in
 * `systemctl status`, STOPPING=1 when it stops. Without $NOTIFY_SOCKET
 * (not under systemd, or Type=simple) every call does nothing. */
#include <inttypes.h>

#include <systemd/sd-daemon.h>

#include "service/service-int.h"

int64_t service_notify_watchdog_interval_us(void)
{
        uint64_t usec = 0;

        /* Ping at half the interval systemd allows, as sd_watchdog_enabled(3) asks. */
        if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
                return 0;
        return (int64_t)(usec / 2);
}

void service_notify_ready(struct service *svc, int workers)
{
        (void)sd_notifyf(0, "READY=1\nSTATUS=%d worker%s, watching '%s'", workers,
                         workers == 1 ? "" : "s", svc->app.cfg.inbox_path);
}

void service_notify_watchdog(void)
{
        (void)sd_notify(0, "WATCHDOG=1");
}

void service_notify_status(struct service *svc)
{
        struct service_summary s;
        int64_t done, total;

        g_mutex_lock(&svc->lock);
        s = svc->summary;
        done = svc->jobs_done;
        total = svc->jobs_total;
        g_mutex_unlock(&svc->lock);
        (void)sd_notifyf(0, "STATUS=%" PRId64 " posted, %" PRId64 " queued, %" PRId64
                         " duplicates, %" PRId64 " failed; %" PRId64 " waiting", s.posted, s.queued,
                         s.duplicates, s.failed, total - done);
}

void service_notify_stopping(void)
{
        (void)sd_notify(0, "STOPPING=1\nSTATUS=stopping: finishing the documents in progress");
}
