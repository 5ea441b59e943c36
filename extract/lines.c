/* lines.c: line items — a table found by its header row, columns taken
 * from the header words, rows until a totals row, descriptions that run
 * over several lines, and qty x unit price = amount checks. */
#include "extract/extract-int.h"
#include "extract/slips.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_COLS 16
#define MAX_TABLE_ROWS 64

struct column {
        enum col_role role;
        double x0, x1;
        bool unknown;   /* headed by a word of no known role ("até" for "Qté") */
};

/* A token of a scanned row lower than this share of the row's median
 * height is a speck, whatever OCR read it as. */
#define SPECK_MAX_HEIGHT 0.35

/* A figure of a data row, not "N2" (OCR's "Nº") nor a faint speck that a
 * header row can carry. */
static bool numberish(const struct xdoc *x, const struct xtok *t)
{
        if (!extract_has_digit(t->raw))
                return false;
        if (x->doc->source != SOURCE_TEXT && t->conf < 0.3f)
                return false;
        return !isalpha((unsigned char)t->raw[0]);
}

/* Does s hold a letter: an ASCII one or a two-byte UTF-8 one from U+00C0
 * ("ä", Greek, Cyrillic)? Signs ("€", "£", "%") are none. */
static bool has_letter(const char *s)
{
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
                if (isalpha(*p) || (*p >= 0xc3 && *p <= 0xdf))
                        return true;
        return false;
}

/* A figure OCR read less surely than this in a scan's header row is a
 * speck, not a sign that the row holds data. */
#define HEADER_SPECK_CONF 0.5f

/* A word of no column's role this close (in text heights) after a header
 * word is a word of its cell. */
#define HEADER_CELL_GAP 1.5

/* A word of a header row, or one of two that OCR ran together. */
struct hword {
        enum col_role role;
        bf_box box;
        const char *raw;
        bool number;
        float conf;
};

/* The header words of line l: "CantidadPrecio" read as one word becomes
 * two, its box shared in proportion to their lengths. Returns how many. */
static size_t header_words(const struct xdoc *x, const struct xline *l, struct hword *w, size_t max)
{
        size_t n = 0;
        for (size_t i = l->first; i < l->first + l->n && n + 2 <= max; i++) {
                const struct xtok *t = &x->toks[i];
                struct hword h = { extract_header_role(t->norm), t->box, t->raw, numberish(x, t),
                                   t->conf };
                bool alnum = false;
                for (const char *p = t->raw; *p && !alnum; p++)
                        alnum = isalnum((unsigned char)*p) || (unsigned char)*p >= 0xc3;
                if (h.role == COL_NONE && !alnum && x->doc->source != SOURCE_TEXT)
                        continue;       /* a rule or a speck between header words */
                size_t len = strlen(t->norm);
                /* "Precio-unitario", "Prekė/paslauga": a header word
                 * joined to the next by a hyphen or slash, the second no
                 * other column's ("hrs/qty" is a word of its own) */
                size_t sep = strcspn(t->norm, "-/");
                if (h.role == COL_NONE && !h.number && sep >= 3 && sep + 3 <= len &&
                    sep < 64) {
                        char part[64];
                        memcpy(part, t->norm, sep);
                        part[sep] = 0;
                        enum col_role a = extract_header_role(part);
                        enum col_role b = extract_header_role(t->norm + sep + 1);
                        if (a != COL_NONE && a != COL_OTHER && (b == COL_NONE || b == a))
                                h.role = a;
                }
                if (h.role == COL_NONE && len >= 8 && !h.number && len < 64) {
                        /* an abbreviation's points left out: "Q.taPrezzo" */
                        char part[64], flat[64];
                        size_t fl = 0;
                        for (const char *p = t->norm; *p; p++)
                                if (*p != '.')
                                        flat[fl++] = *p;
                        flat[fl] = 0;
                        for (size_t k = 3; k + 3 <= fl; k++) {
                                memcpy(part, flat, k);
                                part[k] = 0;
                                enum col_role a = extract_header_role(part), b;
                                if (a == COL_NONE || a == COL_OTHER ||
                                    (b = extract_header_role(flat + k)) == COL_NONE || b == COL_OTHER)
                                        continue;
                                double cut = t->box.x0 + (t->box.x1 - t->box.x0) * (double)k / (double)fl;
                                w[n] = h;
                                w[n].role = a;
                                w[n++].box.x1 = cut;
                                h.role = b;
                                h.box.x0 = cut;
                                break;
                        }
                }
                w[n++] = h;
        }
        return n;
}

/* A header cell set on two lines around the header row's own ("Prix" over
 * "unitaire", "Price w/o" over "Tax"), between its columns: the words of
 * the lines just above and below line li that overlap none of cols[n] and
 * hold no figure, those over one another made one cell, which counts when
 * one of its words names a column's role. The cells join cols in their
 * place from the left; returns the new count. */
static size_t stacked_cells(const struct xdoc *x, size_t li, struct column *cols, size_t n)
{
        const struct xline *l = &x->lines[li];
        struct column cell[4];
        size_t ncell = 0;
        for (int side = -1; side <= 1; side += 2) {
                if ((side < 0 && li == 0) || (side > 0 && li + 1 >= x->n_lines))
                        continue;
                const struct xline *o = &x->lines[side < 0 ? li - 1 : li + 1];
                double cy = (l->box.y0 + l->box.y1) / 2, oy = (o->box.y0 + o->box.y1) / 2;
                if (o->page != l->page || fabs(oy - cy) > 1.5 * fmax(l->h, o->h))
                        continue;
                for (size_t i = o->first; i < o->first + o->n; i++) {
                        const struct xtok *t = &x->toks[i];
                        if (extract_has_digit(t->raw))
                                return n;       /* a row of figures, no header's part */
                        bool clash = false;
                        for (size_t c = 0; c < n && !clash; c++)
                                clash = t->box.x1 > cols[c].x0 && t->box.x0 < cols[c].x1;
                        if (clash)
                                continue;
                        enum col_role r = extract_header_role(t->norm);
                        size_t k = 0;
                        while (k < ncell && !(t->box.x1 > cell[k].x0 - l->h && t->box.x0 < cell[k].x1 + l->h))
                                k++;
                        if (k == ncell) {
                                if (ncell == sizeof(cell) / sizeof(cell[0]))
                                        continue;
                                cell[ncell++] = (struct column){ COL_NONE, t->box.x0, t->box.x1, false };
                        }
                        cell[k].x0 = fmin(cell[k].x0, t->box.x0);
                        cell[k].x1 = fmax(cell[k].x1, t->box.x1);
                        if (cell[k].role == COL_NONE && r != COL_NONE)
                                cell[k].role = r;
                }
        }
        for (size_t k = 0; k < ncell && n < MAX_COLS; k++) {
                if (cell[k].role == COL_NONE || cell[k].role == COL_POS)
                        continue;
                size_t at = 0;
                while (at < n && cols[at].x0 < cell[k].x0)
                        at++;
                memmove(cols + at + 1, cols + at, (n - at) * sizeof(cols[0]));
                cols[at] = cell[k];
                n++;
        }
        return n;
}

/* The one column headed by an unknown word between the first `right`
 * column and the last `left` column before it takes `role`; none does
 * when there are more such columns or none. */
static void unknown_between(struct column *cols, size_t n, enum col_role left,
                            enum col_role right, enum col_role role)
{
        int lo = -1, hi = -1, guess = -1, guesses = 0;
        for (size_t c = 0; c < n; c++) {
                if (cols[c].role == left && hi < 0)
                        lo = (int)c;
                if (cols[c].role == right && hi < 0)
                        hi = (int)c;
        }
        for (int c = lo + 1; lo >= 0 && c < hi; c++)
                if (cols[c].role == COL_OTHER && cols[c].unknown) {
                        guess = c;
                        guesses++;
                }
        if (guesses == 1)
                cols[guess].role = role;
}

/* Reads a header row into columns; returns how many, 0 if no header. */
static size_t header_columns(const struct xdoc *x, size_t li, struct column *cols)
{
        const struct xline *l = &x->lines[li];
        size_t n = 0;
        bool seen[COL_OTHER + 1] = { false };
        int roles = 0;
        struct hword words[2 * MAX_COLS + 8];
        size_t nw = header_words(x, l, words, sizeof(words) / sizeof(words[0]));
        for (size_t k = 0; k < nw; k++) {
                const struct hword *t = &words[k];
                enum col_role r = t->role;
                if (r == COL_NONE) {
                        /* "Unit price (EUR)", "P.U. HT": words of a header
                         * cell (a typewriter's space is wide); a word OCR
                         * doubted is none of a known column's ("Q.tà ve
                         * unitario": "Prezzo" misread, the next cell) */
                        if (n > 0 && t->box.x0 - cols[n - 1].x1 < HEADER_CELL_GAP * l->h &&
                            !extract_has_digit(t->raw) &&
                            !(t->conf < HEADER_SPECK_CONF && cols[n - 1].role != COL_OTHER &&
                              x->doc->source != SOURCE_TEXT)) {
                                cols[n - 1].x1 = t->box.x1;
                                continue;
                        }
                        /* a figure read doubtfully among a scan's header
                         * words is a speck ("Articolo 3 Quantità",
                         * "PVM % 22 Suma"), a figure read surely a data
                         * row's */
                        if (t->number && t->conf < HEADER_SPECK_CONF &&
                            x->doc->source != SOURCE_TEXT)
                                continue;
                        if (t->number)
                                return 0;       /* a data row, not a header */
                        if (n < MAX_COLS) {
                                int letters = 0;
                                for (const char *p = t->raw; *p; p++)
                                        letters += isalpha((unsigned char)*p) || (unsigned char)*p >= 0xc3;
                                cols[n].role = COL_OTHER;
                                cols[n].x0 = t->box.x0;
                                cols[n].x1 = t->box.x1;
                                cols[n].unknown = letters >= 2;
                                n++;
                        }
                        continue;
                }
                if (n > 0 && t->box.x0 - cols[n - 1].x1 < 1.0 * l->h &&
                    (cols[n - 1].role == r || cols[n - 1].role == COL_OTHER ||
                     (cols[n - 1].role == COL_UNIT && r == COL_AMOUNT))) {
                        /* "Unit price", "Line total", "Net amount" */
                        if (cols[n - 1].role == COL_OTHER)
                                cols[n - 1].role = r;
                        cols[n - 1].x1 = t->box.x1;
                        if (!seen[cols[n - 1].role]) {
                                seen[cols[n - 1].role] = true;
                                roles++;
                        }
                        continue;
                }
                if (n >= MAX_COLS)
                        break;
                cols[n].role = r;
                cols[n].x0 = t->box.x0;
                cols[n].x1 = t->box.x1;
                cols[n].unknown = false;
                n++;
                if (!seen[r]) {
                        seen[r] = true;
                        roles++;
                }
        }
        if (!(seen[COL_AMOUNT] || seen[COL_UNIT]))
                return 0;
        if (!(seen[COL_DESC] || seen[COL_QTY]))
                return 0;
        if (roles < 2 || n > 10)
                return 0;
        n = stacked_cells(x, li, cols, n);
        /* Description, an unreadable header word, unit price: the
         * quantity's column, its header misread ("até" for "Qté");
         * description, quantity, an unreadable header, amount: the unit
         * price's ("ve unitario") */
        if (seen[COL_DESC] && seen[COL_UNIT] && !seen[COL_QTY] && x->doc->source != SOURCE_TEXT)
                unknown_between(cols, n, COL_DESC, COL_UNIT, COL_QTY);
        if (seen[COL_DESC] && seen[COL_QTY] && seen[COL_AMOUNT] && !seen[COL_UNIT] &&
            x->doc->source != SOURCE_TEXT)
                unknown_between(cols, n, COL_QTY, COL_AMOUNT, COL_UNIT);
        /* ... the unit price, then an unreadable header last of all: the
         * amount's ("Prix unitaire | de" for "Montant HT") */
        if (seen[COL_UNIT] && !seen[COL_AMOUNT] && x->doc->source != SOURCE_TEXT &&
            cols[n - 1].role == COL_OTHER && cols[n - 1].unknown) {
                bool after_unit = false;
                size_t unknowns = 0;
                for (size_t c = 0; c < n; c++) {
                        after_unit = after_unit || cols[c].role == COL_UNIT;
                        unknowns += after_unit && cols[c].role == COL_OTHER;
                }
                if (unknowns == 1)
                        cols[n - 1].role = COL_AMOUNT;
        }
        /* Two price columns and no amount: the unit price, then the
         * line's price ("Prix unitaire | Prix HT", "Unit Price | Price w/o
         * Tax") */
        if (!seen[COL_AMOUNT]) {
                int units = 0, last_unit = -1;
                for (size_t c = 0; c < n; c++)
                        if (cols[c].role == COL_UNIT) {
                                units++;
                                last_unit = (int)c;
                        }
                if (units >= 2)
                        cols[last_unit].role = COL_AMOUNT;
        }
        /* The rightmost amount column is the line amount; others are noise. */
        int last_amount = -1, first_unit = -1;
        for (size_t c = 0; c < n; c++)
                if (cols[c].role == COL_AMOUNT)
                        last_amount = (int)c;
        for (size_t c = 0; c < n; c++) {
                if (cols[c].role == COL_AMOUNT && (int)c != last_amount)
                        cols[c].role = COL_OTHER;
                if (cols[c].role == COL_UNIT) {
                        if (first_unit >= 0)
                                cols[c].role = COL_OTHER;
                        else
                                first_unit = (int)c;
                }
        }
        return n;
}

/* The column whose span (widened by pad) overlaps b the most, or -1. */
static int column_of(const struct column *cols, size_t n, bf_box b, double pad)
{
        int best = -1;
        double bo = 0;
        for (size_t c = 0; c < n; c++) {
                double lo = fmax(cols[c].x0 - pad, b.x0), hi = fmin(cols[c].x1 + pad, b.x1);
                if (hi - lo > bo) {
                        bo = hi - lo;
                        best = (int)c;
                }
        }
        return best;
}

static bool parse_decimal_tok(const char *raw, bf_decimal *d);

/* What line li shows in a table's columns: an amount in the amount
 * column; a figure in the quantity or unit price column (`figure`; one
 * that reads as a number: `number`); a word in the description's column or
 * in none. */
struct row_look {
        bool amount, figure, number, word;
};

static struct row_look row_look(const struct xdoc *x, size_t li, const struct column *cols, size_t nc)
{
        const struct xline *l = &x->lines[li];
        struct row_look k = { false, false, false, false };
        for (size_t i = l->first; i < l->first + l->n; i++) {
                const struct xtok *t = &x->toks[i];
                int c = column_of(cols, nc, t->box, 0.5 * l->h);
                enum col_role r = c >= 0 ? cols[c].role : COL_NONE;
                bf_money m;
                bf_decimal d;
                if (r == COL_AMOUNT && extract_has_digit(t->raw) && extract_amount_at(x, i, &m) > 0) {
                        k.amount = true;
                } else if ((r == COL_QTY || r == COL_UNIT) && extract_has_digit(t->raw)) {
                        k.figure = true;
                        k.number = k.number || parse_decimal_tok(t->raw, &d);
                } else if ((r == COL_DESC || r == COL_NONE) && isalpha((unsigned char)t->raw[0])) {
                        k.word = true;
                }
        }
        return k;
}

/* Does line li hold an amount in the amount column and a figure in the
 * quantity or unit price column beside it, as an item does? */
static bool item_figures(const struct xdoc *x, size_t li, const struct column *cols, size_t nc)
{
        struct row_look k = row_look(x, li, cols, nc);
        return k.amount && k.figure;
}

/* A totals row ends the table; a sub-header such as "Ohne MwSt." does not,
 * nor a tax word in a column of no figure of ours ("19 % VAT (S)" under
 * "Steuer", an item's note "Kein Ausweis der Umsatzsteuer") on an item's
 * row or on a row with no amount in the amount column. */
static bool stops_table(const struct xdoc *x, size_t li, const struct column *cols, size_t nc)
{
        const struct xline *l = &x->lines[li];
        bool label = false, digit = false;
        int item = -1;  /* whether the row reads as an item or amountless, once asked */
        for (size_t i = l->first; i < l->first + l->n; i++) {
                const struct xtok *t = &x->toks[i];
                digit = digit || extract_has_digit(t->raw);
                if (label || t->label < 0)
                        continue;
                enum xlabel_kind k = x->hits[t->label].kind;
                if (k != LK_TOTAL && k != LK_SUBTOTAL && k != LK_TAX)
                        continue;
                int c = column_of(cols, nc, t->box, 0.5 * l->h);
                if (k == LK_TAX && c >= 0 && cols[c].role == COL_OTHER) {
                        if (item < 0) {
                                struct row_look rl = row_look(x, li, cols, nc);
                                item = (rl.amount && rl.figure) || !rl.amount;
                        }
                        if (item)
                                continue;
                }
                label = true;
        }
        return label && digit;
}

/* How tokens [first, end) print a figure: FIG_PLAIN, three or more digits
 * and no separator ("75532", "150": cents whose point OCR lost, when the
 * rest of its column shows them); FIG_CENTS, a separator and two digits
 * at the end; else FIG_OTHER. */
enum { FIG_OTHER = 0, FIG_PLAIN, FIG_CENTS };
static int figure_shape(const struct xdoc *x, size_t first, size_t end)
{
        int digits = 0, after = -1;
        for (size_t i = first; i < end; i++)
                for (const char *p = x->toks[i].raw; *p; p++) {
                        if (*p == '.' || *p == ',' || *p == ':' || *p == ';')
                                after = 0;
                        else if (isdigit((unsigned char)*p)) {
                                digits++;
                                if (after >= 0)
                                        after++;
                        } else if (*p == '\'')
                                return FIG_OTHER;
                }
        if (after < 0)
                return digits >= 3 ? FIG_PLAIN : FIG_OTHER;
        return after == 2 ? FIG_CENTS : FIG_OTHER;
}

/* Strips currency symbols and codes for decimal_parse: "€3,89" -> "3,89".
 * A size ("400x300x300": an 'x' between digits) is no figure. */
static bool parse_decimal_tok(const char *raw, bf_decimal *d)
{
        char buf[64], clean[64];
        size_t n = 0;
        if (!slips_figure(raw, clean, sizeof(clean)))
                return false;
        for (const char *p = clean; *p && n < sizeof(buf) - 1; p++)
                if ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',' || *p == '-' || *p == '\'')
                        buf[n++] = *p;
                else if ((*p == 'x' || *p == 'X') && p > clean && isdigit((unsigned char)p[-1]) &&
                         isdigit((unsigned char)p[1]))
                        return false;
                else if ((unsigned char)*p < 0x80 && !strchr("$()xX ", *p) &&
                         !(*p >= 'A' && *p <= 'Z'))
                        return false;
        buf[n] = 0;
        if (n == 0 || !extract_has_digit(buf))
                return false;
        return decimal_parse(buf, d, NULL) == 0;
}

/* How many tokens from i form one space-grouped number ("1 200", "12 133,12"). */
static size_t grouped_number(const struct xdoc *x, size_t i, const struct xline *l)
{
        size_t n = 1, end = l->first + l->n;
        const char *a = x->toks[i].raw;
        if (strlen(a) > 3 || strspn(a, "0123456789-") != strlen(a))
                return 1;
        while (i + n < end && n < 4) {
                const struct xtok *b = &x->toks[i + n];
                size_t digits = strspn(b->raw, "0123456789");
                if (digits != 3 || b->box.x0 - x->toks[i + n - 1].box.x1 > 0.9 * l->h)
                        break;
                if (b->raw[3] && !((b->raw[3] == ',' || b->raw[3] == '.') &&
                                   strspn(b->raw + 4, "0123456789") == strlen(b->raw + 4)))
                        break;
                n++;
                if (b->raw[3])
                        break;
        }
        return n;
}

/* How many tokens from i, in column c of line l and close together, are
 * pieces of one figure (digits and separators once OCR's specks are off). */
static size_t figure_run(const struct xdoc *x, const struct xline *l, const struct column *cols,
                         size_t nc, int c, size_t i)
{
        size_t n = 0, end = l->first + l->n;
        for (size_t j = i; j < end; j++, n++) {
                const struct xtok *t = &x->toks[j];
                char buf[64];
                if (!slips_figure(t->raw, buf, sizeof(buf)) ||
                    strspn(buf, "0123456789.,'-") != strlen(buf) ||
                    column_of(cols, nc, t->box, 0.5 * l->h) != c ||
                    (j > i && t->box.x0 - x->toks[j - 1].box.x1 > 1.0 * l->h))
                        break;
        }
        return n;
}

/* A word of a scanned description that is OCR's speck: no letter or digit,
 * or a faint one- or two-letter scrap ("ae", "i:"). */
static bool desc_speck(const struct xdoc *x, const struct xtok *t)
{
        if (x->doc->source == SOURCE_TEXT)
                return false;
        int alnum = 0;
        for (const char *p = t->raw; *p; p++)
                alnum += isalnum((unsigned char)*p) || (unsigned char)*p >= 0xc3;
        return alnum == 0 || (alnum <= 2 && t->conf < 0.5f);
}

static void append_desc(bf_invoice_line *ln, const char *text)
{
        if (!ln->description) {
                ln->description = bf_xstrdup(text);
                return;
        }
        char *s = bf_xasprintf("%s\n%s", ln->description, text);
        free(ln->description);
        ln->description = s;
}

/* Cents whose point OCR lost ("75532" for 755.32) in a column whose other
 * rows, at least two of them and most, show their decimals. */
static void restore_points(bf_invoice *inv, size_t first, int shape[][2])
{
        size_t n = inv->n_lines - first;
        if (n > MAX_TABLE_ROWS)
                n = MAX_TABLE_ROWS;
        for (int col = 0; col < 2; col++) {
                size_t with = 0, without = 0;
                for (size_t k = 0; k < n; k++) {
                        without += shape[k][col] == FIG_PLAIN;
                        with += shape[k][col] == FIG_CENTS;
                }
                if (without == 0 || with < 2 || with <= without)
                        continue;
                for (size_t k = 0; k < n; k++) {
                        bf_invoice_line *ln = &inv->lines[first + k];
                        if (shape[k][col] != FIG_PLAIN)
                                continue;
                        if (col == 0 && ln->has_unit_price && ln->unit_price.scale == 0)
                                ln->unit_price.scale = 2;
                        else if (col == 1 && ln->has_amount && ln->amount.minor % 100 == 0)
                                ln->amount.minor /= 100;
                }
        }
}

/* Does line li read as an item of the table: an amount in its amount
 * column, beside a description or a quantity or unit price? */
static bool item_row(const struct xdoc *x, size_t li, const struct column *cols, size_t nc)
{
        struct row_look k = row_look(x, li, cols, nc);
        return k.amount && (k.number || k.word);
}

/* The table whose rows ran out at line li, on a page that holds no totals
 * or header below them, goes on at the top of the next page without its
 * header: the first item row there (past a running head and a "brought
 * forward" row), or SIZE_MAX. A header repeated on the next page is left to
 * the caller, which reads it as a table of its own. */
static size_t continued_at(const struct xdoc *x, size_t li, const struct column *cols, size_t nc)
{
        struct column tmp[MAX_COLS];
        int page = x->lines[li].page;
        size_t k = li;
        for (; k < x->n_lines && x->lines[k].page == page; k++)
                if (stops_table(x, k, cols, nc) || header_columns(x, k, tmp) > 0)
                        return SIZE_MAX;
        if (k >= x->n_lines)
                return SIZE_MAX;
        page = x->lines[k].page;
        for (size_t seen = 0; k < x->n_lines && x->lines[k].page == page && seen < 12; k++, seen++) {
                if (stops_table(x, k, cols, nc) || header_columns(x, k, tmp) > 0)
                        return SIZE_MAX;
                if (!extract_line_has_kind(x, k, LK_CARRIED) && item_row(x, k, cols, nc))
                        return k;
        }
        return SIZE_MAX;
}

/* The table goes on below a gap on its page, past an item's notes
 * ("Weitere Eigenschaften:"): the first line of the next few, before any
 * totals or header, that holds an item's figures (a quantity or unit
 * price and an amount) beside words; else SIZE_MAX. */
static size_t item_after_gap(const struct xdoc *x, size_t li, const struct column *cols, size_t nc)
{
        struct column tmp[MAX_COLS];
        int page = x->lines[li].page;
        for (size_t k = li, seen = 0; k < x->n_lines && x->lines[k].page == page && seen < 8; k++, seen++) {
                if (stops_table(x, k, cols, nc) || header_columns(x, k, tmp) > 0)
                        return SIZE_MAX;
                if (item_figures(x, k, cols, nc) && item_row(x, k, cols, nc))
                        return k;
        }
        return SIZE_MAX;
}

/* What the row passes of read_table share: the table's columns and where
 * its reading stands. */
struct table_run {
        struct xdoc *x;
        bf_invoice *inv;
        const struct xline *head;
        const struct column *cols;
        size_t nc;
        double desc_x0, first_num_x0;   /* where descriptions and the figures start */
        size_t li;                      /* the line being read */
        int page;                       /* its page: a table may run onto the next */
        double last_y;                  /* the foot of the last line taken */
        bf_invoice_line *cur;           /* the item read last, or NULL */
        bool desc_closed;               /* cur's description has ended: notes follow */
        size_t first_line;              /* inv's first item of this table */
        int shape[MAX_TABLE_ROWS][2];   /* how unit, amount were printed */
};

/* One line of the table as its cells read it. */
struct table_row {
        const struct xline *l;
        bool has_qty, has_unit, has_amount;
        int unit_shape, amount_shape;
        bool numbered;                  /* an item number in its column: a new item */
        float amount_read, qty_read, unit_read;
        bf_decimal qty, unit;
        bf_money amount;
        const char *parts[64];          /* the description's words */
        const struct xtok *ptok[64];
        size_t desc_n;
        size_t words_in_numbers;
};

enum row_verdict {
        ROW_GO_ON,      /* the next pass */
        ROW_DONE,       /* the next line */
        TABLE_DONE,     /* the table ends before this line */
};

/* Where the table goes on (past a page break, a gap), and where it ends:
 * totals, a new header. A sum carried between pages is no item. */
static enum row_verdict row_bounds(struct table_run *t, struct table_row *row)
{
        const struct xdoc *x = t->x;
        const struct xline *l = &x->lines[t->li];
        if (l->page != t->page || l->box.y0 - t->last_y > 3.5 * fmax(l->h, t->head->h)) {
                /* at a page break the rows ran out on the line before: the
                 * totals below on the new page do not end the table before
                 * the items above them there */
                size_t from = l->page != t->page && t->li > 0 ? t->li - 1 : t->li;
                size_t next = l->page == t->page ? item_after_gap(x, t->li, t->cols, t->nc) : SIZE_MAX;
                if (next == SIZE_MAX)
                        next = continued_at(x, from, t->cols, t->nc);
                if (next == SIZE_MAX)
                        return TABLE_DONE;
                t->li = next;
                l = &x->lines[t->li];
                t->page = l->page;
        }
        row->l = l;
        if (extract_line_has_kind(x, t->li, LK_CARRIED)) {
                t->last_y = l->box.y1;
                return ROW_DONE;
        }
        struct column tmp[MAX_COLS];
        if (stops_table(x, t->li, t->cols, t->nc) || header_columns(x, t->li, tmp) > 0)
                return TABLE_DONE;
        return ROW_GO_ON;
}

/* The line's tokens into their columns: quantity, unit price and amount
 * read as figures (OCR's splits and slips mended), the rest the
 * description. */
static enum row_verdict row_cells(struct table_run *t, struct table_row *row)
{
        const struct xdoc *x = t->x;
        const struct xline *l = row->l;
        const struct column *cols = t->cols;
        size_t nc = t->nc;
        row->unit_shape = row->amount_shape = FIG_OTHER;
        row->amount_read = row->qty_read = row->unit_read = 1.0f;
        for (size_t i = l->first; i < l->first + l->n; i++) {
                const struct xtok *tk = &x->toks[i];
                /* A scan's speck that OCR read as a digit, a fraction of
                 * its row's height ("4" 3 px high before the quantity 3),
                 * is no figure. */
                if (x->doc->source != SOURCE_TEXT && extract_has_digit(tk->raw) &&
                    tk->box.y1 - tk->box.y0 < SPECK_MAX_HEIGHT * l->h)
                        continue;
                int c = column_of(cols, nc, tk->box, 0.5 * l->h);
                size_t glued = grouped_number(x, i, l);
                /* "1 588,69" under "Kaina": a right-aligned figure's first
                 * group can stand out left of its column, in none */
                if (c < 0 && glued > 1)
                        c = column_of(cols, nc, (bf_box){ tk->box.x0, tk->box.y0,
                                                         x->toks[i + glued - 1].box.x1,
                                                         tk->box.y1 }, 0.5 * l->h);
                enum col_role r = c >= 0 ? cols[c].role : COL_NONE;
                size_t fig_first = i;
                bf_decimal d;
                bf_money m;
                bool numeric = extract_has_digit(tk->raw) && parse_decimal_tok(tk->raw, &d);
                size_t run = x->doc->source != SOURCE_TEXT && c >= 0 &&
                                     (r == COL_QTY || r == COL_UNIT || r == COL_AMOUNT)
                                     ? figure_run(x, l, cols, nc, c, i) : 1;
                if (run > 1) {
                        /* OCR split one figure of a number column: "1 264,
                         * 00", "3 818,00:" */
                        char *g = xdoc_join(x, i, i + run, false);
                        char *p = g, *q = g;
                        bf_decimal dd;
                        for (; *p; p++)
                                if (*p != ' ')
                                        *q++ = *p;
                        *q = 0;
                        if (parse_decimal_tok(g, &dd) && (r != COL_AMOUNT || dd.scale <= 2)) {
                                d = dd;
                                numeric = true;
                                glued = 1;
                                i += run - 1;
                                if (r == COL_AMOUNT && !row->has_amount &&
                                    extract_decimal_to_money(d, x->currency, &m) == 0) {
                                        row->amount = m;
                                        row->has_amount = true;
                                        row->amount_read = (float)extract_read_conf(x, i + 1 - run, i + 1);
                                        row->amount_shape = figure_shape(x, i + 1 - run, i + 1);
                                        free(g);
                                        continue;
                                }
                                if (r == COL_UNIT && !row->has_unit)
                                        row->unit_shape = figure_shape(x, i + 1 - run, i + 1);
                        }
                        free(g);
                }
                if (numeric && glued > 1 && r != COL_AMOUNT) {
                        /* "1 677,76": thousands grouped by a space */
                        char *g = xdoc_join(x, i, i + glued, false);
                        char *p = g, *q = g;
                        for (; *p; p++)
                                if (*p != ' ')
                                        *q++ = *p;
                        *q = 0;
                        numeric = parse_decimal_tok(g, &d);
                        free(g);
                        i += glued - 1;
                }
                if (numeric && r == COL_QTY && !row->has_qty) {
                        row->qty = d;
                        row->has_qty = true;
                        row->qty_read = (float)extract_read_conf(x, fig_first, i + 1);
                        continue;
                }
                if (numeric && r == COL_UNIT && !row->has_unit) {
                        row->unit = d;
                        row->has_unit = true;
                        row->unit_read = (float)extract_read_conf(x, fig_first, i + 1);
                        if (run <= 1)
                                row->unit_shape = figure_shape(x, i, i + 1);
                        continue;
                }
                if (r == COL_AMOUNT && !row->has_amount && extract_has_digit(tk->raw)) {
                        int used = extract_amount_at(x, i, &m);
                        if (used > 0) {
                                row->amount = m;
                                row->has_amount = true;
                                row->amount_read = (float)extract_read_conf(x, i, i + (size_t)used);
                                row->amount_shape = figure_shape(x, i, i + (size_t)used);
                                i += (size_t)used - 1;
                                continue;
                        }
                        /* "4:00", "120;00-": in this column no time */
                        if (numeric && d.scale <= 2 && extract_decimal_to_money(d, x->currency, &m) == 0) {
                                row->amount = m;
                                row->has_amount = true;
                                row->amount_read = (float)extract_read_conf(x, i, i + 1);
                                continue;
                        }
                        /* "2.21295": no amount has five decimals; the point
                         * left is a group's, the decimal one lost */
                        if (numeric && d.scale > 3 && x->doc->source != SOURCE_TEXT &&
                            extract_decimal_to_money((bf_decimal){ d.units, 0 }, x->currency, &m) == 0) {
                                row->amount = m;
                                row->has_amount = true;
                                row->amount_shape = FIG_PLAIN;
                                row->amount_read = (float)extract_read_conf(x, i, i + 1);
                                continue;
                        }
                }
                if (r == COL_POS && extract_has_digit(tk->raw))
                        row->numbered = true;
                if (r == COL_POS || (numeric && r != COL_DESC && r != COL_NONE))
                        continue;
                if ((r == COL_QTY || r == COL_UNIT || r == COL_AMOUNT) && !extract_has_digit(tk->raw))
                        row->words_in_numbers++;
                /* a rate or sign between the number columns, under no
                 * header ("19 %" left of "Steuer", the "€" or "EUR" after a
                 * price), is no word of the description */
                if (r == COL_NONE && tk->box.x0 >= t->first_num_x0 &&
                    (!has_letter(tk->raw) || strcasecmp(tk->raw, x->currency) == 0))
                        continue;
                if ((r == COL_DESC || tk->box.x1 <= t->first_num_x0 + 1 || r == COL_NONE) && row->desc_n < 64) {
                        row->ptok[row->desc_n] = tk;
                        row->parts[row->desc_n++] = tk->raw;
                }
        }
        return ROW_GO_ON;
}

/* OCR's specks at either end of a description: "| Bridas ... ae". */
static enum row_verdict row_desc_specks(struct table_run *t, struct table_row *row)
{
        size_t lead = 0, n = row->desc_n;
        while (lead < n && desc_speck(t->x, row->ptok[lead]))
                lead++;
        while (n > lead && desc_speck(t->x, row->ptok[n - 1]))
                n--;
        memmove(row->parts, row->parts + lead, (n - lead) * sizeof(row->parts[0]));
        memmove(row->ptok, row->ptok + lead, (n - lead) * sizeof(row->ptok[0]));
        row->desc_n = n - lead;
        return ROW_GO_ON;
}

/* A lone amount with no description ends the table: "Charges this period
 * 120.00" (words set in the number columns: a totals row, whatever its
 * label says), or under the items a subtotal whose label OCR lost. */
static enum row_verdict row_totals(struct table_run *t, struct table_row *row)
{
        if (row->desc_n == 0 && !row->has_qty && !row->has_unit && row->has_amount &&
            (row->words_in_numbers > 0 || t->cur))
                return TABLE_DONE;
        return ROW_GO_ON;
}

/* Does the row's description start with a bullet ("* Herkunftsland: DE"):
 * a note of the item, no words of its description? A "Name: value" line
 * stays one ("Period: 01.01.-31.01."). */
static bool bullet_line(const struct table_row *row)
{
        if (row->desc_n == 0)
                return false;
        const char *w = row->parts[0];
        return strcmp(w, "*") == 0 || strcmp(w, "\xe2\x80\xa2") == 0;
}

/* The line into the invoice: a new item where it has figures (a speck in
 * the unit column beside a description's second line is none), else the
 * description of the item above goes on, else a sub-header. */
static enum row_verdict row_put(struct table_run *t, struct table_row *row)
{
        struct xdoc *x = t->x;
        bf_invoice *inv = t->inv;
        const struct xline *l = row->l;
        char *text = NULL;
        if (row->desc_n > 0) {
                size_t len = 1;
                for (size_t k = 0; k < row->desc_n; k++)
                        len += strlen(row->parts[k]) + 1;
                text = bf_xmalloc(len);
                text[0] = 0;
                for (size_t k = 0; k < row->desc_n; k++) {
                        if (k)
                                strcat(text, " ");
                        strcat(text, row->parts[k]);
                }
        }
        /* (An item number before it, "5 Hydraulic hose ... oe 0,68 2i/2"
         * with the quantity and amount misread, makes it an item.) */
        bool lone_unit = x->doc->source != SOURCE_TEXT && t->cur && row->has_unit && !row->has_qty &&
                         !row->has_amount && !(row->numbered && row->desc_n > 0);
        /* Under an item with its amount, a row of a price or a quantity
         * alone in a text layer is a detail of that item ("Bruttopreis :
         * 1.000,00", a price basis "1 Stk"), no item: it ends its
         * description. (A quantity and a price make an item whose amount
         * went unread.) */
        if (x->doc->source == SOURCE_TEXT && t->cur && t->cur->has_amount && !row->has_amount &&
            row->has_unit != row->has_qty) {
                t->desc_closed = true;
                t->last_y = l->box.y1;
                free(text);
                return ROW_DONE;
        }
        /* A bulleted line of the item's notes ("* Herkunftsland: DE") or a
         * numbered note of its own ("01 Beamermontage") ends the
         * description above. */
        if (text && t->cur && !row->has_amount && !row->has_unit && (row->numbered || bullet_line(row)))
                t->desc_closed = true;
        if (row->has_amount || (row->has_unit && !lone_unit)) {
                if (inv->n_lines - t->first_line < MAX_TABLE_ROWS) {
                        t->shape[inv->n_lines - t->first_line][0] = row->unit_shape;
                        t->shape[inv->n_lines - t->first_line][1] = row->amount_shape;
                }
                if (x->n_line_read < inv->n_lines + 1) {
                        x->line_read = bf_xrealloc(x->line_read, (inv->n_lines + 1) * sizeof(*x->line_read));
                        for (size_t k = x->n_line_read; k <= inv->n_lines; k++)
                                x->line_read[k] = (struct line_read){ 1.0f, 1.0f, 1.0f, false };
                        x->n_line_read = inv->n_lines + 1;
                }
                x->line_read[inv->n_lines] = (struct line_read){ row->qty_read, row->unit_read,
                                                                 row->amount_read, !row->has_amount };
                bf_invoice_line *cur = invoice_add_line(inv);
                cur->line_no = (int)inv->n_lines;
                cur->has_quantity = row->has_qty;
                cur->quantity = row->qty;
                cur->has_unit_price = row->has_unit;
                cur->unit_price = row->unit;
                cur->has_amount = row->has_amount;
                cur->amount = row->amount;
                if (text)
                        append_desc(cur, text);
                t->cur = cur;
                t->desc_closed = false;
                t->last_y = l->box.y1;
        } else if (text && t->cur && !t->desc_closed && !row->numbered &&
                   row->ptok[0]->box.x0 >= t->desc_x0 - 2 * l->h) {
                append_desc(t->cur, text);
                t->last_y = l->box.y1;
        } else if (text && !t->cur) {
                t->last_y = l->box.y1;  /* sub-header lines */
        } else if (text && t->desc_closed) {
                t->last_y = l->box.y1;  /* the item's notes */
        }
        free(text);
        return ROW_DONE;
}

/* The passes over each line of a table, in order. */
static const struct {
        const char *name;
        enum row_verdict (*run)(struct table_run *t, struct table_row *row);
} row_passes[] = {
        { "bounds", row_bounds },
        { "cells", row_cells },
        { "description specks", row_desc_specks },
        { "totals row", row_totals },
        { "put", row_put },
};

/* Reads the items of the table whose header is line hl, with columns
 * cols[nc], into inv; the line where the table ends. */
static size_t read_table(struct xdoc *x, bf_invoice *inv, size_t hl, const struct column *cols,
                         size_t nc)
{
        struct table_run t = {
                .x = x, .inv = inv, .head = &x->lines[hl], .cols = cols, .nc = nc,
                .desc_x0 = 1e9, .first_num_x0 = 1e9, .page = x->lines[hl].page,
                .last_y = x->lines[hl].box.y1, .first_line = inv->n_lines,
        };
        for (size_t c = 0; c < nc; c++) {
                if (cols[c].role == COL_DESC && cols[c].x0 < t.desc_x0)
                        t.desc_x0 = cols[c].x0;
                if ((cols[c].role == COL_QTY || cols[c].role == COL_UNIT || cols[c].role == COL_AMOUNT) &&
                    cols[c].x0 < t.first_num_x0 && cols[c].x0 > t.desc_x0)
                        t.first_num_x0 = cols[c].x0;
        }
        if (t.desc_x0 > 1e8)
                t.desc_x0 = t.head->box.x0;
        for (t.li = hl + 1; t.li < x->n_lines; t.li++) {
                struct table_row row = { 0 };
                enum row_verdict v = ROW_GO_ON;
                for (size_t k = 0; v == ROW_GO_ON && k < sizeof(row_passes) / sizeof(row_passes[0]); k++)
                        v = row_passes[k].run(&t, &row);
                if (v == TABLE_DONE)
                        break;
        }
        if (x->doc->source != SOURCE_TEXT)
                restore_points(inv, t.first_line, t.shape);
        return t.li;
}

static void reconcile(bf_invoice *inv, const char *currency)
{
        for (size_t i = 0; i < inv->n_lines; i++) {
                bf_invoice_line *ln = &inv->lines[i];
                if (!ln->has_quantity && ln->has_unit_price && ln->has_amount) {
                        bf_decimal a = decimal_from_money(ln->amount);
                        if (decimal_cmp(a, ln->unit_price) == 0) {
                                ln->quantity = (bf_decimal){ 1, 0 };
                                ln->has_quantity = true;
                        }
                }
                if (ln->has_quantity && ln->has_unit_price && !ln->has_amount) {
                        bf_decimal p;
                        bf_money m;
                        if (decimal_mul(ln->quantity, ln->unit_price, &p) == 0 &&
                            extract_decimal_to_money(p, currency, &m) == 0) {
                                ln->amount = m;
                                ln->has_amount = true;
                        }
                }
                if (ln->has_quantity && !ln->has_unit_price && ln->has_amount &&
                    !decimal_is_zero(ln->quantity) && ln->quantity.scale == 0 &&
                    ln->quantity.units == 1) {
                        ln->unit_price = decimal_from_money(ln->amount);
                        ln->has_unit_price = true;
                }
        }
}

void extract_line_items(struct xdoc *x, bf_invoice *inv)
{
        struct column cols[MAX_COLS];
        for (size_t li = 0; li < x->n_lines; li++) {
                size_t nc = header_columns(x, li, cols);
                if (nc == 0)
                        continue;
                size_t stop = read_table(x, inv, li, cols, nc);
                if (stop > li + 1)
                        li = stop - 1;
        }
        reconcile(inv, x->currency);
}

/* ------------------------------------------------- a till's item list */

static bool product_money(bf_decimal qty, bf_decimal unit, const char *currency, bf_money *ret);

/* At most this many items are read from a till receipt's list. */
#define TILL_MAX_ITEMS 64

struct till_item {
        size_t line, desc_line;         /* desc_line: SIZE_MAX none */
        size_t desc_first, desc_end;    /* the description's tokens on `line` */
        bf_money amount;
        bool has_qty;
        bf_decimal qty, unit;
};

static bool is_times(const char *raw)
{
        return strcmp(raw, "x") == 0 || strcmp(raw, "X") == 0 || strcmp(raw, "@") == 0 ||
               strcmp(raw, "*") == 0 || strcmp(raw, "\xc3\x97") == 0;
}

/* Does raw end in a decimal separator and two digits ("3.22", "€1,16")? */
static bool with_cents(const char *raw)
{
        size_t n = strlen(raw);
        return n >= 4 && (raw[n - 3] == '.' || raw[n - 3] == ',') && isdigit((unsigned char)raw[n - 2]) &&
               isdigit((unsigned char)raw[n - 1]) && isdigit((unsigned char)raw[n - 4]);
}

/* Line li as an item of a till's list: an amount with its cents ending the
 * line (a tax code of a letter or two may follow: "2.78 A"), its right
 * edge within a text height of `right` (the total's); before it "2 x 1.39"
 * (quantity and price, kept when their product is the amount) and words.
 * False when the line is no such item. */
static bool till_line(const struct xdoc *x, size_t li, double right, const char *currency,
                      struct till_item *ret)
{
        const struct xline *l = &x->lines[li];
        size_t end = l->first + l->n, stop = end;
        if (l->n >= 2 && strlen(x->toks[end - 1].raw) <= 2 && !extract_has_digit(x->toks[end - 1].raw))
                stop = end - 1;
        size_t at = SIZE_MAX;
        bf_money amount;
        for (size_t i = l->first; i < stop && at == SIZE_MAX; i++) {
                int u = extract_amount_at(x, i, &amount);
                if (u > 0 && i + (size_t)u == stop)
                        at = i;
        }
        if (at == SIZE_MAX || !with_cents(x->toks[stop - 1].raw) ||
            fabs(x->toks[stop - 1].box.x1 - right) > l->h)
                return false;
        *ret = (struct till_item){ .line = li, .desc_line = SIZE_MAX, .desc_first = l->first,
                                   .desc_end = at, .amount = amount };
        /* "2 x 1.39" or "2x 1.39" just before the amount */
        if (at >= l->first + 2) {
                const struct xtok *a = &x->toks[at - 2], *b = &x->toks[at - 1];
                char q[32];
                size_t first = at - 2;
                bf_decimal qty, unit;
                bf_money m;
                bool ok = false;
                size_t n = strlen(a->raw);
                if (is_times(a->raw) && at >= l->first + 3) {
                        first = at - 3;
                        ok = parse_decimal_tok(x->toks[at - 3].raw, &qty);
                } else if (n >= 2 && n < sizeof(q) && (a->raw[n - 1] == 'x' || a->raw[n - 1] == 'X')) {
                        memcpy(q, a->raw, n - 1);
                        q[n - 1] = 0;
                        ok = strspn(q, "0123456789.,") == n - 1 && parse_decimal_tok(q, &qty);
                }
                if (ok && parse_decimal_tok(b->raw, &unit) && qty.units > 0 &&
                    product_money(qty, unit, currency, &m) && m.minor == ret->amount.minor) {
                        ret->has_qty = true;
                        ret->qty = qty;
                        ret->unit = unit;
                        ret->desc_end = first;
                }
        }
        return true;
}

/* Does line li carry a label (not one of those that only swallow words)? */
static bool labelled(const struct xdoc *x, size_t li)
{
        const struct xline *l = &x->lines[li];
        for (size_t i = l->first; i < l->first + l->n; i++)
                if (x->toks[i].label >= 0 && x->hits[x->toks[i].label].kind != LK_IGNORE)
                        return true;
        return false;
}

static bool has_words(const struct xdoc *x, size_t first, size_t end)
{
        for (size_t i = first; i < end; i++)
                if (has_letter(x->toks[i].raw) && !extract_has_digit(x->toks[i].raw))
                        return true;
        return false;
}

static char *join_tokens(const struct xdoc *x, size_t first, size_t end)
{
        size_t len = 1;
        for (size_t i = first; i < end; i++)
                len += strlen(x->toks[i].raw) + 1;
        char *s = bf_xmalloc(len);
        s[0] = 0;
        for (size_t i = first; i < end; i++) {
                if (i > first)
                        strcat(s, " ");
                strcat(s, x->toks[i].raw);
        }
        return s;
}

void extract_till_items(struct xdoc *x, bf_invoice *inv)
{
        const bf_field_meta *tm = &inv->meta[FIELD_TOTAL];
        if (inv->n_lines > 0 || !tm->present || inv->total.minor <= 0)
                return;
        double cy = (tm->box.y0 + tm->box.y1) / 2;
        size_t tl = SIZE_MAX;
        for (size_t li = 0; li < x->n_lines && tl == SIZE_MAX; li++)
                if (x->lines[li].page == tm->page && cy >= x->lines[li].box.y0 &&
                    cy <= x->lines[li].box.y1)
                        tl = li;
        if (tl == SIZE_MAX || tl == 0)
                return;
        const char *cur = inv->total.currency[0] ? inv->total.currency : x->currency;
        /* the items' figures may end where the total's currency word does
         * ("K UHRADE  86,39 Kč" over "Rajčata  11,86"), OCR's reading of
         * it a word of no currency ("Ké") */
        const struct xline *tln = &x->lines[tl];
        const struct xtok *last = &x->toks[tln->first + tln->n - 1];
        double right2 = last->box.x0 > tm->box.x1 && last->box.x0 - tm->box.x1 < 1.5 * tln->h &&
                                        !extract_has_digit(last->raw) && strlen(last->raw) <= 4
                                ? last->box.x1 : tm->box.x1;
        struct till_item items[TILL_MAX_ITEMS];
        size_t n = 0;
        int64_t sum = 0;
        for (size_t li = tl; li-- > 0 && x->lines[li].page == tm->page;) {
                struct till_item it;
                if (till_line(x, li, tm->box.x1, cur, &it) ||
                    (right2 != tm->box.x1 && till_line(x, li, right2, cur, &it))) {
                        /* the subtotal's or the tax's line above the total */
                        if (labelled(x, li)) {
                                if (n == 0)
                                        continue;
                                break;
                        }
                        if (n == TILL_MAX_ITEMS || (it.amount.minor > 0 && sum > INT64_MAX - it.amount.minor) ||
                            (it.amount.minor < 0 && sum < INT64_MIN - it.amount.minor))
                                return;
                        sum += it.amount.minor;
                        items[n++] = it;
                        continue;
                }
                /* a quantity's line ("2 x 1.39  2.78") has its words above */
                if (n > 0 && items[n - 1].desc_line == SIZE_MAX &&
                    !has_words(x, items[n - 1].desc_first, items[n - 1].desc_end) && !labelled(x, li) &&
                    has_words(x, x->lines[li].first, x->lines[li].first + x->lines[li].n)) {
                        items[n - 1].desc_line = li;
                        continue;
                }
                break;
        }
        /* The items are the list only when they add up to what the page
         * says they do: its subtotal, its total less its tax, or (prices
         * with their tax, a shop's) its total. */
        bool adds_up = n > 0 && (sum == inv->total.minor ||
                                 (inv->meta[FIELD_SUBTOTAL].present && sum == inv->subtotal.minor) ||
                                 (inv->meta[FIELD_TAX].present && sum == inv->total.minor - inv->tax.minor));
        for (size_t k = 0; k < n; k++) {
                const struct till_item *it = &items[k];
                bool words = has_words(x, it->desc_first, it->desc_end);
                adds_up = adds_up && (words || it->desc_line != SIZE_MAX);
        }
        if (!adds_up)
                return;
        for (size_t k = n; k-- > 0;) {
                const struct till_item *it = &items[k];
                bf_invoice_line *ln = invoice_add_line(inv);
                ln->line_no = (int)inv->n_lines;
                char *d = it->desc_line != SIZE_MAX
                                  ? join_tokens(x, x->lines[it->desc_line].first,
                                                x->lines[it->desc_line].first + x->lines[it->desc_line].n)
                                  : join_tokens(x, it->desc_first, it->desc_end);
                append_desc(ln, d);
                free(d);
                ln->has_amount = true;
                ln->amount = it->amount;
                ln->has_quantity = true;
                ln->has_unit_price = true;
                ln->quantity = it->has_qty ? it->qty : (bf_decimal){ 1, 0 };
                ln->unit_price = it->has_qty ? it->unit : decimal_from_money(it->amount);
        }
}

/* a / b when it divides exactly with at most max_scale decimals. */
static bool dec_div(bf_decimal a, bf_decimal b, int max_scale, bf_decimal *ret)
{
        if (b.units <= 0 || a.units < 0)
                return false;
        for (int sc = 0; sc <= max_scale; sc++) {
                int exp = sc + b.scale - a.scale;
                int64_t num = a.units, den = b.units;
                for (int k = 0; k < exp; k++) {
                        if (num > INT64_MAX / 10)
                                return false;
                        num *= 10;
                }
                for (int k = 0; k < -exp; k++) {
                        if (den > INT64_MAX / 10)
                                return false;
                        den *= 10;
                }
                if (num % den == 0) {
                        *ret = (bf_decimal){ num / den, sc };
                        return true;
                }
        }
        return false;
}

static bool product_money(bf_decimal qty, bf_decimal unit, const char *currency, bf_money *ret)
{
        bf_decimal p;
        return decimal_mul(qty, unit, &p) == 0 && extract_decimal_to_money(p, currency, ret) == 0;
}

/* The significant digits of a formatted figure into out (at least as
 * large): "0.105", "10.5" and "1050" all give "105". Returns how many. */
static size_t sig_digits(const char *s, char *out)
{
        size_t n = 0;
        for (const char *p = s; *p; p++)
                if (isdigit((unsigned char)*p) && (n > 0 || *p != '0'))
                        out[n++] = *p;
        while (n > 0 && out[n - 1] == '0')
                n--;
        return n;
}

/* Does OCR's reading differ from the figure by one digit (dropped,
 * doubled or misread) — or, when `points`, only by where the point is
 * ("8700", "79" for 87.00, 0.79)? */
static bool one_slip(bf_decimal read, bf_decimal want, bool points)
{
        char a[48], b[48];
        if (decimal_format(read, a, sizeof(a)) < 0 || decimal_format(want, b, sizeof(b)) < 0)
                return false;
        if (strcmp(a, b) == 0)
                return false;
        if (!points)
                return extract_within_one(a, b) && !one_slip(read, want, true);
        /* the same digits with the point lost or moved: "8700", "79" for
         * 87.00, 0.79 */
        char da[48], db[48];
        size_t na = sig_digits(a, da), nb = sig_digits(b, db);
        return na > 0 && na == nb && memcmp(da, db, na) == 0;
}

/* How many figures c / 10^sc, c within one of approx (amt / other in
 * those units), have a product with other that rounds to amt; *ret holds
 * the last. Multiples of ten are skipped when `fewest` (a shorter figure
 * says the same). */
static int factors_near(bf_money amt, bf_decimal other, int sc, double approx, bool fewest,
                        const char *currency, bf_decimal *ret)
{
        int64_t base = (int64_t)floor(approx);
        int found = 0;
        for (int64_t c = base - 1; c <= base + 1; c++) {
                bf_money m;
                if (c <= 0 || (fewest && c % 10 == 0) ||
                    !product_money((bf_decimal){ c, sc }, other, currency, &m) || m.minor != amt.minor)
                        continue;
                *ret = (bf_decimal){ c, sc };
                found++;
        }
        return found;
}

/* A unit price (or quantity) of at most two decimals whose product with
 * qty (or the unit price) rounds to amt (1213.25 / 13.5 -> 89.87); false
 * when none or more than one does. */
static bool rounded_unit(bf_money amt, bf_decimal qty, const char *currency, bf_decimal *ret)
{
        bf_decimal a = decimal_from_money(amt);
        if (qty.units <= 0 || a.units <= 0)
                return false;
        /* amt / qty in hundredths, rounded down: a * 100 * 10^qty.scale / (qty.units * 10^a.scale) */
        double approx = (double)a.units * 100.0 * pow(10, qty.scale - a.scale) / (double)qty.units;
        if (approx > 1e15)
                return false;
        return factors_near(amt, qty, 2, approx, false, currency, ret) == 1;
}

/* A quantity of at most two decimals, the fewest that do, whose product
 * with unit rounds to amt ("1.5" x 89.35 = 134.025, printed 134.03): the
 * one of them, if only one. */
static bool rounded_qty(bf_money amt, bf_decimal unit, const char *currency, bf_decimal *ret)
{
        bf_decimal a = decimal_from_money(amt);
        if (unit.units <= 0 || a.units <= 0)
                return false;
        for (int sc = 0; sc <= 2; sc++) {
                /* amt / unit in units of 10^-sc, rounded down */
                double approx = (double)a.units * pow(10, sc + unit.scale - a.scale) /
                                (double)unit.units;
                if (approx > 1e15)
                        return false;
                int found = factors_near(amt, unit, sc, approx, sc > 0, currency, ret);
                if (found)
                        return found == 1;
        }
        return false;
}

/* How well a figure explains OCR's reading of it: 4 when the reading's
 * digits are the figure's with one or two left out ("72" for 8.72, not
 * "15" for 1969.5), 3 when one
 * was lost ("74.11" for 474.11), 2 when one digit differs, is lost or
 * added ("2" for 27), 1 when only the point moved, else 0. A reading of
 * one significant digit proves little: at most 2. */
static int explains(bf_decimal want, bf_decimal read)
{
        char a[48], b[48], da[48], db[48];
        if (decimal_format(want, a, sizeof(a)) < 0 || decimal_format(read, b, sizeof(b)) < 0)
                return 0;
        size_t na = sig_digits(a, da), nb = sig_digits(b, db);
        /* the reading's digits are the figure's with some left out */
        size_t k = 0;
        for (size_t i = 0; i < na && k < nb; i++)
                if (da[i] == db[k])
                        k++;
        if (k == nb && na > nb && na <= nb + 2 && nb >= 2)
                return 4;
        if (k == nb && na == nb + 1 && nb >= 2)
                return 3;
        if (one_slip(read, want, false))
                return 2;
        return one_slip(read, want, true) ? 1 : 0;
}

/* The line's three figures disagree though its amount is vouched for by
 * the lines' sum: the quantity or the unit price was misread. The one
 * that the amount and the other make a plain figure of is taken, the one
 * that explains its reading best when both do. */
static bool mend_from_amount(bf_invoice_line *ln, const char *cur)
{
        bf_decimal amt = decimal_from_money(ln->amount), u, q;
        bf_money m;
        if (ln->amount.minor <= 0)
                return false;
        if (ln->has_quantity && ln->has_unit_price &&
            product_money(ln->quantity, ln->unit_price, cur, &m) && m.minor == ln->amount.minor)
                return false;
        /* no quantity, and a unit price a slip from the amount: one of it */
        if (!ln->has_quantity && ln->has_unit_price && explains(amt, ln->unit_price) > 0) {
                ln->quantity = (bf_decimal){ 1, 0 };
                ln->has_quantity = true;
                ln->unit_price = amt;
                return true;
        }
        bool by_u = ln->has_quantity && ln->quantity.units > 0 && dec_div(amt, ln->quantity, 2, &u);
        bool by_q = ln->has_unit_price && ln->unit_price.units > 0 && dec_div(amt, ln->unit_price, 2, &q);
        if (by_u && by_q && explains(q, ln->quantity) > explains(u, ln->unit_price))
                by_u = false;
        if (by_u) {
                ln->unit_price = u;
                ln->has_unit_price = true;
                return true;
        }
        if (by_q) {
                ln->quantity = q;
                ln->has_quantity = true;
                return true;
        }
        if (ln->has_quantity && rounded_unit(ln->amount, ln->quantity, cur, &u)) {
                ln->unit_price = u;
                ln->has_unit_price = true;
                return true;
        }
        /* a quantity misread beside a unit price its product with one
         * rounds to the amount ("7245" for 24,5 x 313,05 = 7669,73) */
        if (ln->has_unit_price && rounded_qty(ln->amount, ln->unit_price, cur, &q)) {
                ln->quantity = q;
                ln->has_quantity = true;
                return true;
        }
        return false;
}

/* The lines' amounts added into *ret, a missing one as 0; false when the
 * sum overflows (then the lines add up to nothing the page can say). */
static bool lines_sum(const bf_invoice *inv, int64_t *ret)
{
        int64_t sum = 0;
        for (size_t i = 0; i < inv->n_lines; i++)
                if (inv->lines[i].has_amount && __builtin_add_overflow(sum, inv->lines[i].amount.minor, &sum))
                        return false;
        *ret = sum;
        return true;
}

/* sum with one line's amount was read as now instead, into *ret; false
 * when that overflows. */
static bool sum_with(int64_t sum, int64_t was, int64_t now, int64_t *ret)
{
        int64_t r;
        if (__builtin_sub_overflow(sum, was, &r) || __builtin_add_overflow(r, now, &r))
                return false;
        *ret = r;
        return true;
}

/* An amount OCR read at least this surely, that its line's quantity and
 * unit price make, takes no gap. */
#define GAP_SURE_AMOUNT 0.85f

/* The lines miss what the page says they add up to by gap: the one line
 * whose amount, missing, nil, above the whole sum, or read a slip away from
 * what would close the gap, takes it. A line whose reading the new amount
 * explains best wins, then one OCR doubted; false
 * when no line or more than one is best. */
static bool close_gap(const struct xdoc *x, bf_invoice *inv, const char *currency, int64_t target,
                      int64_t gap)
{
        int which = -1;
        double best = 0, second = 0;
        for (size_t i = 0; i < inv->n_lines; i++) {
                const bf_invoice_line *ln = &inv->lines[i];
                const char *cur = ln->amount.currency[0] ? ln->amount.currency : currency;
                int64_t want;
                bf_money m;
                if (__builtin_add_overflow(ln->has_amount ? ln->amount.minor : 0, gap, &want) || want <= 0 ||
                    want > EXTRACT_MAX_MINOR)
                        continue;
                bool agrees = ln->has_quantity && ln->has_unit_price &&
                              product_money(ln->quantity, ln->unit_price, cur, &m);
                double score;
                /* a line whose amount OCR read surely as its quantity and
                 * unit price make it is as printed: the gap is another
                 * line's, or a charge the lines do not hold ("5 | 1.822,00
                 * | 9.110,00" under a surcharge of 48,10 had become
                 * 9158.10) */
                if (agrees && ln->has_amount && m.minor == ln->amount.minor &&
                    i < x->n_line_read && !x->line_read[i].amount_made &&
                    x->line_read[i].amount >= GAP_SURE_AMOUNT)
                        continue;
                /* an amount no reading gave, made of a quantity and a
                 * unit price one of which OCR misread ("65.56 | ZAMS 6"
                 * for 65.56 x 24.56): as good as none when the new amount
                 * divides by one of them into a price or quantity, half
                 * as good otherwise */
                bool made = i < x->n_line_read && x->line_read[i].amount_made && agrees;
                bf_money wm = { want, "" };
                bf_decimal dq;
                memcpy(wm.currency, cur, BF_CURRENCY_LEN);
                if (!ln->has_amount || ln->amount.minor == 0 || ln->amount.minor > target ||
                    (agrees && m.minor == want))
                        score = 20;
                else if (made)
                        score = (!(ln->quantity.units == 1 && ln->quantity.scale == 0) &&
                                 rounded_unit(wm, ln->quantity, cur, &dq)) ||
                                                rounded_qty(wm, ln->unit_price, cur, &dq)
                                        ? 20 : 10;
                else
                        score = 4 * explains(decimal_from_money((bf_money){ want, "" }),
                                             decimal_from_money(ln->amount));
                if (score == 0)
                        continue;
                /* how much OCR doubted the amount */
                if (i < x->n_line_read)
                        score += 2.0 * (1.0 - x->line_read[i].amount);
                if (score > best) {
                        second = best;
                        best = score;
                        which = (int)i;
                } else if (score > second) {
                        second = score;
                }
        }
        if (which < 0 || best - second < 0.1)
                return false;
        bf_invoice_line *ln = &inv->lines[which];
        if (!ln->has_amount) {
                memcpy(ln->amount.currency, currency, BF_CURRENCY_LEN);
                ln->amount.minor = 0;
                ln->has_amount = true;
        }
        ln->amount.minor += gap;
        return true;
}

/* Does the page print the lines' sum as read, besides the items whose
 * own amount it is ("Suma de líneas 530,31" above a discount, "Summe
 * Positionen")? Their amounts are then as printed, and a gap to the net
 * is an allowance or a charge, no item's. */
static bool sum_printed(const struct xdoc *x, const bf_invoice *inv, int64_t sum)
{
        size_t items = 0, seen = 0;
        if (sum <= 0)
                return false;
        for (size_t i = 0; i < inv->n_lines; i++)
                items += inv->lines[i].has_amount && inv->lines[i].amount.minor == sum;
        for (size_t i = 0; i < x->n_toks && seen <= items; i++) {
                bf_money m;
                if (extract_has_digit(x->toks[i].raw) && extract_amount_at(x, i, &m) > 0 && m.minor == sum)
                        seen++;
        }
        return seen > items;
}

/* Does the line's amount divide by its unit price or its quantity (one
 * that is no 1) into a quantity or a price as printed ones are (or one
 * whose product rounds to it: 24.5 x 313.05 = 7669.725)? */
static bool divides(const bf_invoice_line *ln, const char *cur)
{
        bf_decimal a = decimal_from_money(ln->amount), r;
        bool one_q = ln->quantity.units == 1 && ln->quantity.scale == 0;
        bool one_u = ln->unit_price.units == 1 && ln->unit_price.scale == 0;
        return ln->has_amount && ln->amount.minor > 0 &&
               ((ln->has_unit_price && ln->unit_price.units > 0 && !one_u &&
                 (dec_div(a, ln->unit_price, 3, &r) || rounded_qty(ln->amount, ln->unit_price, cur, &r))) ||
                (ln->has_quantity && ln->quantity.units > 0 && !one_q &&
                 (dec_div(a, ln->quantity, 2, &r) || rounded_unit(ln->amount, ln->quantity, cur, &r))));
}

/* Would the lines' gap to `to` close, the line that takes it left with
 * an amount its figures divide? inv as it was (was) either way. */
static bool closes_whole(const struct xdoc *x, bf_invoice *inv, const bf_invoice_line *was, int64_t sum,
                         int64_t to)
{
        size_t n = inv->n_lines;
        int64_t now, gap;
        if (__builtin_sub_overflow(to, sum, &gap))
                return false;
        bool ok = close_gap(x, inv, x->currency, to, gap) && lines_sum(inv, &now) && now == to;
        for (size_t k = 0; ok && k < n; k++)
                if (inv->lines[k].amount.minor != was[k].amount.minor ||
                    inv->lines[k].has_amount != was[k].has_amount)
                        ok = divides(&inv->lines[k], x->currency);
        memcpy(inv->lines, was, n * sizeof(*was));
        return ok;
}

/* The lines miss the net (target) by more than the one misread amount:
 * allowances or charges lie between them ("Total des lignes 10.958,73",
 * a freight of 46,70, "Total HT 11.005,43"). Where closing the gap to
 * the net leaves the line that takes it a figure its unit price or
 * quantity does not divide, and closing it to one other amount printed
 * near the net (within a quarter of it) makes one that does, the lines
 * add up to that amount: true with it closed; else inv as it was and
 * false. */
static bool close_to_printed(const struct xdoc *x, bf_invoice *inv, int64_t sum, int64_t target)
{
        size_t n = inv->n_lines;
        if (n == 0 || x->doc->source == SOURCE_TEXT)
                return false;
        bf_invoice_line *was = bf_xmalloc(n * sizeof(*was));
        memcpy(was, inv->lines, n * sizeof(*was));
        int64_t found = 0;
        int hits = 0;
        /* the net itself first: a line it leaves whole is the answer */
        bool whole = closes_whole(x, inv, was, sum, target);
        for (size_t i = 0; !whole && i < x->n_toks && hits < 2; i++) {
                bf_money m;
                if (!extract_has_digit(x->toks[i].raw) || extract_amount_at(x, i, &m) <= 0)
                        continue;
                int64_t p = m.minor;
                if (p <= 0 || p == found || p == target || llabs(p - target) > target / 4)
                        continue;
                if (closes_whole(x, inv, was, sum, p)) {
                        found = p;
                        hits++;
                }
        }
        bool done = !whole && hits == 1 && close_gap(x, inv, x->currency, found, found - sum);
        free(was);
        return done;
}

void extract_lines_reconcile(struct xdoc *x, bf_invoice *inv)
{
        /* What the lines should add up to, when the page says. */
        bool have_target = false;
        int64_t target = 0, sum = 0;
        if (inv->meta[FIELD_SUBTOTAL].present) {
                target = inv->subtotal.minor;
                have_target = true;
        } else if (inv->meta[FIELD_TOTAL].present && inv->meta[FIELD_TAX].present) {
                target = inv->total.minor - inv->tax.minor;
                have_target = true;
        }
        if (!lines_sum(inv, &sum))
                have_target = false;
        /* amounts that add up to what the page says are as printed */
        bool vouched = have_target && sum == target;
        for (size_t i = 0; i < inv->n_lines; i++) {
                bf_invoice_line *ln = &inv->lines[i];
                const char *cur = ln->amount.currency[0] ? ln->amount.currency : x->currency;
                bf_decimal amt = decimal_from_money(ln->amount), q, u;
                bf_money m;
                if (!ln->has_amount || ln->amount.minor == 0)
                        continue;
                /* "-33.60" with a dash OCR found before it: the product of
                 * two positive figures is positive (on a scan: a text
                 * layer's minus is printed, a credit note's) */
                if (ln->amount.minor < 0 && x->doc->source != SOURCE_TEXT && ln->has_quantity &&
                    ln->has_unit_price &&
                    ln->unit_price.units > 0 && ln->quantity.units > 0 &&
                    product_money(ln->quantity, ln->unit_price, cur, &m) && m.minor == -ln->amount.minor) {
                        if (!sum_with(sum, ln->amount.minor, m.minor, &sum))
                                have_target = false;
                        ln->amount = m;
                        continue;
                }
                if (ln->amount.minor < 0)
                        continue;
                if (!ln->has_quantity && ln->has_unit_price) {
                        /* 134.03 / 89.35: 1.5, the amount rounded to the cent */
                        if (dec_div(amt, ln->unit_price, 3, &q) ||
                            rounded_unit(ln->amount, ln->unit_price, cur, &q)) {
                                ln->quantity = q;
                                ln->has_quantity = true;
                        } else if (x->doc->source != SOURCE_TEXT && explains(amt, ln->unit_price) >= 2) {
                                /* "12.39" beside 7.39: one of it, a digit misread */
                                ln->quantity = (bf_decimal){ 1, 0 };
                                ln->has_quantity = true;
                                ln->unit_price = amt;
                        }
                        continue;
                }
                if (!ln->has_quantity || decimal_is_zero(ln->quantity))
                        continue;
                if (!ln->has_unit_price) {
                        if (dec_div(amt, ln->quantity, 4, &u)) {
                                ln->unit_price = u;
                                ln->has_unit_price = true;
                        }
                        continue;
                }
                if (product_money(ln->quantity, ln->unit_price, cur, &m) && m.minor == ln->amount.minor)
                        continue;
                /* One of the three was misread: the one whose reading what
                 * the other two make explains best (digits dropped, then one
                 * digit or the point wrong) and OCR doubted most, the unit
                 * price or quantity on a tie, as a lost point is more often
                 * theirs than the amount's printed with its cents; the
                 * amount first when that makes the lines add up, last when
                 * they already did. */
                struct line_read rd = i < x->n_line_read ? x->line_read[i]
                                                           : (struct line_read){ 1.0f, 1.0f, 1.0f, false };
                double best = 0, e;
                int which = -1;
                /* a scanned price has at most cents unless it was read with more */
                int places = x->doc->source != SOURCE_TEXT && ln->unit_price.scale <= 2 ? 2 : 4;
                if (dec_div(amt, ln->quantity, places, &u) && explains(u, ln->unit_price) > 0 &&
                    (e = 2 * explains(u, ln->unit_price) + 2 * (1 - rd.unit)) > best) {
                        best = e;
                        which = 1;
                }
                if ((dec_div(amt, ln->unit_price, 3, &q) ||
                     rounded_qty(ln->amount, ln->unit_price, cur, &q)) &&
                    explains(q, ln->quantity) > 0 &&
                    (e = 2 * explains(q, ln->quantity) + 2 * (1 - rd.qty)) > best) {
                        best = e;
                        which = 2;
                }
                if (product_money(ln->quantity, ln->unit_price, cur, &m) &&
                    explains(decimal_from_money(m), amt) > 0) {
                        e = 2 * explains(decimal_from_money(m), amt) + 2 * (1 - rd.amount);
                        int64_t moved;
                        if (have_target && sum_with(sum, ln->amount.minor, m.minor, &moved) && moved == target)
                                e += 6;
                        if (vouched)
                                e -= 6;
                        if (e > best)
                                which = 0;      /* the last candidate: best is not read again */
                }
                if (which == 0) {
                        if (!sum_with(sum, ln->amount.minor, m.minor, &sum))
                                have_target = false;
                        ln->amount = m;
                        continue;
                }
                if (which == 1) {
                        ln->unit_price = u;
                        continue;
                }
                if (which == 2) {
                        ln->quantity = q;
                        continue;
                }
                /* Else a different amount that makes the lines add up wins. */
                int64_t moved;
                if (have_target && sum != target && product_money(ln->quantity, ln->unit_price, cur, &m) &&
                    sum_with(sum, ln->amount.minor, m.minor, &moved) && moved == target) {
                        sum = moved;
                        ln->amount = m;
                }
        }
        /* Scans only: a text layer's figures are as printed, and a line
         * that disagrees there has a discount or tax of its own. */
        if (!have_target || x->doc->source == SOURCE_TEXT || inv->n_lines == 0)
                return;
        int64_t gap;
        if (!lines_sum(inv, &sum) || __builtin_sub_overflow(target, sum, &gap))
                return;
        if (gap != 0 && !sum_printed(x, inv, sum) && !close_to_printed(x, inv, sum, target) &&
            (!close_gap(x, inv, x->currency, target, gap) || !lines_sum(inv, &sum) || sum != target))
                return;
        for (size_t i = 0; i < inv->n_lines; i++) {
                bf_invoice_line *ln = &inv->lines[i];
                if (ln->has_amount)
                        mend_from_amount(ln, ln->amount.currency[0] ? ln->amount.currency : x->currency);
        }
}
