/* ocr.c: one Tesseract engine per worker, turning a page's pixels into
 * words with pixel boxes, confidences, lines and blocks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tesseract/capi.h>

#include "capture/capture-int.h"

struct bf_ocr {
        TessBaseAPI *api;
};

/* True when every '+'-separated language in `want` was loaded. On false,
 * copies the first missing one into missing. */
static bool languages_loaded(TessBaseAPI *api, const char *want, char *missing, size_t size)
{
        char **loaded = TessBaseAPIGetLoadedLanguagesAsVector(api);
        const char *p = want;
        bool ok = true;

        while (ok && *p) {
                size_t n = strcspn(p, "+");
                bool found = false;

                for (char **l = loaded; n > 0 && l && *l; l++)
                        if (strlen(*l) == n && strncmp(*l, p, n) == 0)
                                found = true;
                if (n > 0 && !found) {
                        snprintf(missing, size, "%.*s", (int)n, p);
                        ok = false;
                }
                p += n;
                if (*p == '+')
                        p++;
        }
        if (loaded)
                TessDeleteTextArray(loaded);
        return ok;
}

bf_ocr *ocr_new(const char *language, struct bf_error *err)
{
        char missing[64] = "";
        TessBaseAPI *api;
        bf_ocr *ocr;

        if (!language || !*language)
                language = "eng";
        /* Tesseract's OpenMP threads fight each other when several workers
         * run; parallelism comes from documents instead. Must precede init. */
        setenv("OMP_THREAD_LIMIT", "1", 0);
        capture_quiet_leptonica();

        api = TessBaseAPICreate();
        if (!api) {
                bf_error_set(err, BF_ENOMEM, "cannot create tesseract engine");
                return NULL;
        }
        /* Tesseract's own messages ("Estimating resolution", data file
         * errors) go through tprintf; send them nowhere. */
        TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        if (TessBaseAPIInit3(api, NULL, language) != 0)
                snprintf(missing, sizeof(missing), "%s", language);
        else if (languages_loaded(api, language, missing, sizeof(missing)))
                missing[0] = '\0';
        if (missing[0]) {
                bf_error_set(err, BF_ENOTFOUND,
                             "cannot load tesseract language '%s': traineddata not found "
                             "(install its tesseract-ocr package or set TESSDATA_PREFIX)",
                             missing);
                TessBaseAPIEnd(api);
                TessBaseAPIDelete(api);
                return NULL;
        }
        TessBaseAPISetPageSegMode(api, PSM_AUTO);

        ocr = bf_xcalloc(1, sizeof(*ocr));
        ocr->api = api;
        return ocr;
}

int ocr_limit_threads(char *const argv[], struct bf_error *err)
{
        if (getenv("OMP_THREAD_LIMIT"))
                return 0;
        if (setenv("OMP_THREAD_LIMIT", "1", 1) < 0)
                return bf_error_set(err, BF_EIO, "cannot set OMP_THREAD_LIMIT: %s",
                                    strerror(errno));
        execv("/proc/self/exe", argv);
        return bf_error_set(err, BF_EIO, "cannot re-execute '%s': %s",
                            argv && argv[0] ? argv[0] : "/proc/self/exe", strerror(errno));
}

void ocr_free(bf_ocr *ocr)
{
        if (!ocr)
                return;
        TessBaseAPIEnd(ocr->api);
        TessBaseAPIDelete(ocr->api);
        free(ocr);
}

/* 8-bit grey without alpha: what Tesseract is given. Caller destroys. */
static PIX *to_grey(PIX *pix)
{
        PIX *flat = NULL, *grey;

        if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
                /* Transparent areas are usually black underneath: show them
                 * as the white paper they stand for. */
                flat = pixAlphaBlendUniform(pix, 0xffffff00);
                if (flat)
                        pix = flat;
        }
        grey = pixConvertTo8(pix, 0);
        pixDestroy(&flat);
        return grey;
}

static bool is_blank(const char *s)
{
        for (; *s; s++)
                if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
                        return false;
        return true;
}

int ocr_page_words(bf_ocr *ocr, PIX *pix, int dpi, bf_page *page, struct bf_error *err)
{
        TessResultIterator *it = NULL;
        const TessPageIterator *pit;
        PIX *grey;
        int block = -1, line = -1;

        grey = to_grey(pix);
        if (!grey)
                return bf_error_set(err, BF_ENOMEM, "cannot convert page %d to grey", page->number);

        TessBaseAPISetImage2(ocr->api, grey);
        TessBaseAPISetSourceResolution(ocr->api, dpi);
        if (TessBaseAPIRecognize(ocr->api, NULL) != 0) {
                TessBaseAPIClear(ocr->api);
                pixDestroy(&grey);
                return bf_error_set(err, BF_EINTERNAL, "tesseract failed on page %d",
                                    page->number);
        }

        it = TessBaseAPIGetIterator(ocr->api);
        pit = it ? TessResultIteratorGetPageIterator(it) : NULL;
        if (pit) {
                do {
                        int l, t, r, b;
                        char *text;

                        if (TessPageIteratorIsAtBeginningOf(pit, RIL_BLOCK))
                                block++;
                        if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE))
                                line++;
                        if (!TessPageIteratorBoundingBox(pit, RIL_WORD, &l, &t, &r, &b))
                                continue;
                        text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
                        if (text && !is_blank(text)) {
                                float conf = TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;

                                if (conf < 0.0f)
                                        conf = 0.0f;
                                if (conf > 1.0f)
                                        conf = 1.0f;
                                page_add_word(page, text, (bf_box){ l, t, r, b }, conf,
                                              line < 0 ? 0 : line, block < 0 ? 0 : block);
                        }
                        TessDeleteText(text);
                } while (TessResultIteratorNext(it, RIL_WORD));
        }
        TessResultIteratorDelete(it);
        /* Drop the page's results and our image reference; the engine stays. */
        TessBaseAPIClear(ocr->api);
        pixDestroy(&grey);
        return 0;
}
