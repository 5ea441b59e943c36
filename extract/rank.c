/* rank.c: the learned candidate ranker — a logistic model per field over
 * the candidates' features, and the calibration that turns its score into a
 * confidence. The model is data (extract/ranker.model, built in; or a
 * user's own, parsed from text). */
#include "extract/extract-int.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* Generated at build time from extract/ranker.model (embed-model.py). */
extern const char extract_ranker_model_text[];

#define RANK_MAX_CALIB 64
#define RANK_MODEL_MAX (1u << 20)

/* isotonic steps: a raw score at or above cx[i] -> cp[i] */
struct calib {
        size_t n;
        double cx[RANK_MAX_CALIB], cp[RANK_MAX_CALIB];
};

struct rank_field_model {
        bool present;
        bool weights;   /* a ranker (bias and weights), not only a calibration */
        double bias;
        double w[RF__COUNT];
        /* one table for text layers, one for OCR (calib_ocr) */
        struct calib calib[2];
};

struct extract_model {
        struct rank_field_model f[FIELD__COUNT];
};

static const char *const feature_names[RF__COUNT] = {
#define X(id, name) [id] = name,
        RANK_FEATURES(X)
#undef X
};

static int field_by_name(const char *s)
{
        for (int f = 0; f < FIELD__COUNT; f++)
                if (field_name((enum bf_field)f) && strcmp(field_name((enum bf_field)f), s) == 0)
                        return f;
        return -1;
}

static int feature_by_name(const char *s)
{
        for (int f = 0; f < RF__COUNT; f++)
                if (strcmp(feature_names[f], s) == 0)
                        return f;
        return -1;
}

/* One line's words, at most max, into w[]; returns the count, max + 1
 * when there are more. Modifies line. */
static int split_words(char *line, char **w, int max)
{
        int n = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
                if (n == max)
                        return max + 1;
                w[n++] = t;
        }
        return n;
}

static bool parse_double(const char *s, double *ret)
{
        char *end;
        double v = strtod(s, &end);
        if (end == s || *end || !isfinite(v))
                return false;
        *ret = v;
        return true;
}

/* Appends the step (a, b) to cb: steps rise within 0..1. */
static int calib_add(struct calib *cb, double a, double b, const char *what, int lineno,
                     struct bf_error *err)
{
        if (cb->n == RANK_MAX_CALIB)
                return bf_error_set(err, BF_ETOOBIG, "%s line %d: over %d calibration steps", what, lineno,
                                    RANK_MAX_CALIB);
        if (a < 0 || a > 1 || b < 0 || b > 1 ||
            (cb->n && (a <= cb->cx[cb->n - 1] || b < cb->cp[cb->n - 1])))
                return bf_error_set(err, BF_EINVAL, "%s line %d: calibration steps must rise within 0..1",
                                    what, lineno);
        cb->cx[cb->n] = a;
        cb->cp[cb->n++] = b;
        return 0;
}

/* p through cb's steps; p itself where cb has none. */
static double calib_map(const struct calib *cb, double p)
{
        if (cb->n == 0)
                return p;
        double c = cb->cp[0];
        for (size_t i = 0; i < cb->n && p >= cb->cx[i]; i++)
                c = cb->cp[i];
        return c;
}

int extract_model_parse(const char *text, size_t len, struct extract_model **ret, struct bf_error *err)
{
        if (len > RANK_MODEL_MAX)
                return bf_error_set(err, BF_ETOOBIG, "model over %u bytes", RANK_MODEL_MAX);
        struct extract_model *m = bf_xcalloc(1, sizeof(*m));
        char *copy = bf_xstrndup(text, len);
        struct rank_field_model *cur = NULL;
        int rc = 0, lineno = 0;
        bool header = false;
        char *save = NULL;
        for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
                lineno++;
                char *hash = strchr(line, '#');
                if (hash)
                        *hash = 0;
                char *w[3];
                int n = split_words(line, w, 3);
                if (n == 0)
                        continue;
                double a, b;
                if (n > 3) {
                        rc = bf_error_set(err, BF_EINVAL, "model line %d: too many words", lineno);
                } else if (!header) {
                        if (n == 2 && strcmp(w[0], "billflow-ranker") == 0 && strcmp(w[1], "1") == 0)
                                header = true;
                        else
                                rc = bf_error_set(err, BF_EINVAL, "not a billflow-ranker 1 model");
                } else if (strcmp(w[0], "field") == 0 && n == 2) {
                        int f = field_by_name(w[1]);
                        if (f < 0)
                                rc = bf_error_set(err, BF_EINVAL, "model line %d: unknown field '%s'",
                                                  lineno, w[1]);
                        else {
                                cur = &m->f[f];
                                memset(cur, 0, sizeof(*cur));
                                cur->present = true;
                        }
                } else if (!cur) {
                        rc = bf_error_set(err, BF_EINVAL, "model line %d: '%s' before any field",
                                          lineno, w[0]);
                } else if (strcmp(w[0], "bias") == 0 && n == 2 && parse_double(w[1], &a)) {
                        cur->bias = a;
                        cur->weights = true;
                } else if (strcmp(w[0], "w") == 0 && n == 3 && parse_double(w[2], &a)) {
                        int f = feature_by_name(w[1]);
                        if (f < 0)
                                rc = bf_error_set(err, BF_EINVAL, "model line %d: unknown feature '%s'",
                                                  lineno, w[1]);
                        else {
                                cur->w[f] = a;
                                cur->weights = true;
                        }
                } else if ((strcmp(w[0], "calib") == 0 || strcmp(w[0], "calib_ocr") == 0) && n == 3 &&
                           parse_double(w[1], &a) && parse_double(w[2], &b)) {
                        rc = calib_add(&cur->calib[strcmp(w[0], "calib_ocr") == 0], a, b, "model",
                                       lineno, err);
                } else {
                        rc = bf_error_set(err, BF_EINVAL, "model line %d: cannot read '%s'", lineno, w[0]);
                }
                if (rc < 0)
                        break;
        }
        if (rc == 0 && !header)
                rc = bf_error_set(err, BF_EINVAL, "not a billflow-ranker 1 model");
        free(copy);
        if (rc < 0) {
                free(m);
                return rc;
        }
        *ret = m;
        return 0;
}

void extract_model_free(struct extract_model *m)
{
        free(m);
}

static struct extract_model *builtin;
static struct extract_calibration *builtin_calib;
static once_flag builtin_once = ONCE_FLAG_INIT;

/* Generated at build time from extract/calibration.table (embed-model.py). */
extern const char extract_calibration_text[];

static void builtin_parse(void)
{
        struct bf_error err = { 0 };
        const char *t = extract_ranker_model_text, *c = extract_calibration_text;
        /* both are checked by the unit tests: failing here is a build that
         * shipped a broken extract/ranker.model or calibration.table */
        if (extract_model_parse(t, strlen(t), &builtin, &err) < 0 ||
            extract_calibration_parse(c, strlen(c), &builtin_calib, &err) < 0)
                abort();
}

const struct extract_model *extract_model_builtin(void)
{
        call_once(&builtin_once, builtin_parse);
        return builtin;
}

const struct extract_calibration *extract_calibration_builtin(void)
{
        call_once(&builtin_once, builtin_parse);
        return builtin_calib;
}

bool rank_has_field(const struct extract_model *m, enum bf_field f)
{
        return m && m->f[f].present && m->f[f].weights;
}

double rank_score(const struct extract_model *m, enum bf_field f, const double *feat)
{
        const struct rank_field_model *fm = &m->f[f];
        double z = fm->bias;
        for (int i = 0; i < RF__COUNT; i++)
                z += fm->w[i] * feat[i];
        if (z > 40)
                z = 40;
        if (z < -40)
                z = -40;
        return 1.0 / (1.0 + exp(-z));
}

double rank_calibrate(const struct extract_model *m, enum bf_field f, double p, bool ocr)
{
        return calib_map(&m->f[f].calib[ocr && m->f[f].calib[1].n > 0], p);
}

static double rank_odds(double p)
{
        p = fmin(fmax(p, 0), 0.999999);
        return p / (1 - p);
}

double rank_share(size_t n, size_t b, const double *p, bool (*same)(const void *ctx, size_t i, size_t j),
                  const void *ctx)
{
        double sum = 0;
        for (size_t i = 0; i < n; i++) {
                bool best_of_value = true;
                for (size_t j = 0; j < n && best_of_value; j++)
                        if (j != i && same(ctx, i, j) && (p[j] > p[i] || (p[j] == p[i] && j < i)))
                                best_of_value = false;
                if (best_of_value)
                        sum += rank_odds(p[i]);
        }
        return sum > 0 ? rank_odds(p[b]) / sum : 0;
}

void rank_calibrate_finders(const struct extract_model *m, bf_invoice *inv, bool ocr)
{
        for (int f = 0; f < FIELD__COUNT; f++) {
                bf_field_meta *meta = &inv->meta[f];
                if (!meta->present || !m->f[f].present || m->f[f].weights)
                        continue;
                /* extract_meta's bounds: a step of 0 or 1 is no certainty */
                meta->confidence = fmin(0.99, fmax(0.05, rank_calibrate(m, (enum bf_field)f,
                                                                         meta->confidence, ocr)));
        }
}

void rank_report(const struct extract_options *opt, enum bf_field f, const char *value,
                 const double *feat, double p)
{
        if (!opt->on_candidate)
                return;
        struct extract_candidate c = {
                .field = f, .value = value, .features = feat, .n_features = RF__COUNT, .score = p,
        };
        opt->on_candidate(opt->candidate_ctx, &c);
}

const char *extract_model_feature(size_t i)
{
        return i < RF__COUNT ? feature_names[i] : NULL;
}

/* ------------------------------------------------- the final calibration */

/* What else vouches for a field's value, beside its finder: the tables are
 * kept apart by it. */
enum calib_evidence {
        CALIB_ALONE,    /* nothing beside the finder */
        CALIB_AGREE,    /* an amount the others make to the cent */
        CALIB_CHECKED,  /* ... each checked against two others (extract_amounts_checked) */
        CALIB__COUNT
};

static const char *const calib_evidence_names[CALIB__COUNT] = { "alone", "agree", "checked" };

struct extract_calibration {
        struct calib t[FIELD__COUNT][2][CALIB__COUNT];     /* field, OCR, evidence */
};

int extract_calibration_parse(const char *text, size_t len, struct extract_calibration **ret,
                              struct bf_error *err)
{
        if (len > RANK_MODEL_MAX)
                return bf_error_set(err, BF_ETOOBIG, "calibration over %u bytes", RANK_MODEL_MAX);
        struct extract_calibration *c = bf_xcalloc(1, sizeof(*c));
        char *copy = bf_xstrndup(text, len);
        struct calib *cur = NULL;
        int rc = 0, lineno = 0;
        bool header = false;
        char *save = NULL;
        for (char *line = strtok_r(copy, "\n", &save); line && rc == 0; line = strtok_r(NULL, "\n", &save)) {
                lineno++;
                char *hash = strchr(line, '#');
                if (hash)
                        *hash = 0;
                char *w[4];
                int n = split_words(line, w, 4);
                double a, b;
                if (n == 0)
                        continue;
                if (!header) {
                        if (n == 2 && strcmp(w[0], "billflow-calibration") == 0 && strcmp(w[1], "1") == 0)
                                header = true;
                        else
                                rc = bf_error_set(err, BF_EINVAL, "not a billflow-calibration 1 table");
                } else if (n == 4 && strcmp(w[0], "table") == 0) {
                        int f = field_by_name(w[1]), ev = -1;
                        for (int k = 0; k < CALIB__COUNT; k++)
                                if (strcmp(w[3], calib_evidence_names[k]) == 0)
                                        ev = k;
                        bool ocr = strcmp(w[2], "ocr") == 0;
                        if (f < 0 || ev < 0 || (!ocr && strcmp(w[2], "text") != 0))
                                rc = bf_error_set(err, BF_EINVAL,
                                                  "calibration line %d: not a field, text or ocr, and %s, %s or %s",
                                                  lineno, calib_evidence_names[0], calib_evidence_names[1],
                                                  calib_evidence_names[2]);
                        else if (c->t[f][ocr][ev].n)
                                rc = bf_error_set(err, BF_EINVAL, "calibration line %d: table given twice",
                                                  lineno);
                        else
                                cur = &c->t[f][ocr][ev];
                } else if (n == 3 && strcmp(w[0], "step") == 0 && cur && parse_double(w[1], &a) &&
                           parse_double(w[2], &b)) {
                        rc = calib_add(cur, a, b, "calibration", lineno, err);
                } else {
                        rc = bf_error_set(err, BF_EINVAL, "calibration line %d: cannot read '%s'", lineno, w[0]);
                }
        }
        if (rc == 0 && !header)
                rc = bf_error_set(err, BF_EINVAL, "not a billflow-calibration 1 table");
        free(copy);
        if (rc < 0) {
                free(c);
                return rc;
        }
        *ret = c;
        return 0;
}

void extract_calibration_free(struct extract_calibration *c)
{
        free(c);
}

void extract_calibrate(const struct extract_calibration *c, bf_invoice *inv, bool ocr)
{
        enum calib_evidence ev = extract_amounts_checked(inv) ? CALIB_CHECKED :
                                 extract_amounts_vouch(inv) ? CALIB_AGREE : CALIB_ALONE;
        if (!c)
                c = extract_calibration_builtin();
        for (int f = 0; f < FIELD__COUNT; f++) {
                bf_field_meta *meta = &inv->meta[f];
                if (!meta->present || meta->vouched)
                        continue;
                bool amount = f == FIELD_TOTAL || f == FIELD_SUBTOTAL || f == FIELD_TAX;
                const struct calib *cb = &c->t[f][ocr][amount ? ev : CALIB_ALONE];
                /* a table fitted before amounts were checked: theirs is the agreeing ones' */
                if (amount && ev == CALIB_CHECKED && cb->n == 0)
                        cb = &c->t[f][ocr][CALIB_AGREE];
                /* only ever lowered: a finder's score that says less than
                 * the share right is that finder's doubt, not the table's */
                if (cb->n)
                        meta->confidence = fmin(meta->confidence,
                                                fmin(0.99, fmax(0.05, calib_map(cb, meta->confidence))));
        }
}
