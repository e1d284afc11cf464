// The graph explorer: fetches slices and paths through /graphql (documents from web/queries/) and draws them
// with cytoscape. All data reaches the page through textContent or cytoscape labels, never innerHTML.
import cytoscape from "/vendor/cytoscape/dist/cytoscape.esm.min.mjs";
import { el, gql } from "/static/session.js";

const KINDS = {
  RESEARCHER: { label: "Researcher", colour: "#2f6fd6", plural: "researchers" },
  WORK: { label: "Work", colour: "#e0803a", plural: "works" },
  TOPIC: { label: "Topic", colour: "#3a9a5b", plural: "topics" },
  INSTITUTION: { label: "Institution", colour: "#8a4fc2", plural: "institutions" },
  SOURCE: { label: "Source", colour: "#7a7f8a", plural: "sources" },
};
// Slices and paths cover these kinds (sources are left out server-side); search offers the same.
const ALL_KINDS = ["RESEARCHER", "WORK", "TOPIC", "INSTITUTION"];
const root = document.getElementById("explorer");
const $ = (id) => document.getElementById(id);
const state = { center: root.dataset.center || "", depth: 1, kinds: ALL_KINDS.slice(), slice: null, pathFrom: null, pathTo: null };

// --- Small helpers -------------------------------------------------------------------------------------

function profileHref(id) {
  return `/researchers/${encodeURIComponent(id)}`;
}

function setStatus(text, isError = false) {
  const status = $("graph-status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function nodeLabel(id) {
  const node = cy.getElementById(id);
  return node.nonempty() ? node.data("label") : id;
}

// --- The drawing ---------------------------------------------------------------------------------------

const cy = cytoscape({
  container: $("graph"),
  minZoom: 0.2,
  maxZoom: 4,
  style: [
    { selector: "node", style: {
      "background-color": "data(colour)", width: "data(size)", height: "data(size)",
      label: "data(short)", "font-size": 10, color: "#1d2330", "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "ellipsis", "text-max-width": 120, "text-background-color": "#fff", "text-background-opacity": 0.7,
      "min-zoomed-font-size": 7,
      "border-width": 1, "border-color": "#ffffff" } },
    { selector: "node.center", style: { "border-width": 4, "border-color": "#13294b", "font-weight": "bold", "font-size": 12 } },
    { selector: "node.picked", style: { "border-width": 4, "border-color": "#f0a500" } },
    { selector: "edge", style: { width: 1.2, "line-color": "#b8bfcc", "curve-style": "straight", opacity: 0.8 } },
    { selector: "node.path", style: { "border-width": 4, "border-color": "#d1267a" } },
    { selector: "edge.path", style: { width: 4, "line-color": "#d1267a", opacity: 1, "z-index": 10 } },
    { selector: ".faded", style: { opacity: 0.25 } },
  ],
});
window.cy = cy; // for tests and for curious users in the console

function nodeSize(weight, isCenter) {
  const size = 16 + 6 * Math.log2(1 + Math.max(0, weight || 0));
  return Math.min(isCenter ? 60 : 48, isCenter ? Math.max(size, 36) : size);
}

function shortLabel(label) {
  return label.length > 40 ? `${label.slice(0, 38)}…` : label;
}

function nodeElement(node, center, extra = false) {
  return {
    group: "nodes",
    data: { id: node.id, kind: node.kind, label: node.label, short: shortLabel(node.label), hop: node.hop,
            colour: (KINDS[node.kind] || KINDS.SOURCE).colour, size: nodeSize(node.weight, node.id === center) },
    classes: [node.id === center ? "center" : "", extra ? "extra" : ""].join(" ").trim(),
  };
}

function edgeId(edge) {
  return `${edge.source}|${edge.type}|${edge.target}`;
}

function edgeElements(edges) {
  const seen = new Set();
  const elements = [];
  for (const edge of edges) {
    const id = edgeId(edge);
    if (seen.has(id) || cy.getElementById(id).nonempty()) continue;
    seen.add(id);
    elements.push({ group: "edges", data: { id, source: edge.source, target: edge.target, type: edge.type } });
  }
  return elements;
}

function layout() {
  cy.layout({
    name: "concentric", animate: false, fit: true, padding: 24, minNodeSpacing: 28, avoidOverlap: true,
    concentric: (node) => 10 - (node.data("hop") ?? 3), levelWidth: () => 1,
  }).run();
  fitView();
}

function fitView() {
  cy.resize();
  cy.fit(undefined, 24);
  // A small slice would otherwise be blown up to fill the box.
  if (cy.zoom() > 1.5) {
    cy.zoom(1.5);
    cy.center();
  }
}

function draw(slice) {
  cy.elements().remove();
  cy.add(slice.nodes.map((node) => nodeElement(node, slice.center)));
  const known = new Set(slice.nodes.map((node) => node.id));
  cy.add(edgeElements(slice.edges.filter((edge) => known.has(edge.source) && known.has(edge.target))));
  layout();
  $("graph").dataset.nodeCount = String(cy.nodes().length);
  $("graph").dataset.center = slice.center;
}

// --- Text views (status, centre, node list) ------------------------------------------------------------

function omittedText(omitted) {
  const total = omitted.reduce((sum, item) => sum + item.count, 0);
  if (!total) return "";
  const parts = omitted.filter((item) => item.count > 0)
    .map((item) => `${item.count} ${item.count === 1 ? KINDS[item.kind].label.toLowerCase() : KINDS[item.kind].plural}`);
  return ` and ${total} more (${parts.join(", ")})`;
}

function renderStatus(slice) {
  const centerNode = slice.nodes.find((node) => node.id === slice.center);
  const name = centerNode ? centerNode.label : slice.center;
  const count = slice.nodes.length;
  setStatus(`Showing ${count} node${count === 1 ? "" : "s"} within ${state.depth} hop${state.depth === 1 ? "" : "s"} of ${name}`
    + `${omittedText(slice.omitted || [])}.`);
  document.title = `${name} · Explore · ScholarGraph`;

  const info = $("center-info");
  info.replaceChildren(el("span", { text: "Centre: " }), el("strong", { text: name }),
    el("span", { className: "muted", text: ` (${centerNode ? KINDS[centerNode.kind].label : "entity"})` }));
  if (centerNode && centerNode.kind === "RESEARCHER") {
    info.append(el("a", { href: profileHref(centerNode.id), className: "button button-secondary", id: "open-profile", text: "Open profile" }));
  }
}

function renderNodeList(slice) {
  const list = $("node-list");
  const items = slice.nodes.slice().sort((a, b) => a.hop - b.hop || a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label));
  list.replaceChildren(...items.map((node) => {
    const label = node.kind === "RESEARCHER"
      ? el("a", { href: profileHref(node.id), text: node.label })
      : el("span", { text: node.label });
    const centre = el("button", { type: "button", className: "linklike", text: "centre", "data-id": node.id,
      "aria-label": `Put ${node.label} at the centre` });
    centre.addEventListener("click", () => recenter(node.id));
    const pick = el("button", { type: "button", className: "linklike", text: "pick for path", "data-id": node.id,
      "aria-label": `Pick ${node.label} for a connection path` });
    pick.addEventListener("click", () => pickForPath(node.id));
    const hop = node.hop === 0 ? "centre" : `${node.hop} hop${node.hop === 1 ? "" : "s"}`;
    return el("li", { "data-id": node.id }, label,
      el("span", { className: "hop", text: ` ${KINDS[node.kind].label}, ${hop} ` }), centre, " ", pick);
  }));
}

// --- Loading a slice -----------------------------------------------------------------------------------

function readControls() {
  state.kinds = [...document.querySelectorAll('#kind-filters input[name="kind"]:checked')].map((input) => input.value);
  state.depth = Number($("depth").value) || 1;
}

function writeControls() {
  for (const input of document.querySelectorAll('#kind-filters input[name="kind"]')) input.checked = state.kinds.includes(input.value);
  $("depth").value = String(state.depth);
}

function urlFor() {
  const params = new URLSearchParams({ center: state.center });
  if (state.depth !== 1) params.set("depth", String(state.depth));
  if (state.kinds.length !== ALL_KINDS.length) params.set("kinds", state.kinds.join(","));
  return `/explore?${params}`;
}

async function load({ push = false } = {}) {
  if (!state.center) return;
  if (push) history.pushState({ center: state.center }, "", urlFor());
  else history.replaceState({ center: state.center }, "", urlFor());
  root.dataset.state = "loading";
  setStatus("Loading…");
  try {
    const data = await gql("graph_slice", {
      center: state.center, depth: state.depth, limit: 60,
      kinds: state.kinds.length === ALL_KINDS.length ? null : state.kinds,
    });
    state.slice = data.graphSlice;
    draw(state.slice);
    renderStatus(state.slice);
    renderNodeList(state.slice);
    markPicked();
    root.dataset.center = state.slice.center;
    root.dataset.state = "ready";
  } catch (error) {
    cy.elements().remove();
    $("node-list").replaceChildren();
    $("center-info").replaceChildren();
    setStatus(`Could not load the graph: ${error.message}`, true);
    root.dataset.state = "error";
  }
}

function recenter(id) {
  if (!id || id === state.center) return;
  state.center = id;
  load({ push: true });
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.center = params.get("center") || "";
  const depth = Number(params.get("depth"));
  state.depth = depth >= 1 && depth <= 3 ? depth : 1;
  const kinds = (params.get("kinds") || "").split(",").filter((kind) => ALL_KINDS.includes(kind));
  state.kinds = kinds.length ? kinds : ALL_KINDS.slice();
  writeControls();
}

// --- Connection path -----------------------------------------------------------------------------------

function markPicked() {
  cy.nodes().removeClass("picked");
  for (const id of [state.pathFrom, state.pathTo]) if (id) cy.getElementById(id).addClass("picked");
}

function renderPicks() {
  for (const [slot, id] of [["path-from", state.pathFrom], ["path-to", state.pathTo]]) {
    const dd = $(slot);
    dd.textContent = id ? nodeLabel(id) : "none picked";
    dd.classList.toggle("muted", !id);
    dd.dataset.id = id || "";
  }
  $("find-path").disabled = !(state.pathFrom && state.pathTo);
  markPicked();
}

function pickForPath(id) {
  if (!state.pathFrom || (state.pathFrom && state.pathTo)) {
    state.pathFrom = id;
    state.pathTo = null;
    clearPathDrawing();
  } else if (id !== state.pathFrom) {
    state.pathTo = id;
  }
  renderPicks();
  if (state.pathFrom && state.pathTo) findPath();
}

function clearPathDrawing() {
  cy.elements().removeClass("path faded");
  cy.remove(".extra");
  $("path-result").replaceChildren();
}

async function findPath() {
  clearPathDrawing();
  const result = $("path-result");
  root.dataset.pathState = "loading";
  result.replaceChildren(el("p", { text: "Looking for a connection…" }));
  try {
    const data = await gql("connection_path", {
      from: state.pathFrom, to: state.pathTo, maxHops: Number($("max-hops").value),
    });
    const path = data.connectionPath;
    if (!path) {
      result.replaceChildren(el("p", { text: `No connection within ${$("max-hops").value} hops.` }));
      root.dataset.pathState = "none";
      return;
    }
    showPath(path);
    root.dataset.pathState = "found";
  } catch (error) {
    result.replaceChildren(el("p", { className: "error", text: `Could not find a path: ${error.message}` }));
    root.dataset.pathState = "error";
  }
}

function showPath(path) {
  const missing = path.nodes.filter((node) => cy.getElementById(node.id).empty());
  cy.add(missing.map((node) => nodeElement(node, state.center, true)));
  cy.add(edgeElements(path.edges).map((edge) => ({ ...edge, classes: "extra" })));
  if (missing.length) layout();
  cy.elements().addClass("faded");
  for (const node of path.nodes) cy.getElementById(node.id).removeClass("faded").addClass("path");
  for (const edge of path.edges) {
    const forward = cy.getElementById(edgeId(edge));
    const backward = cy.edges().filter((e) => e.data("type") === edge.type
      && e.data("source") === edge.target && e.data("target") === edge.source);
    forward.union(backward).removeClass("faded").addClass("path");
  }
  const byId = new Map(path.nodes.map((node) => [node.id, node]));
  const steps = el("ol", { className: "path-list", id: "path-steps" });
  path.nodes.forEach((node, index) => {
    const item = el("li", { "data-id": node.id });
    item.append(node.kind === "RESEARCHER" ? el("a", { href: profileHref(node.id), text: node.label }) : el("span", { text: node.label }),
      el("span", { className: "muted", text: ` (${KINDS[node.kind].label})` }));
    const next = path.nodes[index + 1];
    const edge = next && path.edges.find((e) => (e.source === node.id && e.target === next.id) || (e.source === next.id && e.target === node.id));
    if (edge) {
      const verb = edge.type.toLowerCase().replaceAll("_", " ");
      item.append(el("span", { className: "muted", text: edge.source === node.id ? ` — ${verb} →` : ` ← ${verb} —` }));
    }
    steps.append(item);
  });
  const hops = path.length;
  $("path-result").replaceChildren(
    el("p", { text: `${byId.get(state.pathFrom)?.label ?? nodeLabel(state.pathFrom)} and ${byId.get(state.pathTo)?.label ?? nodeLabel(state.pathTo)} are ${hops} hop${hops === 1 ? "" : "s"} apart:` }),
    steps);
}

// --- Search (autocomplete) -----------------------------------------------------------------------------

const searchInput = $("search-input");
const suggestions = $("search-suggestions");
let searchTimer = 0;
let searchSeq = 0;

function hitLabel(node) {
  return node.name ?? node.title ?? node.id;
}

function closeSuggestions() {
  suggestions.replaceChildren();
  searchInput.setAttribute("aria-expanded", "false");
  searchInput.removeAttribute("aria-activedescendant");
}

async function suggest() {
  const text = searchInput.value.trim();
  const seq = ++searchSeq;
  if (!text) return closeSuggestions();
  try {
    const data = await gql("search", { text, kinds: ALL_KINDS, first: 8 });
    if (seq !== searchSeq) return; // a newer keystroke won
    suggestions.replaceChildren(...data.search.map((hit, index) => {
      const kind = hit.node.__typename.toUpperCase();
      const option = el("li", { role: "option", id: `suggestion-${index}`, "data-id": hit.node.id, "aria-selected": "false" },
        el("span", { text: hitLabel(hit.node) }), el("span", { className: "kind", text: KINDS[kind]?.label ?? kind }));
      option.addEventListener("mousedown", (event) => { event.preventDefault(); choose(hit.node.id); });
      return option;
    }));
    if (!data.search.length) suggestions.replaceChildren(el("li", { role: "option", "aria-disabled": "true", text: "No matches" }));
    searchInput.setAttribute("aria-expanded", "true");
  } catch (error) {
    suggestions.replaceChildren(el("li", { role: "option", "aria-disabled": "true", text: error.message }));
  }
}

function choose(id) {
  closeSuggestions();
  searchInput.value = "";
  if (id) {
    state.center = "";
    recenter(id);
  }
}

function moveActive(step) {
  const options = [...suggestions.querySelectorAll('[role="option"][data-id]')];
  if (!options.length) return;
  const current = options.findIndex((option) => option.getAttribute("aria-selected") === "true");
  const next = (current + step + options.length) % options.length;
  options.forEach((option, index) => option.setAttribute("aria-selected", String(index === next)));
  searchInput.setAttribute("aria-activedescendant", options[next].id);
}

searchInput.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(suggest, 200);
});
searchInput.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") { event.preventDefault(); moveActive(1); }
  else if (event.key === "ArrowUp") { event.preventDefault(); moveActive(-1); }
  else if (event.key === "Escape") closeSuggestions();
});
searchInput.addEventListener("blur", () => setTimeout(closeSuggestions, 150));
$("search-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const active = suggestions.querySelector('[aria-selected="true"][data-id]') || suggestions.querySelector("[data-id]");
  if (active) return choose(active.dataset.id);
  await suggest();
  const first = suggestions.querySelector("[data-id]");
  if (first) choose(first.dataset.id);
});

// --- Wiring --------------------------------------------------------------------------------------------

cy.on("tap", "node", (event) => {
  const id = event.target.id();
  if ($("path-mode").checked) pickForPath(id);
  else recenter(id);
});
for (const input of document.querySelectorAll('#kind-filters input[name="kind"]')) {
  input.addEventListener("change", () => { readControls(); load({ push: true }); });
}
$("depth").addEventListener("change", () => { readControls(); load({ push: true }); });
$("find-path").addEventListener("click", findPath);
$("clear-path").addEventListener("click", () => {
  state.pathFrom = null;
  state.pathTo = null;
  clearPathDrawing();
  renderPicks();
});
window.addEventListener("popstate", () => { readUrl(); load(); });
let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(fitView, 150);
});

readUrl();
if (state.center) load();
else searchInput.focus();
