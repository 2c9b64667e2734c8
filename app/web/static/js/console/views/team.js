// The team: who is in it, who still waits for the inbox key, inviting (admins) and removing
// (admins; the inbox key is rotated in this browser so the removed member's wraps open nothing new).

import { fromBase64 } from "../../crypto/bytes.js";
import { api } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { hasInboxAccess, member, newInboxKey, refresh, wrapsFor } from "../keyring.js";
import { newKeyPair } from "../staff-keys.js";

export const teamOf = (members) => members.filter((m) => !m.partner_id);

function roles(m) {
  return [m.is_admin ? t("team.admin") : null, m.is_vp ? t("team.vp") : null].filter(Boolean).join(", ");
}

export async function grantAccess(target) {
  const wraps = await wrapsFor(target.id, fromBase64(target.public_key));
  await api("POST", `/api/v1/staff/members/${target.id}/inbox-access`, { wraps });
}

export async function removeMember(target, members) {
  const remaining = members.filter((m) => m.id !== target.id && m.is_vp && m.status === "active" && m.public_key && !m.partner_id);
  const { body } = await newInboxKey(remaining, newKeyPair);
  await api("POST", `/api/v1/staff/members/${target.id}/removal`, { inbox_key: body });
  await refresh();
}

export async function showTeam(root, { members, rerender }) {
  const me = member();
  const heading = h("h1", {}, t("team.title"));
  const say = h("p", { role: "status", class: "status-line" });
  const rows = teamOf(members).map((m) => {
    const actions = [];
    const waiting = m.is_vp && m.status === "active" && m.public_key && !m.has_inbox_access;
    if (waiting && hasInboxAccess()) {
      actions.push(
        h("button", {
          type: "button",
          class: "button secondary",
          onclick: async () => {
            await grantAccess(m);
            await rerender(t("team.granted", { name: m.username }));
          },
        }, t("team.grant", { name: m.username }))
      );
    }
    if (me.is_admin && m.id !== me.id && m.status !== "removed") {
      actions.push(
        h("button", {
          type: "button",
          class: "button danger",
          onclick: async (event) => {
            const button = event.currentTarget;
            if (button.dataset.confirm !== "yes") {
              button.dataset.confirm = "yes";
              button.textContent = t("team.confirm_remove", { name: m.username });
              return;
            }
            await removeMember(m, members);
            await rerender(t("team.removed", { name: m.username }));
          },
        }, t("team.remove", { name: m.username }))
      );
    }
    return h(
      "tr",
      { "data-member": m.username },
      h("th", { scope: "row" }, m.username, m.id === me.id ? ` (${t("team.you")})` : ""),
      h("td", {}, roles(m)),
      h("td", {}, t(`team.status.${m.status}`)),
      h("td", {}, m.is_vp ? (m.has_inbox_access ? t("team.has_access") : h("span", { class: "overdue" }, t("team.waiting"))) : ""),
      h("td", {}, actions)
    );
  });
  const table = h(
    "table",
    { class: "team" },
    h("caption", { class: "visually-hidden" }, t("team.title")),
    h("thead", {}, h("tr", {}, [t("team.name"), t("team.roles"), t("team.state"), t("team.access"), ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows)
  );

  const parts = [heading, say, table];
  if (me.is_admin) {
    const username = h("input", { id: "invite-username", required: true, maxlength: 64, autocomplete: "off" });
    const isAdmin = h("input", { type: "checkbox", id: "invite-admin" });
    const result = h("div", { class: "invite-result", "aria-live": "polite" });
    const invite = h(
      "form",
      { class: "invite" },
      h("h2", {}, t("team.invite")),
      h("label", { for: "invite-username" }, t("team.username")),
      username,
      h("label", { class: "check" }, isAdmin, ` ${t("team.also_admin")}`),
      h("button", { type: "submit", class: "button" }, t("team.send_invite")),
      result
    );
    invite.addEventListener("submit", async (event) => {
      event.preventDefault();
      const made = await api("POST", "/api/v1/staff/members", { username: username.value.trim(), is_admin: isAdmin.checked, is_vp: true });
      result.replaceChildren(
        h("p", {}, t("team.invite_link", { name: made.member.username })),
        h("p", { class: "secret", id: "invite-link" }, made.enrolment_url),
        h("p", { class: "hint" }, t("team.invite_link_hint"))
      );
      username.value = "";
    });
    parts.push(invite);
  }
  root.replaceChildren(...parts);
  announce(heading);
  return { say };
}
