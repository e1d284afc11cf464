"""The HTTP edge of a request (docs/limits.md): body size limit, request deadline, cancel on client disconnect.

Pure ASGI, because Starlette never cancels a handler when the client goes away and `BaseHTTPMiddleware` hides
`http.disconnect` from the app. For the guarded paths (/graphql) the whole body is read first (413 past the
limit), then the app runs under the request deadline (`db.request_deadline`, which gives every statement the
time left as its transaction timeout) while a listener task waits for the client leaving: a disconnect cancels
the request (the driver drops the connection, so Neo4j ends the transaction), and if it outlives the deadline by
`GRACE_SECONDS` it is cancelled and answered 504 `TIMEOUT`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Collection

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scholargraph import db

log = logging.getLogger("scholargraph.guard")
GRACE_SECONDS = 1.0  # after the deadline, for the database's own timeout to answer first


def error_body(message: str, code: str) -> bytes:
    """A GraphQL-shaped error document for answers made outside GraphQL execution."""
    return json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}).encode()


async def send_error(send: Send, status: int, message: str, code: str) -> None:
    body = error_body(message, code)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, timeout: float,
                 paths: Collection[str] = ("/graphql",)) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout = timeout
        self.paths = frozenset(paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            await self._too_large(send)
            return
        if scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_body_bytes:
                await self._too_large(send)
                return
            if not message.get("more_body", False):
                break
        await self._run(scope, bytes(body), receive, send)

    async def _too_large(self, send: Send) -> None:
        log.info("request body over %d bytes refused", self.max_body_bytes)
        await send_error(send, 413, f"The request body is larger than {self.max_body_bytes} bytes.",
                         "PAYLOAD_TOO_LARGE")

    async def _run(self, scope: Scope, body: bytes, receive: Receive, send: Send) -> None:
        # The app runs in this task; a listener task (the client leaving) or a timer (the deadline plus grace)
        # cancels it. One extra task per request, not two plus an asyncio.wait (≈ 0.06 ms a request).
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        gone = asyncio.Event()
        delivered = started = finished = False
        stopped: str | None = None

        def stop(reason: str) -> None:
            nonlocal stopped
            if not finished and stopped is None:
                stopped = reason
                task.cancel()

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        async def listen() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()
            stop("gone")

        listener = loop.create_task(listen())
        timer = loop.call_later(self.timeout + GRACE_SECONDS, stop, "deadline")
        try:
            with db.request_deadline(self.timeout):
                await self.app(scope, replay, tracked_send)
        except asyncio.CancelledError:
            if stopped is None:
                raise  # cancelled from outside (the server shutting down)
            task.uncancel()
            if stopped == "gone":
                log.info("client left %s before the answer; its work was cancelled", scope["path"])
            else:
                log.info("%s outlived its %.1f s deadline; cancelled", scope["path"], self.timeout)
                if not started:
                    await send_error(send, 504, f"The request took longer than {self.timeout:g} s and was stopped.",
                                     "TIMEOUT")
        finally:
            finished = True
            timer.cancel()
            listener.cancel()
