// The profile page for a signed-in viewer: the Follow button and the claim flow. The page is rendered the same
// for everyone; this script asks what the viewer may do (profile_viewer.graphql) and wires the mutations.
import { el, gql, session } from "/static/session.js";

const REASONS = {
  LOGIN_REQUIRED: "Sign in to do this.",
  EMAIL_NOT_VERIFIED: "Verify your e-mail address first (see the mail we sent you).",
  ALREADY_CLAIMED: "Someone has already claimed this author record.",
  NOT_CLAIMED: "This author record is not claimed yet, so it cannot receive invitations.",
  NOT_OPEN: "This researcher is not open to collaborate right now.",
  OWN_PROFILE: "This is your own record.",
  CLAIM_PENDING: "Your claim on this record is waiting for review.",
  INVITE_PENDING: "You have already sent an invitation that is waiting for an answer.",
  UNAVAILABLE: "Not available right now.",
  NO_EVIDENCE: "No proof was given: add your ORCID iD or a link that shows this is you.",
  EMAIL_DOMAIN_MISMATCH: "Your e-mail domain does not match the record's institution.",
  ORCID_MISMATCH: "The ORCID iD does not match the one on the record.",
  ORCID_UNPROVEN: "The ORCID iD could not be confirmed as yours.",
  REJECTED_BY_MODERATOR: "A moderator rejected the claim.",
};
const CLAIM_STATUS = {
  PENDING: "Your claim is waiting for a moderator's review.",
  NEEDS_EVIDENCE: "A moderator asked for more evidence.",
  APPROVED: "Your claim was approved: this is your record.",
  REJECTED: "Your claim was rejected.",
};

const article = document.querySelector("[data-researcher-id]");
const researcherId = article.dataset.researcherId;
const actions = document.querySelector("[data-actions]");
const panel = document.getElementById("claim-panel");

function reasonText(code) {
  return REASONS[code] ?? code;
}

function setFollowers(count) {
  document.querySelector('[data-count="followers"]').textContent = String(count);
}

function followButton(following, followers) {
  const button = el("button", { type: "button", className: following ? "button button-secondary" : "button",
    "data-action": "follow", "aria-pressed": String(following) },
  el("span", { text: following ? "Following" : "Follow" }),
  el("span", { className: "button-count", "aria-label": `${followers} follower${followers === 1 ? "" : "s"}`, text: String(followers) }));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const data = await gql(following ? "unfollow" : "follow", { researcherId });
      const researcher = data.follow ?? data.unfollow;
      setFollowers(researcher.counts.followers);
      button.replaceWith(followButton(researcher.viewerFollows, researcher.counts.followers));
      document.querySelector('[data-action="follow"]').focus();
    } catch (error) {
      button.disabled = false;
      showNotice(`Could not update: ${error.message}`, true);
    }
  });
  return button;
}

function showNotice(text, isError = false, extra = []) {
  panel.replaceChildren(el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status" },
    el("p", { text }), ...extra));
}

function claimSummary(claim) {
  const reasons = claim.reasons.length
    ? el("ul", { className: "claim-reasons" }, ...claim.reasons.map((code) => el("li", { "data-reason": code, text: reasonText(code) })))
    : "";
  return [el("p", { "data-claim-status": claim.status, text: CLAIM_STATUS[claim.status] ?? claim.status }), reasons];
}

function claimForm() {
  const orcid = el("input", { id: "claim-orcid", name: "orcid", placeholder: "0000-0000-0000-0000", autocomplete: "off" });
  const url = el("input", { id: "claim-url", name: "evidenceUrl", type: "url", placeholder: "https://…" });
  const submit = el("button", { type: "submit", className: "button", text: "Claim this author" });
  const form = el("form", { id: "claim-form", "aria-label": "Claim this author record" },
    el("p", { className: "muted", text: "Claim the record if it is you. An institutional e-mail or your ORCID iD proves it at once; otherwise a moderator reviews the claim." }),
    el("label", { htmlFor: "claim-orcid", text: "ORCID iD (optional)" }), orcid,
    el("label", { htmlFor: "claim-url", text: "Link showing this is you (optional)" }), url,
    el("p", {}, submit));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const evidence = {};
    if (orcid.value.trim()) evidence.orcid = orcid.value.trim();
    if (url.value.trim()) evidence.evidenceUrl = url.value.trim();
    try {
      const data = await gql("claim_researcher", { researcherId, evidence: Object.keys(evidence).length ? evidence : null });
      await refresh();
      showNotice("Claim sent.", false, claimSummary(data.claimResearcher));
    } catch (error) {
      submit.disabled = false;
      showNotice(`The claim was not accepted: ${error.message}`, true);
    }
  });
  return form;
}

// Invitations: a button that opens a short form when the viewer may invite, otherwise the reason in words.
const INVITE_REASONS = {
  LOGIN_REQUIRED: "Sign in to invite this researcher to collaborate.",
  EMAIL_NOT_VERIFIED: "Verify your e-mail first (see the mail we sent you), then you can send invitations.",
  NOT_CLAIMED: "Claim this author entity first to unlock direct invitations.",
  NOT_OPEN: "Not open to collaboration right now.",
  OWN_PROFILE: "This is your own record.",
  INVITE_PENDING: "You have already sent an invitation that is waiting for an answer.",
  UNAVAILABLE: "Invitations to this researcher are not available.",
};
const INVITE_ERRORS = {
  CONFLICT: "an invitation from you is already waiting for an answer",
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
    inviteHint(INVITE_REASONS[permission.reason] ?? reasonText(permission.reason), permission.reason);
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

  const claimLink = document.querySelector('[data-action="claim"]');
  if (claimLink) claimLink.remove();
  const mine = (data.me?.claims ?? []).find((claim) => claim.researcher.id === researcherId);
  if (researcher.viewerIsOwner) {
    showNotice("This is your author record.");
  } else if (researcher.viewerCanClaim.allowed) {
    panel.replaceChildren(...(mine ? [el("div", { className: "notice" }, ...claimSummary(mine))] : []), claimForm());
  } else if (mine) {
    showNotice("Your claim on this record:", false, claimSummary(mine));
  } else if (researcher.trust.claimStatus === "UNCLAIMED" || researcher.viewerCanClaim.reason === "EMAIL_NOT_VERIFIED") {
    showNotice(reasonText(researcher.viewerCanClaim.reason), false);
    panel.firstChild.dataset.reason = researcher.viewerCanClaim.reason ?? "";
  }

  showInvite(researcher.viewerCanInvite);
  actions.dataset.viewerState = "ready";
}

if (session()) {
  refresh().catch((error) => showNotice(`Could not load your options: ${error.message}`, true));
}
