// The team: who is in it, who still waits for the inbox key, inviting (admins) and removing
// (admins; or an adviser who holds the key, for a fellow adviser). Giving access and renewing the
// key happen only in the browser of an adviser who holds the current key, after comparing the
// safety number of each colleague's key (key-check.js), so the removed member's wraps open nothing
// new and no key goes to someone no adviser granted (T3).

import { fromBase64 } from "../../crypto/bytes.js";
import { safetyNumber } from "../../crypto/safety-number.js";
import { api } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { confirmKeys } from "../key-check.js";
import { holdsCurrentKey, member, newInboxKey, personalPublicKey, refresh, wrapsFor } from "../keyring.js";
import { newKeyPair } from "../staff-keys.js";

export const teamOf = (members) => members.filter((m) => !m.partner_id);

function roles(m) {
  return [m.is_admin ? t("team.admin") : null, m.is_vp ? t("team.vp") : null].filter(Boolean).join(", ");
}

// False when the adviser did not confirm the newcomer's safety number: nothing is sealed then.
export async function grantAccess(target) {
  const [checked] =
    (await confirmKeys([{ name: target.username, publicKey: fromBase64(target.public_key) }], {
      title: t("keycheck.grant_title", { name: target.username }),
      explained: t("keycheck.grant_explained", { name: target.username }),
      always: true,
    })) || [];
  if (!checked) return false;
  const wraps = await wrapsFor(target.id, checked.publicKey);
  await api("POST", `/api/v1/staff/members/${target.id}/inbox-access`, { wraps, safety_number: checked.safetyNumber });
  return true;
}

// The key is renewed when the member holds it; only a key holder can (the server refuses anyone
// else). The new version goes to every colleague who holds the current one, each key confirmed.
export async function removeMember(target, members) {
  const me = member();
  let body = {};
  if (target.holds_inbox_key && holdsCurrentKey()) {
    const stay = members.filter((m) => m.holds_current_key && m.id !== target.id && m.id !== me.id);
    const checked = await confirmKeys(
      stay.map((m) => ({ id: m.id, name: m.username, publicKey: fromBase64(m.public_key) })),
      { title: t("keycheck.rotation_title"), explained: t("keycheck.rotation_explained", { name: target.username }) }
    );
    if (!checked) return false;
    body = { inbox_key: (await newInboxKey(checked, newKeyPair)).body };
  }
  await api("POST", `/api/v1/staff/members/${target.id}/removal`, body);
  await refresh();
  return true;
}

export async function showTeam(root, { members, rerender }) {
  const me = member();
  const heading = h("h1", {}, t("team.title"));
  const say = h("p", { role: "status", class: "status-line" });
  const rows = teamOf(members).map((m) => {
    const actions = [];
    const waiting = m.is_vp && m.status === "active" && m.public_key && !m.has_inbox_access;
    if (waiting && holdsCurrentKey()) {
      actions.push(
        h("button", {
          type: "button",
          class: "button secondary",
          onclick: async () => {
            try {
              if (await grantAccess(m)) await rerender(t("team.granted", { name: m.username }));
            } catch (error) {
              say.textContent = error.message || t("console.error");
            }
          },
        }, t("team.grant", { name: m.username }))
      );
    }
    const mayRemove = me.is_admin || (holdsCurrentKey() && m.is_vp && !m.is_admin);
    if (mayRemove && m.id !== me.id && m.status !== "removed") {
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
            try {
              if (await removeMember(m, members)) await rerender(t(m.holds_inbox_key ? "team.removed" : "team.removed_no_key", { name: m.username }));
            } catch (error) {
              say.textContent = error.message || t("console.error");
            }
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

  const own = personalPublicKey();
  const ownNumber = h("p", { class: "secret safety-number", id: "own-safety-number" }, own ? await safetyNumber(own) : "");
  const parts = [heading, say, table, h("p", {}, t("team.your_safety_number")), ownNumber];
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
        h("p", { class: "hint" }, t("team.invite_link_hint", { name: made.member.username }))
      );
      username.value = "";
    });
    parts.push(invite);
  }
  root.replaceChildren(...parts);
  announce(heading);
  return { say };
}
