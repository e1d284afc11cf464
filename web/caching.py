"""Weight of the pages: versioned static URLs, Cache-Control, and ETag revalidation for pages.

* `static_url("explorer.js")` → `/static/explorer.js?v=<content hash>`; `vendor_url(...)` the same for npm files
  under `/vendor`. A URL carrying `v=` never changes content, so it is cached for a year (`immutable`); any other
  static or vendor URL is `no-cache` (revalidated with the ETag that Starlette's StaticFiles already sends).
* `import_map()` maps every page module's plain URL to its versioned one, so `import … from "/static/session.js"`
  inside a module and `<script src="{{ static_url('session.js') }}">` load the same module instance.
* HTML pages get a weak ETag from their body and `Cache-Control: no-cache`; `If-None-Match` with that tag gets a
  304 without the body. Compression is Starlette's GZipMiddleware (server.py), outside this middleware.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = WEB_DIR / "node_modules"
# npm files the pages load as modules (kept in the import map so their plain URLs resolve to versioned ones).
VENDOR_MODULES = ("cytoscape/dist/cytoscape.esm.min.mjs",)
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

_hashes: dict[Path, tuple[float, str]] = {}


def _version(path: Path) -> str:
    """A short hash of the file's content, recomputed only when its modification time changes."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return "missing"
    cached = _hashes.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    _hashes[path] = (mtime, digest)
    return digest


def static_url(name: str) -> str:
    return f"/static/{name}?v={_version(STATIC_DIR / name)}"


def vendor_url(name: str) -> str:
    return f"/vendor/{name}?v={_version(VENDOR_DIR / name)}"


def inline_static(name: str) -> str:
    """A static file's text for a `<style>` element (the explorer inlines its stylesheet: on a slow network one
    request less before the first paint). Refuses text that could close the element."""
    path = STATIC_DIR / name
    text = _inline.get(path)
    if text is None or text[0] != _version(path):
        body = path.read_text(encoding="utf-8")
        if "</" in body:
            raise ValueError(f"{name} cannot be inlined: it contains '</'")
        text = (_version(path), body)
        _inline[path] = text
    return text[1]


_inline: dict[Path, tuple[str, str]] = {}


def import_map() -> str:
    """The page's import map as JSON (safe inside <script type="importmap">: no '<' can occur in it)."""
    imports = {f"/static/{path.name}": static_url(path.name) for path in sorted(STATIC_DIR.glob("*.js"))}
    imports.update({f"/vendor/{name}": vendor_url(name) for name in VENDOR_MODULES})
    return json.dumps({"imports": imports}).replace("<", "\\u003c")


def template_globals() -> dict[str, Any]:
    return {"static_url": static_url, "vendor_url": vendor_url, "import_map": import_map, "inline_static": inline_static}


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == bare for candidate in header.split(","))


class CacheHeadersMiddleware:
    """Cache-Control for static files; ETag + 304 for HTML pages (GET/HEAD, status 200)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(("/static/", "/vendor/")):
            versioned = b"v=" in scope.get("query_string", b"")

            async def send_static(message: Message) -> None:
                if message["type"] == "http.response.start" and message["status"] in (200, 304):
                    MutableHeaders(scope=message)["Cache-Control"] = IMMUTABLE if versioned else REVALIDATE
                await send(message)

            await self.app(scope, receive, send_static)
            return
        await self._page(scope, receive, send)

    async def _page(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hold an HTML page's body, tag it, and answer 304 when the client already has it."""
        start: Message | None = None
        body = bytearray()
        passthrough = False

        async def send_page(message: Message) -> None:
            nonlocal start, passthrough
            if passthrough:
                await send(message)
                return
            if message["type"] == "http.response.start":
                headers = Headers(raw=message["headers"])
                if message["status"] != 200 or not headers.get("content-type", "").startswith("text/html") \
                        or "etag" in headers:
                    passthrough = True
                    await send(message)
                    return
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            etag = f'W/"{hashlib.sha256(bytes(body)).hexdigest()[:20]}"'
            headers = MutableHeaders(scope=start)
            headers["ETag"] = etag
            headers.setdefault("Cache-Control", REVALIDATE)
            if _etag_matches(Headers(scope=scope).get("if-none-match"), etag):
                del headers["content-length"]
                if "content-type" in headers:
                    del headers["content-type"]
                start["status"] = 304
                await send(start)
                await send({"type": "http.response.body", "body": b""})
                return
            await send(start)
            await send({"type": "http.response.body", "body": bytes(body)})

        await self.app(scope, receive, send_page)
