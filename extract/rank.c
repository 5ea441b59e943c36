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

struct rank_field_model {
        bool present;
        bool weights;   /* a ranker (bias and weights), not only a calibration */
        double bias;
        double w[RF__COUNT];
        /* isotonic steps: raw probability at or above cx[i] -> cp[i]; one
         * table for text layers, one for OCR (calib_ocr) */
        struct calib {
                size_t n;
                double cx[RANK_MAX_CALIB], cp[RANK_MAX_CALIB];
        } calib[2];
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

/* One line's words, at most 3, into w[]; returns the count. Modifies line. */
static int split_words(char *line, char *w[3])
{
        int n = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, " \t\r", &save); t && n < 3; t = strtok_r(NULL, " \t\r", &save))
                w[n++] = t;
        return strtok_r(NULL, " \t\r", &save) ? 4 : n;
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
                int n = split_words(line, w);
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
                        struct calib *cb = &cur->calib[strcmp(w[0], "calib_ocr") == 0];
                        if (cb->n == RANK_MAX_CALIB)
                                rc = bf_error_set(err, BF_ETOOBIG, "model line %d: over %d calibration steps",
                                                  lineno, RANK_MAX_CALIB);
                        else if (a < 0 || a > 1 || b < 0 || b > 1 ||
                                 (cb->n && (a <= cb->cx[cb->n - 1] || b < cb->cp[cb->n - 1])))
                                rc = bf_error_set(err, BF_EINVAL,
                                                  "model line %d: calibration steps must rise within 0..1",
                                                  lineno);
                        else {
                                cb->cx[cb->n] = a;
                                cb->cp[cb->n++] = b;
                        }
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

static void builtin_parse(void)
{
        struct bf_error err = { 0 };
        const char *t = extract_ranker_model_text;
        /* the built-in model is checked by the unit tests: failing here is a
         * build that shipped a broken extract/ranker.model */
        if (extract_model_parse(t, strlen(t), &builtin, &err) < 0)
                abort();
}

const struct extract_model *extract_model_builtin(void)
{
        static once_flag once = ONCE_FLAG_INIT;
        call_once(&once, builtin_parse);
        return builtin;
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
        const struct calib *cb = &m->f[f].calib[ocr && m->f[f].calib[1].n > 0];
        if (cb->n == 0)
                return p;
        double c = cb->cp[0];
        for (size_t i = 0; i < cb->n && p >= cb->cx[i]; i++)
                c = cb->cp[i];
        return c;
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
