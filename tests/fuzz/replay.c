/* replay.c: runs a libFuzzer target over every file in a corpus directory,
 * so the corpus is an ordinary test without clang's fuzzer runtime. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_FILE (1 << 20)

static int replay_file(const char *path)
{
        FILE *f = fopen(path, "rb");
        uint8_t *buf;
        size_t n;

        if (!f) {
                fprintf(stderr, "cannot open '%s'\n", path);
                return -1;
        }
        buf = malloc(REPLAY_MAX_FILE);
        if (!buf) {
                fclose(f);
                return -1;
        }
        n = fread(buf, 1, REPLAY_MAX_FILE, f);
        fclose(f);
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
        return 0;
}

int main(int argc, char **argv)
{
        DIR *dir;
        struct dirent *de;
        int files = 0, failed = 0;

        if (argc != 2) {
                fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
                return 2;
        }
        dir = opendir(argv[1]);
        if (!dir) {
                fprintf(stderr, "cannot open '%s'\n", argv[1]);
                return 1;
        }
        while ((de = readdir(dir))) {
                char path[4096];
                struct stat st;

                if (de->d_name[0] == '.')
                        continue;
                snprintf(path, sizeof(path), "%s/%s", argv[1], de->d_name);
                if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
                        continue;
                if (replay_file(path) < 0)
                        failed++;
                files++;
        }
        closedir(dir);
        printf("replayed %d files from '%s', %d unreadable\n", files, argv[1], failed);
        return failed || files == 0 ? 1 : 0;
}
