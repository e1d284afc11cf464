// The moderation queue: open claims with their evidence, the record's affiliation and works, the other claims on it
// and earlier decisions; Approve / Needs evidence / Reject through reviewClaim, Reject only after a confirmation.
import { GraphQLError, el, gql, isoDate, renderAccountNav, session, updateSessionUser } from "/static/session.js";

const QUEUE_SIZE = 50;
const REASONS = {
  NO_EVIDENCE: "No proof given (no institutional e-mail, ORCID iD or link).",
  EMAIL_DOMAIN_MISMATCH: "The e-mail domain matches none of the record's institutions.",
  ORCID_MISMATCH: "The ORCID iD differs from the record's.",
  ORCID_UNPROVEN: "The ORCID iD matches the record's but was typed, not proven by ORCID sign-in.",
  ALREADY_CLAIMED: "Someone already owns this record: this is a dispute.",
  REJECTED_BY_MODERATOR: "A moderator rejected it before.",
};
const DECISIONS = [
  { decision: "APPROVE", label: "Approve", className: "button", done: "Claim approved." },
  { decision: "NEEDS_EVIDENCE", label: "Needs evidence", className: "button button-secondary", done: "Asked the claimant for more evidence." },
  { decision: "REJECT", label: "Reject", className: "button button-danger", done: "Claim rejected.", confirm: true },
];
const DECISION_WORDS = { APPROVE: "Approved", REJECT: "Rejected", NEEDS_EVIDENCE: "More evidence asked for" };
const STATUS_WORDS = { PENDING: "pending", NEEDS_EVIDENCE: "waiting for evidence", APPROVED: "approved (owner)", REJECTED: "rejected" };

const page = document.querySelector('[data-page="moderation"]');
const result = document.getElementById("form-result");
const list = document.getElementById("claim-queue");
const filter = document.getElementById("queue-status");

function show(text, isError = false, ...extra) {
  result.replaceChildren(el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status" },
    el("p", { text }), ...extra));
}

function fact(term, ...value) {
  return el("div", {}, el("dt", { text: term }), el("dd", {}, ...value));
}

function evidence(claim) {
  const facts = [];
  if (claim.orcid) facts.push(fact("ORCID iD", el("span", { text: claim.orcid })));
  if (claim.evidenceUrl) {
    // Only web links become links; anything else is shown as text.
    const safe = /^https?:\/\//i.test(claim.evidenceUrl);
    facts.push(fact("Link", safe ? el("a", { href: claim.evidenceUrl, rel: "noopener noreferrer", text: claim.evidenceUrl })
      : el("span", { text: claim.evidenceUrl })));
  }
  if (claim.note) facts.push(fact("Note", el("span", { text: claim.note })));
  if (claim.earlierEvidence.length) {
    facts.push(fact("Given earlier", el("ul", { className: "claim-reasons" }, ...claim.earlierEvidence.map((text) => el("li", { text })))));
  }
  if (claim.decisions.length) {
    facts.push(fact("Decisions so far", el("ul", { className: "claim-reasons" }, ...claim.decisions.map((d) =>
      el("li", { text: `${isoDate(d.at)} · ${DECISION_WORDS[d.decision] ?? d.decision}${d.note ? `: “${d.note}”` : ""}` })))));
  }
  if (!facts.length) facts.push(fact("Evidence", el("span", { className: "muted", text: "None given" })));
  return facts;
}

// What the record holds, so the moderator can judge the claim against it.
function record(claim) {
  const r = claim.researcher;
  const works = r.works.edges.map((edge) => el("li", { text: `${edge.node.title ?? "Untitled work"}${edge.node.year ? ` (${edge.node.year})` : ""}` }));
  const others = claim.otherClaims.map((o) => el("li", { "data-other-claim": o.status,
    text: `${o.claimantName} · ${STATUS_WORDS[o.status] ?? o.status} · filed ${isoDate(o.createdAt)}` }));
  return [
    fact("Affiliation", el("span", { text: r.affiliation?.name ?? "none imported" })),
    ...(r.orcid ? [fact("Record's ORCID iD", el("span", { text: r.orcid }))] : []),
    fact(`Works (${r.counts.works})`, works.length
      ? el("ul", { className: "claim-reasons", "data-field": "record-works" }, ...works)
      : el("span", { className: "muted", text: "none" })),
    fact("Other claims on it", others.length
      ? el("ul", { className: "claim-reasons", "data-field": "other-claims" }, ...others)
      : el("span", { className: "muted", text: "none" })),
  ];
}

function claimItem(claim) {
  const reasonId = `reason-${claim.id}`;
  const who = claim.claimant.email ? `${claim.claimant.displayName} <${claim.claimant.email}>` : claim.claimant.displayName;
  const reason = el("input", { id: reasonId, name: "reason", type: "text", autocomplete: "off" });
  const row = el("p", { className: "actions" });
  const decide = async (decision, done) => {
    for (const b of row.querySelectorAll("button")) b.disabled = true;
    try {
      await gql("review_claim", { claimId: claim.id, decision, reason: reason.value.trim() || null });
      await load();
      show(`${done} (${claim.researcher.name}, ${claim.claimant.displayName}). The claimant was told by mail.`);
    } catch (error) {
      for (const b of row.querySelectorAll("button")) b.disabled = false;
      show(`The decision was not saved: ${error.message}`, true);
    }
  };
  const confirmRow = (label, decision, done) => {
    const yes = el("button", { type: "button", className: "button button-danger", text: `Yes, ${label.toLowerCase()}`,
      "data-confirm": decision });
    const no = el("button", { type: "button", className: "button button-secondary", text: "Cancel" });
    yes.addEventListener("click", () => decide(decision, done));
    no.addEventListener("click", () => { row.replaceChildren(...buttons); row.querySelector(`[data-decision="${decision}"]`).focus(); });
    row.replaceChildren(el("span", { className: "confirm-text", role: "alert",
      text: `${label} the claim of ${claim.claimant.displayName} on ${claim.researcher.name}? The claimant is told by mail and would have to file a new claim.` }), yes, no);
    yes.focus();
  };
  const buttons = DECISIONS.map(({ decision, label, className, done, confirm }) => {
    const button = el("button", { type: "button", className, text: label, "data-decision": decision });
    button.addEventListener("click", () => (confirm ? confirmRow(label, decision, done) : decide(decision, done)));
    return button;
  });
  row.append(...buttons);
  return el("li", { className: "claim-item", "data-claim-id": claim.id, "data-status": claim.status },
    el("h2", {}, el("a", { href: `/researchers/${encodeURIComponent(claim.researcher.id)}`, text: claim.researcher.name }),
      el("span", { className: "muted", text: ` (${claim.researcher.id})` })),
    el("dl", { className: "claim-facts" },
      fact("Claimant", el("span", { text: who }),
        el("span", { className: "muted", text: claim.claimant.emailVerified ? " · e-mail verified" : " · e-mail not verified" })),
      fact("Filed", el("time", { dateTime: claim.createdAt, text: `${isoDate(claim.createdAt)} ${claim.createdAt.slice(11, 16)} UTC` })),
      ...evidence(claim),
      ...record(claim),
      fact("Why a person must decide", claim.reasons.length
        ? el("ul", { className: "claim-reasons" }, ...claim.reasons.map((code) => el("li", { "data-reason": code, text: REASONS[code] ?? code })))
        : el("span", { className: "muted", text: "No reason recorded" }))),
    el("div", { className: "review" },
      el("label", { htmlFor: reasonId, text: "Note for the claimant (optional; they read it on the profile and in the mail)" }), reason,
      row));
}

async function load() {
  page.dataset.state = "loading";
  try {
    const data = await gql("claims_queue", { status: filter.value, first: QUEUE_SIZE });
    if (data.me) {
      updateSessionUser({ roles: data.me.roles });
      renderAccountNav();
    }
    list.replaceChildren(...data.claims.map(claimItem));
    if (data.claims.length) result.replaceChildren();
    else show(filter.value === "PENDING" ? "No claims are waiting for review." : "No claims are waiting for evidence.");
  } catch (error) {
    list.replaceChildren();
    if (error instanceof GraphQLError && error.code === "FORBIDDEN") {
      updateSessionUser({ roles: [] });
      renderAccountNav();
      filter.form.hidden = true;
      show("Only moderators can review claims.");
    } else if (error instanceof GraphQLError && error.code === "UNAUTHENTICATED") {
      signedOut();
    } else {
      show(`Could not load the claims: ${error.message}`, true);
    }
  }
  page.dataset.state = "ready";
}

function signedOut() {
  filter.form.hidden = true;
  show("Only moderators can review claims.", false,
    el("p", {}, el("a", { href: "/login?next=/moderation", text: "Sign in as a moderator" })));
}

filter.addEventListener("change", () => load());
filter.form.addEventListener("submit", (event) => event.preventDefault());
if (session()) load();
else {
  signedOut();
  page.dataset.state = "ready";
}
