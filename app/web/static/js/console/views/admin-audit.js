// The audit log (R6): the server's verification of the hash chain first, with the head to write
// down as an anchor for `vertrouwenspunt verify-audit --anchor`, then the entries, newest first,
// and the whole log as a download. The API pages from the oldest entry up (`after`, `limit`), so
// the newest page is found from the head's number.
//
// An entry about a case names it only sealed to the inbox key (R5). An adviser's console opens it
// here, in the browser, and shows the case and the detail; an administrator without the inbox key
// sees actor, action and time, and that the subject is sealed. The history of one case
// (#admin/audit?case=ID) is found the same way: every entry opened here, the others left out,
// since the server cannot tell which entries are about it.

import { fromHex } from "../../crypto/bytes.js";
import { api, query } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { inboxVersions, openInbox, parseJson } from "../keyring.js";
import * as protocol from "../protocol.js";
import { download, run, timeOf } from "./admin-common.js";

const PAGE = 50;
const ALL = 500;

export function verificationBox(verification, { anchor = true } = {}) {
  const { intact, problems, head } = verification;
  const parts = [h("p", {}, h("strong", {}, intact ? t("admin.audit.valid") : t("admin.audit.broken")))];
  if (!intact) {
    parts.push(
      h(
        "ul",
        { class: "audit-problems" },
        problems.map((p) =>
          h("li", { "data-seq": p.seq }, t("admin.audit.problem", { seq: p.seq, reason: p.reason }), " ", h("a", { href: `#admin/audit?before=${p.seq + 1}` }, t("admin.audit.show_entry", { seq: p.seq })))
        )
      )
    );
  }
  if (!head) parts.push(h("p", {}, t("admin.audit.empty")));
  else {
    parts.push(h("p", {}, t("admin.audit.head", { seq: head.seq, hash: head.entry_hash })));
    // An anchor taken from a log that no longer verifies would vouch for the tampering.
    if (anchor && intact) {
      const pair = `${head.seq}:${head.entry_hash}`;
      parts.push(
        h("p", {}, t("admin.audit.anchor")),
        h("p", { class: "secret", id: "audit-anchor" }, pair),
        h("p", { class: "hint" }, t("admin.audit.anchor_hint")),
        h("p", {}, h("code", {}, `vertrouwenspunt verify-audit --anchor ${pair}`))
      );
    }
  }
  return h("div", { id: "audit-verification", class: intact ? "status" : "problems", "data-state": intact ? "valid" : "broken" }, parts);
}

// Token ids mean nothing to a reader; their names and partners are fetched only when needed.
async function tokenNames(entries) {
  const names = new Map();
  if (!entries.some((e) => e.actor_kind === "token")) return names;
  const partners = await api("GET", "/api/v1/admin/partners");
  const lists = await Promise.all(partners.map((p) => api("GET", `/api/v1/admin/partners/${encodeURIComponent(p.id)}/tokens`)));
  partners.forEach((p, i) => lists[i].forEach((token) => names.set(token.id, { name: token.name, partner: p.name })));
  return names;
}

function actorOf(entry, members, tokens) {
  const id = entry.actor_id || "";
  if (entry.actor_kind === "staff") return members.get(id) || t("admin.audit.by_staff", { id: id.slice(0, 8) });
  if (entry.actor_kind === "token") {
    const token = tokens.get(id);
    return token ? t("admin.audit.by_token_of", token) : t("admin.audit.by_token", { name: id.slice(0, 8) });
  }
  if (entry.actor_kind === "cli") return t("admin.audit.by_cli");
  if (entry.actor_kind === "system") return t("admin.audit.by_system");
  if (entry.actor_kind === "enrolment") return t("admin.audit.by_enrolment");
  return entry.actor_kind;
}

// The detail is whatever the action recorded: ids of members become their names, and long values
// (sealed text) are shortened, since no one can read them here anyway.
function detailOf(detail, members) {
  return Object.entries(detail || {}).map(([key, value]) => {
    let text = typeof value === "string" ? value : Array.isArray(value) ? value.map(String).join(", ") : JSON.stringify(value);
    text = members.get(text) || text;
    if (text.length > 72) text = `${text.slice(0, 32)}…`;
    return h("span", { class: "tag" }, `${key}: ${text}`);
  });
}

// { id, detail } of the case a sealed entry names, { sealed: true } when this member holds no key
// for it, { unopened: true } when it does not open (the chain check then names the entry).
async function openCase(entry) {
  const version = entry.case_inbox_version;
  if (!inboxVersions().includes(version)) return { sealed: true };
  try {
    const content = parseJson(await openInbox(version, fromHex(entry.case_sealed), protocol.auditCase(entry.seq, version)));
    return { id: content.case, detail: content.detail };
  } catch {
    return { unopened: true };
  }
}

async function withCases(entries) {
  for (const entry of entries) entry.opened = entry.case_sealed ? await openCase(entry) : null;
  return entries;
}

function caseTag(entry) {
  const opened = entry.opened;
  if (entry.case_ref) return h("span", { class: "tag" }, t("admin.audit.case_old"));
  if (!opened) return null;
  if (opened.sealed) return h("span", { class: "tag", "data-sealed": "" }, t("admin.audit.case_sealed"));
  if (opened.unopened) return h("span", { class: "tag", "data-sealed": "" }, t("admin.audit.case_unopened"));
  return [
    h("a", { class: "tag", href: `#case/${opened.id}`, "data-case": opened.id }, t("admin.audit.case", { ref: opened.id.slice(0, 8) })),
    " ",
    h("a", { href: `#admin/audit?case=${opened.id}` }, t("admin.audit.case_history")),
  ];
}

function entryRow(entry, members, tokens) {
  const about = [
    caseTag(entry),
    entry.signal_ref ? h("span", { class: "tag" }, t("admin.audit.signal", { ref: entry.signal_ref })) : null,
    detailOf(entry.opened?.detail || entry.detail, members),
  ];
  return h(
    "tr",
    { "data-seq": entry.seq, "data-action": entry.action },
    h("td", {}, String(entry.seq)),
    h("td", {}, h("time", { datetime: entry.created_at }, timeOf(entry.created_at))),
    h("td", {}, actorOf(entry, members, tokens)),
    h("td", {}, h("code", {}, entry.action)),
    h("td", {}, about)
  );
}

function entryTable(entries, names, tokens, caption) {
  return h(
    "table",
    { class: "audit" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ["seq", "time", "actor", "action", "about"].map((c) => h("th", { scope: "col" }, t(`admin.audit.${c}`))))),
    h("tbody", {}, entries.map((e) => entryRow(e, names, tokens)))
  );
}

// Every entry, page by page, opened here; only those about `caseId` are kept.
async function showCaseHistory(root, { members, caseId, nav, say }) {
  const found = [];
  for (let after = 0; after !== null; ) {
    const page = await api("GET", `/api/v1/admin/audit${query({ after, limit: ALL })}`);
    found.push(...page.entries);
    after = page.next_after;
  }
  const entries = (await withCases(found.filter((e) => e.case_sealed))).filter((e) => e.opened.id === caseId).reverse();
  const names = new Map(members.map((m) => [m.id, m.username]));
  const tokens = await tokenNames(entries);
  const heading = h("h1", {}, t("admin.audit.history_title", { ref: caseId.slice(0, 8) }));
  root.replaceChildren(
    nav,
    heading,
    say,
    h("p", { class: "hint" }, t("admin.audit.history_explained")),
    h("p", {}, h("a", { href: `#case/${caseId}` }, t("admin.audit.case", { ref: caseId.slice(0, 8) })), " ", h("a", { href: "#admin/audit" }, t("admin.audit.newest"))),
    entries.length ? entryTable(entries, names, tokens, t("admin.audit.history_title", { ref: caseId.slice(0, 8) })) : h("p", {}, t("admin.audit.none_here"))
  );
  announce(heading);
  return { say };
}

export async function showAudit(root, { members, params, nav, say }) {
  const caseId = params.get("case");
  if (caseId && inboxVersions().length) return showCaseHistory(root, { members, caseId, nav, say });
  const verification = await api("GET", "/api/v1/admin/audit/verification");
  const newest = verification.head ? verification.head.seq : 0;
  const asked = Number.parseInt(params.get("before") || "", 10);
  const before = Number.isInteger(asked) && asked > 0 ? asked : newest + 1;
  const after = Math.max(0, before - 1 - PAGE);
  const limit = before - 1 - after;
  const found = limit > 0 ? (await api("GET", `/api/v1/admin/audit${query({ after, limit })}`)).entries : [];
  // Entries removed behind the service's back leave gaps; never show more than this page's range.
  const entries = await withCases(found.filter((e) => e.seq < before).reverse());
  const names = new Map(members.map((m) => [m.id, m.username]));
  const tokens = await tokenNames(entries);

  const heading = h("h1", {}, t("admin.audit.title"));
  const box = h("div", { "aria-live": "polite" });
  const exportButton = h("button", { type: "button", class: "button secondary" }, t("admin.audit.download"));
  exportButton.addEventListener("click", () =>
    run(exportButton, box, async () => {
      const file = await download("/api/v1/admin/audit/export", "application/x-ndjson", "audit-log.jsonl");
      say.textContent = t("admin.audit.downloaded", { file });
    })
  );

  const paging = [];
  if (before <= newest) paging.push(h("a", { href: "#admin/audit" }, t("admin.audit.newest")), " ", h("a", { href: `#admin/audit?before=${Math.min(before + PAGE, newest + 1)}` }, t("admin.audit.newer")), " ");
  if (entries.length && entries[entries.length - 1].seq > 1) paging.push(h("a", { href: `#admin/audit?before=${entries[entries.length - 1].seq}` }, t("admin.audit.older")));

  const table = entries.length
    ? entryTable(entries, names, tokens, t("admin.audit.range", { first: entries[entries.length - 1].seq, last: entries[0].seq }))
    : h("p", {}, t("admin.audit.none_here"));

  root.replaceChildren(
    nav,
    heading,
    say,
    h("p", { class: "hint" }, t("admin.audit.explained")),
    h("section", { "aria-labelledby": "verification-heading" }, h("h2", { id: "verification-heading" }, t("admin.audit.verification")), verificationBox(verification), exportButton, box),
    h("section", { "aria-labelledby": "entries-heading" }, h("h2", { id: "entries-heading" }, t("admin.audit.entries")), table, paging.length ? h("p", { class: "paging" }, paging) : null)
  );
  announce(heading);
  return { say };
}
