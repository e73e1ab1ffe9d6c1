#!/usr/bin/env python3
"""A stand-in GitHub for bench/clone.sh, on 127.0.0.1 only: the OAuth2 endpoints and the two API calls the console makes
(the user, a repository's branches), and the Git host, which serves the bare repositories under ROOT through Debian's
`git http-backend` to requests that carry the one token it issues (user x-access-token), as GitHub does.

    bench/git_provider.py PORT ROOT
"""
import base64
import json
import os
import subprocess
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "gho_benchonlytoken000000000000000000000"
PORT = int(sys.argv[1])
ROOT = sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # every answer ends with its connection, so a streamed body needs no chunking

    def log_message(self, *args):
        pass

    def json(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        """The request body, whole: a Content-Length one, or a chunked one as the console streams it."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/login/oauth/authorize":
            query = urllib.parse.parse_qs(url.query)
            target = query["redirect_uri"][0] + "?" + urllib.parse.urlencode({"code": "bench", "state": query["state"][0]})
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
        elif url.path == "/api/user":
            self.json({"login": "bench", "id": 1, "name": "Bench", "html_url": "https://github.com/bench"})
        elif url.path.startswith("/api/repos/") and url.path.endswith("/branches"):
            self.json([{"name": "main", "commit": {"sha": "0" * 40}}])
        elif url.path.startswith("/git/"):
            self.git(url, b"")
        else:
            self.send_error(404)

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.body()
        if url.path == "/login/oauth/access_token":
            self.json({"access_token": TOKEN, "token_type": "bearer", "scope": "repo,read:user"})
        elif url.path.startswith("/git/"):
            self.git(url, body)
        else:
            self.send_error(404)

    def git(self, url, body):
        expected = "Basic " + base64.b64encode(("x-access-token:" + TOKEN).encode()).decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.end_headers()
            return
        env = dict(os.environ, GIT_PROJECT_ROOT=ROOT, GIT_HTTP_EXPORT_ALL="1", REQUEST_METHOD=self.command,
                   PATH_INFO=url.path[len("/git"):], QUERY_STRING=url.query, REMOTE_USER="x-access-token",
                   REMOTE_ADDR=self.client_address[0], CONTENT_LENGTH=str(len(body)))
        for header, variable in (("Content-Type", "CONTENT_TYPE"), ("Content-Encoding", "HTTP_CONTENT_ENCODING"),
                                 ("Git-Protocol", "GIT_PROTOCOL")):
            if self.headers.get(header):
                env[variable] = self.headers[header]
        backend = subprocess.Popen(["git", "http-backend"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        threading.Thread(target=lambda: (backend.stdin.write(body), backend.stdin.close()), daemon=True).start()
        status, headers = 200, []
        for line in iter(backend.stdout.readline, b""):
            line = line.strip()
            if not line:
                break
            name, value = line.decode().split(":", 1)
            if name.lower() == "status":
                status = int(value.strip()[:3])
            else:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        while True:
            chunk = backend.stdout.read(65536)
            if not chunk:
                break
            self.wfile.write(chunk)
        backend.wait()


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
