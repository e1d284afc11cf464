"""The project's own local Neo4j: named instances under var/, started from the Maven-built launcher.

An instance is a data directory plus a Bolt port on 127.0.0.1 and a generated password kept beside the data
(`var/neo4j-<name>/password`, mode 0600). `run` backs `make run`, `test` backs `make test`, `bench` backs
`make bench`, so a test or benchmark run never touches the data `make run` uses.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent
LAUNCHER_DIR = REPO / "neo4j-launcher"
LAUNCHER_CLASS = "scholargraph.Launcher"
READY_LINE = b"scholargraph-neo4j ready"  # printed by the launcher once the password is set
DEFAULT_PORTS = {"run": 7687, "test": 7688, "bench": 7689}


@dataclass(frozen=True)
class Instance:
    name: str
    home: Path
    port: int
    pagecache: str = "512m"
    heap: str = "1g"
    tx_timeout: str = "60s"
    tx_memory: str = "1g"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "neo4j-launcher.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    def password(self) -> str:
        """The instance's password, generated on first use."""
        if not self.password_file.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            self.password_file.write_text(secrets.token_urlsafe(18))
            self.password_file.chmod(0o600)
        return self.password_file.read_text().strip()

    def pid(self) -> int | None:
        """The launcher's pid if it is running; a stale pid file (crash, kill -9, reboot) is removed.

        Stale means: no such process, a zombie nobody reaped yet, or a pid the system has since given to another
        program (checked against the launcher's command line).
        """
        try:
            pid = int(self.pid_file.read_text())
        except (FileNotFoundError, ValueError):
            return None
        if not _is_launcher(pid):
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid


def instance(name: str, port: int | None = None, home: Path | None = None, pagecache: str | None = None,
             heap: str | None = None) -> Instance:
    """The named instance; NEO4J_LOCAL_PORT / NEO4J_LOCAL_HOME style overrides come in as arguments."""
    return Instance(
        name=name,
        home=(home or REPO / "var" / f"neo4j-{name}").resolve(),
        port=port or DEFAULT_PORTS.get(name, 7690),
        pagecache=pagecache or "512m",
        heap=heap or "1g",
    )


def build_launcher(quiet: bool = True) -> Path:
    """Compile the launcher and resolve Neo4j's jars with Maven (cached in ~/.m2); return the classpath file."""
    classpath = LAUNCHER_DIR / "target" / "classpath.txt"
    jar = LAUNCHER_DIR / "target" / "neo4j-launcher-1.0.jar"
    sources = [LAUNCHER_DIR / "pom.xml", *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]
    newest_source = max(p.stat().st_mtime for p in sources)
    if classpath.exists() and jar.exists() and jar.stat().st_mtime >= newest_source:
        return classpath
    command = ["mvn", "-B", "package", "-DskipTests"] + (["-q"] if quiet else [])
    subprocess.run(command, cwd=LAUNCHER_DIR, check=True)
    return classpath


def write_config(inst: Instance) -> None:
    """Write HOME/neo4j.conf, which the launcher loads: memory and the limits Neo4j leaves off by default."""
    lines = {
        "server.memory.pagecache.size": inst.pagecache,
        # Off by default in Neo4j: a runaway query must not hold the server.
        "db.transaction.timeout": inst.tx_timeout,
        "db.memory.transaction.max": inst.tx_memory,
        "db.logs.query.enabled": "OFF",
    }
    (inst.home / "neo4j.conf").write_text("".join(f"{key}={value}\n" for key, value in lines.items()))


def _is_launcher(pid: int) -> bool:
    """True if `pid` is a live (not zombie) launcher JVM."""
    if not _alive(pid):
        return False
    try:
        return LAUNCHER_CLASS.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        # No /proc (macOS): trust the pid, as before.
        return True


def _reap_when_it_exits(process: subprocess.Popen[bytes]) -> None:
    """Wait for the child in a daemon thread, so a crashed launcher never lingers as a zombie of the command
    that started it (`scholargraph run` serves in the same process for hours)."""
    threading.Thread(target=process.wait, name=f"reap-neo4j-{process.pid}", daemon=True).start()


def _jvm_options(inst: Instance) -> list[str]:
    # The subset of neo4j.conf's default JVM flags that matter in-process on Java 17.
    return [
        f"-Xms{inst.heap}", f"-Xmx{inst.heap}", "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
        "-XX:+UnlockExperimentalVMOptions", "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
        "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dlog4j2.disable.jmx=true",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    ]


def start(inst: Instance, wait_seconds: float = 180.0) -> bool:
    """Start the instance unless it already runs; wait until Bolt answers. Returns True if it was started."""
    if inst.pid() is not None:
        wait_until_ready(inst, wait_seconds)
        return False
    classpath_file = build_launcher()
    jar = LAUNCHER_DIR / "target" / "neo4j-launcher-1.0.jar"
    classpath = f"{jar}{os.pathsep}{classpath_file.read_text().strip()}"
    inst.home.mkdir(parents=True, exist_ok=True)
    write_config(inst)
    env = dict(os.environ)
    env.update({
        "NEO4J_LAUNCHER_HOME": str(inst.home),
        "NEO4J_LAUNCHER_PORT": str(inst.port),
        "NEO4J_LAUNCHER_PASSWORD": inst.password(),
    })
    log_offset = inst.log_file.stat().st_size if inst.log_file.exists() else 0
    with open(inst.log_file, "ab") as log:
        process = subprocess.Popen(
            ["java", *_jvm_options(inst), "-cp", classpath, LAUNCHER_CLASS],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            start_new_session=True,  # survives the command that started it; stopped by `db stop`
        )
    inst.pid_file.write_text(str(process.pid))
    _reap_when_it_exits(process)
    try:
        wait_until_ready(inst, wait_seconds, process, log_offset)
    except BaseException:
        stop(inst)
        raise
    return True


def wait_until_ready(inst: Instance, wait_seconds: float, process: subprocess.Popen[bytes] | None = None,
                     log_offset: int | None = None) -> None:
    """Block until the instance accepts an authenticated Bolt query. Raises RuntimeError on timeout or exit.

    For a process just started, first wait for the launcher's ready line (after `log_offset` in its log): Bolt
    listens before the launcher has set the password, and early attempts with it would trip Neo4j's
    authentication rate limit, which then never clears while we keep trying.
    """
    import neo4j  # local import: `db status` must work without waiting on the driver import

    deadline = time.monotonic() + wait_seconds
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Neo4j exited with status {process.returncode}; see {inst.log_file}")
        if log_offset is not None and not _logged_ready(inst, log_offset):
            time.sleep(0.3)
            continue
        try:
            # A plain session, not execute_query: the managed retry would hide the wait behind 30 s of back-off.
            with neo4j.GraphDatabase.driver(inst.uri, auth=("neo4j", inst.password())) as driver:
                with driver.session(database="neo4j") as session:
                    session.run("RETURN 1").consume()
            return
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready yet"; the last one is reported
            last_error = exc
            time.sleep(0.5)
    raise RuntimeError(f"Neo4j at {inst.uri} not reachable after {wait_seconds:.0f}s: {last_error}")


def _logged_ready(inst: Instance, offset: int) -> bool:
    with open(inst.log_file, "rb") as log:
        log.seek(offset)
        return READY_LINE in log.read()


def _alive(pid: int) -> bool:
    try:
        # Reap it if this process started it, so a finished child does not linger as a zombie.
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A process that exited but whose parent (e.g. `scholargraph run`) has not reaped it yet is a zombie.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def stop(inst: Instance, wait_seconds: float = 60.0) -> bool:
    """Stop the instance cleanly (SIGTERM runs Neo4j's shutdown hook). Returns True if it was running."""
    pid = inst.pid()
    if pid is None:
        inst.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            break
        time.sleep(0.2)
    else:
        print(f"Neo4j (pid {pid}) did not stop in {wait_seconds:.0f}s; killing it", file=sys.stderr)
        os.kill(pid, signal.SIGKILL)
    inst.pid_file.unlink(missing_ok=True)
    return True
