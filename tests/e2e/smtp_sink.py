"""A real SMTP server for the tests (Debian's python3-aiosmtpd) on
127.0.0.1: every message it accepts is appended to a JSON Lines file
(envelope sender and recipients, the raw message). Prints "ready PORT" once
it listens; stops on SIGTERM.

    python3 smtp_sink.py OUT.jsonl [PORT]
"""
import json
import signal
import socket
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:  # a Python of its own (pyenv) beside Debian's packages
    sys.path.append("/usr/lib/python3/dist-packages")
    from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        row = {"from": envelope.mail_from, "to": list(envelope.rcpt_tos),
               "data": envelope.content.decode("utf-8", "replace")}
        with self.lock, open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
        return "250 OK"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    out = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else free_port()
    ctl = Controller(Sink(out), hostname="127.0.0.1", port=port)
    ctl.start()
    print("ready %d" % port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait(3600)
    ctl.stop()


if __name__ == "__main__":
    main()
