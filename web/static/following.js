// The Following page: the feed of news about followed researchers and the list of whom the viewer follows.
import { el, gql, isoDate, session } from "/static/session.js";

const FIRST = 50;
const KIND_WORDS = { NEW_WORK: "New work", NEW_CITATION: "New citation", CLAIM_APPROVED: "Claimed" };
const page = document.querySelector('[data-page="following"]');
const result = document.getElementById("form-result");

function show(text, isError = false, ...extra) {
  result.replaceChildren(el("div", { className: `notice${isError ? " error" : ""}`, role: isError ? "alert" : "status" },
    el("p", { text }), ...extra));
}

function profileLink(researcher) {
  return el("a", { href: `/researchers/${encodeURIComponent(researcher.id)}`, text: researcher.name });
}

function feedItem(event) {
  return el("li", { className: "work feed-item", "data-kind": event.kind },
    el("p", { className: "work-meta" }, el("span", { className: "tag", text: KIND_WORDS[event.kind] ?? event.kind }),
      el("time", { dateTime: event.at, text: isoDate(event.at) })),
    el("p", { text: event.text }),
    el("p", {}, profileLink(event.researcher),
      ...(event.work ? [el("span", { text: " · " }), el("a", { href: `/explore?center=${encodeURIComponent(event.work.id)}`, text: "See the work in the graph" })] : [])));
}

async function start() {
  if (!session()) {
    show("Sign in to see the researchers you follow and their news.", false,
      el("p", {}, el("a", { href: "/login?next=/following", text: "Sign in" })));
    return;
  }
  try {
    const data = await gql("following", { first: FIRST });
    if (!data.me) throw new Error("Your session ended: sign in again.");
    const followed = data.me.following;
    document.getElementById("feed").replaceChildren(...data.me.feed.map(feedItem));
    document.getElementById("feed-empty").hidden = data.me.feed.length > 0;
    document.getElementById("followed").replaceChildren(...followed.edges.map((edge) => el("li", { "data-researcher-id": edge.node.id },
      profileLink(edge.node),
      el("span", { className: "muted", text: `${edge.node.affiliation ? `${edge.node.affiliation.name} · ` : ""}since ${isoDate(edge.followedAt)}` }))));
    document.querySelector('[data-field="following-count"]').textContent = `(${followed.totalCount})`;
    document.getElementById("followed-empty").hidden = followed.totalCount > 0;
    document.getElementById("following-tools").hidden = false;
  } catch (error) {
    show(error.message, true);
  }
}

start().finally(() => { page.dataset.state = "ready"; });
