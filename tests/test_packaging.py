"""The service as users install it: `pip install .` into a fresh venv outside the repository serves the seed profile.

The wheel must carry the Cypher, templates, static files and seed data, and claim no generic top-level name in
site-packages (PyPI has a `schema`, a `web`, a `cli` …): everything lives under `scholargraph`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import neo4j
import pytest

from scholargraph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "A5101727316"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # setuptools stages files in the checkout's build/ and never prunes it: start clean so a removed file can't ship.
    shutil.rmtree(REPO / "build", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
                    "-w", str(out), str(REPO)], check=True, cwd=out)
    [built] = out.glob("scholargraph-*.whl")
    return built


def test_wheel_claims_only_the_scholargraph_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/", 1)[0] for name in names}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"scholargraph"}
    for expected in ("scholargraph/server.py", "scholargraph/schema/root.py", "scholargraph/cypher/constraints",
                     "scholargraph/web/templates/profile.html", "scholargraph/web/static/style.css",
                     "scholargraph/web/queries/profile.graphql", "scholargraph/seed/data/core.json",
                     "scholargraph/web/node_modules/cytoscape/dist/"):
        assert any(name.startswith(expected) for name in names), expected
    assert any(name.startswith("scholargraph/cypher/") and name.endswith(".cypher") for name in names)
    assert not any(name.startswith(("scholargraph/tests/", "scholargraph/bench/")) for name in names)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_installed_package_serves_the_seed_profile(wheel: Path, tmp_path: Path, seeded_graph: neo4j.Driver,
                                                   settings: Settings) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True, cwd=tmp_path)
    # Nothing from the checkout may leak in: run from an empty directory with a clean PYTHONPATH.
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    located = subprocess.run([str(python), "-c", "import scholargraph.server as s; print(s.__file__)"],
                             check=True, cwd=workdir, capture_output=True, text=True,
                             env={"PATH": os.environ["PATH"]}).stdout.strip()
    assert Path(located).is_relative_to(venv), located
    assert subprocess.run([str(venv / "bin" / "scholargraph"), "--help"], check=True, cwd=workdir,
                          capture_output=True, text=True).stdout.startswith("usage: scholargraph")

    port = _free_port()
    env = {
        "PATH": os.environ["PATH"], "HOME": str(tmp_path),
        "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": str(settings.neo4j_password), "NEO4J_DATABASE": settings.neo4j_database,
        "MAIL_OUTBOX": str(tmp_path / "outbox"),
    }
    server = subprocess.Popen(
        [str(python), "-m", "uvicorn", "--factory", "scholargraph.server:create_app", "--host", "127.0.0.1",
         "--port", str(port)],
        cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stdout.read() if server.stdout else "server exited"
            assert time.monotonic() < deadline, "the installed service did not start within 60 s"
            time.sleep(0.3)
        page = httpx.get(f"{base}/researchers/{SEED_ID}", headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200
        assert "Zhefan Rao" in page.text
        assert httpx.get(f"{base}/static/style.css", timeout=10).status_code == 200
        vendor = httpx.get(f"{base}/vendor/cytoscape/dist/cytoscape.esm.min.mjs", timeout=10)
        assert vendor.status_code == 200 and len(vendor.content) > 100_000
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()
