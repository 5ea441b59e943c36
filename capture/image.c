/* image.c: PNG, JPEG and (multi-page) TIFF files through leptonica, each
 * page OCRed; sizes are checked from the header before anything is decoded. */
#include <stdint.h>

#include "capture/capture-int.h"

/* Resolutions a file may claim and be believed; others (0, 1, 72 from a
 * camera's default) are taken as "unknown" and scanned paper is assumed. */
#define IMAGE_MIN_DPI 100
#define IMAGE_MAX_DPI 1200
#define IMAGE_DEFAULT_DPI 300

static int check_size(int w, int h, int page, const struct capture_options *opt,
                      struct bf_error *err)
{
        if (w <= 0 || h <= 0)
                return bf_error_set(err, BF_EINVAL, "bad image size (%dx%d pixels)", w, h);
        if ((int64_t)w * h > opt->max_pixels) {
                if (page > 0)
                        return bf_error_set(err, BF_ETOOBIG,
                                            "image too large (%dx%d pixels, page %d)",
                                            w, h, page);
                return bf_error_set(err, BF_ETOOBIG, "image too large (%dx%d pixels)", w, h);
        }
        return 0;
}

static int no_ocr(struct bf_error *err)
{
        return bf_error_set(err, BF_EUNSUPPORTED, "cannot read image: no ocr engine");
}

static int plausible_dpi(int res)
{
        return res >= IMAGE_MIN_DPI && res <= IMAGE_MAX_DPI ? res : IMAGE_DEFAULT_DPI;
}

static int ocr_pix(bf_ocr *ocr, PIX *pix, bf_doc_text *doc, struct bf_error *err)
{
        bf_page *page;

        page = doc_text_add_page(doc, pixGetWidth(pix), pixGetHeight(pix), true);
        page->number = (int)doc->n_pages;
        return ocr_page_words(ocr, pix, plausible_dpi(pixGetXRes(pix)), page, err);
}

static int read_single(const l_uint8 *data, size_t len, const char *what, bf_ocr *ocr,
                       const struct capture_options *opt, bf_doc_text *doc,
                       struct bf_error *err)
{
        l_int32 format, w, h, bps, spp, cmap;
        PIX *pix;
        int r;

        if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap) != 0)
                return bf_error_set(err, BF_EINVAL, "corrupt %s image: unreadable header", what);
        r = check_size(w, h, 0, opt, err);
        if (r < 0)
                return r;
        if (!ocr)
                return no_ocr(err);
        pix = pixReadMem(data, len);
        if (!pix)
                return bf_error_set(err, BF_EINVAL, "corrupt %s image: cannot decode", what);
        /* The decoder trusts the file; make sure it agreed with the header. */
        r = check_size(pixGetWidth(pix), pixGetHeight(pix), 0, opt, err);
        if (r == 0)
                r = ocr_pix(ocr, pix, doc, err);
        pixDestroy(&pix);
        return r;
}

static int read_tiff(const l_uint8 *data, size_t len, bf_ocr *ocr,
                     const struct capture_options *opt, bf_doc_text *doc,
                     struct bf_error *err)
{
        int n_pages = 0, r;

        /* Every page's header first: the whole file is refused before any
         * OCR time is spent if one page is over a cap. */
        for (;;) {
                l_int32 w, h, bps, spp, res, cmap, format;

                if (readHeaderMemTiff(data, len, n_pages, &w, &h, &bps, &spp, &res, &cmap,
                                      &format) != 0)
                        break;
                if (n_pages >= opt->max_pages)
                        return bf_error_set(err, BF_ETOOBIG,
                                            "tiff has more than %d pages", opt->max_pages);
                r = check_size(w, h, n_pages + 1, opt, err);
                if (r < 0)
                        return r;
                n_pages++;
        }
        if (n_pages == 0)
                return bf_error_set(err, BF_EINVAL, "corrupt tiff image: unreadable header");
        if (!ocr)
                return no_ocr(err);

        for (int i = 0; i < n_pages; i++) {
                PIX *pix = pixReadMemTiff(data, len, i);

                if (!pix)
                        return bf_error_set(err, BF_EINVAL,
                                            "corrupt tiff image: cannot decode page %d", i + 1);
                r = check_size(pixGetWidth(pix), pixGetHeight(pix), i + 1, opt, err);
                if (r == 0)
                        r = ocr_pix(ocr, pix, doc, err);
                pixDestroy(&pix);
                if (r < 0)
                        return r;
        }
        return 0;
}

int capture_image_read(const void *data, size_t len, enum bf_file_kind kind, bf_ocr *ocr,
                       const struct capture_options *opt, bf_doc_text *doc,
                       struct bf_error *err)
{
        int r;

        capture_quiet_leptonica();
        if (kind == FILE_KIND_TIFF)
                r = read_tiff(data, len, ocr, opt, doc, err);
        else
                r = read_single(data, len, kind == FILE_KIND_PNG ? "png" : "jpeg", ocr, opt,
                                doc, err);
        if (r == 0)
                doc->source = SOURCE_OCR;
        return r;
}
