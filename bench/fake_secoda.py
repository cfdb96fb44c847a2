#!/usr/bin/env python3
"""A stand-in for Secoda's API for bench/run.sh: answers 200 {} to everything, reads and discards
request bodies, and appends one line per request to the log file named by argv[2]:
    METHOD PATH BYTES FIRST_BYTE_EPOCH_S LAST_BYTE_EPOCH_S RECEIVE_S
With RATE (MiB/s), it reads a body no faster than that, as a network link of that speed would.
Usage: fake_secoda.py PORT LOGFILE [RATE]"""
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = sys.argv[2]
RATE = float(sys.argv[3]) * 1048576 if len(sys.argv) > 3 else 0.0


def pace(first, total):
    """Sleeps until TOTAL bytes are due at RATE since FIRST."""
    if RATE and first:
        wait = first + total / RATE - time.time()
        if wait > 0:
            time.sleep(wait)

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _body(self):
        total, first, last = 0, None, None
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunk = self.rfile.read(size + 2)
                first = first or time.time()
                total += size
                pace(first, total)
            last = time.time()
        else:
            left = int(self.headers.get("Content-Length", 0))
            while left > 0:
                chunk = self.rfile.read1(min(left, 1 << 20))
                if not chunk:
                    break
                first = first or time.time()
                left -= len(chunk)
                total += len(chunk)
                pace(first, total)
            last = time.time()
        first = first or last
        with open(LOG, "a") as f:
            f.write(f"{self.command} {self.path} {total} {first:.6f} {last:.6f} {last - first:.3f}\n")

    def _answer(self):
        self._body()
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET = do_PUT = _answer

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
