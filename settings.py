"""Settings, read from environment variables (then `.env`, then defaults). Only this module reads them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from starlette.config import Config
from starlette.datastructures import Secret

from scholargraph import localdb

PLACEHOLDER_PASSWORDS = {"", "changeme", "password", "neo4j"}


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: Secret
    neo4j_database: str = "neo4j"
    host: str = "127.0.0.1"
    port: int = 8000
    debug: bool = False
    log_level: str = "info"
    # Set when NEO4J_URI is unset: the service runs on the project's own local Neo4j ("the embedded default").
    local_instance: localdb.Instance | None = None
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: Secret = field(default_factory=lambda: Secret(""))
    mail_from: str = "ScholarGraph <no-reply@scholargraph.local>"
    mail_outbox: Path = Path("var/outbox")
    public_url: str = "http://127.0.0.1:8000"
    session_hours: int = 24 * 14
    password_hash_concurrency: int = 2
    # Request limits (docs/limits.md): the deadline of one /graphql request, its body, its response.
    request_timeout: float = 15.0
    max_request_bytes: int = 256 * 1024
    max_response_bytes: int = 8 * 1024 * 1024
    # Outages answer fast: a dead or unreachable Neo4j fails a request within about these bounds (docs/operations.md).
    neo4j_connection_timeout: float = 3.0
    neo4j_acquisition_timeout: float = 5.0
    neo4j_retry_time: float = 5.0
    # Operator's view: "json" (one JSON object per line) or "text" log lines; the expired-records collector's period.
    log_format: str = "json"
    maintenance_interval: float = 3600.0
    prometheus_multiproc_dir: Path | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ, instance: str = "run") -> Settings:
        """Read the settings. With NEO4J_URI unset, point at the local instance `instance` (run/test/bench)."""
        config = Config(".env" if Path(".env").exists() else None, environ=environ)
        debug = config("DEBUG", cast=bool, default=False)
        uri = config("NEO4J_URI", default=None)
        local = None
        if uri is None:
            local = local_instance(instance, environ)
            uri, user, password = local.uri, "neo4j", Secret(local.password())
        else:
            user = config("NEO4J_USER", default="neo4j")
            password = config("NEO4J_PASSWORD", cast=Secret, default=Secret(""))
            if str(password) in PLACEHOLDER_PASSWORDS and not debug:
                raise ValueError("NEO4J_PASSWORD is unset or a placeholder; set it (or DEBUG=true for a dev box)")
        host = config("HOST", default="127.0.0.1")
        port = config("PORT", cast=int, default=8000)
        return cls(
            neo4j_uri=uri,
            neo4j_user=user,
            neo4j_password=password,
            neo4j_database=config("NEO4J_DATABASE", default="neo4j"),
            host=host,
            port=port,
            debug=debug,
            log_level=config("LOG_LEVEL", default="info"),
            local_instance=local,
            smtp_host=config("SMTP_HOST", default=None),
            smtp_port=config("SMTP_PORT", cast=int, default=25),
            smtp_user=config("SMTP_USER", default=None),
            smtp_password=config("SMTP_PASSWORD", cast=Secret, default=Secret("")),
            mail_from=config("MAIL_FROM", default="ScholarGraph <no-reply@scholargraph.local>"),
            mail_outbox=config("MAIL_OUTBOX", cast=Path, default=Path("var/outbox")),
            public_url=config("PUBLIC_URL", default=f"http://{host}:{port}"),
            session_hours=config("SESSION_HOURS", cast=int, default=24 * 14),
            password_hash_concurrency=config("PASSWORD_HASH_CONCURRENCY", cast=int, default=2),
            request_timeout=config("REQUEST_TIMEOUT", cast=float, default=15.0),
            max_request_bytes=config("MAX_REQUEST_BYTES", cast=int, default=256 * 1024),
            max_response_bytes=config("MAX_RESPONSE_BYTES", cast=int, default=8 * 1024 * 1024),
            neo4j_connection_timeout=config("NEO4J_CONNECTION_TIMEOUT", cast=float, default=3.0),
            neo4j_acquisition_timeout=config("NEO4J_ACQUISITION_TIMEOUT", cast=float, default=5.0),
            neo4j_retry_time=config("NEO4J_RETRY_TIME", cast=float, default=5.0),
            log_format=config("LOG_FORMAT", default="json"),
            maintenance_interval=config("MAINTENANCE_INTERVAL", cast=float, default=3600.0),
            prometheus_multiproc_dir=config("PROMETHEUS_MULTIPROC_DIR", cast=Path, default=None),
        )


def password_hash_profile(environ: Mapping[str, str] = os.environ) -> str:
    """The Argon2id cost profile of password hashes, read once when the hashing module loads: "rfc9106-low-memory"
    (the default: RFC 9106's second recommendation, 64 MiB, 3 passes, 4 lanes) or "cheapest" (argon2-cffi's
    profile for tests; the test suite sets it so that hashing does not dominate its time; never for a service)."""
    config = Config(".env" if Path(".env").exists() else None, environ=environ)
    return str(config("PASSWORD_HASH_PROFILE", default="rfc9106-low-memory"))


def local_instance(name: str, environ: Mapping[str, str] = os.environ, port: int | None = None,
                   pagecache: str | None = None, heap: str | None = None) -> localdb.Instance:
    """The local instance `name` with the NEO4J_LOCAL_* overrides; explicit arguments (a --port) win."""
    config = Config(".env" if Path(".env").exists() else None, environ=environ)
    return localdb.instance(
        name,
        port=port or config("NEO4J_LOCAL_PORT", cast=int, default=None),
        home=config("NEO4J_LOCAL_HOME", cast=Path, default=None),
        pagecache=pagecache or config("NEO4J_LOCAL_PAGECACHE", default=None),
        heap=heap or config("NEO4J_LOCAL_HEAP", default=None),
    )
