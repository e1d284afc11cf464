// The account pages: sign in, register, confirm the e-mail (link or code, and a resend), and the invitations page
// (received and sent).
import { el, gql, isoDate, saveSession, session } from "/static/session.js";

const page = document.querySelector("[data-page]");
const result = document.getElementById("form-result");

function show(text, isError = false, ...extra) {
  result.replaceChildren(el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status" },
    el("p", { text }), ...extra));
}

// Only same-site paths, so a crafted ?next= cannot send the user elsewhere.
function nextUrl() {
  const next = page.dataset.next || "";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/explore";
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

async function signIn(email, password) {
  const data = await gql("login", { email, password });
  saveSession(data.login);
  return data.login;
}

function wireLogin() {
  const form = document.getElementById("login-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { email, password } = formValues(form);
    try {
      await signIn(email, password);
      location.assign(nextUrl());
    } catch (error) {
      show(error.message, true);
    }
  });
}

function wireRegister() {
  const form = document.getElementById("register-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { email, password, displayName } = formValues(form);
    try {
      await gql("register", { email, password, displayName, next: nextUrl() });
      await signIn(email, password);
      show("Account created and signed in. We sent you a mail: open its link to confirm your address.", false,
        el("p", {}, el("a", { href: nextUrl(), text: "Continue" })));
      form.hidden = true;
    } catch (error) {
      show(error.message, true);
    }
  });
}

async function confirm(token) {
  const data = await gql("verify_email", { token });
  const next = nextUrl();
  show(`Thank you, ${data.verifyEmail.displayName}: your e-mail address is confirmed.`, false,
    el("p", {}, el("a", { href: next, text: next === "/explore" ? "Explore the graph" : "Continue where you were",
      "data-action": "continue" })));
  const current = session();
  if (current) saveSession({ ...current, user: { ...current.user, emailVerified: true } });
  document.getElementById("verify-form").hidden = true;
  document.getElementById("resend").hidden = true;
}

function verifyEmail() {
  const form = document.getElementById("verify-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = new FormData(form).get("code").trim();
    if (!code) {
      show("Paste the code from the mail first.", true);
      return;
    }
    try {
      await confirm(code);
    } catch (error) {
      show(error.message, true);
    }
  });
  const resend = document.getElementById("resend");
  if (session()) {
    resend.hidden = false;
    resend.querySelector("button").addEventListener("click", async () => {
      try {
        await gql("resend_verification", { next: nextUrl() === "/explore" ? null : nextUrl() });
        show("We sent a new mail. Its link and code replace the earlier ones.");
      } catch (error) {
        show(error.message, true);
      }
    });
  }
  const done = () => { page.dataset.state = "ready"; };
  if (page.dataset.token) {
    confirm(page.dataset.token).catch((error) => show(error.message, true)).finally(done);
  } else {
    done();
  }
}

function when(value) {
  return el("time", { dateTime: value, text: isoDate(value) });
}

function invitationItem(invitation) {
  const from = invitation.from.email ? `${invitation.from.displayName} <${invitation.from.email}>` : invitation.from.displayName;
  const item = el("li", { className: "invitation", "data-invitation-id": invitation.id, "data-status": invitation.status },
    el("h3", { text: `From ${from}` }),
    el("p", { className: "muted" }, el("span", { text: "To your record " }),
      el("a", { href: `/researchers/${encodeURIComponent(invitation.to.id)}`, text: invitation.to.name }),
      el("span", { text: " · sent " }), when(invitation.createdAt),
      el("span", { text: ` · ${invitation.status.toLowerCase()}` })),
    el("blockquote", { text: invitation.message }));
  if (invitation.status === "ACCEPTED" && invitation.from.email) {
    item.append(el("div", { className: "notice", "data-next-step": "" },
      el("p", {}, el("strong", { text: "Next step: " }),
        el("span", { text: `write to ${invitation.from.displayName} at ` }),
        el("a", { href: `mailto:${invitation.from.email}`, text: invitation.from.email, "data-field": "sender-email" }),
        el("span", { text: " to agree how to work together. They were told by mail that you accepted." }))));
  }
  if (invitation.status === "PENDING") {
    const buttons = ["ACCEPT", "DECLINE"].map((response) => {
      const button = el("button", { type: "button", className: response === "ACCEPT" ? "button" : "button button-secondary",
        text: response === "ACCEPT" ? "Accept" : "Decline" });
      button.addEventListener("click", async () => {
        try {
          const data = await gql("respond_to_invite", { inviteId: invitation.id, response });
          const answered = invitationItem({ ...invitation, ...data.respondToInvite });
          item.replaceWith(answered);
          answered.querySelector("h3").setAttribute("tabindex", "-1");
          answered.querySelector("h3").focus();
        } catch (error) {
          show(error.message, true);
        }
      });
      return button;
    });
    item.append(el("p", { className: "muted", text: "Accepting shares your e-mail addresses with each other. "
      + "Declining tells the sender, who may not invite you again for 30 days." }),
    el("p", { className: "actions" }, ...buttons));
  }
  return item;
}

const SENT_STATUS = {
  PENDING: "waiting for an answer",
  ACCEPTED: "accepted",
  DECLINED: "declined",
};

function sentItem(invitation) {
  const item = el("li", { className: "invitation", "data-invitation-id": invitation.id, "data-status": invitation.status },
    el("h3", {}, el("span", { text: "To " }),
      el("a", { href: `/researchers/${encodeURIComponent(invitation.to.id)}`, text: invitation.to.name })),
    el("p", { className: "muted" }, el("span", { text: "Sent " }), when(invitation.createdAt),
      el("span", { text: " · " }), el("strong", { "data-field": "sent-status", text: SENT_STATUS[invitation.status] }),
      ...(invitation.respondedAt ? [el("span", { text: " on " }), when(invitation.respondedAt)] : [])),
    el("blockquote", { text: invitation.message }));
  if (invitation.status === "ACCEPTED" && invitation.recipientEmail) {
    item.append(el("div", { className: "notice", "data-next-step": "" },
      el("p", {}, el("strong", { text: "Next step: " }), el("span", { text: "write to them at " }),
        el("a", { href: `mailto:${invitation.recipientEmail}`, text: invitation.recipientEmail }))));
  } else if (invitation.status === "DECLINED") {
    item.append(el("p", { className: "muted", text: "You may invite them again 30 days after they answered." }));
  }
  return item;
}

function showTab(name) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
  }
}

function wireTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      showTab(tab.dataset.tab);
      history.replaceState(null, "", tab.dataset.tab === "sent" ? "/invitations?view=sent" : "/invitations");
    });
    tab.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      const next = tabs[(tabs.indexOf(tab) + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      next.click();
      next.focus();
    });
  }
  showTab(new URLSearchParams(location.search).get("view") === "sent" ? "sent" : "received");
}

async function loadInvitations() {
  wireTabs();
  if (!session()) {
    show("Sign in to see your invitations.", false, el("p", {}, el("a", { href: "/login?next=/invitations", text: "Sign in" })));
    page.dataset.state = "ready";
    return;
  }
  try {
    const data = await gql("invitations");
    const received = data.me?.invitations ?? [];
    const sent = data.me?.sentInvitations ?? [];
    document.getElementById("invitation-list").replaceChildren(...received.map(invitationItem));
    document.getElementById("sent-list").replaceChildren(...sent.map(sentItem));
    document.getElementById("received-empty").hidden = received.length > 0;
    document.getElementById("sent-empty").hidden = sent.length > 0;
    document.querySelector('[data-tab="received"] .tab-count').textContent = String(received.length);
    document.querySelector('[data-tab="sent"] .tab-count').textContent = String(sent.length);
    if (!received.length && !sent.length) show("No invitations yet.");
  } catch (error) {
    show(error.message, true);
  }
  page.dataset.state = "ready";
}

({ login: wireLogin, register: wireRegister, "verify-email": verifyEmail, invitations: loadInvitations })[page.dataset.page]?.();
