"""The explorer's time-to-graph on a slow phone: Chromium's Fast 3G (562.5 ms latency, 180 KB/s down, 84 KB/s up)
with 4× CPU slowdown, through the DevTools protocol (Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate).

For /explore centred on the demo graph's best-connected researcher at depth 2, two times from navigation start:
* time-to-graph: the `graph-drawn` performance mark, set by an inline script in the requestAnimationFrame callback of
  the frame that first paints the server-drawn SVG of the slice (labelled; web/graph_frame.py);
* time-to-interactive: the `graph-interactive` mark explorer.js sets when cytoscape has painted the same slice
  (preset positions) and the SVG is gone: hover, details, expand and paths work from then on.
Also the first contentful paint. Each cold run uses a fresh browser context (empty cache); each warm run reloads in
the same context (versioned files come from the cache). Also reports the bytes on the wire. A benchmark, not a
test: nothing here asserts a time.

    .venv/bin/scholargraph db start --instance bench-explorer --port 7771
    NEO4J_LOCAL_PORT=7771 .venv/bin/python -m bench.explorer_bench --instance bench-explorer [--runs 5]

The instance is seeded with the demo data when empty. Results go to bench/results/explorer-*.json.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import socket
import statistics
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn

from bench import graphdb
from scholargraph.seed.load import is_empty, load
from scholargraph.server import create_app
from scholargraph.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Chrome DevTools' "Fast 3G" preset (front_end/core/sdk/NetworkManager.ts): 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up.
FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
           "uploadThroughput": 750 * 1024 / 8 * 0.9}
CPU_SLOWDOWN = 4
PHONE = {"width": 390, "height": 844}


async def prepare(settings: Settings) -> dict[str, Any]:
    async with graphdb.connect_async(settings) as graph:
        if await is_empty(graph):
            await load(graph)
        row = await graph.read_one("explorer_bench_centre")
    assert row, "no researcher in the graph"
    return row


def serve(settings: Settings) -> tuple[str, uvicorn.Server, threading.Thread]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server, thread


MEASURE = """() => {
  const mark = performance.getEntriesByName('graph-drawn')[0];
  const live = performance.getEntriesByName('graph-interactive')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {ms: mark ? mark.startTime : null, interactive_ms: live ? live.startTime : null,
          fcp_ms: fcp ? fcp.startTime : null, html_ms: nav ? nav.responseEnd : null,
          server_ms: nav ? nav.responseStart - nav.requestStart : null, nodes: window.cy ? window.cy.nodes().length : 0,
          transferred: (nav ? nav.transferSize : 0) + resources.reduce((sum, r) => sum + (r.transferSize || 0), 0),
          decoded: (nav ? nav.decodedBodySize : 0) + resources.reduce((sum, r) => sum + (r.decodedBodySize || 0), 0),
          requests: resources.length + 1};
}"""


def run_browser(url: str, runs: int, throttle: bool) -> dict[str, list[dict[str, Any]]]:
    from playwright.sync_api import sync_playwright

    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(runs):
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            if throttle:
                cdp.send("Network.emulateNetworkConditions", FAST_3G)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            for bucket in (cold, warm):
                if bucket is cold:
                    page.goto(url, wait_until="commit", timeout=120_000)
                else:
                    page.reload(wait_until="commit", timeout=120_000)
                page.wait_for_selector('#explorer[data-state="ready"]', timeout=120_000)
                page.wait_for_function("performance.getEntriesByName('graph-interactive').length > 0", timeout=120_000)
                bucket.append(page.evaluate(MEASURE))
            context.close()
        browser.close()
    return {"cold": cold, "warm": warm}


def summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
    times = [sample["ms"] for sample in samples if sample["ms"] is not None]
    live = [sample["interactive_ms"] for sample in samples if sample["interactive_ms"] is not None]
    fcp = [sample["fcp_ms"] for sample in samples if sample["fcp_ms"] is not None]
    html = [sample["html_ms"] for sample in samples if sample["html_ms"] is not None]
    server = [sample["server_ms"] for sample in samples if sample["server_ms"] is not None]
    return {"median_ms": round(statistics.median(times)), "min_ms": round(min(times)), "max_ms": round(max(times)),
            "interactive_median_ms": round(statistics.median(live)), "interactive_runs_ms": [round(t) for t in live],
            "fcp_median_ms": round(statistics.median(fcp)) if fcp else None,
            "html_received_ms": round(statistics.median(html)), "server_wait_ms": round(statistics.median(server)),
            "transferred_bytes": samples[0]["transferred"], "decoded_bytes": samples[0]["decoded"],
            "requests": samples[0]["requests"], "nodes": samples[0]["nodes"], "runs_ms": [round(t) for t in times]}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.explorer_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--instance", default="bench-explorer", help="local instance when NEO4J_URI is unset")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--no-throttle", dest="throttle", action="store_false", help="measure unthrottled as well")
    args = parser.parse_args()
    settings = Settings.from_environ(instance=args.instance)
    centre = asyncio.run(prepare(settings))
    base, server, thread = serve(settings)
    url = f"{base}/explore?center={centre['id']}&depth={args.depth}"
    for _ in range(3):  # warm the server and Neo4j (plans, page cache) before measuring the page
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
    try:
        results = {"throttled": run_browser(url, args.runs, True)}
        if not args.throttle:
            results["unthrottled"] = run_browser(url, args.runs, False)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    report = {"when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"), "centre": centre,
              "load_average": os.getloadavg(), "cpus": os.cpu_count(),
              "depth": args.depth, "network": "Fast 3G", "cpu_slowdown": CPU_SLOWDOWN,
              **{f"{mode}_{kind}": summary(samples) for mode, data in results.items() for kind, samples in data.items()}}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"explorer-{report['when'].replace(':', '')}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"explorer, {centre['name']} ({centre['id']}) at depth {args.depth}, 390×844, Fast 3G + {CPU_SLOWDOWN}× CPU: "
          "time-to-graph (the server-drawn SVG painted; target ≤ 1500 ms) and time-to-interactive (cytoscape took over)")
    for key, value in report.items():
        if isinstance(value, dict) and "median_ms" in value:
            print(f"  {key:<20} time-to-graph median {value['median_ms']:>5} ms (min {value['min_ms']}, max {value['max_ms']}); "
                  f"time-to-interactive median {value['interactive_median_ms']:>5} ms; first contentful paint "
                  f"{value['fcp_median_ms']} ms")
            print(f"  {'':<20} ("
                  f"{value['transferred_bytes'] / 1024:.0f} KB on the wire, {value['decoded_bytes'] / 1024:.0f} KB decoded, "
                  f"{value['requests']} requests, {value['nodes']} nodes; page received at {value['html_received_ms']} ms, "
                  f"server wait {value['server_wait_ms']} ms)")
    print(f"load average {report['load_average'][0]:.1f} on {report['cpus']} CPUs; written to {out}")


if __name__ == "__main__":
    main()
