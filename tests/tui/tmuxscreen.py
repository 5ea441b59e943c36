"""tmuxscreen: the review TUI in a detached tmux session for the TUI tests —
keys sent with send-keys, the screen read with capture-pane."""
import shlex
import subprocess
import time


def tmux(socket, *args, check=True):
    return subprocess.run(["tmux", "-L", socket] + list(args), capture_output=True, text=True,
                          check=check)


class Screen:
    """One reviewer's `billflow review` (binary `billflow`, home `home`)."""

    def __init__(self, socket, billflow, home, name, user, w=80, h_=24, env=None):
        self.socket = socket
        self.name = name
        e = {"BILLFLOW_HOME": home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
             "TERM": "xterm-256color", "OMP_THREAD_LIMIT": "1"}
        e.update(env or {})
        cmd = "env %s %s --user %s review; echo REVIEW-EXITED $?; sleep 600" % (
            " ".join("%s=%s" % (k, shlex.quote(v)) for k, v in e.items()),
            shlex.quote(billflow), shlex.quote(user))
        tmux(socket, "new-session", "-d", "-s", name, "-x", str(w), "-y", str(h_), cmd)

    def keys(self, *keys, literal=False):
        tmux(self.socket, "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)
        time.sleep(0.15)

    def type(self, text):
        self.keys(text, literal=True)

    def text(self):
        return tmux(self.socket, "capture-pane", "-p", "-t", self.name).stdout

    def lines(self):
        return self.text().split("\n")

    def wait(self, what, timeout=10.0):
        """Waits until `what` (a string, or a predicate on the screen) shows."""
        end = time.time() + timeout
        while True:
            s = self.text()
            if (what(s) if callable(what) else what in s):
                return True
            if time.time() > end:
                return False
            time.sleep(0.1)

    def gone(self, what, timeout=10.0):
        return self.wait(lambda s: what not in s, timeout)

    def open(self, number):
        """Filters the queue down to one invoice number and opens it."""
        self.keys("/")
        self.keys("C-u")
        self.type(number)
        self.keys("Enter")
        ok = self.wait(lambda s: "1 shown" in s)
        self.keys("Enter")
        return ok and self.wait("PAGE TEXT")

    def show_all(self):
        self.keys("/")
        self.keys("C-u")
        self.keys("Enter")
