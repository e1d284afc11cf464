// The signed-in session (a bearer token kept in localStorage), GraphQL calls with it, and the header's
// account links. Shared by every page script; data reaches the page through textContent only.
const KEY = "scholargraph.session";
const documents = new Map();

export function session() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) || "null");
    if (saved && saved.token && (!saved.expiresAt || Date.parse(saved.expiresAt) > Date.now())) return saved;
  } catch { /* a damaged entry counts as signed out */ }
  return null;
}

export function saveSession(login) {
  localStorage.setItem(KEY, JSON.stringify({ token: login.token, expiresAt: login.expiresAt, user: login.user }));
}

// Keep the saved user in step with what the server says now (e.g. roles granted or revoked since sign-in).
export function updateSessionUser(user) {
  const current = session();
  if (!current) return;
  localStorage.setItem(KEY, JSON.stringify({ ...current, user: { ...current.user, ...user } }));
}

export function forgetSession() {
  localStorage.removeItem(KEY);
}

export class GraphQLError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

// Run a page document from web/queries/ (fetched once) with the viewer's token, if any.
export async function gql(name, variables = {}) {
  if (!documents.has(name)) {
    const response = await fetch(`/queries/${name}.graphql`);
    if (!response.ok) throw new Error(`Could not load the ${name} query.`);
    documents.set(name, await response.text());
  }
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const current = session();
  if (current) headers.Authorization = `Bearer ${current.token}`;
  const response = await fetch("/graphql", {
    method: "POST", headers, body: JSON.stringify({ query: documents.get(name), variables }),
  });
  const body = await response.json().catch(() => ({}));
  if (body.errors && body.errors.length) {
    const code = body.errors[0].extensions?.code;
    if (code === "UNAUTHENTICATED" && current) forgetSession(); // expired or revoked elsewhere
    throw new GraphQLError(body.errors[0].message, code);
  }
  if (!response.ok || !body.data) throw new Error(`The server answered ${response.status}.`);
  return body.data;
}

// A date as YYYY-MM-DD (UTC), the same in every locale.
export function isoDate(value) {
  return value ? String(value).slice(0, 10) : "";
}

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key.startsWith("data-") || key.startsWith("aria-") || key === "role") node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

// The header: "Sign in" for visitors; the user's name, the inbox and "Sign out" when signed in.
export function renderAccountNav() {
  const slot = document.querySelector("[data-account-nav]");
  if (!slot) return;
  const current = session();
  if (!current) return;
  const signOut = el("button", { type: "button", className: "nav-button", text: "Sign out", id: "sign-out" });
  signOut.addEventListener("click", async () => {
    try { await gql("logout"); } catch { /* the token is dropped either way */ }
    forgetSession();
    location.reload();
  });
  // The saved roles come from sign-in; the moderation page refreshes them from me.roles.
  const moderator = (current.user?.roles ?? []).includes("moderator")
    ? [el("li", {}, el("a", { href: "/moderation", text: "Moderation", "data-nav": "moderation" }))] : [];
  slot.replaceChildren(
    el("li", {}, el("a", { href: "/following", text: "Following" })),
    el("li", {}, el("a", { href: "/invitations", text: "Invitations" })),
    ...moderator,
    el("li", {}, el("a", { href: "/settings", className: "nav-user", "data-signed-in-as": current.user?.id ?? "",
      title: "Account settings", text: current.user?.displayName ?? "Signed in" })),
    el("li", {}, signOut));
}

renderAccountNav();
