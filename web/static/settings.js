// Account settings: display name, password change (ends the other sessions), sign out everywhere, verification.
import { el, forgetSession, gql, renderAccountNav, saveSession, session, updateSessionUser } from "/static/session.js";

const page = document.querySelector('[data-page="settings"]');
const result = document.getElementById("form-result");

function show(text, isError = false, ...extra) {
  result.replaceChildren(el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status" },
    el("p", { text }), ...extra));
}

function verifyState(me) {
  const slot = document.getElementById("verify-state");
  if (me.emailVerified) {
    slot.replaceChildren(el("p", { className: "muted", "data-field": "email-verified", text: "Your e-mail address is confirmed." }));
    return;
  }
  const button = el("button", { type: "button", className: "button button-secondary", text: "Send the mail again",
    "data-action": "resend-verification" });
  button.addEventListener("click", async () => {
    try {
      await gql("resend_verification", { next: "/settings" });
      show("We sent a new confirmation mail.");
    } catch (error) {
      show(error.message, true);
    }
  });
  slot.replaceChildren(el("div", { className: "notice" },
    el("p", {}, el("span", { text: "Your e-mail address is not confirmed yet. " }),
      el("a", { href: "/verify-email?next=/settings", text: "Enter the code" }),
      el("span", { text: " or open the link in the mail." })), el("p", {}, button)));
}

function wire() {
  const nameForm = document.getElementById("name-form");
  nameForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const data = await gql("update_account", { displayName: new FormData(nameForm).get("displayName") });
      updateSessionUser({ displayName: data.updateAccount.displayName });
      renderAccountNav();
      show(`Saved: others now see you as ${data.updateAccount.displayName}.`);
    } catch (error) {
      show(error.message, true);
    }
  });
  const passwordForm = document.getElementById("password-form");
  passwordForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = new FormData(passwordForm);
    try {
      const data = await gql("change_password", { current: values.get("current"), new: values.get("new") });
      saveSession(data.changePassword);
      passwordForm.reset();
      show("Password changed. Every other session has ended; this one goes on.");
    } catch (error) {
      show(error.message, true);
    }
  });
  document.getElementById("sign-out-everywhere").addEventListener("click", async (event) => {
    const button = event.currentTarget;
    if (button.dataset.confirming !== "true") {
      button.dataset.confirming = "true";
      button.textContent = "Yes, sign out on every device";
      show("This ends every session, this one included. Press the button again to confirm.");
      return;
    }
    try {
      await gql("logout_everywhere");
    } catch { /* the local token is dropped either way */ }
    forgetSession();
    location.assign("/login?next=/settings");
  });
}

async function start() {
  if (!session()) {
    show("Sign in to change your settings.", false, el("p", {}, el("a", { href: "/login?next=/settings", text: "Sign in" })));
    return;
  }
  try {
    const data = await gql("account_settings");
    if (!data.me) throw new Error("Your session ended: sign in again.");
    document.querySelector('[data-field="account-email"]').textContent = `Signed in as ${data.me.email}.`;
    document.getElementById("settings-name").value = data.me.displayName;
    verifyState(data.me);
    wire();
    document.getElementById("settings-tools").hidden = false;
  } catch (error) {
    show(error.message, true, el("p", {}, el("a", { href: "/login?next=/settings", text: "Sign in" })));
  }
}

start().finally(() => { page.dataset.state = "ready"; });
