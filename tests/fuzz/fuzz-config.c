/* fuzz-config.c: libFuzzer target for billflow.conf parsing. */
#include <stdlib.h>
#include <string.h>

#include "pipeline/pipeline-int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct bf_config cfg;
        struct bf_error err = { 0 };
        char *text = malloc(size + 1);

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        if (pipeline_config_load_text(&cfg, "/nonexistent/home", text, &err) == 0) {
                /* What loaded is usable: paths are absolute, numbers in range. */
                if (!cfg.inbox_path || cfg.inbox_path[0] != '/' || cfg.ocr_dpi < 50 ||
                    cfg.rules.min_confidence < 0 || cfg.rules.min_confidence > 1)
                        abort();
                pipeline_config_release(&cfg);
        } else if (!err.msg[0]) {
                abort();
        }
        free(text);
        return 0;
}
