/* tap.h: a tiny TAP producer for billflow's unit tests. Each macro
 * evaluates its arguments exactly once. */
#ifndef BILLFLOW_TAP_H
#define BILLFLOW_TAP_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define TAP_OK(cond, ...) do { \
        int tap_c_ = !!(cond); \
        tap_n++; \
        if (!tap_c_) tap_failed++; \
        printf("%s %d - ", tap_c_ ? "ok" : "not ok", tap_n); \
        printf(__VA_ARGS__); \
        printf("\n"); \
        if (!tap_c_) printf("#   at %s:%d\n", __FILE__, __LINE__); \
} while (0)

#define TAP_STR_EQ(got, want, ...) do { \
        const char *tap_g_ = (got), *tap_w_ = (want); \
        int tap_s_ = (tap_g_ && tap_w_) ? strcmp(tap_g_, tap_w_) == 0 : tap_g_ == tap_w_; \
        TAP_OK(tap_s_, __VA_ARGS__); \
        if (!tap_s_) printf("#   got '%s', want '%s'\n", tap_g_ ? tap_g_ : "(null)", \
                            tap_w_ ? tap_w_ : "(null)"); \
} while (0)

#define TAP_INT_EQ(got, want, ...) do { \
        long long tap_gi_ = (long long)(got), tap_wi_ = (long long)(want); \
        TAP_OK(tap_gi_ == tap_wi_, __VA_ARGS__); \
        if (tap_gi_ != tap_wi_) printf("#   got %lld, want %lld\n", tap_gi_, tap_wi_); \
} while (0)

#define TAP_SKIP_ALL(why) do { printf("1..0 # SKIP %s\n", why); return 0; } while (0)

static inline int tap_done(void)
{
        printf("1..%d\n", tap_n);
        return tap_failed ? 1 : 0;
}

#endif
