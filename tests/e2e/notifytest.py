"""notifytest: real receivers for billflow's notifications in the tests — an
SMTP server (aiosmtpd, in its own process) and an HTTP webhook receiver,
both on 127.0.0.1 — and a helper to set billflow.conf keys."""
import email
import email.header
import email.policy
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))


def debian_python():
    """The Python that has Debian's python3-aiosmtpd."""
    for p in ("/usr/bin/python3", sys.executable):
        if os.path.exists(p) and subprocess.run([p, "-c", "import aiosmtpd"],
                                                capture_output=True).returncode == 0:
            return p
    return None


class SmtpSink:
    """aiosmtpd on 127.0.0.1 in a child process; messages() reads what it got."""

    def __init__(self, workdir):
        self.out = os.path.join(workdir, "smtp.jsonl")
        open(self.out, "w").close()
        self.proc = None
        self.port = None

    def start(self, port=None):
        py = debian_python()
        args = [py, os.path.join(HERE, "smtp_sink.py"), self.out] + ([str(port)] if port else [])
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"ready (\d+)", line or "")
        if not m:
            raise RuntimeError("smtp sink did not start: %r" % line)
        self.port = int(m.group(1))
        return self.port

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    def messages(self):
        """Each accepted mail: to, subject (decoded), message_id, body, raw."""
        out = []
        with open(self.out, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                msg = email.message_from_string(row["data"], policy=email.policy.default)
                body = msg.get_body(("plain",))
                out.append({"to": row["to"], "from": row["from"], "subject": str(msg["Subject"]),
                            "message_id": str(msg["Message-ID"]),
                            "body": body.get_content() if body else "", "raw": row["data"]})
        return out


class Webhook:
    """An HTTP receiver on 127.0.0.1: records every POST (headers, body,
    the status it answered); answers 500 while fail_next > 0, else 204."""

    def __init__(self):
        self.calls = []
        self.fail_next = 0
        self.lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                with hook.lock:
                    status = 500 if hook.fail_next > 0 else 204
                    if hook.fail_next > 0:
                        hook.fail_next -= 1
                    hook.calls.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                       "body": body, "status": status})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self):
        return "http://127.0.0.1:%d/hook" % self.port

    def delivered(self):
        """The POSTs answered 2xx, as (headers, parsed body)."""
        with self.lock:
            return [(c["headers"], json.loads(c["body"])) for c in self.calls if c["status"] < 300]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def set_conf(home, section, key, value):
    """Sets section.key in billflow.conf: in place where init wrote the key,
    else added to its section (a PostgreSQL test home's file holds little
    but [store])."""
    path = os.path.join(home, "billflow.conf")
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    cur, end = None, None
    for i, l in enumerate(lines):
        s = l.strip()
        if s.startswith("["):
            cur = s.strip("[]")
            if cur == section:
                end = i + 1
        elif cur == section and re.match(r"%s\s*=" % re.escape(key), s):
            lines[i] = "%s = %s" % (key, value)
            break
    else:
        if end is None:
            lines += ["[%s]" % section]
            end = len(lines)
        lines.insert(end, "%s = %s" % (key, value))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def available():
    """None when the receivers can run here, else why not."""
    if not debian_python():
        return "python3-aiosmtpd is not installed (scripts/install-deps.sh --test)"
    return None
