"""Import benchmark: synthetic OpenAlex corpora of two sizes into a fresh local instance; works/s and peak RSS.

    .venv/bin/python bench/import_bench.py [--sizes 20000,100000] [--batch-size 500] [--seed 1]

Each size gets a freshly generated corpus (cached under var/bench-import/) and an empty database (the
`bench-import` instance on port 7712, data under var/neo4j-bench-import, wiped before each run). The importer
runs as its own process (`python -m scholargraph.importer import openalex …`), sampled every 50 ms for resident memory, so
the figures are the importer's alone, not Neo4j's. Prints a table and writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scholargraph import localdb  # noqa: E402
from scholargraph.importer import generate  # noqa: E402

INSTANCE, PORT = "bench-import", 7712
HOME = REPO / "var" / "neo4j-bench-import"
CORPORA = REPO / "var" / "bench-import"
RESULTS = REPO / "bench" / "results"


def corpus(works: int, seed: int) -> tuple[Path, float]:
    """The corpus folder for `works`, generated unless already there; and the seconds generation took."""
    out = CORPORA / f"works-{works}-seed-{seed}"
    if (out / "data" / "institutions" / "manifest").exists():
        return out, 0.0
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    generate.generate(out, works=works, seed=seed)
    return out, time.perf_counter() - started


def fresh_instance() -> localdb.Instance:
    inst = localdb.instance(INSTANCE, port=PORT, home=HOME)
    localdb.stop(inst)
    shutil.rmtree(HOME, ignore_errors=True)
    localdb.start(inst)
    return inst


def run_import(path: Path, batch_size: int) -> dict[str, float | int | str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD")}
    env.update({"NEO4J_LOCAL_PORT": str(PORT), "NEO4J_LOCAL_HOME": str(HOME), "PYTHONPATH": str(REPO)})
    command = [sys.executable, "-m", "scholargraph.importer", "import", "openalex", str(path), "--instance", INSTANCE,
               "--batch-size", str(batch_size), "--no-progress", "--rejects", str(CORPORA / "rejects.jsonl")]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    out, err = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"import failed ({process.returncode}):\n{out}\n{err}")
    seconds = float(re.search(r" in ([\d.]+) s,", out).group(1))  # the import itself, without start-up
    works = int(re.search(r"written +works (\d+)", out).group(1))
    return {"works": works, "import_seconds": seconds, "wall_seconds": round(wall, 2),
            "works_per_second": round(works / seconds, 1), "peak_rss_mb": round(peak / 2**20, 1), "summary": out}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated corpus sizes in works")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rows = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            path, generated_in = corpus(size, args.seed)
            fresh_instance()
            result = run_import(path, args.batch_size)
            result.update({"size": size, "generate_seconds": round(generated_in, 1)})
            rows.append(result)
            print(f"{size:>8} works: {result['works_per_second']:>8} works/s, peak RSS {result['peak_rss_mb']} MB",
                  file=sys.stderr)
    finally:
        localdb.stop(localdb.instance(INSTANCE, port=PORT, home=HOME))
    print(f"{'corpus':>8} {'works':>8} {'import s':>9} {'works/s':>9} {'peak RSS MB':>12} {'generate s':>11}")
    for r in rows:
        print(f"{r['size']:>8} {r['works']:>8} {r['import_seconds']:>9} {r['works_per_second']:>9} "
              f"{r['peak_rss_mb']:>12} {r['generate_seconds']:>11}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"import-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps({
        "benchmark": "import", "batch_size": args.batch_size, "seed": args.seed, "cpus": os.cpu_count(),
        "python": platform.python_version(), "load_average": os.getloadavg(), "runs": rows,
    }, indent=2))
    print(f"written {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
