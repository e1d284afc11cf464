// The owner page: edit the summary and the open-to-collaborate switch, hide and show works, read the audit trail.
import { el, gql, isoDate, session } from "/static/session.js";

const WORKS = 100;
const FIELDS = { summary: "Summary", openToCollaborate: "Open to collaborate", hiddenWorkIds: "Hidden works" };
const page = document.querySelector('[data-page="owner"]');
const researcherId = page.dataset.researcherId;
const result = document.getElementById("form-result");
const tools = document.getElementById("owner-tools");

function show(text, isError = false, ...extra) {
  result.replaceChildren(el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status" },
    el("p", { text }), ...extra));
}

function valueText(field, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "openToCollaborate") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  return String(value);
}

function workItem(work, hidden) {
  const button = el("button", { type: "button", className: "button button-secondary",
    text: hidden ? "Show again" : "Hide", "data-work-action": hidden ? "show" : "hide",
    "aria-label": `${hidden ? "Show again" : "Hide"}: ${work.title ?? "Untitled work"}` });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await gql(hidden ? "unhide_work" : "hide_work", { id: researcherId, workId: work.id });
      await load();
      show(hidden ? `“${work.title}” is on your profile again.` : `“${work.title}” is hidden from your profile.`);
    } catch (error) {
      button.disabled = false;
      show(`Not saved: ${error.message}`, true);
    }
  });
  return el("li", { className: "work owner-work", "data-work-id": work.id },
    el("span", { text: `${work.title ?? "Untitled work"}${work.year ? ` (${work.year})` : ""}` }), button);
}

function render(r) {
  document.getElementById("owner-title").textContent = `Manage your record: ${r.name}`;
  document.getElementById("owner-summary").value = r.summary ?? "";
  document.getElementById("owner-open").checked = r.openToCollaborate;
  document.getElementById("owner-works").replaceChildren(...r.works.edges.map((edge) => workItem(edge.node, false)));
  document.getElementById("hidden-works").replaceChildren(...r.hiddenWorks.map((work) => workItem(work, true)));
  document.getElementById("hidden-empty").hidden = r.hiddenWorks.length > 0;
  const rows = r.auditTrail.map((entry) => el("tr", {},
    el("td", {}, el("time", { dateTime: entry.at, text: `${isoDate(entry.at)} ${String(entry.at).slice(11, 16)}` })),
    el("td", { text: FIELDS[entry.field] ?? entry.field }),
    el("td", { text: valueText(entry.field, entry.oldValue) }),
    el("td", { text: valueText(entry.field, entry.newValue) }),
    el("td", { text: entry.by.displayName })));
  document.getElementById("audit-rows").replaceChildren(...rows);
  document.getElementById("audit-table").hidden = rows.length === 0;
  document.getElementById("audit-empty").hidden = rows.length > 0;
  tools.hidden = false;
}

async function load() {
  const data = await gql("owner_page", { id: researcherId, works: WORKS });
  if (!data.researcher) throw new Error("There is no such researcher.");
  render(data.researcher);
}

document.getElementById("profile-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const summary = document.getElementById("owner-summary").value.trim();
  const input = { summary: summary || null, openToCollaborate: document.getElementById("owner-open").checked };
  try {
    await gql("update_profile", { id: researcherId, input });
    await load();
    show("Saved. Your public profile shows the change now.", false,
      el("p", {}, el("a", { href: `/researchers/${encodeURIComponent(researcherId)}`, text: "See your public profile" })));
  } catch (error) {
    show(`Not saved: ${error.message}`, true);
  }
});

async function start() {
  if (!session()) {
    show("Sign in as the owner of this record to manage it.", false,
      el("p", {}, el("a", { href: `/login?next=${encodeURIComponent(location.pathname)}`, text: "Sign in" })));
    return;
  }
  try {
    await load();
  } catch (error) {
    show(error.code === "FORBIDDEN" ? "Only the owner of this record can manage it. Claim it on its profile page first."
      : error.message, error.code !== "FORBIDDEN");
  }
}

start().finally(() => { page.dataset.state = "ready"; });
