// The account pages: sign in, register, confirm the e-mail, and the invitations inbox.
import { el, gql, saveSession, session } from "/static/session.js";

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
      await gql("register", { email, password, displayName });
      await signIn(email, password);
      show("Account created and signed in. We sent you a mail: open its link to confirm your address.", false,
        el("p", {}, el("a", { href: nextUrl(), text: "Continue" })));
      form.hidden = true;
    } catch (error) {
      show(error.message, true);
    }
  });
}

async function verifyEmail() {
  try {
    const data = await gql("verify_email", { token: page.dataset.token });
    show(`Thank you, ${data.verifyEmail.displayName}: your e-mail address is confirmed.`, false,
      el("p", {}, el("a", { href: "/explore", text: "Explore the graph" })));
  } catch (error) {
    show(error.message, true);
  }
}

function invitationItem(invitation) {
  const from = invitation.from.email ? `${invitation.from.displayName} <${invitation.from.email}>` : invitation.from.displayName;
  const item = el("li", { className: "invitation", "data-invitation-id": invitation.id, "data-status": invitation.status },
    el("h2", { text: `From ${from}` }),
    el("p", { className: "muted" }, el("span", { text: "To your record " }),
      el("a", { href: `/researchers/${encodeURIComponent(invitation.to.id)}`, text: invitation.to.name }),
      el("span", { text: ` · ${new Date(invitation.createdAt).toLocaleDateString()} · ${invitation.status.toLowerCase()}` })),
    el("blockquote", { text: invitation.message }));
  if (invitation.status === "PENDING") {
    const buttons = ["ACCEPT", "DECLINE"].map((response) => {
      const button = el("button", { type: "button", className: response === "ACCEPT" ? "button" : "button button-secondary",
        text: response === "ACCEPT" ? "Accept" : "Decline" });
      button.addEventListener("click", async () => {
        try {
          const data = await gql("respond_to_invite", { inviteId: invitation.id, response });
          item.replaceWith(invitationItem({ ...invitation, ...data.respondToInvite }));
        } catch (error) {
          show(error.message, true);
        }
      });
      return button;
    });
    item.append(el("p", { className: "actions" }, ...buttons));
  }
  return item;
}

async function loadInvitations() {
  if (!session()) {
    show("Sign in to see your invitations.", false, el("p", {}, el("a", { href: "/login?next=/invitations", text: "Sign in" })));
    return;
  }
  try {
    const data = await gql("invitations");
    const invitations = data.me?.invitations ?? [];
    document.getElementById("invitation-list").replaceChildren(...invitations.map(invitationItem));
    if (!invitations.length) show("No invitations yet.");
  } catch (error) {
    show(error.message, true);
  }
  page.dataset.state = "ready";
}

({ login: wireLogin, register: wireRegister, "verify-email": verifyEmail, invitations: loadInvitations })[page.dataset.page]?.();
