/* tui-int.h: what the review UI's files share — the UI's state, drawing
 * helpers and the screens' entry points. Never included outside tui/. */
#ifndef BILLFLOW_TUI_INT_H
#define BILLFLOW_TUI_INT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#include <inttypes.h>

#include <glib.h>

#include "tui/tui.h"

/* Colour pairs (attributes alone when the terminal has no colour). */
enum {
        TUI_C_WARN = 1,   /* doubtful field */
        TUI_C_ERR,        /* error message */
        TUI_C_OK,         /* success message */
        TUI_C_MATCH,      /* the selected field in the page text */
        TUI_C_TAKEN,      /* claimed by another reviewer */
        TUI_C_TITLE,      /* title bars */
};

enum tui_msg { TUI_MSG_INFO = 0, TUI_MSG_OK, TUI_MSG_ERR };

/* One open exception as the queue shows it. */
struct tui_row {
        const bf_exception *exc; /* borrowed from tui.excs */
        char age[16];
        char *reasons;           /* "price_variance,total_mismatch"; owned */
        char *holder;            /* another reviewer's live claim; owned, may be NULL */
        char *fold;              /* casefolded vendor and reasons, for the filter; owned */
};

/* The exception open in the detail screen. */
struct tui_detail {
        int64_t exc_id;          /* 0: none open */
        struct bf_review rv;     /* what is shown of it (pipeline_review_open) */
        char *holder;            /* NULL: claimed by us; else who has it; owned */
        bool closed;             /* found resolved by someone else */
        int field;               /* selected field (enum bf_field) */
        gint64 beat_us;          /* last claim heartbeat, monotonic */
};

struct tui {
        bf_app *app;
        int rows, cols;
        bool colour;
        bool quit;
        bool in_detail;
        bool stale;              /* an action changed the queue: reload it */
        WINDOW *head, *list, *det, *foot; /* owned */
        bool small;              /* terminal below the minimum size */

        /* queue, loaded once and after each action */
        bf_exception *excs;      /* owned */
        size_t n_excs;
        struct tui_row *qrows;   /* n_excs, owned */
        size_t *view;            /* indexes into qrows passing the filter; owned */
        size_t n_view;
        size_t sel, top;         /* positions in view */
        char *filter;            /* owned, NULL: none */
        size_t counts[REASON__COUNT];
        size_t n_bank_open;      /* statement lines waiting in the queue ('b' opens them) */

        struct tui_detail det_state;

        /* the approvals view */
        bool in_approvals;
        bool appr_mine;          /* only those the user may approve now */
        struct bf_approval_view *appr; /* owned */
        size_t n_appr, appr_sel, appr_top;
        /* the bank queue (tui-bank.c), open with 'b' from the queue */
        bool in_bank;
        bf_bank_line *blines;    /* owned */
        size_t n_blines, bsel, btop;

        char msg[512];           /* one-shot status message */
        enum tui_msg msg_kind;
};

/* tui.c */
int tui_attr(struct tui *t, int pair);   /* COLOR_PAIR or a fallback attribute */
void tui_set_msg(struct tui *t, enum tui_msg kind, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
void tui_draw_foot(struct tui *t, const char *hints);
void tui_redraw(struct tui *t);          /* everything, after a resize or overlay */
/* A one-line editor on the bottom row. Returns true and *ret (g_free)
 * on Enter, false on Esc. initial may be NULL. */
bool tui_prompt(struct tui *t, const char *label, const char *initial, char **ret);
/* A yes/no question on the bottom row: true only for y/Y. */
bool tui_confirm(struct tui *t, const char *question);
void tui_help(struct tui *t);

/* tui-text.c */
/* Draws s (made safe) at w's cursor in at most maxcols columns; returns
 * the columns used. */
int tui_put(WINDOW *w, const char *s, int maxcols);
/* As tui_put, then pads with spaces to exactly width columns. */
void tui_put_pad(WINDOW *w, const char *s, int width);
/* As tui_put_pad, right-aligned. */
void tui_put_right(WINDOW *w, const char *s, int width);
/* Columns s takes once made safe. */
int tui_width(const char *s);
/* Clears a window row from column x to the end. */
void tui_clear_row(WINDOW *w, int y, int x);

/* tui-queue.c */
int tui_queue_load(struct tui *t);       /* (re)loads, keeping the selection */
void tui_queue_free(struct tui *t);
void tui_queue_draw(struct tui *t);
void tui_queue_key(struct tui *t, wint_t key, bool fn);

/* tui-detail.c */
/* Opens the exception at view position pos; false if it cannot be shown. */
bool tui_detail_open(struct tui *t, size_t pos);
void tui_detail_close(struct tui *t);    /* releases the claim */
void tui_detail_draw(struct tui *t);
void tui_detail_key(struct tui *t, wint_t key, bool fn);

/* tui-approvals.c */
void tui_approvals_open(struct tui *t);   /* from the queue: 'A' */
void tui_approvals_draw(struct tui *t);
void tui_approvals_key(struct tui *t, wint_t key, bool fn);
void tui_approvals_free(struct tui *t);
/* tui-bank.c: the bank queue, cleared through pipeline_bank_match() */
int tui_bank_load(struct tui *t);
void tui_bank_free(struct tui *t);
void tui_bank_draw(struct tui *t);
void tui_bank_key(struct tui *t, wint_t key, bool fn);

/* tui-open.c */
/* Starts viewer (a command line, NULL: $BILLFLOW_VIEWER, else xdg-open)
 * on path, detached from the terminal, without waiting for it. */
int tui_open_viewer(const char *viewer, const char *path, struct bf_error *err);

#endif
