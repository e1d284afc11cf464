"""Every Cypher file loads, documents its parameters, compiles (EXPLAIN), and takes input only as parameters."""

from __future__ import annotations

import re

import neo4j
import pytest

from scholargraph import cypher
from scholargraph.settings import Settings

ALL = cypher.names()
# Files that must not be EXPLAINed: schema commands and procedures that cannot be explained.
NOT_EXPLAINABLE_PREFIXES = ("constraints.", "indexes_await")


@pytest.mark.parametrize("name", ALL)
def test_statement_loads_and_documents_its_parameters(name: str) -> None:
    text = cypher.get(name)
    header = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("//"))
    assert header, f"{name} has no // header comment"
    for parameter in cypher.parameters(name):
        assert f"${parameter}" in header, f"{name}: ${parameter} is not documented in the header"


@pytest.mark.parametrize("name", [n for n in ALL if not n.startswith(NOT_EXPLAINABLE_PREFIXES)])
def test_statement_compiles(name: str, neo4j_driver: neo4j.Driver, settings: Settings) -> None:
    params = {parameter: None for parameter in cypher.parameters(name)}
    neo4j_driver.execute_query("EXPLAIN " + cypher.get(name), params, database_=settings.neo4j_database)


def test_no_python_module_builds_cypher_from_strings() -> None:
    # Cypher lives in cypher/*.cypher; f-strings or .format around Cypher keywords would be injection risks.
    pattern = re.compile(r"""f["'][^"']*\b(MATCH|MERGE|CREATE|DELETE|SET)\b""")
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    offenders = [str(path.relative_to(root)) for folder in ("resolvers", "schema", "importer", "auth", "seed")
                 for path in (root / folder).rglob("*.py") if pattern.search(path.read_text())]
    offenders += [name for name in ("db.py", "server.py", "context.py") if pattern.search((root / name).read_text())]
    assert offenders == []


def test_schema_package_is_ours() -> None:
    # `schema` is also a PyPI distribution's name: make sure the repository's package is the one imported.
    from scholargraph import schema
    from pathlib import Path

    assert Path(schema.__file__).resolve().parent == Path(__file__).resolve().parent.parent / "schema"
