/* fuzz-csv.c: libFuzzer target for the master-data CSV reader. */
#include <stdlib.h>

#include "pipeline/pipeline-int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct bf_error err = { 0 };
        size_t rows = 0;

        if (pipeline_import_parse_csv_text((const char *)data, size, &rows, &err) < 0 && !err.msg[0])
                abort(); /* a failure always says why */
        return 0;
}
