// The graph explorer: slices, expansions, paths and suggestions through /graphql (documents from web/queries/),
// drawn by graph-view.js. Click = details (nothing moves), "Expand" = neighbours join in place, "Centre here" =
// a new slice (and a history entry). All data reaches the page through textContent or cytoscape labels.
import { el, gql } from "/static/session.js";
import {
  KINDS, KIND_ORDER, LAYOUT_ASPECT, createGraph, edgeElements, edgeId, entityHref, fitView, nodeElement, placeAround, radialLayout,
  markLateral, refreshLabels, watchViewport,
} from "/static/graph-view.js";

const SLICE_LIMITS = { 1: 60, 2: 100, 3: 150 }; // the same as EXPLORER_LIMITS in web/pages.py
const EXPAND_LIMIT = 16;
const MORE_STEP = 15;
const root = document.getElementById("explorer");
const $ = (id) => document.getElementById(id);
const state = {
  center: root.dataset.center || "", depth: 1, kinds: KIND_ORDER.slice(), slice: null,
  pathFrom: null, pathTo: null, names: new Map(), selected: null, suggestions: false,
};
const details = new Map(); // id → node_details answer (or a pending promise)

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function setStatus(text, isError = false) {
  const status = $("graph-status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function nameOf(id) {
  const node = cy.getElementById(id);
  return node.nonempty() ? node.data("label") : state.names.get(id) ?? id;
}

function linkTo(kind, id, text) {
  const href = entityHref(kind, id);
  return href ? el("a", { href, text }) : el("span", { text });
}

// --- The drawing -------------------------------------------------------------------------------------------

const cy = createGraph($("graph"));
window.cy = cy; // for tests and for curious users in the console
watchViewport(cy);

function relabel({ restyle = true } = {}) {
  markLateral(cy);
  cy.edges(".lateral").toggleClass("shown", $("show-ties").checked);
  refreshLabels(cy, { restyle });
  $("graph").dataset.labelled = String(cy.nodes().not(".label-off").length);
}

// The server's first frame (web/graph_frame.py): the SVG of the box's width that is showing, if any.
function firstFrame() {
  return [...document.querySelectorAll("#graph .first-frame")].find((svg) => svg.getBoundingClientRect().width > 0) ?? null;
}

// The viewport the first frame shows: its screen transform, relative to the box cytoscape draws in.
function frameViewport(svg) {
  const m = svg.getScreenCTM();
  const box = svg.getBoundingClientRect();
  return m ? { zoom: m.a, pan: { x: m.e - box.left, y: m.f - box.top } } : null;
}

function draw(slice, positions = null) {
  // One batch: styles (whose label sizes depend on the zoom) are computed once, after the layout and the fit.
  const frame = positions ? firstFrame() : null;
  const viewport = frame ? frameViewport(frame) : null;
  cy.startBatch();
  cy.elements().remove();
  cy.add(slice.nodes.map((node) => nodeElement(node, slice.center, { maxLabel: 24 })));
  cy.add(edgeElements(cy, slice.edges));
  if (positions) {
    // Take over from the server's drawing: its positions (a preset layout) and its viewport, so nothing moves.
    cy.layout({ name: "preset", fit: false, animate: false,
      positions: (node) => { const p = positions[node.id()]; return p ? { x: p[0], y: p[1] } : { x: 0, y: 0 }; } }).run();
  } else {
    radialLayout(cy, slice.center, { aspect: LAYOUT_ASPECT });
  }
  if (viewport) {
    cy.resize();
    cy.viewport(viewport);
  } else fitView(cy, slice.center);
  markLateral(cy);
  cy.endBatch();
  relabel({ restyle: false });
  const graph = $("graph");
  graph.dataset.nodeCount = String(cy.nodes().length);
  graph.dataset.center = slice.center;
  graph.setAttribute("role", "img");
  graph.setAttribute("aria-label", "Graph drawing; the same nodes are listed below as text, with their actions.");
  const frames = graph.querySelectorAll(".first-frame");
  if (frames.length) {
    // The SVG stays under the canvas until cytoscape has painted, then goes (no blank frame in between).
    cy.one("render", () => {
      frames.forEach((svg) => svg.remove());
      graph.dataset.takenOver = "true";
      performance.mark("graph-interactive");
    });
  }
}

// Nodes that arrive after the first drawing (expand, show more, paths, suggestions) are placed next to a node
// they are tied to; nothing already drawn moves and the view stays where the reader left it.
function addInPlace(nodes, edges, { anchorOf, classes = "", hop = null } = {}) {
  const fresh = nodes.filter((node) => cy.getElementById(node.id).empty());
  const added = cy.add(fresh.map((node) => nodeElement({ ...node, hop: hop ?? node.hop }, state.center, { classes, maxLabel: 24 })));
  cy.add(edgeElements(cy, edges, classes));
  const groups = new Map();
  const freshIds = new Set(fresh.map((node) => node.id));
  for (const node of added) {
    const anchor = anchorOf(node, freshIds) ?? state.center;
    if (!groups.has(anchor)) groups.set(anchor, []);
    groups.get(anchor).push(node);
  }
  for (const [anchor, group] of groups) placeAround(cy, anchor, group, state.center);
  reveal(added);
  $("graph").dataset.nodeCount = String(cy.nodes().length);
  relabel();
  return added;
}

// Bring nodes added in place into the view: pan, and zoom out only when they cannot fit at this zoom. Nodes keep
// their places in the drawing; only the view moves, and only when something new would be off-screen.
function reveal(added) {
  if (!added || added.empty()) return;
  const pad = 12;
  const width = cy.width();
  const height = cy.height();
  let box = added.renderedBoundingBox({ includeLabels: false, includeEdges: false });
  if (box.w > width - 2 * pad || box.h > height - 2 * pad) {
    const zoom = cy.zoom() * Math.min((width - 2 * pad) / Math.max(1, box.w), (height - 2 * pad) / Math.max(1, box.h));
    cy.zoom({ level: Math.max(cy.minZoom(), zoom), renderedPosition: { x: width / 2, y: height / 2 } });
    box = added.renderedBoundingBox({ includeLabels: false, includeEdges: false });
  }
  const dx = box.x1 < pad ? pad - box.x1 : box.x2 > width - pad ? width - pad - box.x2 : 0;
  const dy = box.y1 < pad ? pad - box.y1 : box.y2 > height - pad ? height - pad - box.y2 : 0;
  if (dx || dy) cy.panBy({ x: dx, y: dy });
}

function tiedAnchor(edges) {
  return (node, fresh) => {
    for (const edge of edges) {
      const other = edge.source === node.id() ? edge.target : edge.target === node.id() ? edge.source : null;
      if (other && !fresh.has(other) && cy.getElementById(other).nonempty()) return other;
    }
    return null;
  };
}

// --- Tooltip (hover or focus: nothing moves) and the details panel --------------------------------------

const tooltip = $("graph-tooltip");

function fetchDetails(id) {
  if (!details.has(id)) {
    details.set(id, gql("node_details", { id }).then((data) => {
      details.set(id, data.node);
      return data.node;
    }).catch(() => { details.delete(id); return null; }));
  }
  return Promise.resolve(details.get(id));
}

function facts(node, info) {
  const kind = node.data("kind");
  if (!info || info instanceof Promise) return [];
  if (kind === "RESEARCHER") {
    return [info.affiliation ? info.affiliation.name : "Affiliation not imported",
      plural(info.counts.works, "work", "works"), plural(info.counts.closeCollaborators, "co-author", "co-authors"),
      ...(info.openToCollaborate ? ["Open to collaborate"] : [])];
  }
  if (kind === "WORK") {
    const authors = info.authorNames || [];
    return [[info.year, info.venue?.name].filter(Boolean).join(" · ") || "Year and venue unknown",
      authors.length ? `${authors.slice(0, 3).join(", ")}${authors.length > 3 ? ` and ${authors.length - 3} more` : ""}` : "No authors listed",
      `Cited by ${info.citedByCount}`];
  }
  if (kind === "TOPIC") return [info.field ? `Field: ${info.field}` : "Field not imported", plural(info.worksCount, "work", "works")];
  if (kind === "INSTITUTION") return [info.countryCode ? `Country: ${info.countryCode}` : "Country not imported", info.type || ""].filter(Boolean);
  return [];
}

function hopText(node) {
  const hop = node.data("hop");
  if (node.hasClass("center") || hop === 0) return "the centre";
  if (node.hasClass("suggested")) return "suggested collaborator";
  return hop > 3 ? "added" : `${plural(hop, "link", "links")} from the centre`;
}

function showTooltip(id) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  cy.nodes(".hovered").removeClass("hovered");
  cy.edges(".near").not(cy.nodes(":selected").connectedEdges()).removeClass("near");
  node.addClass("hovered");
  node.connectedEdges().addClass("near");
  const render = () => {
    const info = details.get(id);
    tooltip.replaceChildren(el("strong", { text: node.data("label") }),
      el("span", { className: "muted", text: ` ${KINDS[node.data("kind")].label}, ${hopText(node)}` }),
      ...facts(node, info).map((line) => el("span", { className: "tooltip-line", text: line })));
  };
  render();
  const p = node.renderedPosition();
  const box = $("graph").getBoundingClientRect();
  tooltip.hidden = false;
  const left = Math.min(Math.max(4, p.x + 14), box.width - tooltip.offsetWidth - 4);
  const top = p.y + node.renderedHeight() / 2 + 8 + tooltip.offsetHeight > box.height
    ? Math.max(4, p.y - node.renderedHeight() / 2 - tooltip.offsetHeight - 8) : p.y + node.renderedHeight() / 2 + 8;
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${top}px`;
  tooltip.dataset.id = id;
  fetchDetails(id).then(() => { if (tooltip.dataset.id === id && !tooltip.hidden) render(); });
}

function hideTooltip() {
  tooltip.hidden = true;
  tooltip.dataset.id = "";
  cy.nodes(".hovered").removeClass("hovered");
  cy.edges(".near").not(cy.nodes(":selected").connectedEdges()).removeClass("near");
}

function actionButton(text, onClick, extra = {}) {
  const button = el("button", { type: "button", className: "button button-secondary button-small", ...extra }, text);
  button.addEventListener("click", onClick);
  return button;
}

async function select(id, { focus = false } = {}) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  state.selected = id;
  cy.nodes(":selected").unselect();
  cy.edges(".near").removeClass("near");
  node.select();
  node.connectedEdges().addClass("near");
  const body = $("details-body");
  const kind = node.data("kind");
  const list = el("ul", { className: "details-facts" });
  const actions = el("p", { className: "details-actions" });
  if (!node.hasClass("center")) {
    actions.append(actionButton("Expand here", () => expand(id), { id: "expand-node", "data-id": id }),
      actionButton("Centre here", () => recenter(id, { focus: true }), { id: "recentre-node", "data-id": id }));
  }
  actions.append(actionButton("Pick for path", () => pickForPath(id), { "data-id": id }));
  const href = entityHref(kind, id);
  if (href) actions.append(el("a", { className: "button button-small", href, text: "Open page" }));
  body.replaceChildren(
    el("p", { className: "details-name" }, linkTo(kind, id, node.data("label"))),
    el("p", { className: "muted", text: `${KINDS[kind].label}, ${hopText(node)}` }), list, actions);
  root.dataset.selected = id;
  if (focus) $("details").focus();
  const info = await fetchDetails(id);
  if (state.selected !== id) return;
  list.replaceChildren(...facts(node, info).map((line) => el("li", { text: line })));
}

// --- Text views: status, centre, node list, show more ----------------------------------------------------

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
  const count = cy.nodes().length;
  setStatus(`Showing ${count} node${count === 1 ? "" : "s"} within ${plural(state.depth, "link", "links")} of ${name}`
    + `${omittedText(slice.omitted || [])}.`);
  document.title = `${name} · Explore · ScholarGraph`;
  const kind = centerNode ? centerNode.kind : null;
  const info = $("center-info");
  info.replaceChildren(el("span", { text: "Centre: " }),
    el("strong", { id: "center-name", tabIndex: -1, text: name }),
    el("span", { className: "muted", text: ` (${kind ? KINDS[kind].label : "entity"})` }));
  const href = kind ? entityHref(kind, slice.center) : null;
  if (href) {
    info.append(el("a", { href, className: "button button-secondary button-small", id: "open-profile",
      text: kind === "RESEARCHER" ? "Open profile" : "Open page" }));
  }
  $("suggest-card").hidden = kind !== "RESEARCHER";
}

function renderNodeList() {
  const list = $("node-list");
  const nodes = cy.nodes().sort((a, b) => (a.hasClass("center") ? -1 : b.hasClass("center") ? 1 : 0)
    || (a.data("hop") - b.data("hop")) || KIND_ORDER.indexOf(a.data("kind")) - KIND_ORDER.indexOf(b.data("kind"))
    || a.data("label").localeCompare(b.data("label")));
  list.replaceChildren(...nodes.map((node) => {
    const id = node.id();
    const name = node.data("label");
    const kind = node.data("kind");
    const details = el("button", { type: "button", className: "linklike", text: "Details", "data-action": "details", "data-id": id },
      el("span", { className: "visually-hidden", text: `: ${name}` }));
    details.addEventListener("click", () => select(id, { focus: true }));
    const centre = el("button", { type: "button", className: "linklike", text: "Centre", "data-action": "centre", "data-id": id },
      el("span", { className: "visually-hidden", text: `: ${name}` }));
    centre.addEventListener("click", () => recenter(id, { focus: true }));
    const pick = el("button", { type: "button", className: "linklike", text: "Pick for path", "data-action": "pick", "data-id": id },
      el("span", { className: "visually-hidden", text: `: ${name}` }));
    pick.addEventListener("click", () => pickForPath(id));
    const item = el("li", { "data-id": id },
      el("span", { className: "node-name" }, linkTo(kind, id, name)),
      el("span", { className: "node-meta", text: `${KINDS[kind].label}, ${hopText(node)}` }),
      el("span", { className: "node-actions" }, details, centre, pick));
    item.addEventListener("focusin", () => showTooltip(id));
    item.addEventListener("focusout", hideTooltip);
    return item;
  }));
  $("node-list-title").textContent = `Nodes in this view (${nodes.length})`;
}

function renderShowMore(slice) {
  const box = $("show-more");
  const omitted = (slice.omitted || []).filter((item) => item.count > 0 && state.kinds.includes(item.kind));
  box.replaceChildren(...omitted.map((item) => {
    const button = el("button", { type: "button", className: "button button-secondary button-small",
      "data-kind": item.kind, text: `Show more ${KINDS[item.kind].plural}` },
    el("span", { className: "muted", text: ` (+${item.count})` }));
    button.addEventListener("click", () => showMore(item.kind, button));
    return button;
  }));
}

function renderAll(slice) {
  renderStatus(slice);
  renderNodeList();
  renderShowMore(slice);
}

// --- Loading a slice, re-centring, history -------------------------------------------------------------

function readControls() {
  state.kinds = [...document.querySelectorAll('#kind-filters input[name="kind"]:checked')].map((input) => input.value);
  state.depth = Number($("depth").value) || 1;
}

function writeControls() {
  for (const input of document.querySelectorAll('#kind-filters input[name="kind"]')) input.checked = state.kinds.includes(input.value);
  $("depth").value = String(state.depth);
}

function sliceVariables() {
  return { center: state.center, depth: state.depth, limit: SLICE_LIMITS[state.depth],
    kinds: state.kinds.length === KIND_ORDER.length ? null : state.kinds };
}

function urlFor() {
  const params = new URLSearchParams({ center: state.center });
  if (state.depth !== 1) params.set("depth", String(state.depth));
  if (state.kinds.length !== KIND_ORDER.length) params.set("kinds", state.kinds.join(","));
  if (state.pathFrom) params.set("from", state.pathFrom);
  if (state.pathTo) params.set("to", state.pathTo);
  return `/explore?${params}`;
}

// The slice (and its server layout) that came inside the page, if it answers these variables; used once.
function takeInitial(variables) {
  const script = $("initial-slice");
  if (!script) return null;
  script.remove();
  try {
    const initial = JSON.parse(script.textContent);
    const same = Object.keys(variables).every((key) => JSON.stringify(initial.variables[key] ?? null) === JSON.stringify(variables[key]));
    return same ? initial : null;
  } catch {
    return null;
  }
}

let loadSeq = 0;
async function load({ push = false, focus = false } = {}) {
  if (!state.center) return;
  if (push) history.pushState({ center: state.center }, "", urlFor());
  else history.replaceState({ center: state.center }, "", urlFor());
  const seq = ++loadSeq;
  root.dataset.state = "loading";
  setStatus("Building this graph slice…");
  hideTooltip();
  try {
    const variables = sliceVariables();
    const initial = takeInitial(variables);
    const slice = initial ? initial.slice : (await gql("graph_slice", variables)).graphSlice;
    if (seq !== loadSeq) return;
    state.slice = slice;
    state.selected = null;
    draw(slice, initial ? initial.positions : null);
    renderAll(slice);
    $("details-body").replaceChildren(el("p", { className: "muted", text: "Pick a node on the graph or in the list." }));
    state.suggestions = false;
    $("suggest-toggle").setAttribute("aria-pressed", "false");
    $("suggest-toggle").textContent = "Add suggested collaborators";
    $("suggest-list").replaceChildren();
    root.dataset.center = slice.center;
    root.dataset.state = "ready";
    // Without a server frame (a slice fetched here), this drawing is the first graph on screen. With one, the
    // page's inline script marks the frame that paints it: this code can run before that frame, so it must not.
    if (!initial && !performance.getEntriesByName("graph-drawn").length) performance.mark("graph-drawn");
    if (!initial) performance.mark("graph-interactive");
    if (focus) $("center-name").focus();
    renderPicks();
    if (state.pathFrom && state.pathTo) findPath();
  } catch (error) {
    if (seq !== loadSeq) return;
    cy.elements().remove();
    $("node-list").replaceChildren();
    $("center-info").replaceChildren();
    $("show-more").replaceChildren();
    setStatus(`Could not load the graph: ${error.message}`, true);
    root.dataset.state = "error";
  }
}

function recenter(id, { focus = false } = {}) {
  if (!id || id === state.center) return;
  state.names.set(id, nameOf(id));
  state.center = id;
  load({ push: true, focus });
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.center = params.get("center") || "";
  const depth = Number(params.get("depth"));
  state.depth = depth >= 1 && depth <= 3 ? depth : 1;
  const kinds = (params.get("kinds") || "").split(",").filter((kind) => KIND_ORDER.includes(kind));
  state.kinds = kinds.length ? kinds : KIND_ORDER.slice();
  state.pathFrom = params.get("from") || null;
  state.pathTo = params.get("to") || null;
  writeControls();
}

// --- Expand in place and "show more" per kind -----------------------------------------------------------

async function expand(id) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  root.dataset.expandState = "loading";
  setStatus(`Adding the neighbours of ${node.data("label")}…`);
  try {
    const data = await gql("graph_slice", { center: id, depth: 1, limit: EXPAND_LIMIT,
      kinds: state.kinds.length === KIND_ORDER.length ? null : state.kinds });
    const slice = data.graphSlice;
    const added = addInPlace(slice.nodes.filter((n) => n.id !== id), slice.edges,
      { anchorOf: () => id, hop: (node.data("hop") ?? 0) + 1 });
    renderNodeList();
    setStatus(`Added ${plural(added.length, "neighbour", "neighbours")} of ${node.data("label")}; ${cy.nodes().length} nodes in view.`);
    root.dataset.expandState = "done";
    root.dataset.expanded = id;
    const button = $("expand-node");
    if (button && button.dataset.id === id) button.focus();
  } catch (error) {
    setStatus(`Could not expand: ${error.message}`, true);
    root.dataset.expandState = "error";
  }
}

async function showMore(kind, button) {
  const present = cy.nodes().length;
  button.disabled = true;
  try {
    const variables = { ...sliceVariables(), limit: Math.min(500, present + 4 * MORE_STEP) };
    const slice = (await gql("graph_slice", variables)).graphSlice;
    const more = slice.nodes.filter((node) => node.kind === kind && cy.getElementById(node.id).empty()).slice(0, MORE_STEP);
    const keep = new Set([...more.map((node) => node.id)]);
    const edges = slice.edges.filter((edge) => keep.has(edge.source) || keep.has(edge.target));
    const added = addInPlace(more, edges, { anchorOf: tiedAnchor(edges) });
    renderNodeList();
    setStatus(`Added ${plural(added.length, KINDS[kind].label.toLowerCase(), KINDS[kind].plural)}; ${cy.nodes().length} nodes in view.`);
    button.disabled = false;
    if (!added.length) button.replaceChildren(`No more ${KINDS[kind].plural} within ${plural(state.depth, "link", "links")}`);
    button.focus();
  } catch (error) {
    button.disabled = false;
    setStatus(`Could not add more: ${error.message}`, true);
  }
}

// --- Suggested collaborators overlay ---------------------------------------------------------------------

async function toggleSuggestions() {
  const toggle = $("suggest-toggle");
  const list = $("suggest-list");
  if (state.suggestions) {
    cy.remove("node.overlay");
    cy.remove("edge.overlay");
    relabel();
    renderNodeList();
    state.suggestions = false;
    toggle.setAttribute("aria-pressed", "false");
    toggle.textContent = "Add suggested collaborators";
    list.replaceChildren();
    return;
  }
  toggle.disabled = true;
  list.replaceChildren(el("li", { className: "muted", text: "Finding people to work with…" }));
  try {
    const data = await gql("collaborator_suggestions", { id: state.center, first: 6 });
    const edges = data.collaboratorSuggestions.edges.map((edge) => edge.node);
    const nodes = edges.map((s) => ({ id: s.researcher.id, kind: "RESEARCHER", label: s.researcher.name, hop: 2, weight: 1 }));
    const links = edges.map((s) => ({ source: state.center, target: s.researcher.id, type: "SUGGESTED" }));
    addInPlace(nodes, links, { anchorOf: () => state.center, classes: "suggested overlay" });
    for (const s of edges) cy.getElementById(s.researcher.id).addClass("suggested");
    renderNodeList();
    list.replaceChildren(...edges.map((s) => el("li", { "data-id": s.researcher.id },
      linkTo("RESEARCHER", s.researcher.id, s.researcher.name),
      ...(s.researcher.openToCollaborate ? [el("span", { className: "badge badge-open", text: "Open to collaborate" })] : []),
      el("ul", { className: "reasons" }, ...s.reasons.map((reason) => el("li", { text: reason.detail }))))));
    if (!edges.length) list.replaceChildren(el("li", { className: "muted", text: "No suggestions for this researcher yet." }));
    state.suggestions = true;
    toggle.setAttribute("aria-pressed", "true");
    toggle.textContent = "Remove suggested collaborators";
    root.dataset.suggestions = String(edges.length);
  } catch (error) {
    list.replaceChildren(el("li", { className: "error", text: `Could not load suggestions: ${error.message}` }));
  }
  toggle.disabled = false;
  toggle.focus();
}

// --- Connection path -----------------------------------------------------------------------------------

function markPicked() {
  cy.nodes().removeClass("picked");
  for (const id of [state.pathFrom, state.pathTo]) if (id) cy.getElementById(id).addClass("picked");
}

function renderPicks() {
  for (const [slot, id] of [["path-from", state.pathFrom], ["path-to", state.pathTo]]) {
    const dd = $(slot);
    dd.textContent = id ? nameOf(id) : "none picked";
    dd.classList.toggle("muted", !id);
    dd.dataset.id = id || "";
  }
  $("find-path").disabled = !(state.pathFrom && state.pathTo);
  markPicked();
}

function pickForPath(id) {
  state.names.set(id, nameOf(id));
  if (!state.pathFrom || (state.pathFrom && state.pathTo)) {
    state.pathFrom = id;
    state.pathTo = null;
    clearPathDrawing();
  } else if (id !== state.pathFrom) {
    state.pathTo = id;
  }
  history.replaceState(history.state, "", urlFor());
  renderPicks();
  if (state.pathFrom && state.pathTo) findPath();
  else $("path-result").replaceChildren(el("p", { className: "muted", text: `Now pick the other end of the path.` }));
}

function clearPathDrawing() {
  cy.elements().removeClass("path faded");
  cy.remove(".extra");
  $("path-result").replaceChildren();
  relabel();
}

async function findPath() {
  clearPathDrawing();
  const result = $("path-result");
  root.dataset.pathState = "loading";
  result.replaceChildren(el("p", { text: "Looking for a connection…" }));
  try {
    const data = await gql("connection_path", { from: state.pathFrom, to: state.pathTo, maxHops: Number($("max-hops").value) });
    const path = data.connectionPath;
    if (!path) {
      result.replaceChildren(el("p", { text: `No connection within ${$("max-hops").value} links (through works, topics, institutions and citations).` }));
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
  for (const node of path.nodes) state.names.set(node.id, node.label);
  renderPicks();
  // Path nodes missing from the view are placed next to the previous step, so no path edge crosses the drawing.
  path.nodes.forEach((node, index) => {
    if (cy.getElementById(node.id).nonempty()) return;
    const previous = path.nodes[index - 1]?.id ?? state.center;
    addInPlace([{ ...node, hop: 9 }], [], { anchorOf: () => previous, classes: "extra" });
  });
  cy.add(edgeElements(cy, path.edges, "extra"));
  const onPath = new Set(path.nodes.map((node) => node.id));
  cy.batch(() => {
    cy.elements().addClass("faded");
    for (const node of path.nodes) cy.getElementById(node.id).removeClass("faded").addClass("path");
    for (const edge of path.edges) {
      cy.edges().filter((e) => e.data("type") === edge.type && onPath.has(e.data("source")) && onPath.has(e.data("target"))
        && ((e.data("source") === edge.source && e.data("target") === edge.target)
          || (e.data("source") === edge.target && e.data("target") === edge.source)))
        .removeClass("faded").addClass("path");
    }
  });
  relabel();
  const steps = el("ol", { className: "path-list", id: "path-steps" });
  path.nodes.forEach((node, index) => {
    const item = el("li", { "data-id": node.id }, linkTo(node.kind, node.id, node.label),
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
    el("p", { text: `${nameOf(state.pathFrom)} and ${nameOf(state.pathTo)} are ${plural(hops, "link", "links")} apart:` }),
    steps,
    el("p", { className: "muted", text: "Paths run through works, topics, institutions and citations, so two co-authors "
      + "are 2 links apart here (person → shared work → person) where the node list counts their co-authorship as 1." }));
  $("graph").dataset.pathLength = String(hops);
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
    const data = await gql("search", { text, kinds: KIND_ORDER, first: 8 });
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
    recenter(id, { focus: true });
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

// Cytoscape fires dbltap for any two taps within its debounce (250 ms), even on two different nodes: re-centre only
// when both taps were on this node (two quick picks of two path ends must not re-centre).
const taps = { last: null, previous: null };
cy.on("tap", "node", (event) => {
  const id = event.target.id();
  taps.previous = taps.last;
  taps.last = id;
  if ($("path-mode").checked) pickForPath(id);
  else select(id);
});
cy.on("dbltap", "node", (event) => {
  if (taps.previous === event.target.id()) recenter(event.target.id());
});
cy.on("mouseover", "node", (event) => showTooltip(event.target.id()));
cy.on("mouseout", "node", hideTooltip);
cy.on("viewport", () => { if (!tooltip.hidden) hideTooltip(); });
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
  history.replaceState(history.state, "", urlFor());
});
$("suggest-toggle").addEventListener("click", toggleSuggestions);
$("fit-view").addEventListener("click", () => { fitView(cy, state.center, { narrow: 0 }); relabel(); });
$("show-ties").addEventListener("change", () => cy.edges(".lateral").toggleClass("shown", $("show-ties").checked));
window.addEventListener("popstate", () => { readUrl(); load(); });
let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { fitView(cy, state.center); relabel(); }, 150);
});

readUrl();
if (state.center) load();
else searchInput.focus();
