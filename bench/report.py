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
# Beside the peer: ours and the peer in both forms (shipped; nodelay = TCP_NODELAY on its Bolt sockets), the floor,
# and our ratios to the nodelay form (the fair one: shipped, its driver's statement waits dominate at c=1).
PEER_COLUMNS = ("workload", "bucket", "c", "ours p50", "ours p99", "ours req/s", "peer p50", "peer p99",
                "peer req/s", "peer⁺ p50", "peer⁺ p99", "peer⁺ req/s", "floor p50", "floor req/s",
                "p50 ours/peer⁺", "req/s ours/peer⁺", "p50 ours/peer")
TARGET_PEER_RPS = 1.5
TARGET_PROFILE_FLOOR = 1.5


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
        for form, p in (side.get("peer") or {}).items():
            side[f"ratio_p50_{form}"] = _ratio(s["p50_ms"], p["p50_ms"])
            side[f"ratio_rps_{form}"] = _ratio(s["rps"], p["rps"])


def peer_rows(result: dict[str, Any]) -> list[list[str]]:
    """One row per cell and concurrency beside the peer; cells the peer cannot express say so once."""
    table, said = [], set()
    for cell in result["cells"]:
        head = [cell["workload"], cell["bucket"]]
        if cell.get("error") or not cell.get("by_concurrency"):
            continue
        if cell.get("peer") != "measured":
            if cell["workload"] != "mix" and cell["workload"] not in said:
                said.add(cell["workload"])
                table.append([cell["workload"], "all", "", cell.get("peer") or "not measured"]
                             + [""] * (len(PEER_COLUMNS) - 4))
            continue
        for c, side in cell["by_concurrency"].items():
            s, f, p = side["service"], side.get("floor") or {}, side.get("peer") or {}
            shipped, nodelay = p.get("shipped") or {}, p.get("nodelay") or {}
            table.append(head + [c, _ms(s["p50_ms"]), _ms(s["p99_ms"]), f"{s['rps']:.0f}",
                                 _ms(shipped.get("p50_ms")), _ms(shipped.get("p99_ms")), _rps(shipped),
                                 _ms(nodelay.get("p50_ms")), _ms(nodelay.get("p99_ms")), _rps(nodelay),
                                 _ms(f.get("p50_ms")), _rps(f), _x(side.get("ratio_p50_nodelay")),
                                 _x(side.get("ratio_rps_nodelay")), _x(side.get("ratio_p50_shipped"))])
    return table


def _rps(side: dict[str, Any]) -> str:
    return f"{side['rps']:.0f}" if side else "–"


def targets(result: dict[str, Any], high: str) -> list[dict[str, Any]]:
    """The issue's targets, per cell; `high` is the high concurrency's key. Beside the peer, the nodelay form."""
    verdicts = []
    for cell in result["cells"]:
        by_c = cell.get("by_concurrency") or {}
        name = f"{cell['workload']}/{cell['bucket']}"
        if "1" in by_c and by_c["1"].get("ratio_p50_nodelay") is not None:
            ratio = by_c["1"]["ratio_p50_nodelay"]
            verdicts.append({"target": "p50 at c=1 ≤ peer's", "cell": name, "value": round(ratio, 2),
                             "met": ratio <= 1.0})
        if high in by_c and by_c[high].get("ratio_rps_nodelay") is not None:
            ratio = by_c[high]["ratio_rps_nodelay"]
            verdicts.append({"target": f"req/s at c={high} ≥ {TARGET_PEER_RPS}× peer's", "cell": name,
                             "value": round(ratio, 2), "met": ratio >= TARGET_PEER_RPS})
        if cell["workload"] == "profile" and "1" in by_c and by_c["1"].get("ratio_p50") is not None:
            ratio = by_c["1"]["ratio_p50"]
            verdicts.append({"target": f"profile p50 ≤ {TARGET_PROFILE_FLOOR}× floor at c=1", "cell": cell["bucket"],
                             "value": round(ratio, 2), "met": ratio <= TARGET_PROFILE_FLOOR})
        if high in by_c:
            p99 = by_c[high]["service"]["p99_ms"]
            verdicts.append({"target": f"p99 ≤ {TARGET_P99_MS:.0f} ms at c={high}",
                             "cell": f"{cell['workload']}/{cell['bucket']}", "value": round(p99, 1),
                             "met": p99 <= TARGET_P99_MS})
    return verdicts


def _text_table(columns: tuple[str, ...], body: list[list[str]]) -> list[str]:
    """Aligned columns; a row without a concurrency (a note) is printed after the table, unaligned."""
    table = [list(columns)] + [row for row in body if row[2]]
    widths = [max(len(row[i]) for row in table) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.extend(f"{row[0]} ({row[1]}): {' '.join(c for c in row[3:] if c)}" for row in body if not row[2])
    return lines


def render_text(result: dict[str, Any]) -> str:
    lines = _text_table(COLUMNS, rows(result))
    beside = peer_rows(result)
    if beside:
        lines += ["", "beside the peer (@neo4j/graphql; peer⁺ = TCP_NODELAY on its Bolt sockets)"]
        lines += _text_table(PEER_COLUMNS, beside)
    missed = [t for t in result.get("targets", []) if not t["met"]]
    lines.append("")
    lines.append(f"targets: {len(result.get('targets', [])) - len(missed)} met, {len(missed)} missed")
    lines.extend(f"  MISSED {t['target']}: {t['cell']} = {t['value']}" for t in missed)
    return "\n".join(lines)


def _markdown_table(columns: tuple[str, ...], body: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out.extend("| " + " | ".join(row) + " |" for row in body)
    return out


def render_markdown(result: dict[str, Any]) -> str:
    """The service-vs-floor table, then (when the peer ran) the table beside the peer."""
    out = _markdown_table(COLUMNS, rows(result))
    beside = peer_rows(result)
    if beside:
        out += [""] + _markdown_table(PEER_COLUMNS, beside)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    path = Path(args[0]) if args else max(RESULTS.glob("*.json"), key=lambda p: p.stat().st_mtime)
    print(render_markdown(orjson.loads(path.read_bytes())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
