"""A server that fails the way real ones in front of MLflow do. Usage: fake_server.py PORT MODE [CERT KEY]
  html     every request answers 200 with a sign-in page (a single-sign-on proxy before login)
  401      every request answers 401 (a proxy that wants credentials)
  404      every request answers 404 (a URL that is not an MLflow server)
  tls      like html, over TLS with the given self-signed certificate
  trickle  answers 200 at once, then sends its 100,000-byte body one byte every half second"""
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, mode = int(sys.argv[1]), sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(100000):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
                except OSError:
                    return
            return
        status = {"401": 401, "404": 404}.get(mode, 200)
        body = b"<html><head><title>Sign in</title></head><body>Sign in to continue</body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
if mode == "tls":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[3], sys.argv[4])
    server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
