"""A static server for a built site that compresses as GitHub Pages does.

Lighthouse's performance score depends on transfer size, so `make lighthouse`
measures the site served with gzip; Python's own http.server sends everything raw.
A missing page gets the site's 404.html with status 404, as on Pages (the English
one under /en/, as on hosts that serve the nearest 404.html).

    python tools/gzip_server.py SITE_DIR [PORT]
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml")
TYPES = {".js": "application/javascript", ".svg": "image/svg+xml", ".xml": "application/xml"}


def resolve(root: Path, url_path: str) -> tuple[Path | None, str | None]:
    """The file for a URL path, or a redirect for a folder named without its slash."""
    path = (root / unquote(urlsplit(url_path).path).lstrip("/")).resolve()
    if root not in path.parents and path != root:
        return None, None
    if path.is_dir():
        if not url_path.split("?")[0].endswith("/"):
            return None, url_path.split("?")[0] + "/"
        path = path / "index.html"
    return (path if path.is_file() else None), None


def content_type(path: Path) -> str:
    kind = (
        TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or "xml" in kind else kind


class Handler(BaseHTTPRequestHandler):
    # Keep-alive, as every real host offers; HTTP/1.0 would make Lighthouse's
    # simulated network pay a new connection for each of the page's files.
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, root: Path, **kwargs) -> None:
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path, redirect = resolve(self.root, self.path)
        if redirect:
            self.send_response(301)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if path is None:
            status = 404
            english = self.path.startswith("/en/") and (self.root / "en" / "404.html").is_file()
            path = self.root / ("en/404.html" if english else "404.html")
        body = path.read_bytes()
        kind = content_type(path)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        self.wfile.write(body)


def make_server(root: Path, port: int = 0) -> ThreadingHTTPServer:
    return ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, root=root.resolve()))


if __name__ == "__main__":
    server = make_server(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {sys.argv[1]} with gzip at http://127.0.0.1:{server.server_address[1]}/")
    server.serve_forever()
