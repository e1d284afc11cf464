// The drawing shared by the explorer and the profile's research graph: cytoscape with kinds told apart by shape
// and colour, a radial layout by hop, labels kept at a constant on-screen size and decluttered (no two visible
// label boxes overlap; the centre and the strongest nodes win), and in-place placement for nodes added later.
// Data reaches the drawing only as cytoscape labels (never HTML).
import cytoscape from "/vendor/cytoscape/dist/cytoscape.esm.min.mjs";

// Kinds differ by shape and by colour; the colours live in style.css (--kind-researcher, …), the one place the
// legend, the server's first frame and this drawing read them from (each at least 4.5:1 on white).
export const KINDS = {
  RESEARCHER: { label: "Researcher", plural: "researchers", shape: "ellipse", path: "/researchers/" },
  WORK: { label: "Work", plural: "works", shape: "round-rectangle", path: "/works/" },
  TOPIC: { label: "Topic", plural: "topics", shape: "diamond", path: "/topics/" },
  INSTITUTION: { label: "Institution", plural: "institutions", shape: "hexagon", path: "/institutions/" },
  SOURCE: { label: "Source", plural: "sources", shape: "tag", path: "/sources/" },
};
const colours = new Map();
export function kindColour(kind) {
  if (!colours.has(kind)) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(`--kind-${kind.toLowerCase()}`).trim();
    colours.set(kind, value || "#5b6270");
  }
  return colours.get(kind);
}
export const KIND_ORDER = ["RESEARCHER", "WORK", "TOPIC", "INSTITUTION"];
export const LABEL_PX = 12; // on-screen label size, whatever the zoom
const EDGE_COLOUR = "#6b7383"; // 4.6:1 on white
const PATH_COLOUR = "#b0125b";
const SUGGEST_COLOUR = "#0f6b5c";

export function entityHref(kind, id) {
  const path = (KINDS[kind] || KINDS.SOURCE).path;
  return path ? `${path}${encodeURIComponent(id)}` : null;
}

export function shortLabel(label, max = 32) {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

function nodeSize(weight, isCenter) {
  if (isCenter) return 48;
  return Math.min(42, 24 + 5 * Math.log2(1 + Math.max(0, weight || 0)));
}

export function nodeElement(node, center, { classes = "", maxLabel = 32 } = {}) {
  const kind = KINDS[node.kind] ? node.kind : "SOURCE";
  return {
    group: "nodes",
    data: {
      id: node.id, kind, label: node.label, short: shortLabel(node.label, maxLabel), hop: node.hop ?? 9,
      weight: node.weight ?? 1, colour: kindColour(kind), shape: KINDS[kind].shape,
      size: nodeSize(node.weight, node.id === center),
    },
    classes: [node.id === center ? "center" : "", classes].join(" ").trim(),
  };
}

export function edgeId(edge) {
  return `${edge.source}|${edge.type}|${edge.target}`;
}

// Ties between two nodes of the same hop (co-authors of the centre among themselves, say) make the hairball; the
// explorer hides them until a node is pointed at or selected, or the reader asks for them (markLateral).
// On a narrow screen only the centre's own ties are drawn at first: the rest would cross the small view as stripes.
export function markLateral(cy) {
  const narrow = cy.width() < 600;
  cy.batch(() => {
    cy.edges().forEach((edge) => {
      const a = edge.source();
      const b = edge.target();
      const lateral = !a.hasClass("center") && !b.hasClass("center") && (narrow || a.data("hop") === b.data("hop"));
      edge.toggleClass("lateral", lateral);
    });
  });
}

export function edgeElements(cy, edges, classes = "") {
  const seen = new Set();
  const elements = [];
  for (const edge of edges) {
    const id = edgeId(edge);
    if (seen.has(id) || cy.getElementById(id).nonempty()) continue;
    if (cy.getElementById(edge.source).empty() || cy.getElementById(edge.target).empty()) continue;
    seen.add(id);
    elements.push({ group: "edges", data: { id, source: edge.source, target: edge.target, type: edge.type }, classes });
  }
  return elements;
}

// --- The cytoscape instance -------------------------------------------------------------------------------

export function createGraph(container, { interactive = true } = {}) {
  const px = (value) => () => value / (cy ? cy.zoom() : 1);
  let cy = null;
  cy = cytoscape({
    container,
    minZoom: 0.15,
    maxZoom: 3,
    userZoomingEnabled: interactive,
    userPanningEnabled: interactive,
    boxSelectionEnabled: false,
    autoungrabify: true,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", shape: "data(shape)", width: "data(size)", height: "data(size)",
        "border-width": 2, "border-color": "#ffffff",
        label: "data(short)", color: "#1d2330", "font-size": px(LABEL_PX), "font-family": "system-ui, sans-serif",
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": px(3),
        "text-wrap": "ellipsis", "text-max-width": px(190),
        "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": px(2),
        "text-background-shape": "round-rectangle", "min-zoomed-font-size": 0 } },
      { selector: "node.center", style: { "border-width": 4, "border-color": "#13294b", "font-weight": "bold",
        "font-size": px(LABEL_PX + 1) } },
      { selector: "node.lp-top", style: { "text-valign": "top", "text-margin-y": px(-3) } },
      { selector: "node.lp-right", style: { "text-valign": "center", "text-halign": "right", "text-margin-y": 0, "text-margin-x": px(3) } },
      { selector: "node.lp-left", style: { "text-valign": "center", "text-halign": "left", "text-margin-y": 0, "text-margin-x": px(-3) } },
      { selector: "node.label-off", style: { "text-opacity": 0, "text-background-opacity": 0 } },
      { selector: "node.hovered, node:selected", style: { "border-width": 4, "border-color": "#13294b", "z-index": 20 } },
      { selector: "node.picked", style: { "border-width": 4, "border-color": PATH_COLOUR } },
      { selector: "node.suggested", style: { "border-width": 3, "border-style": "dashed", "border-color": SUGGEST_COLOUR } },
      { selector: "edge", style: { width: 1.5, "line-color": EDGE_COLOUR, "curve-style": "straight", opacity: 1 } },
      { selector: "edge.lateral", style: { display: "none" } },
      { selector: "edge.lateral.near, edge.lateral.shown, edge.lateral.path, edge.lateral.suggested", style: { display: "element" } },
      { selector: "edge.suggested", style: { "line-style": "dashed", "line-color": SUGGEST_COLOUR, width: 2 } },
      { selector: "node.path", style: { "border-width": 4, "border-color": PATH_COLOUR, "z-index": 30 } },
      { selector: "edge.path", style: { width: 4, "line-color": PATH_COLOUR, "z-index": 30, "curve-style": "bezier" } },
      { selector: ".faded", style: { opacity: 0.12, "text-opacity": 0 } },
    ],
  });
  return cy;
}

// --- Layout: rings by hop, each node near the node of the previous hop that brought it in ----------------
// The explorer's first slice is laid out on the server (web/graph_frame.py radial_layout, the same algorithm and
// tie-breaks; tests/test_browser_graph.py checks both agree); this copy lays out slices fetched later.

// The explorer's layout proportions, the server's (graph_frame.py LAYOUT_ASPECT): the same slice always looks the
// same, whether it came inside the page or was fetched after a re-centre, Back or Forward.
export const LAYOUT_ASPECT = 1.6;
const SPACING = 62; // model units between neighbours on a ring
const RING_GAP = 150;

// `aspect` (width / height of the drawing) stretches the rings into ellipses that use a wide or tall box.
export function radialLayout(cy, centerId, { aspect = 1 } = {}) {
  const sx = Math.min(1.8, Math.max(1, aspect));
  const sy = Math.min(1.8, Math.max(1, 1 / aspect));
  const nodes = cy.nodes();
  const byHop = new Map();
  for (const node of nodes) {
    const hop = node.id() === centerId ? 0 : node.data("hop");
    if (!byHop.has(hop)) byHop.set(hop, []);
    byHop.get(hop).push(node);
  }
  const angle = new Map([[centerId, -Math.PI / 2]]);
  const positions = new Map([[centerId, { x: 0, y: 0 }]]);
  let radius = 0;
  const hops = [...byHop.keys()].filter((hop) => hop > 0).sort((a, b) => a - b);
  const kindRank = (node) => KIND_ORDER.indexOf(node.data("kind"));
  for (const hop of hops) {
    const ring = byHop.get(hop);
    // Each node's parent: its strongest placed neighbour one hop nearer (the tie that brought it in).
    const parentAngle = (node) => {
      const placed = node.neighborhood("node").filter((n) => angle.has(n.id()));
      if (placed.empty()) return 0;
      let best = placed[0];
      for (const n of placed) {
        const w = n.data("weight") ?? 1;
        const bw = best.data("weight") ?? 1;
        if (w > bw || (w === bw && n.id() < best.id())) best = n;
      }
      return angle.get(best.id());
    };
    const keyed = ring.map((node) => ({ node, parent: hop === 1 ? 0 : parentAngle(node) }));
    keyed.sort((a, b) => a.parent - b.parent || kindRank(a.node) - kindRank(b.node)
      || b.node.data("weight") - a.node.data("weight") || (a.node.id() < b.node.id() ? -1 : a.node.id() > b.node.id() ? 1 : 0));
    const minRadius = radius + (hop === 1 ? 140 : RING_GAP);
    // Up to three staggered sub-rings keep a crowded hop compact instead of one huge circle.
    let sub = 1;
    while (sub < 3 && (keyed.length * SPACING) / (2 * Math.PI * minRadius) > sub) sub += 1;
    const ringRadius = Math.max(minRadius, (keyed.length * SPACING) / (2 * Math.PI * sub));
    const step = (2 * Math.PI) / Math.max(1, keyed.length);
    const start = hop === 1 ? -Math.PI / 2 : (keyed.length ? keyed[0].parent : 0);
    keyed.forEach(({ node }, index) => {
      const a = start + index * step;
      const r = ringRadius + (index % sub) * 75;
      angle.set(node.id(), a);
      positions.set(node.id(), { x: sx * r * Math.cos(a), y: sy * r * Math.sin(a) });
    });
    radius = ringRadius + (sub - 1) * 75;
  }
  cy.batch(() => {
    for (const node of nodes) node.position(positions.get(node.id()) ?? { x: 0, y: 0 });
  });
}

// --- New nodes next to the node they came from, without moving anything already placed ------------------

export function placeAround(cy, anchorId, added, centerId) {
  const anchor = cy.getElementById(anchorId);
  const p = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
  const c = cy.getElementById(centerId).nonempty() ? cy.getElementById(centerId).position() : { x: 0, y: 0 };
  let direction = Math.atan2(p.y - c.y, p.x - c.x);
  if (Math.hypot(p.x - c.x, p.y - c.y) < 1) direction = emptiestDirection(cy, p);
  const others = cy.nodes().not(cy.collection(added)).map((node) => ({ ...node.position() }));
  const n = added.length;
  const spread = Math.min(Math.PI * 1.6, Math.max(0.5, n * 0.32));
  added.forEach((node, index) => {
    const a = direction + (n === 1 ? 0 : -spread / 2 + (spread * index) / (n - 1));
    let r = 120 + 4 * n;
    let pos = { x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) };
    for (let tries = 0; tries < 12 && others.some((o) => Math.hypot(o.x - pos.x, o.y - pos.y) < 48); tries += 1) {
      r += 45;
      pos = { x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) };
    }
    node.position(pos);
    others.push(pos);
  });
}

function emptiestDirection(cy, p) {
  const bins = new Array(12).fill(0);
  for (const node of cy.nodes()) {
    const q = node.position();
    if (Math.hypot(q.x - p.x, q.y - p.y) < 1) continue;
    const a = Math.atan2(q.y - p.y, q.x - p.x);
    bins[Math.floor(((a + Math.PI) / (2 * Math.PI)) * 12) % 12] += 1;
  }
  const best = bins.indexOf(Math.min(...bins));
  return ((best + 0.5) / 12) * 2 * Math.PI - Math.PI;
}

// --- Labels: constant size on screen, greedy by priority, no two visible boxes overlapping ---------------

function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

function priority(node) {
  if (node.hasClass("center")) return -1e9;
  if (node.hasClass("path") || node.hasClass("picked") || node.selected() || node.hasClass("hovered")) return -1e8;
  return (node.data("hop") ?? 9) * 1e6 - (node.data("weight") ?? 0) * 1000 - (node.degree() || 0);
}

// Where a label may sit, in order of preference: below the node (the default), above, right, left. Boxes for the
// alternatives are derived from the measured bottom box, so trying them costs no style recalculation.
const PLACES = ["bottom", "top", "right", "left"];

function candidate(place, bottom, node) {
  if (place === "bottom") return bottom;
  const p = node.renderedPosition();
  const half = node.renderedHeight() / 2;
  const halfW = node.renderedWidth() / 2;
  const w = bottom.x2 - bottom.x1;
  const h = bottom.y2 - bottom.y1;
  const gap = bottom.y1 - (p.y + half);
  if (place === "top") return { x1: bottom.x1, x2: bottom.x2, y1: p.y - half - gap - h, y2: p.y - half - gap };
  if (place === "right") return { x1: p.x + halfW + gap, x2: p.x + halfW + gap + w, y1: p.y - h / 2, y2: p.y + h / 2 };
  return { x1: p.x - halfW - gap - w, x2: p.x - halfW - gap, y1: p.y - h / 2, y2: p.y + h / 2 };
}

// Show as many labels as fit: strongest first, each at the first free place around its node; a label is hidden when
// every place would overlap a shown label, cover a labelled node, or fall outside the view. `all` keeps every label
// (the small profile graph), still choosing the least crowded place.
export function declutter(cy, { all = false } = {}) {
  const width = cy.width();
  const height = cy.height();
  const nodes = cy.nodes().filter((node) => !node.hasClass("faded")).sort((a, b) => priority(a) - priority(b));
  cy.batch(() => cy.nodes().removeClass("label-off lp-top lp-right lp-left"));
  const bodies = new Map(cy.nodes().map((node) => [node.id(), node.renderedBoundingBox({ includeLabels: false })]));
  const shown = [];
  const keep = all ? [...bodies.entries()] : [];
  const hidden = [];
  const placed = [];
  for (const node of nodes) {
    const bottom = node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    let best = null;
    let bestScore = Infinity;
    for (const place of PLACES) {
      const box = candidate(place, bottom, node);
      const pad = { x1: box.x1 - 2, x2: box.x2 + 2, y1: box.y1 - 1, y2: box.y2 + 1 };
      const inView = pad.x1 >= 0 && pad.x2 <= width && pad.y1 >= 0 && pad.y2 <= height;
      const score = shown.filter((other) => overlaps(pad, other)).length * 10
        + keep.filter(([id, body]) => id !== node.id() && overlaps(pad, body)).length + (inView ? 0 : 5);
      if (score < bestScore) {
        best = { place, pad };
        bestScore = score;
      }
      if (score === 0) break;
    }
    if (bestScore === 0 || all || shown.length === 0) {
      shown.push(best.pad);
      if (!all) keep.push([node.id(), bodies.get(node.id())]);
      if (best.place !== "bottom") placed.push([node, `lp-${best.place}`]);
    } else hidden.push(node);
  }
  cy.batch(() => {
    for (const node of hidden) node.addClass("label-off");
    for (const [node, cls] of placed) node.addClass(cls);
    cy.nodes(".faded").addClass("label-off");
  });
  return shown.length;
}

// Re-evaluate the zoom-dependent label sizes, then the declutter; call after any zoom, pan, add or layout.
export function refreshLabels(cy, { restyle = true, ...options } = {}) {
  if (restyle) cy.style().update();
  return declutter(cy, options);
}

export function watchViewport(cy, options) {
  let frame = 0;
  let zoom = cy.zoom();
  cy.on("viewport", () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      // Label sizes depend on the zoom only: a pan needs a new declutter, not a restyle.
      refreshLabels(cy, { ...options, restyle: cy.zoom() !== zoom });
      zoom = cy.zoom();
    });
  });
}

// Fit the drawing from node positions and sizes, keeping room for the labels beside and below the outermost nodes
// (cy.fit would measure every label first, which costs as much as the drawing on a slow phone). On a narrow screen
// zoom in so every node is at least `minPx` on screen (tap targets), centred on the centre node, rather than
// showing a whole large neighbourhood as specks.
export function fitView(cy, centerId, { padding = 16, maxZoom = 1.4, minPx = 24, narrow = 600, labelRoom = 64 } = {}) {
  cy.resize();
  const nodes = cy.nodes();
  if (!nodes.length) return;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((node) => {
    const p = node.position();
    const r = (node.data("size") || 24) / 2;
    x1 = Math.min(x1, p.x - r);
    x2 = Math.max(x2, p.x + r);
    y1 = Math.min(y1, p.y - r);
    y2 = Math.max(y2, p.y + r);
  });
  const width = cy.width();
  const height = cy.height();
  let zoom = Math.min((width - 2 * (padding + labelRoom)) / Math.max(1, x2 - x1),
    (height - 2 * padding - LABEL_PX * 2) / Math.max(1, y2 - y1));
  zoom = Math.max(cy.minZoom(), Math.min(maxZoom, zoom));
  let focus = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
  if (width < narrow) {
    const smallest = Math.min(...nodes.map((node) => node.data("size")));
    if (smallest * zoom < minPx) {
      zoom = minPx / smallest + 0.01;
      const centre = cy.getElementById(centerId);
      if (centre.nonempty()) focus = centre.position();
    }
  }
  cy.viewport({ zoom, pan: { x: width / 2 - zoom * focus.x, y: (height + LABEL_PX) / 2 - zoom * focus.y } });
}
