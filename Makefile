# The two commands: `make run` (service on the embedded default at 127.0.0.1:8000) and `make test`.
# Each does its own set-up on a fresh clone: Python venv, the Neo4j launcher (jars from Maven Central into
# ~/.m2), the web UI's npm packages, and, for tests, Debian's chromium for the browser tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAUNCHER := neo4j-launcher/target/classpath.txt

.PHONY: setup run test check bench bench-quick browsers db-stop

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench,check]'
	touch $@

$(LAUNCHER): neo4j-launcher/pom.xml $(wildcard neo4j-launcher/src/main/java/scholargraph/*.java)
	cd neo4j-launcher && mvn -B -q package -DskipTests

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed $(LAUNCHER) web/node_modules/.installed

run: setup
	$(BIN)/scholargraph run

# Browser tests drive Debian's chromium (Playwright's own browser download cannot work offline).
browsers:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# Lint and type check first (`make check`); then the suite runs against its own Neo4j instance (var/neo4j-test, port 7688), never the one `make run` uses.
test: setup browsers bench/peer/node_modules/.installed check
	$(BIN)/scholargraph db start --instance test
	$(BIN)/pytest; status=$$?; $(BIN)/scholargraph db stop --instance test; exit $$status

# Lint and type check. mypy reads the repository as the installed package sees it (scholargraph.*) through a
# symlink, since the package maps its name onto the repository root.
check: $(VENV)/.installed
	$(BIN)/ruff check .
	@mkdir -p .typecheck && ln -sfn .. .typecheck/scholargraph
	MYPYPATH=.typecheck $(BIN)/mypy -p scholargraph

# The peer in the benchmark: @neo4j/graphql and its server's packages, locked in bench/peer/package-lock.json.
bench/peer/node_modules/.installed: bench/peer/package.json bench/peer/package-lock.json
	cd bench/peer && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench: setup bench/peer/node_modules/.installed
	$(BIN)/python -m bench

bench-quick: setup bench/peer/node_modules/.installed
	$(BIN)/python -m bench --quick

db-stop:
	$(BIN)/scholargraph db stop --instance run
