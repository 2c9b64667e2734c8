// Chain partners for administrators: each partner with its keys (the current one's fingerprint
// first), its API tokens and its users, and what an administrator does with them. Secrets (a key
// enrolment code, an API token, an invitation link) are shown once, right after they are made;
// the server keeps only their hashes and cannot show them again.

import { api } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { confirmFirst, dateOf, run, showProblem } from "./admin-common.js";

const KINDS = ["police", "care", "municipality"];
const base = (id) => `/api/v1/admin/partners/${encodeURIComponent(id)}`;

// An action re-renders the page so every list is the server's; what it revealed, and where the
// administrator was, are carried over that one re-render and then dropped.
let pending = null;

function table(caption, columns, rows) {
  return h(
    "table",
    {},
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows)
  );
}

function field(id, label, control) {
  return [h("label", { for: id }, label), control];
}

function kindSelect(id, chosen) {
  return h("select", { id, required: true }, KINDS.map((k) => h("option", { value: k, selected: k === chosen }, t(`admin.kind.${k}`))));
}

function secret(lines, value, hint, id) {
  return [h("p", {}, lines), h("p", { class: "secret", id }, value), h("p", { class: "hint" }, hint)];
}

function keysPart(p, after, box) {
  const current = p.keys.find((k) => k.current);
  const line = current
    ? h("p", { class: "current-key" }, h("strong", {}, t("admin.partners.current_key")), " ", h("code", { class: "fingerprint" }, current.fingerprint))
    : h("p", { class: "current-key overdue" }, t("admin.partners.no_key"));
  if (!p.keys.length) return [line];
  const rows = p.keys.map((key) => {
    const state = key.retired_at ? t("admin.partners.key_retired", { date: dateOf(key.retired_at) }) : key.current ? t("admin.partners.key_current") : t("admin.partners.key_older");
    const retire = key.retired_at
      ? null
      : confirmFirst(h("button", { type: "button", class: "button danger small" }, t("admin.partners.retire")), t("admin.partners.confirm_retire"), box, async () => {
          await api("POST", `${base(p.id)}/keys/${key.id}/retirement`);
          await after(t("admin.partners.retired", { name: p.name }));
        });
    // The state and its action share a cell: a column of its own squeezes the fingerprint.
    return h("tr", { "data-key": key.key_id }, h("td", {}, h("code", {}, key.key_id)), h("td", {}, h("code", {}, key.fingerprint)), h("td", {}, dateOf(key.created_at)), h("td", {}, h("p", { class: "meta" }, state), retire));
  });
  const caption = t("admin.partners.keys", { name: p.name });
  return [line, h("h3", {}, caption), table(caption, [t("admin.partners.key_id"), t("admin.partners.fingerprint"), t("admin.partners.registered"), t("admin.partners.state")], rows)];
}

function tokensPart(p, tokens, after, box) {
  const caption = t("admin.partners.tokens", { name: p.name });
  const rows = tokens.map((token) => {
    const revoke = token.revoked_at
      ? null
      : confirmFirst(h("button", { type: "button", class: "button danger small" }, t("admin.partners.revoke")), t("admin.partners.confirm_revoke", { name: token.name }), box, async () => {
          await api("DELETE", `${base(p.id)}/tokens/${token.id}`);
          await after(t("admin.partners.revoked", { name: token.name }));
        });
    return h(
      "tr",
      { "data-token": token.id, "data-state": token.revoked_at ? "revoked" : "valid" },
      h("td", {}, token.name),
      h("td", {}, dateOf(token.created_at)),
      h("td", {}, token.last_used_on || t("admin.partners.never_used")),
      h("td", {}, token.revoked_at ? t("admin.partners.token_revoked", { date: dateOf(token.revoked_at) }) : t("admin.partners.token_live")),
      h("td", {}, revoke)
    );
  });
  return [h("h3", {}, caption), table(caption, [t("admin.partners.token_name"), t("admin.partners.made"), t("admin.partners.last_used"), t("admin.partners.state"), ""], rows)];
}

function usersPart(p, users, after, box) {
  const caption = t("admin.partners.users", { name: p.name });
  const rows = users.map((user) => {
    const remove =
      user.status === "removed"
        ? null
        : confirmFirst(h("button", { type: "button", class: "button danger small" }, t("admin.partners.remove_user")), t("admin.partners.confirm_remove_user", { name: user.username }), box, async () => {
            await api("DELETE", `${base(p.id)}/users/${user.id}`);
            await after(t("admin.partners.user_removed", { name: user.username }));
          });
    return h("tr", { "data-user": user.username }, h("td", {}, user.username), h("td", {}, t(`team.status.${user.status}`)), h("td", {}, remove));
  });
  return [h("h3", {}, caption), table(caption, [t("admin.partners.username"), t("admin.partners.state"), ""], rows)];
}

function editForm(p, after, box) {
  const id = (name) => `${name}-${p.id}`;
  const name = h("input", { id: id("edit-name"), required: true, maxlength: 200, value: p.name, autocomplete: "off" });
  const kind = kindSelect(id("edit-kind"), p.kind);
  const description = h("textarea", { id: id("edit-description"), maxlength: 2000, rows: 3 }, p.description);
  const save = h("button", { type: "submit", class: "button" }, t("admin.partners.save"));
  const form = h("form", {}, field(id("edit-name"), t("admin.partners.name"), name), field(id("edit-kind"), t("admin.partners.kind"), kind), field(id("edit-description"), t("admin.partners.description"), description), save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(save, box, async () => {
      // Only what changed is sent, so the audit entry names only those fields.
      const wanted = { name: name.value.trim(), kind: kind.value, description: description.value.trim() };
      const change = Object.fromEntries(Object.entries(wanted).filter(([field, value]) => value !== p[field]));
      const changed = Object.keys(change).length ? await api("PATCH", base(p.id), change) : p;
      await after(t("admin.partners.saved", { name: changed.name }));
    });
  });
  return h("details", {}, h("summary", {}, t("admin.partners.edit")), form);
}

// Reporters read a partner in their page's language, else English, else Dutch. The Dutch text is
// edited above (it is also what staff see); this form picks one other language at a time.
function languageName(code) {
  try {
    const names = new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" });
    return `${names.of(code.replace("_", "-"))} (${code})`;
  } catch {
    return code;
  }
}

function textsForm(p, after, box) {
  const id = (name) => `${name}-${p.id}`;
  const others = Object.keys(p.texts).filter((code) => code !== "nl");
  const language = h("select", { id: id("text-language") }, others.map((code) => h("option", { value: code }, languageName(code))));
  const name = h("input", { id: id("text-name"), maxlength: 200, autocomplete: "off" });
  const description = h("textarea", { id: id("text-description"), maxlength: 2000, rows: 3 });
  const state = h("p", { class: "hint", "aria-live": "polite" });
  const fill = () => {
    const text = p.texts[language.value];
    name.value = text?.name || "";
    description.value = text?.description || "";
    state.textContent = text ? "" : t("admin.partners.text_missing");
  };
  language.addEventListener("change", fill);
  fill();
  const save = h("button", { type: "submit", class: "button" }, t("admin.partners.save_text"));
  const form = h("form", {}, field(id("text-language"), t("admin.partners.language"), language), state, field(id("text-name"), t("admin.partners.text_name"), name), field(id("text-description"), t("admin.partners.text_description"), description), save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(save, box, async () => {
      const code = language.value;
      // Both fields empty removes the translation: reporters then see the English or Dutch text.
      const wanted = name.value.trim() || description.value.trim() ? { name: name.value.trim(), description: description.value.trim() } : null;
      await api("PATCH", base(p.id), { texts: { [code]: wanted } });
      await after(t(wanted ? "admin.partners.text_saved" : "admin.partners.text_removed", { name: p.name, language: languageName(code) }));
    });
  });
  return h("details", { class: "partner-texts" }, h("summary", {}, t("admin.partners.texts")), h("p", { class: "hint" }, t("admin.partners.texts_hint")), form);
}

function missingTexts(p) {
  const missing = Object.entries(p.texts).filter(([, text]) => !text).map(([code]) => code);
  return missing.length ? h("p", { class: "hint missing-texts" }, t("admin.partners.texts_missing", { languages: missing.join(", ") })) : null;
}

function tokenForm(p, after, box) {
  const id = `token-name-${p.id}`;
  const name = h("input", { id, required: true, maxlength: 100, autocomplete: "off" });
  const make = h("button", { type: "submit", class: "button" }, t("admin.partners.make_token_now"));
  const form = h("form", {}, field(id, t("admin.partners.new_token_name"), name), make);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(make, box, async () => {
      const made = await api("POST", `${base(p.id)}/tokens`, { name: name.value.trim() });
      const words = { name: made.token.name, partner: p.name };
      await after(null, secret(t("admin.partners.token_made", words), made.api_token, t("admin.partners.token_hint", words), `new-token-${p.id}`));
    });
  });
  return h("details", {}, h("summary", {}, t("admin.partners.make_token")), form);
}

function inviteForm(p, after, box) {
  const id = `invite-user-${p.id}`;
  const username = h("input", { id, required: true, minlength: 3, maxlength: 64, pattern: "[a-z0-9][a-z0-9._\\-]*", autocomplete: "off", autocapitalize: "none", spellcheck: "false" });
  const send = h("button", { type: "submit", class: "button" }, t("admin.partners.send_invite"));
  const form = h("form", {}, field(id, t("admin.partners.username"), username), send);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(send, box, async () => {
      const made = await api("POST", `${base(p.id)}/users`, { username: username.value.trim() });
      const words = { name: made.member.username, partner: p.name };
      await after(null, secret(t("admin.partners.invite_link", words), made.enrolment_url, t("admin.partners.invite_hint", words), `invite-link-${p.id}`));
    });
  });
  return h("details", {}, h("summary", {}, t("admin.partners.invite")), form);
}

function partnerSection(p, tokens, users, rerender, carried) {
  const headingId = `partner-${p.id}`;
  const box = h("div", { class: "partner-result", "aria-live": "polite", tabindex: -1 });
  if (carried?.message) box.append(h("p", { class: "status-line" }, carried.message));
  if (carried?.reveal) box.append(...carried.reveal);
  // After an action: re-render, then come back to this partner with what it said or revealed.
  const after = async (message, reveal = null) => {
    pending = { partner: p.id, message, reveal };
    try {
      await rerender("");
    } catch (error) {
      // The action was done; only the new page failed. What it revealed cannot be asked for
      // again, so it stays on this page.
      showProblem(box, error);
      if (reveal) box.append(...reveal);
    } finally {
      // Never carried further than the one re-render: a secret must not turn up later, for
      // whoever logs in next in this browser.
      pending = null;
    }
  };

  const enrol = h("button", { type: "button", class: "button secondary" }, t("admin.partners.make_enrolment"));
  enrol.addEventListener("click", () =>
    run(enrol, box, async () => {
      const made = await api("POST", `${base(p.id)}/enrolments`);
      await after(null, secret(t("admin.partners.enrolment_code", { name: p.name, hours: made.expires_in_hours }), made.enrolment_token, t("admin.partners.enrolment_hint"), `enrolment-code-${p.id}`));
    })
  );
  const toggle = h("button", { type: "button", class: p.active ? "button danger" : "button secondary" }, p.active ? t("admin.partners.deactivate") : t("admin.partners.reactivate"));
  toggle.addEventListener("click", () =>
    run(toggle, box, async () => {
      await api("PATCH", base(p.id), { active: !p.active });
      await after(t(p.active ? "admin.partners.deactivated" : "admin.partners.reactivated", { name: p.name }));
    })
  );

  return h(
    "section",
    { class: "signal-section partner", "data-partner": p.id, "data-active": String(p.active), "aria-labelledby": headingId },
    h("h2", { id: headingId }, p.name),
    h("p", { class: "meta" }, h("span", { class: "tag" }, t(`admin.kind.${p.kind}`)), " ", h("span", { class: p.active ? "tag" : "tag overdue" }, p.active ? t("admin.partners.active") : t("admin.partners.inactive")), " ", h("code", {}, p.id)),
    p.description ? h("p", {}, p.description) : null,
    missingTexts(p),
    keysPart(p, after, box),
    tokens.length ? tokensPart(p, tokens, after, box) : null,
    users.length ? usersPart(p, users, after, box) : null,
    // Empty lists take one line, not a heading each: most partners have no users.
    tokens.length && users.length ? null : h("p", { class: "hint" }, [tokens.length ? null : t("admin.partners.no_tokens"), users.length ? null : t("admin.partners.no_users")].filter(Boolean).join(" ")),
    h("p", { class: "actions" }, enrol, " ", toggle),
    box,
    editForm(p, after, box),
    textsForm(p, after, box),
    tokenForm(p, after, box),
    inviteForm(p, after, box)
  );
}

function addForm(rerender) {
  const box = h("div", { "aria-live": "polite" });
  const id = h("input", { id: "new-partner-id", required: true, maxlength: 64, pattern: "[a-z0-9\\-]+", autocomplete: "off", autocapitalize: "none", spellcheck: "false" });
  const name = h("input", { id: "new-partner-name", required: true, maxlength: 200, autocomplete: "off" });
  const kind = kindSelect("new-partner-kind", "care");
  const description = h("textarea", { id: "new-partner-description", maxlength: 2000, rows: 3 });
  const add = h("button", { type: "submit", class: "button" }, t("admin.partners.save_new"));
  const form = h(
    "form",
    { class: "invite" },
    field("new-partner-id", t("admin.partners.id"), id),
    field("new-partner-name", t("admin.partners.name"), name),
    field("new-partner-kind", t("admin.partners.kind"), kind),
    field("new-partner-description", t("admin.partners.description"), description),
    add,
    box
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(add, box, async () => {
      const made = await api("POST", "/api/v1/admin/partners", { id: id.value.trim(), name: name.value.trim(), kind: kind.value, description: description.value.trim() });
      pending = { partner: made.id, message: t("admin.partners.added", { name: made.name }), reveal: null };
      try {
        await rerender("");
      } finally {
        pending = null;
      }
    });
  });
  return h("details", { class: "add-partner" }, h("summary", {}, t("admin.partners.add")), form);
}

export async function showPartners(root, { members, rerender, nav, say }) {
  const partners = await api("GET", "/api/v1/admin/partners");
  const tokens = await Promise.all(partners.map((p) => api("GET", `${base(p.id)}/tokens`)));
  const carried = pending;
  pending = null;
  const heading = h("h1", {}, t("admin.partners.title"));
  const refresh = h("button", { type: "button", class: "button secondary small" }, t("admin.partners.refresh"));
  const refreshed = h("div", { "aria-live": "polite" });
  refresh.addEventListener("click", () => run(refresh, refreshed, () => rerender("")));
  const sections = partners.map((p, i) =>
    partnerSection(
      p,
      tokens[i],
      members.filter((m) => m.partner_id === p.id),
      rerender,
      carried?.partner === p.id ? carried : null
    )
  );
  root.replaceChildren(nav, heading, say, h("p", {}, t("admin.partners.explained")), h("p", { class: "hint" }, t("admin.partners.deactivate_hint")), h("p", {}, refresh), refreshed, addForm(rerender), ...(sections.length ? sections : [h("p", {}, t("admin.partners.none"))]));

  // Back to the partner just worked on, with focus on what the action said, so that it is read
  // out and in view; otherwise to the top of the page.
  const target = carried && root.querySelector(`section[data-partner="${CSS.escape(carried.partner)}"] .partner-result`);
  if (target?.childNodes.length) target.focus();
  else announce(heading);
  return { say };
}
