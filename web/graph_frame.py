"""The explorer's first frame, drawn on the server: the radial-by-hop layout, the fit, the label declutter and an
inline SVG of a graph slice, so a slow phone sees the labelled graph as soon as the HTML arrives.

The layout is the one graph-view.js uses (`radialLayout` there mirrors `radial_layout` here, tie-breaks included;
tests/test_browser_graph.py checks that both give the same positions). The page embeds the positions, and
explorer.js takes over with a preset layout from them and with the viewport the SVG shows, so nothing jumps.

Two frames are rendered, one per box width (a CSS container query on #graph shows one): a wide box fits the whole
slice, a narrow one (a phone) zooms in on the centre so every node is at least 24 px, as graph-view.js `fitView`
does. Labels are decluttered here the way graph-view.js `declutter` does it (centre first, then nearer hops and
heavier ties, four places around each node, none overlapping), on boxes estimated from the label's length.
Kind colours are not here: the SVG uses the kind classes whose colours style.css defines (`--kind-*`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

KIND_ORDER = ("RESEARCHER", "WORK", "TOPIC", "INSTITUTION")
KIND_LABELS = {"RESEARCHER": "Researcher", "WORK": "Work", "TOPIC": "Topic", "INSTITUTION": "Institution",
               "SOURCE": "Source"}
ENTITY_PATHS = {"RESEARCHER": "/researchers/", "WORK": "/works/", "TOPIC": "/topics/", "INSTITUTION": "/institutions/",
                "SOURCE": "/sources/"}
SPACING = 62.0  # model units between neighbours on a ring (graph-view.js SPACING)
RING_GAP = 150.0
LAYOUT_ASPECT = 1.6  # the layout's width / height: the explorer's desktop box; a phone shows the centre's part
LABEL_PX = 12
MAX_LABEL = 24  # characters before an ellipsis (explorer.js maxLabel)
# Nominal boxes of #graph (CSS px): the fit is computed for these; the SVG scales to the real box.
WIDE_BOX = (820.0, 510.0)
NARROW_BOX = (320.0, 506.0)
NARROW_BELOW = 600  # graph-view.js markLateral / fitView: a box narrower than this is a phone
CHAR_EM = (0.6, 0.64)  # estimated advance per character, in em, regular and bold (generous: no overlap)


def node_size(weight: Any, is_center: bool) -> float:
    """graph-view.js nodeSize."""
    if is_center:
        return 48.0
    return min(42.0, 24 + 5 * math.log2(1 + max(0.0, float(weight or 0))))


def short_label(label: str, limit: int = MAX_LABEL) -> str:
    """graph-view.js shortLabel."""
    return label[:limit - 1].rstrip() + "…" if len(label) > limit else label


def _hop(node: dict[str, Any], center: str) -> int:
    if node["id"] == center:
        return 0
    hop = node.get("hop")
    return 9 if hop is None else int(hop)


def _weight(node: dict[str, Any]) -> float:
    weight = node.get("weight")
    return 1.0 if weight is None else float(weight)


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else -1


def radial_layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], center: str,
                  aspect: float = LAYOUT_ASPECT) -> dict[str, tuple[float, float]]:
    """Rings by hop: each node at the angle of its strongest neighbour one hop nearer; a crowded hop over up to three
    staggered sub-rings; rings stretched into ellipses by `aspect`. Deterministic (ids break every tie)."""
    sx = min(1.8, max(1.0, aspect))
    sy = min(1.8, max(1.0, 1 / aspect))
    ids = {node["id"] for node in nodes}
    by_id = {node["id"]: node for node in nodes}
    neighbours: dict[str, list[str]] = {node_id: [] for node_id in ids}
    for edge in edges:
        a, b = edge["source"], edge["target"]
        if a in ids and b in ids and a != b:
            neighbours[a].append(b)
            neighbours[b].append(a)
    by_hop: dict[int, list[dict[str, Any]]] = {}
    for node in nodes:
        by_hop.setdefault(_hop(node, center), []).append(node)
    angle: dict[str, float] = {center: -math.pi / 2}
    positions: dict[str, tuple[float, float]] = {center: (0.0, 0.0)}
    radius = 0.0
    for hop in sorted(h for h in by_hop if h > 0):
        ring = by_hop[hop]

        def parent_angle(node: dict[str, Any]) -> float:
            placed = [by_id[n] for n in neighbours[node["id"]] if n in angle]
            if not placed:
                return 0.0
            best = placed[0]
            for other in placed:
                w, bw = _weight(other), _weight(best)
                if w > bw or (w == bw and other["id"] < best["id"]):
                    best = other
            return angle[best["id"]]

        keyed = [(0.0 if hop == 1 else parent_angle(node), node) for node in ring]
        keyed.sort(key=lambda item: (item[0], _kind_rank(item[1]["kind"]), -_weight(item[1]), item[1]["id"]))
        min_radius = radius + (140.0 if hop == 1 else RING_GAP)
        sub = 1
        while sub < 3 and (len(keyed) * SPACING) / (2 * math.pi * min_radius) > sub:
            sub += 1
        ring_radius = max(min_radius, (len(keyed) * SPACING) / (2 * math.pi * sub))
        step = (2 * math.pi) / max(1, len(keyed))
        start = -math.pi / 2 if hop == 1 else (keyed[0][0] if keyed else 0.0)
        for index, (_, node) in enumerate(keyed):
            a = start + index * step
            r = ring_radius + (index % sub) * 75
            angle[node["id"]] = a
            positions[node["id"]] = (sx * r * math.cos(a), sy * r * math.sin(a))
        radius = ring_radius + (sub - 1) * 75
    for node in nodes:
        positions.setdefault(node["id"], (0.0, 0.0))
    return positions


@dataclass
class Frame:
    """One rendering of the slice for a box: the model rectangle shown (x, y, w, h) and the labels kept."""

    name: str
    view: tuple[float, float, float, float]
    zoom: float
    narrow: bool
    labels: dict[str, tuple[str, tuple[float, float, float, float]]] = field(default_factory=dict)


@dataclass
class Drawing:
    center: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    positions: dict[str, tuple[float, float]]
    sizes: dict[str, float]


def fit(drawing: Drawing, box: tuple[float, float], *, padding: float = 16, max_zoom: float = 1.4,
        min_px: float = 24, label_room: float = 64) -> tuple[float, tuple[float, float], bool]:
    """graph-view.js fitView for a box: the zoom, the model point at the box's centre, and whether the phone rule
    (zoom in on the centre so every node is at least `min_px`) applied."""
    width, height = box
    xs1 = [x - drawing.sizes[i] / 2 for i, (x, _) in drawing.positions.items()]
    xs2 = [x + drawing.sizes[i] / 2 for i, (x, _) in drawing.positions.items()]
    ys1 = [y - drawing.sizes[i] / 2 for i, (_, y) in drawing.positions.items()]
    ys2 = [y + drawing.sizes[i] / 2 for i, (_, y) in drawing.positions.items()]
    x1, x2, y1, y2 = min(xs1), max(xs2), min(ys1), max(ys2)
    zoom = min((width - 2 * (padding + label_room)) / max(1.0, x2 - x1),
               (height - 2 * padding - LABEL_PX * 2) / max(1.0, y2 - y1))
    zoom = max(0.15, min(max_zoom, zoom))
    focus = ((x1 + x2) / 2, (y1 + y2) / 2)
    zoomed_in = False
    if width < NARROW_BELOW:
        smallest = min(drawing.sizes.values())
        if smallest * zoom < min_px:
            zoom = min_px / smallest + 0.01
            focus = drawing.positions[drawing.center]
            zoomed_in = True
    return zoom, focus, zoomed_in


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _priority(node: dict[str, Any], center: str, degree: dict[str, int]) -> tuple[float, str]:
    if node["id"] == center:
        return (-1e9, node["id"])
    return (_hop(node, center) * 1e6 - _weight(node) * 1000 - degree.get(node["id"], 0), node["id"])


def declutter(drawing: Drawing, frame: Frame, degree: dict[str, int]) -> None:
    """graph-view.js declutter in model units: labels in priority order, each at the first of four places around its
    node that overlaps no shown label, covers no labelled node and lies inside the frame; else hidden."""
    z = frame.zoom
    vx, vy, vw, vh = frame.view
    shown: list[tuple[float, float, float, float]] = []
    bodies: list[tuple[str, tuple[float, float, float, float]]] = []
    for node in sorted(drawing.nodes, key=lambda n: _priority(n, drawing.center, degree)):
        node_id = node["id"]
        x, y = drawing.positions[node_id]
        half = drawing.sizes[node_id] / 2
        if not (vx <= x <= vx + vw and vy <= y <= vy + vh):
            continue
        bold = node_id == drawing.center
        font = (LABEL_PX + (1 if bold else 0)) / z
        text = short_label(node["label"])
        w = len(text) * font * CHAR_EM[1 if bold else 0] + 4 / z
        h = font * 1.3 + 4 / z
        gap = 3 / z
        places = {
            "bottom": (x - w / 2, y + half + gap, x + w / 2, y + half + gap + h),
            "top": (x - w / 2, y - half - gap - h, x + w / 2, y - half - gap),
            "right": (x + half + gap, y - h / 2, x + half + gap + w, y + h / 2),
            "left": (x - half - gap - w, y - h / 2, x - half - gap, y + h / 2),
        }
        chosen = None
        for place, box in places.items():
            pad = (box[0] - 2 / z, box[1] - 1 / z, box[2] + 2 / z, box[3] + 1 / z)
            in_view = pad[0] >= vx and pad[2] <= vx + vw and pad[1] >= vy and pad[3] <= vy + vh
            if in_view and not any(_overlaps(pad, other) for other in shown) \
                    and not any(other != node_id and _overlaps(pad, body) for other, body in bodies):
                chosen = (place, box, pad)
                break
        if chosen is None and not shown:
            chosen = ("bottom", places["bottom"], places["bottom"])
        if chosen is None:
            continue
        shown.append(chosen[2])
        bodies.append((node_id, (x - half, y - half, x + half, y + half)))
        frame.labels[node_id] = (chosen[0], chosen[1])


def _lateral(edge: dict[str, Any], center: str, hops: dict[str, int], narrow: bool) -> bool:
    """graph-view.js markLateral: ties the first view leaves out (same hop, or on a phone all but the centre's)."""
    a, b = edge["source"], edge["target"]
    return a != center and b != center and (narrow or hops[a] == hops[b])


def build(slice_: dict[str, Any]) -> tuple[Drawing, list[Frame]]:
    center = slice_["center"]
    nodes = slice_["nodes"]
    ids = {node["id"] for node in nodes}
    edges = [edge for edge in slice_["edges"] if edge["source"] in ids and edge["target"] in ids]
    positions = radial_layout(nodes, edges, center)
    sizes = {node["id"]: node_size(node.get("weight"), node["id"] == center) for node in nodes}
    drawing = Drawing(center, nodes, edges, positions, sizes)
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            degree[end] = degree.get(end, 0) + 1
    frames = []
    for name, box in (("wide", WIDE_BOX), ("narrow", NARROW_BOX)):
        zoom, (fx, fy), _ = fit(drawing, box)
        width, height = box
        # fitView centres the focus at (width / 2, (height + LABEL_PX) / 2) on screen.
        view = (fx - width / 2 / zoom, fy - (height + LABEL_PX) / 2 / zoom, width / zoom, height / zoom)
        frame = Frame(name, view, zoom, box[0] < NARROW_BELOW)
        declutter(drawing, frame, degree)
        frames.append(frame)
    return drawing, frames


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def _shape(kind: str, x: float, y: float, size: float) -> str:
    r = size / 2
    if kind == "RESEARCHER":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
    if kind == "WORK":
        return (f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(size)}" height="{_n(size)}" '
                f'rx="{_n(size * 0.2)}"/>')
    if kind == "TOPIC":
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif kind == "INSTITUTION":
        points = [(x - r, y), (x - r / 2, y - r), (x + r / 2, y - r), (x + r, y), (x + r / 2, y + r), (x - r / 2, y + r)]
    else:
        points = [(x - r, y - r), (x + r / 2, y - r), (x + r, y), (x + r / 2, y + r), (x - r, y + r)]
    return f'<polygon points="{" ".join(f"{_n(px)},{_n(py)}" for px, py in points)}"/>'


def _label(text: str, place: str, box: tuple[float, float, float, float], font: float, bold: bool) -> str:
    x1, y1, x2, y2 = box
    pad = (x2 - x1 - len(text) * font * CHAR_EM[1 if bold else 0]) / 2
    if place == "right":
        x, anchor = x1 + pad, "start"
    elif place == "left":
        x, anchor = x2 - pad, "end"
    else:
        x, anchor = (x1 + x2) / 2, "middle"
    style = f' font-size="{_n(font)}"' + (' font-weight="700"' if bold else "")
    return (f'<text x="{_n(x)}" y="{_n((y1 + y2) / 2)}" text-anchor="{anchor}"{style}>{escape(text)}</text>')


def _svg(drawing: Drawing, frame: Frame, title: str, desc: str) -> str:
    z = frame.zoom
    vx, vy, vw, vh = frame.view
    hops = {node["id"]: _hop(node, drawing.center) for node in drawing.nodes}
    # A narrow frame draws only what a phone can show around the centre (the box may be a little larger).
    margin = 200 / z
    visible = {node_id for node_id, (x, y) in drawing.positions.items()
               if vx - margin <= x <= vx + vw + margin and vy - margin <= y <= vy + vh + margin}
    lines = []
    for edge in drawing.edges:
        a, b = edge["source"], edge["target"]
        if (a in visible or b in visible) and not _lateral(edge, drawing.center, hops, frame.narrow):
            (ax, ay), (bx, by) = drawing.positions[a], drawing.positions[b]
            lines.append(f"M{_n(ax)} {_n(ay)}L{_n(bx)} {_n(by)}")
    by_kind: dict[str, list[str]] = {}
    for node in drawing.nodes:
        if node["id"] in visible and node["id"] != drawing.center:
            x, y = drawing.positions[node["id"]]
            by_kind.setdefault(node["kind"], []).append(_shape(node["kind"], x, y, drawing.sizes[node["id"]]))
    centre = next(node for node in drawing.nodes if node["id"] == drawing.center)
    cx, cy = drawing.positions[drawing.center]
    labels = []
    for node in drawing.nodes:
        if node["id"] in frame.labels:
            place, box = frame.labels[node["id"]]
            bold = node["id"] == drawing.center
            labels.append(_label(short_label(node["label"]), place, box, (LABEL_PX + (1 if bold else 0)) / z, bold))
    aspect = "xMidYMid slice" if frame.narrow else "xMidYMid meet"
    parts = [
        f'<svg class="first-frame frame-{frame.name}" data-frame="{frame.name}" data-zoom="{z:.6f}" '
        f'viewBox="{_n(vx)} {_n(vy)} {_n(vw)} {_n(vh)}" preserveAspectRatio="{aspect}" role="img" '
        f'aria-labelledby="frame-{frame.name}-title frame-{frame.name}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="frame-{frame.name}-title">{escape(title)}</title>',
        f'<desc id="frame-{frame.name}-desc">{escape(desc)}</desc>',
        f'<path class="ff-edges" stroke-width="{_n(1.5)}" d="{"".join(lines)}"/>',
    ]
    for kind in (*KIND_ORDER, "SOURCE"):
        if by_kind.get(kind):
            parts.append(f'<g class="ff-nodes kind-{kind.lower()}">{"".join(by_kind[kind])}</g>')
    parts.append(f'<g class="ff-nodes ff-center kind-{centre["kind"].lower()}">'
                 f'{_shape(centre["kind"], cx, cy, drawing.sizes[drawing.center])}</g>')
    parts.append(f'<g class="ff-labels" stroke-width="{_n(3 / z)}">{"".join(labels)}</g></svg>')
    return "".join(parts)


def render(slice_: dict[str, Any], depth: int) -> dict[str, Any]:
    """The first frame of a slice: the SVG frames (Markup), the positions for the take-over, and the label counts."""
    drawing, frames = build(slice_)
    centre = next((node for node in drawing.nodes if node["id"] == drawing.center), None)
    name = centre["label"] if centre else drawing.center
    links = "1 link" if depth == 1 else f"{depth} links"
    title = f"Research graph: {len(drawing.nodes)} nodes within {links} of {name}"
    counts = _kind_counts(drawing.nodes)
    desc = (f"{name} at the centre; {counts}. Kinds differ by shape and colour: researchers are circles, works "
            "rounded squares, topics diamonds, institutions hexagons. Every node is listed below as text.")
    svg = "".join(_svg(drawing, frame, title, desc) for frame in frames)
    return {
        "title": title,
        "status": _status(slice_, name, len(drawing.nodes), depth),
        "centre": {"name": name, "kind": KIND_LABELS.get(centre["kind"], "Source") if centre else "entity",
                   "href": ENTITY_PATHS.get(centre["kind"], "") + drawing.center if centre else None,
                   "open": "Open profile" if centre and centre["kind"] == "RESEARCHER" else "Open page"},
        "items": _items(drawing),
        "svg": Markup(svg),
        "positions": {node_id: [round(x, 3), round(y, 3)] for node_id, (x, y) in drawing.positions.items()},
        "labelled": {frame.name: len(frame.labels) for frame in frames},
    }


def _kind_counts(nodes: Iterable[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node["kind"]] = counts.get(node["kind"], 0) + 1
    parts = []
    for kind in (*KIND_ORDER, "SOURCE"):
        if counts.get(kind):
            label = KIND_LABELS[kind].lower()
            parts.append(f"{counts[kind]} {label}{'' if counts[kind] == 1 else 's'}")
    return ", ".join(parts)


def _items(drawing: Drawing) -> list[dict[str, str]]:
    """The node list as explorer.js renders it (centre first, then by hop, kind and name), for a page without JS."""
    def key(node: dict[str, Any]) -> tuple[int, int, int, str]:
        return (0 if node["id"] == drawing.center else 1, _hop(node, drawing.center), _kind_rank(node["kind"]),
                node["label"].lower())

    items = []
    for node in sorted(drawing.nodes, key=key):
        hop = _hop(node, drawing.center)
        where = "the centre" if hop == 0 else ("added" if hop > 3 else f"{hop} link{'' if hop == 1 else 's'} from the centre")
        items.append({"id": node["id"], "label": node["label"], "href": ENTITY_PATHS.get(node["kind"], "") + node["id"],
                      "meta": f"{KIND_LABELS.get(node['kind'], 'Source')}, {where}"})
    return items


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _status(slice_: dict[str, Any], name: str, count: int, depth: int) -> str:
    """explorer.js renderStatus, so the line under the heading does not change when the script takes over."""
    omitted = [item for item in slice_.get("omitted") or [] if item["count"] > 0]
    total = sum(item["count"] for item in omitted)
    more = ""
    if total:
        parts = [_plural(item["count"], KIND_LABELS.get(item["kind"], "Source").lower(),
                         KIND_LABELS.get(item["kind"], "Source").lower() + "s") for item in omitted]
        more = f" and {total} more ({', '.join(parts)})"
    return f"Showing {_plural(count, 'node', 'nodes')} within {_plural(depth, 'link', 'links')} of {name}{more}."
