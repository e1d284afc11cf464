"""The service under test, started as users run it: `scholargraph serve` (uvicorn, `scholargraph.server:create_app`)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
LOG = REPO / "var" / "bench-service.log"


def free_port(preferred: int) -> int:
    """`preferred` if nothing listens there, else any free port on 127.0.0.1."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise RuntimeError("no free port on 127.0.0.1")


def _command() -> list[str]:
    script = Path(sys.executable).parent / "scholargraph"
    if script.exists():
        return [str(script), "serve"]
    return [sys.executable, "-m", "uvicorn", "--factory", "scholargraph.server:create_app"]


class ServerProcess:
    """A server the bench starts as a subprocess (the service, the peer): logs to `log`, ready once `ready()` says
    so, stopped with SIGTERM (then SIGKILL after 20 s). Subclasses set `name`, `log`, `cwd`, `command`, `url` and
    `environment()`; failures raise `error`."""

    name = "server"
    error: type[Exception] = RuntimeError
    log: Path = LOG
    cwd: Path = REPO
    command: list[str]
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        raise NotImplementedError

    def environment(self) -> dict[str, str]:
        raise NotImplementedError

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self, wait_seconds: float = 60.0) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.environment(), stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self.error(f"the {self.name} exited with status {self.process.returncode}; see {self.log}")
            try:
                if self.ready():
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise self.error(f"the {self.name} did not answer within {wait_seconds:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Service(ServerProcess):
    """A uvicorn subprocess with production settings (DEBUG off, so no GraphiQL; access log off at warning)."""

    name = "service"

    def __init__(self, uri: str, password: str, port: int, database: str = "neo4j") -> None:
        self.uri = uri
        self.password = password
        self.database = database
        self.port = port
        self.command = _command()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env.update({"NEO4J_URI": self.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": self.password,
                    "NEO4J_DATABASE": self.database, "HOST": "127.0.0.1", "PORT": str(self.port), "DEBUG": "false",
                    "LOG_LEVEL": "warning"})
        return env

    def ready(self) -> bool:
        return httpx.get(f"{self.url}/healthz", timeout=2.0).status_code == 200
