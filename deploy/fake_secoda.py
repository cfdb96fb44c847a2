#!/usr/bin/env python3
"""A small stand-in for Secoda's API for deploy/test-image.sh, listening on 127.0.0.1 only.

Plays what the job calls: GET /healthcheck, GET /integration/integrations/ (one page),
POST /integration/integrations/ (creates one, answers its id), and
POST /integration/integrations/ID/import_metadata/ (multipart; the raw request body is saved as
DIR/upload-N.body). Every request needs "Authorization: Bearer TOKEN", otherwise 401.
One line per request is appended to DIR/requests.log: METHOD PATH STATUS BYTES.

Usage: fake_secoda.py PORT TOKEN DIR      (PORT 0: any free port; the port is written to DIR/port)
"""
import json
import os
import re
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, TOKEN, DIR = int(sys.argv[1]), sys.argv[2], sys.argv[3]
INTEGRATIONS = []
UPLOADS = [0]
UPLOAD = re.compile(r"^/integration/integrations/([^/]+)/import_metadata/$")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                parts.append(self.rfile.read(size))
                self.rfile.read(2)
            return b"".join(parts)
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def _answer(self, status, obj, body_len):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        with open(os.path.join(DIR, "requests.log"), "a") as log:
            log.write(f"{self.command} {self.path} {status} {body_len}\n")

    def _handle(self):
        body = self._read_body()
        path = self.path.split("?")[0]
        if path == "/healthcheck":
            return self._answer(200, {"status": "OK"}, len(body))
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self._answer(401, {"detail": "Invalid token."}, len(body))
        if path == "/integration/integrations/" and self.command == "GET":
            return self._answer(200, {"links": {"next": "None", "previous": "None"}, "count": len(INTEGRATIONS),
                                      "total_pages": 1, "results": INTEGRATIONS}, len(body))
        if path == "/integration/integrations/" and self.command == "POST":
            req = json.loads(body or b"{}")
            if not req.get("name") or not req.get("type") or "credentials" not in req:
                return self._answer(400, {"detail": "name, type and credentials are required"}, len(body))
            integration = {"id": str(uuid.uuid4()), "name": req["name"], "type": req["type"],
                           "created_at": "2026-12-02T00:00:00Z"}
            INTEGRATIONS.append(integration)
            return self._answer(201, integration, len(body))
        match = UPLOAD.match(path)
        if match and self.command == "POST":
            if not any(i["id"] == match.group(1) for i in INTEGRATIONS):
                return self._answer(404, {"detail": "Not found."}, len(body))
            UPLOADS[0] += 1
            with open(os.path.join(DIR, f"upload-{UPLOADS[0]}.body"), "wb") as f:
                f.write(body)
            return self._answer(200, {}, len(body))
        return self._answer(404, {"detail": "Not found."}, len(body))

    do_GET = do_POST = do_PUT = do_PATCH = _handle

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
with open(os.path.join(DIR, "port"), "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
