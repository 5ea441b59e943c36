/* tui-open.c: shows an original in the reviewer's viewer, detached, so the
 * UI never waits for it and the viewer never writes on our screen. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/tui-int.h"

int tui_open_viewer(const char *viewer, const char *path, struct bf_error *err)
{
        g_autofree char *path_arg = g_strdup(path); /* execv wants char *const[] */
        g_autoptr(GError) gerr = NULL;
        g_auto(GStrv) argv = NULL;
        g_autofree char *prog = NULL;
        char **args;
        int argc = 0, status;
        pid_t pid;

        if (!viewer || !*viewer)
                viewer = getenv("BILLFLOW_VIEWER");
        if (!viewer || !*viewer)
                viewer = "xdg-open";
        if (!g_shell_parse_argv(viewer, &argc, &argv, &gerr))
                return bf_error_set(err, BF_EINVAL, "cannot use viewer '%s': %s", viewer, gerr->message);
        prog = g_find_program_in_path(argv[0]);
        if (!prog)
                return bf_error_set(err, BF_ENOTFOUND,
                                    "cannot open the original: no viewer '%s' (set $BILLFLOW_VIEWER)", argv[0]);
        /* Built before fork: the child only calls async-signal-safe functions. */
        args = g_new0(char *, (size_t)argc + 2);
        for (int i = 0; i < argc; i++)
                args[i] = argv[i];
        args[argc] = path_arg;

        pid = fork();
        if (pid < 0) {
                g_free(args);
                return bf_error_set(err, BF_EIO, "cannot start viewer '%s': %s", argv[0], strerror(errno));
        }
        if (pid == 0) {
                /* A grandchild, in its own session, with no terminal: the
                 * child exits at once and the viewer is init's to reap. */
                int fd;
                if (setsid() < 0 || fork() != 0)
                        _exit(0);
                fd = open("/dev/null", O_RDWR);
                if (fd >= 0) {
                        dup2(fd, STDIN_FILENO);
                        dup2(fd, STDOUT_FILENO);
                        dup2(fd, STDERR_FILENO);
                        if (fd > STDERR_FILENO)
                                close(fd);
                }
                execv(prog, args);
                _exit(127);
        }
        g_free(args);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
        return 0;
}
