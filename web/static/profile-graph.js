// The profile's research graph (a slice around the researcher, every node labelled, a click opens the entity) and
// "People to work with" (collaborator suggestions with their reasons). Both load after the rest of the page.
import { el, gql } from "/static/session.js";
import {
  KINDS, KIND_ORDER, createGraph, edgeElements, entityHref, fitView, nodeElement, radialLayout, refreshLabels,
} from "/static/graph-view.js";

const card = document.getElementById("research-graph");
const center = card.dataset.center;
const $ = (id) => document.getElementById(id);

// --- The research graph ------------------------------------------------------------------------------------

function sliceSize() {
  // A phone shows the researcher's own ties; a wider card the strongest second-hop ties as well.
  return $("slice-graph").clientWidth < 600 ? { depth: 1, limit: 12 } : { depth: 2, limit: 20 };
}

async function drawSlice() {
  const { depth, limit } = sliceSize();
  let slice;
  try {
    slice = (await gql("graph_slice", { center, depth, limit, kinds: null })).graphSlice;
  } catch (error) {
    $("slice-status").textContent = `Could not build the graph: ${error.message}`;
    card.dataset.state = "error";
    return;
  }
  $("slice-status").hidden = true;
  const cy = createGraph($("slice-graph"), { interactive: false });
  window.sliceCy = cy; // for tests
  const narrow = $("slice-graph").clientWidth < 600;
  const maxLabel = narrow ? 18 : 26;
  // Room beside the outermost nodes for half of the longest label (about 6.6 px per character at 12 px).
  const longest = Math.max(...slice.nodes.map((node) => Math.min(maxLabel, node.label.length)));
  const labelRoom = Math.min(100, Math.ceil(3.4 * longest));
  const fit = () => fitView(cy, slice.center, { maxZoom: 1.2, narrow: 0, labelRoom });
  cy.startBatch();
  cy.add(slice.nodes.map((node) => nodeElement(node, slice.center, { maxLabel })));
  cy.add(edgeElements(cy, slice.edges));
  radialLayout(cy, slice.center, { aspect: cy.width() / Math.max(1, cy.height()) });
  fit();
  cy.endBatch();
  refreshLabels(cy, { all: true, restyle: false });
  cy.on("tap", "node", (event) => {
    const node = event.target;
    const href = node.id() === center ? null : entityHref(node.data("kind"), node.id());
    if (href) window.location.assign(href);
  });
  cy.on("mouseover", "node", (event) => {
    $("slice-graph").style.cursor = event.target.id() === center ? "default" : "pointer";
  });
  cy.on("mouseout", "node", () => { $("slice-graph").style.cursor = ""; });
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { fit(); refreshLabels(cy, { all: true }); }, 150);
  });

  const omitted = (slice.omitted || []).reduce((sum, item) => sum + item.count, 0);
  $("slice-more").textContent = omitted ? `+${omitted} more ties not shown here` : `All of ${slice.nodes[0].label}’s ties within ${depth === 1 ? "one link" : "two links"}.`;
  $("slice-more").dataset.more = String(omitted);
  const nodes = slice.nodes.slice().sort((a, b) => a.hop - b.hop || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  $("slice-list").replaceChildren(...nodes.map((node) => {
    const href = node.id === center ? null : entityHref(node.kind, node.id);
    return el("li", { "data-id": node.id }, href ? el("a", { href, text: node.label }) : el("strong", { text: node.label }),
      el("span", { className: "muted", text: ` (${KINDS[node.kind].label}${node.hop ? `, ${node.hop === 1 ? "1 link" : `${node.hop} links`} away` : ""})` }));
  }));
  card.dataset.state = "ready";
  card.dataset.nodeCount = String(slice.nodes.length);
}

// --- People to work with -----------------------------------------------------------------------------------

function viaText(reason) {
  return reason.via.map((node) => {
    const kind = node.__typename.toUpperCase();
    const label = node.name ?? node.title ?? node.id;
    const href = entityHref(kind, node.id);
    return href ? el("a", { href, text: label }) : el("span", { text: label });
  });
}

let peopleSeq = 0;
async function loadPeople({ focus = false } = {}) {
  const seq = ++peopleSeq;
  const people = $("people");
  const status = $("people-status");
  const list = $("people-list");
  people.dataset.state = "loading";
  status.textContent = "Finding people to work with…";
  const variables = { id: center, first: 6, open: $("people-open").checked ? true : null, topic: $("people-topic").value || null };
  try {
    const data = await gql("collaborator_suggestions", variables);
    if (seq !== peopleSeq) return;
    const suggestions = data.collaboratorSuggestions.edges.map((edge) => edge.node);
    list.replaceChildren(...suggestions.map((s) => {
      const reasons = el("ul", { className: "reasons" }, ...s.reasons.map((reason) => {
        const item = el("li", { "data-kind": reason.kind, text: reason.detail });
        const via = viaText(reason);
        if (via.length && reason.kind !== "SAME_INSTITUTION") {
          const line = el("p", { className: "via" }, "Through: ");
          via.forEach((link, index) => { if (index) line.append(", "); line.append(link); });
          item.append(line);
        }
        return item;
      }));
      return el("li", { "data-id": s.researcher.id },
        el("a", { href: entityHref("RESEARCHER", s.researcher.id), text: s.researcher.name, className: "person-name" }),
        ...(s.researcher.openToCollaborate ? [el("span", { className: "badge badge-open", text: "Open to collaborate" })] : []),
        ...(s.researcher.affiliation ? [el("span", { className: "muted", text: ` · ${s.researcher.affiliation.name}` })] : []),
        reasons);
    }));
    const total = data.collaboratorSuggestions.totalCount;
    status.textContent = suggestions.length
      ? `${total} ${total === 1 ? "person" : "people"} suggested${total > suggestions.length ? `; the ${suggestions.length} strongest shown` : ""}.`
      : "No suggestions with these filters.";
    people.dataset.state = "ready";
  } catch (error) {
    if (seq !== peopleSeq) return;
    status.textContent = `Could not load suggestions: ${error.message}`;
    people.dataset.state = "error";
  }
  if (focus) status.focus();
}

$("people-open").addEventListener("change", () => loadPeople());
$("people-topic").addEventListener("change", () => loadPeople());
$("people-filters").addEventListener("submit", (event) => { event.preventDefault(); loadPeople(); });

drawSlice();
loadPeople();
