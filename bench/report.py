"""Turn a run's results into the stdout table, the target verdicts and a Markdown table for BENCHMARKS.md.

`python -m bench.report bench/results/RUN.json` prints the Markdown table of a saved run.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import orjson

RESULTS = Path(__file__).resolve().parent / "results"
COLUMNS = ("workload", "bucket", "c", "n", "p50", "p95", "p99", "req/s", "floor p50", "floor p99", "floor req/s",
           "×p50", "×p99", "RT")
TARGET_P99_MS = 250.0


def _ms(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.1f}"


def _ratio(service: float, floor: float) -> float | None:
    return service / floor if floor and not math.isnan(floor) and not math.isnan(service) else None


def rows(result: dict[str, Any]) -> list[list[str]]:
    """One row per cell and concurrency; unavailable or failed workloads get one row saying so."""
    table = []
    for cell in result["cells"]:
        head = [cell["workload"], cell["bucket"]]
        if cell.get("error") or not cell.get("by_concurrency"):
            table.append(head + ["", "", cell.get("error") or "not measured"] + [""] * (len(COLUMNS) - 5))
            continue
        rt = cell["round_trips"]
        for c, side in cell["by_concurrency"].items():
            s, f = side["service"], side.get("floor") or {}
            table.append(head + [c, str(s["n"]), _ms(s["p50_ms"]), _ms(s["p95_ms"]), _ms(s["p99_ms"]),
                                 f"{s['rps']:.0f}", _ms(f.get("p50_ms")), _ms(f.get("p99_ms")),
                                 f"{f['rps']:.0f}" if f else "–",
                                 _x(side.get("ratio_p50")), _x(side.get("ratio_p99")),
                                 f"{rt['mean']:.1f} (max {rt['max']})"])
    for name in result.get("unavailable", []):
        table.append([name, "–", "", "", "not available in this schema"] + [""] * (len(COLUMNS) - 5))
    return table


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def attach_ratios(cell: dict[str, Any]) -> None:
    for side in cell.get("by_concurrency", {}).values():
        s, f = side["service"], side.get("floor")
        if f:
            side["ratio_p50"] = _ratio(s["p50_ms"], f["p50_ms"])
            side["ratio_p99"] = _ratio(s["p99_ms"], f["p99_ms"])


def targets(result: dict[str, Any], high: str) -> list[dict[str, Any]]:
    """The issue's three targets, per bucket where a bucket applies; `high` is the high concurrency's key."""
    verdicts = []
    for cell in result["cells"]:
        by_c = cell.get("by_concurrency") or {}
        if cell["workload"] == "profile" and "1" in by_c and by_c["1"].get("ratio_p50") is not None:
            ratio = by_c["1"]["ratio_p50"]
            verdicts.append({"target": "profile p50 ≤ 1.5× floor at c=1", "cell": cell["bucket"],
                             "value": round(ratio, 2), "met": ratio <= 1.5})
        if cell["workload"] == "graph_slice":
            for c, side in by_c.items():
                if side.get("ratio_p99") is not None:
                    verdicts.append({"target": f"graphSlice p99 ≤ 2× floor (c={c})", "cell": cell["bucket"],
                                     "value": round(side["ratio_p99"], 2), "met": side["ratio_p99"] <= 2.0})
        if high in by_c:
            p99 = by_c[high]["service"]["p99_ms"]
            verdicts.append({"target": f"p99 ≤ {TARGET_P99_MS:.0f} ms at c={high}",
                             "cell": f"{cell['workload']}/{cell['bucket']}", "value": round(p99, 1),
                             "met": p99 <= TARGET_P99_MS})
    return verdicts


def render_text(result: dict[str, Any]) -> str:
    table = [list(COLUMNS)] + rows(result)
    widths = [max(len(row[i]) for row in table if i < len(row)) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    missed = [t for t in result.get("targets", []) if not t["met"]]
    lines.append("")
    lines.append(f"targets: {len(result.get('targets', [])) - len(missed)} met, {len(missed)} missed")
    lines.extend(f"  MISSED {t['target']}: {t['cell']} = {t['value']}" for t in missed)
    return "\n".join(lines)


def render_markdown(result: dict[str, Any]) -> str:
    table = [list(COLUMNS)] + rows(result)
    out = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(COLUMNS)]
    out.extend("| " + " | ".join(row) + " |" for row in table[1:])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    path = Path(args[0]) if args else max(RESULTS.glob("*.json"), key=lambda p: p.stat().st_mtime)
    print(render_markdown(orjson.loads(path.read_bytes())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
