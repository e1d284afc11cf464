// The profile page for a signed-in viewer: Follow, the claim flow (claim, dispute, evidence in place, decisions
// with the moderator's note), the owner's one message and invitations. The page is rendered the same for
// everyone; this script asks what the viewer may do (profile_viewer.graphql) and wires the mutations. A signed-out
// click on Follow or Claim comes back here after sign-in as ?intent=follow|claim and is carried out then.
import { el, gql, isoDate, session } from "/static/session.js";

const REASONS = {
  LOGIN_REQUIRED: "Sign in to do this.",
  EMAIL_NOT_VERIFIED: "Verify your e-mail address first: open the link in the mail we sent you.",
  ALREADY_CLAIMED: "Someone has already claimed this author record.",
  NOT_CLAIMED: "This author record is not claimed yet, so it cannot receive invitations.",
  NOT_OPEN: "This researcher is not open to collaborate right now.",
  OWN_PROFILE: "This is your own record.",
  CLAIM_PENDING: "Your claim on this record is waiting for review.",
  INVITE_PENDING: "You have already sent an invitation that is waiting for an answer.",
  UNAVAILABLE: "Not available right now.",
  NO_EVIDENCE: "No proof was given: add your ORCID iD, a link to a page that shows this is you, or a note.",
  EMAIL_DOMAIN_MISMATCH: "Your e-mail domain does not match the record's institution.",
  ORCID_MISMATCH: "The ORCID iD does not match the one on the record.",
  ORCID_UNPROVEN: "A typed ORCID iD cannot prove itself: a moderator checks it.",
  REJECTED_BY_MODERATOR: "A moderator rejected the claim.",
};
const CLAIM_STATUS = {
  PENDING: "Your claim is waiting for a moderator's review.",
  NEEDS_EVIDENCE: "A moderator asked for more evidence. Add it below; what you gave before is kept.",
  APPROVED: "Your claim was approved: this is your record.",
  REJECTED: "Your claim was rejected.",
};
const DECISION_WORDS = { APPROVE: "Approved", REJECT: "Rejected", NEEDS_EVIDENCE: "More evidence asked for" };
const EXPLANATION = "Claiming links this public author record to a researcher profile and unlocks direct "
  + "collaboration workflows. An institutional e-mail proves it at once; otherwise a moderator reviews your evidence.";
const DISPUTE = "This record has an owner. If it is you, file a dispute with your evidence: a moderator compares "
  + "both claims and can move the record to you. The current owner keeps it until then.";

const article = document.querySelector("[data-researcher-id]");
const researcherId = article.dataset.researcherId;
const researcherName = document.getElementById("profile-name").textContent;
const actions = document.querySelector("[data-actions]");
const panel = document.getElementById("claim-panel");
const claimBox = document.querySelector("[data-claim-box]");

function reasonText(code) {
  return REASONS[code] ?? code;
}

function setFollowers(count) {
  document.querySelector('[data-count="followers"]').textContent = String(count);
}

async function setFollowing(follow) {
  const data = await gql(follow ? "follow" : "unfollow", { researcherId });
  const researcher = data.follow ?? data.unfollow;
  setFollowers(researcher.counts.followers);
  document.querySelector('[data-action="follow"]').replaceWith(followButton(researcher.viewerFollows, researcher.counts.followers));
}

function followButton(following, followers) {
  const button = el("button", { type: "button", className: following ? "button button-secondary" : "button",
    "data-action": "follow", "aria-pressed": String(following) },
  el("span", { text: following ? "Following" : "Follow" }),
  el("span", { className: "button-count", "aria-label": `${followers} follower${followers === 1 ? "" : "s"}`, text: String(followers) }));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await setFollowing(!following);
      document.querySelector('[data-action="follow"]').focus();
    } catch (error) {
      button.disabled = false;
      showNotice(`Could not update: ${error.message}`, true);
    }
  });
  return button;
}

function notice(text, isError = false, extra = [], props = {}) {
  return el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status", ...props },
    ...(text ? [el("p", { text })] : []), ...extra);
}

function showNotice(text, isError = false, extra = [], props = {}) {
  panel.replaceChildren(notice(text, isError, extra, props));
}

function evidenceList(claim) {
  const items = [];
  if (claim.orcid) items.push(`ORCID iD: ${claim.orcid}`);
  if (claim.evidenceUrl) items.push(`Link: ${claim.evidenceUrl}`);
  if (claim.note) items.push(`Note: ${claim.note}`);
  for (const earlier of claim.earlierEvidence ?? []) items.push(`${earlier} (given earlier)`);
  if (!items.length) return [];
  return [el("p", { className: "muted", text: "Evidence you gave:" }),
    el("ul", { className: "claim-evidence" }, ...items.map((text) => el("li", { text })))];
}

function decisionList(claim) {
  const decisions = claim.decisions ?? [];
  if (!decisions.length) return [];
  return [el("ol", { className: "claim-decisions", "aria-label": "Moderator decisions" }, ...decisions.map((d) =>
    el("li", { "data-decision": d.decision },
      el("span", { text: `${isoDate(d.at)} · ${DECISION_WORDS[d.decision] ?? d.decision}` }),
      ...(d.note ? [el("blockquote", { className: "moderator-note", "data-field": "moderator-note", text: d.note })] : []))))];
}

function claimSummary(claim) {
  const reasons = claim.reasons.length && claim.status !== "APPROVED"
    ? el("ul", { className: "claim-reasons" }, ...claim.reasons.map((code) => el("li", { "data-reason": code, text: reasonText(code) })))
    : "";
  return [el("p", { "data-claim-status": claim.status, text: CLAIM_STATUS[claim.status] ?? claim.status }),
    ...decisionList(claim), reasons, ...evidenceList(claim)];
}

function claimForm({ label, submitText, intro, onDone }) {
  const orcid = el("input", { id: "claim-orcid", name: "orcid", placeholder: "0000-0000-0000-0000", autocomplete: "off" });
  const url = el("input", { id: "claim-url", name: "evidenceUrl", type: "url", placeholder: "https://…" });
  const note = el("textarea", { id: "claim-note", name: "note", rows: 3, maxLength: 2000 });
  const submit = el("button", { type: "submit", className: "button", text: submitText });
  const result = el("div", { "aria-live": "polite" });
  const form = el("form", { id: "claim-form", "aria-label": label },
    el("p", { className: "muted", text: intro }),
    el("label", { htmlFor: "claim-orcid", text: "ORCID iD (optional)" }), orcid,
    el("label", { htmlFor: "claim-url", text: "Link that shows this is you, e.g. your university page (optional)" }), url,
    el("label", { htmlFor: "claim-note", text: "Note for the moderator (optional)" }), note,
    el("p", {}, submit), result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const evidence = {};
    if (orcid.value.trim()) evidence.orcid = orcid.value.trim();
    if (url.value.trim()) evidence.evidenceUrl = url.value.trim();
    if (note.value.trim()) evidence.note = note.value.trim();
    try {
      const data = await gql("claim_researcher", { researcherId, evidence: Object.keys(evidence).length ? evidence : null });
      await onDone(data.claimResearcher);
    } catch (error) {
      submit.disabled = false;
      result.replaceChildren(notice(`The claim was not sent: ${error.message}`, true));
    }
  });
  return form;
}

// A button that opens the claim (or dispute) form in place.
function claimOpener(text, formOptions) {
  const button = el("button", { type: "button", className: "button button-secondary", text,
    "data-action": "claim", "aria-expanded": "false", "aria-controls": "claim-panel" });
  button.addEventListener("click", () => openClaimForm(button, formOptions));
  return button;
}

function openClaimForm(button, formOptions) {
  button.setAttribute("aria-expanded", "true");
  button.hidden = true;
  panel.replaceChildren(claimForm(formOptions));
  document.getElementById("claim-orcid").focus();
}

async function claimSent(claim) {
  await refresh();
  const status = panel.querySelector("[data-claim-status]");
  if (status) status.closest(".notice")?.prepend(el("p", { className: "claim-sent", text: claim.status === "APPROVED" ? "Claim approved." : "Claim sent." }));
}

function resendButton() {
  const button = el("button", { type: "button", className: "button button-secondary", text: "Send the mail again",
    "data-action": "resend-verification" });
  const result = el("p", { "aria-live": "polite", className: "resend-result" });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await gql("resend_verification", { next: location.pathname });
      result.textContent = "Sent. Open the link in the new mail; it brings you back here.";
    } catch (error) {
      button.disabled = false;
      result.textContent = `Not sent: ${error.message}`;
    }
  });
  return el("div", {}, button, result);
}

function showClaim(researcher, me) {
  claimBox.replaceChildren();
  const mine = (me?.claims ?? []).find((claim) => claim.researcher.id === researcherId);
  const permission = researcher.viewerCanClaim;
  if (researcher.viewerIsOwner) {
    // One owner message, with the way to the owner tools.
    showNotice("This is your record.", false, [el("p", {},
      el("a", { href: `/researchers/${encodeURIComponent(researcherId)}/manage`, text: "Manage your record", "data-action": "manage" }),
      el("span", { text: ": edit the summary, say whether you are open to collaborate, hide works, see the history." }))],
    { "data-owner-message": "" });
    return;
  }
  if (mine && mine.status === "NEEDS_EVIDENCE") {
    panel.replaceChildren(notice("", false, claimSummary(mine), { "data-my-claim": mine.id }),
      claimForm({ label: "Add evidence to your claim", submitText: "Add evidence",
        intro: "Give what the moderator asked for. Fields you leave empty keep what you gave before.", onDone: claimSent }));
    return;
  }
  if (mine && mine.status === "PENDING") {
    panel.replaceChildren(notice("", false, claimSummary(mine), { "data-my-claim": mine.id }));
    return;
  }
  const earlier = mine ? [notice("", false, claimSummary(mine), { "data-my-claim": mine.id })] : [];
  if (permission.allowed) {
    const dispute = permission.reason === "ALREADY_CLAIMED";
    const options = dispute
      ? { label: "Dispute the claim on this record", submitText: "Send dispute", intro: DISPUTE, onDone: claimSent }
      : { label: "Claim this profile", submitText: "Send claim", intro: EXPLANATION, onDone: claimSent };
    claimBox.append(el("p", { className: "hint", "data-claim-intro": "", text: dispute ? DISPUTE : EXPLANATION }),
      claimOpener(dispute ? "Dispute the claim" : "Claim this profile", options));
    panel.replaceChildren(...earlier);
    if (intent === "claim") openClaimForm(claimBox.querySelector('[data-action="claim"]'), options);
  } else if (permission.reason === "EMAIL_NOT_VERIFIED") {
    showNotice(reasonText(permission.reason), false, [
      el("p", {}, el("span", { text: "The mail also has a code: " }),
        el("a", { href: `/verify-email?next=${encodeURIComponent(location.pathname)}`, text: "enter the code" }),
        el("span", { text: ". Until then you can follow researchers, but not claim records or send invitations." })),
      resendButton()], { "data-reason": permission.reason });
  }
}

// Invitations: a button that opens a short form when the viewer may invite, otherwise the reason in words.
const INVITE_REASONS = {
  LOGIN_REQUIRED: "Sign in to invite this researcher to collaborate.",
  EMAIL_NOT_VERIFIED: "Verify your e-mail first (see the mail we sent you), then you can send invitations.",
  NOT_CLAIMED: "Claim this author entity first to unlock direct invitations.",
  NOT_OPEN: "Not open to collaboration right now.",
  OWN_PROFILE: "This is your own record.",
  INVITE_PENDING: "You have already sent an invitation that is waiting for an answer.",
  COOLING_OFF: "They answered your last invitation less than 30 days ago; you can invite them again after that.",
  UNAVAILABLE: "Invitations to this researcher are not available.",
};
const INVITE_ERRORS = {
  CONFLICT: "an invitation from you is waiting for an answer, or was answered less than 30 days ago",
  FORBIDDEN: "you may not invite this researcher",
  UNAUTHENTICATED: "your session ended: sign in again",
  BAD_USER_INPUT: "the message was not accepted",
  RATE_LIMITED: "too many invitations in a short time: try again later",
  NOT_FOUND: "this researcher no longer exists",
};
const invitePanel = document.getElementById("invite-panel");

function inviteHint(text, reason) {
  const hint = document.querySelector('[data-action="invite-hint"]');
  hint.replaceChildren(text);
  hint.dataset.reason = reason ?? "";
}

function inviteNotice(text, isError, ...extra) {
  return el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status",
    "data-invite-result": isError ? "error" : "sent" }, el("p", { text }), ...extra);
}

function inviteForm(openButton) {
  const name = document.getElementById("profile-name").textContent;
  const message = el("textarea", { id: "invite-message", name: "message", rows: 4, required: true, maxLength: 2000 });
  const send = el("button", { type: "submit", className: "button", text: "Send" });
  const cancel = el("button", { type: "button", className: "button button-secondary", text: "Cancel" });
  const result = el("div", { "aria-live": "polite" });
  const form = el("form", { id: "invite-form", "aria-label": `Invite ${name} to collaborate` },
    el("label", { htmlFor: "invite-message", text: `Message to ${name}` }), message,
    el("p", { className: "muted", text: "The owner of this record reads it; your e-mail is shared only if they accept." }),
    el("p", { className: "actions" }, send, cancel), result);
  const close = () => { invitePanel.replaceChildren(); openButton.hidden = false; openButton.focus(); };
  cancel.addEventListener("click", close);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!message.value.trim()) {
      result.replaceChildren(inviteNotice("Write a message first.", true));
      message.focus();
      return;
    }
    send.disabled = true;
    try {
      await gql("send_invite", { researcherId, message: message.value.trim() });
      openButton.remove();
      inviteHint(INVITE_REASONS.INVITE_PENDING, "INVITE_PENDING");
      invitePanel.replaceChildren(inviteNotice("Invitation sent."));
    } catch (error) {
      send.disabled = false;
      const why = INVITE_ERRORS[error.code];
      result.replaceChildren(inviteNotice(`The invitation was not sent${why ? `: ${why}` : ""}. (${error.message})`, true));
    }
  });
  return form;
}

function showInvite(permission) {
  document.querySelector('[data-action="invite"]')?.remove();
  if (!permission.allowed) {
    // The owner reads one message, the unverified viewer one notice (above); the invitation hint would repeat it.
    if (permission.reason === "OWN_PROFILE" || permission.reason === "EMAIL_NOT_VERIFIED") inviteHint("", permission.reason);
    else inviteHint(INVITE_REASONS[permission.reason] ?? reasonText(permission.reason), permission.reason);
    return;
  }
  inviteHint("This researcher welcomes invitations to collaborate.", "");
  const open = el("button", { type: "button", className: "button button-secondary", text: "Invite to collaborate",
    "data-action": "invite", "aria-expanded": "false", "aria-controls": "invite-panel" });
  open.addEventListener("click", () => {
    open.hidden = true;
    open.setAttribute("aria-expanded", "true");
    invitePanel.replaceChildren(inviteForm(open));
    document.getElementById("invite-message").focus();
  });
  document.querySelector('[data-action="invite-hint"]').before(open);
}

async function refresh() {
  const data = await gql("profile_viewer", { id: researcherId });
  const researcher = data.researcher;
  if (!researcher) return;
  setFollowers(researcher.counts.followers);
  document.querySelector('[data-field="claim-status"]').textContent = researcher.trust.claimStatusLabel;
  document.querySelector('[data-action="follow"]').replaceWith(followButton(researcher.viewerFollows, researcher.counts.followers));
  showClaim(researcher, data.me);
  showInvite(researcher.viewerCanInvite);
  return researcher;
}

// What a signed-out click asked for, carried through sign-in in the URL; done once, then dropped from the URL.
const intent = new URLSearchParams(location.search).get("intent");

async function start() {
  const researcher = await refresh();
  if (intent) history.replaceState(null, "", location.pathname);
  if (researcher && intent === "follow") {
    if (!researcher.viewerFollows) await setFollowing(true);
    showNotice(`You follow ${researcherName}: their new works appear in your feed.`, false,
      [el("p", {}, el("a", { href: "/following", text: "Open your feed" }))], { "data-intent-done": "follow" });
  }
  actions.dataset.viewerState = "ready";
}

if (session()) {
  start().catch((error) => {
    showNotice(`Could not load your options: ${error.message}`, true);
    actions.dataset.viewerState = "ready";
  });
}
