// One case: the decrypted report (always as text, never as HTML), pictures shown only when asked
// for, the thread, internal notes, the reply box, status, labels and assignee.

import { fromBase64 } from "../../crypto/bytes.js";
import { ApiError, api } from "../api.js";
import { addNote, erasedCases, readCase, reply, updateCase } from "../cases.js";
import { announce, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { CATEGORIES, STATUSES, about, category, municipality, place, seen, status, want, when } from "../labels.js";

// Object URLs of pictures on screen; revoked when the view changes or the console locks.
const pictureUrls = new Set();
export function releasePictures() {
  for (const url of pictureUrls) URL.revokeObjectURL(url);
  pictureUrls.clear();
}

// The language of the pages the reporter used, named in the console's language ("Roemeens"). The
// code comes from the sealed report, that is from whoever sent it: only a well-formed tag the
// browser knows is named; anything else, nothing.
export function languageName(code) {
  if (typeof code !== "string" || !/^[a-z]{2,3}(-[A-Z]{2})?$/.test(code)) return null;
  try {
    return new Intl.DisplayNames([lang()], { type: "language", fallback: "none" }).of(code) || null;
  } catch {
    return null;
  }
}

function field(label, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
  return [h("dt", {}, label), h("dd", {}, value)];
}

// A picture is shown only as JPEG or PNG, and only when its bytes start as that format does. The
// type comes from the decrypted report, that is from whoever sent it: an SVG or HTML blob made here
// would belong to the console's origin, where the keys are, if it were ever opened as a page.
const PICTURE_SIGNATURES = {
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export function pictureBlob(type, bytes) {
  const signature = typeof type === "string" && Object.hasOwn(PICTURE_SIGNATURES, type) ? PICTURE_SIGNATURES[type] : null;
  if (!signature || !(bytes instanceof Uint8Array) || signature.some((byte, i) => bytes[i] !== byte)) return null;
  return new Blob([bytes], { type });
}

function pictureOf(item) {
  try {
    return pictureBlob(item?.type, fromBase64(item?.data));
  } catch {
    return null; // not base64: nothing to show
  }
}

const CLEANED = { device: "case.cleaned_device", server: "case.cleaned_server" };

function pictures(report) {
  const items = report.attachments || [];
  if (!items.length) return null;
  return h(
    "section",
    { class: "pictures", "aria-labelledby": "pictures-heading" },
    h("h3", { id: "pictures-heading" }, t("case.pictures", { count: items.length })),
    h("p", { class: "hint" }, t("case.pictures_hint")),
    items.map((item, index) => {
      const button = h("button", { type: "button", class: "button secondary" }, t("case.show_picture", { number: index + 1 }));
      const slot = h("div", { class: "picture" }, button);
      // Where the hidden information was taken out: on the reporter's phone, or by the server on
      // the path without JavaScript. Only these two values are shown; anything else, nothing.
      button.addEventListener("click", () => {
        const blob = pictureOf(item);
        if (!blob) {
          slot.replaceChildren(h("p", { class: "problems" }, t("case.picture_not_shown", { number: index + 1 })));
          return;
        }
        const url = URL.createObjectURL(blob);
        pictureUrls.add(url);
        slot.replaceChildren(h("img", { src: url, alt: t("case.picture_alt", { number: index + 1 }) }));
      });
      const where = Object.hasOwn(CLEANED, item?.cleaned ?? "") ? CLEANED[item.cleaned] : null;
      return where ? [h("p", { class: "hint cleaned" }, t(where, { number: index + 1 })), slot] : slot;
    })
  );
}

function reportView(report) {
  if (!report) return h("p", { class: "problems" }, t("case.unreadable"));
  const other = report.other_person || {};
  const where = report.where || {};
  return h(
    "section",
    { class: "report", "aria-labelledby": "report-heading" },
    h("h2", { id: "report-heading" }, t("case.report")),
    h(
      "dl",
      {},
      field(t("case.about"), about(report.about)),
      field(t("case.seen"), (report.seen || []).map(seen).join(", ")),
      field(t("case.language"), languageName(report.language)),
      field(t("case.wants"), (report.wants || []).map(want).join(", ")),
      field(t("case.what"), (report.what || []).map(category).join(", ")),
      field(t("case.when"), when(report.when)),
      field(t("case.where"), [municipality(where.municipality), place(where.place)].filter(Boolean).join(", ")),
      field(t("case.other_name"), other.name),
      field(t("case.other_description"), other.description),
      field(t("case.other_contact"), other.contact)
    ),
    report.text ? h("div", { class: "report-text" }, report.text) : null,
    report.sent_without_javascript ? h("p", { class: "hint" }, t("case.sent_without_js")) : null,
    pictures(report)
  );
}

// A notice the release wrote (a signal went to a partner the reporter allowed) holds a kind and
// a partner id, not a text: the reporter's mailbox words it in their language, this in the team's.
function messageText(content, partnerNames) {
  if (content.kind === "signal_sent") return t("case.signal_sent_notice", { partner: partnerNames.get(content.partner) || String(content.partner) });
  return content.text || "";
}

function threadView(messages, names, partnerNames) {
  const kinds = { reporter: t("case.from_reporter"), reply: t("case.from_team"), notice: t("case.notice") };
  return h(
    "section",
    { class: "thread", "aria-labelledby": "thread-heading" },
    h("h2", { id: "thread-heading" }, t("case.thread")),
    messages.length
      ? h(
          "ol",
          { class: "messages" },
          messages.map((m) =>
            h(
              "li",
              { class: `message ${m.kind}` },
              h("p", { class: "meta" }, `${kinds[m.kind] || m.kind}${m.author_id ? ` (${names.get(m.author_id) || "?"})` : ""}, ${m.created_on}`),
              m.content ? h("div", { class: "message-text" }, messageText(m.content, partnerNames)) : h("p", { class: "hint" }, m.ciphertext ? t("case.unreadable") : t("case.erased"))
            )
          )
        )
      : h("p", {}, t("case.no_messages"))
  );
}

// A case its reporter erased leaves a tombstone: say so, with the day, instead of "does not exist".
async function showErased(root, id, error) {
  const erased = error instanceof ApiError && error.status === 404 ? (await erasedCases()).get(id) : undefined;
  if (!erased) throw error;
  const heading = h("h1", {}, t("inbox.erased_title"));
  root.replaceChildren(h("p", {}, h("a", { href: "#inbox" }, t("case.back"))), heading, h("p", { class: "case-erased" }, t("case.erased_case", { date: erased })));
  announce(heading);
}

export async function showCase(root, { id, members, rerender }) {
  let data, partners;
  try {
    [data, partners] = await Promise.all([readCase(id), api("GET", "/api/v1/partners")]);
  } catch (error) {
    return showErased(root, id, error);
  }
  const { summary } = data;
  const partnerNames = new Map(partners.map((p) => [p.id, p.name]));
  const names = new Map(members.map((m) => [m.id, m.username]));
  const heading = h("h1", {}, t("case.title", { date: summary.created_on }));
  const say = h("p", { role: "status", class: "status-line" });

  const statusSelect = h("select", { id: "case-status" }, STATUSES.map((s) => h("option", { value: s, selected: summary.status === s }, status(s))));
  const assigneeSelect = h(
    "select",
    { id: "case-assignee" },
    h("option", { value: "" }, t("inbox.unassigned")),
    members.filter((m) => m.is_vp && m.status === "active").map((m) => h("option", { value: m.id, selected: summary.assignee_id === m.id }, m.username))
  );
  const labelBoxes = CATEGORIES.map((c) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "label", value: c, checked: summary.labels.includes(c) }), ` ${category(c)}`));
  const triage = h(
    "form",
    { class: "triage", "aria-labelledby": "triage-heading" },
    h("h2", { id: "triage-heading" }, t("case.triage")),
    h("label", { for: "case-status" }, t("inbox.status")),
    statusSelect,
    h("label", { for: "case-assignee" }, t("inbox.assignee")),
    assigneeSelect,
    h("fieldset", { class: "labels" }, h("legend", {}, t("inbox.labels")), labelBoxes),
    h("button", { type: "submit", class: "button" }, t("case.save"))
  );
  triage.addEventListener("submit", async (event) => {
    event.preventDefault();
    const change = {
      status: statusSelect.value,
      labels: labelBoxes.map((l) => l.querySelector("input")).filter((i) => i.checked).map((i) => i.value),
    };
    if (assigneeSelect.value) change.assignee_id = assigneeSelect.value;
    else change.unassign = true;
    await updateCase(id, change);
    say.textContent = t("case.saved");
  });

  const replyText = h("textarea", { id: "reply-text", rows: 6 });
  const replyForm = summary.one_way
    ? h("p", { class: "hint" }, t("case.one_way_explained"))
    : h(
        "form",
        { class: "reply" },
        h("label", { for: "reply-text" }, t("case.reply")),
        h("p", { class: "hint", id: "reply-hint" }, t("case.reply_hint")),
        replyText,
        h("button", { type: "submit", class: "button" }, t("case.send_reply"))
      );
  if (!summary.one_way) {
    replyText.setAttribute("aria-describedby", "reply-hint");
    replyForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!replyText.value.trim()) return;
      await reply(id, summary.reply_public_key, { text: replyText.value.trim() });
      await rerender(t("case.reply_sent"));
    });
  }

  const noteText = h("textarea", { id: "note-text", rows: 3 });
  const noteForm = h("form", { class: "note" }, h("label", { for: "note-text" }, t("case.add_note")), noteText, h("button", { type: "submit", class: "button secondary" }, t("case.save_note")));
  noteForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!noteText.value.trim()) return;
    await addNote(id, { text: noteText.value.trim() });
    await rerender(t("case.note_saved"));
  });
  const notes = h(
    "section",
    { class: "notes", "aria-labelledby": "notes-heading" },
    h("h2", { id: "notes-heading" }, t("case.notes")),
    h("p", { class: "hint" }, t("case.notes_hint")),
    data.notes.length
      ? h("ul", {}, data.notes.map((n) => h("li", {}, h("p", { class: "meta" }, names.get(n.author_id) || "?"), h("div", { class: "message-text" }, n.content ? n.content.text : t("case.unreadable")))))
      : null,
    noteForm
  );

  const deadlines = h(
    "p",
    { class: "deadlines" },
    summary.acknowledged_on
      ? t("case.acknowledged_on", { date: summary.acknowledged_on })
      : summary.acknowledge_due
        ? h("span", { class: summary.acknowledge_overdue ? "overdue" : "" }, t("case.acknowledge_by", { date: summary.acknowledge_due }))
        : t("inbox.no_acknowledgement"),
    " · ",
    h("span", { class: summary.feedback_overdue ? "overdue" : "" }, t("case.feedback_by", { date: summary.feedback_due }))
  );
  const consents = h("p", {}, summary.consents.length ? t("case.consents", { partners: summary.consents.map((p) => partnerNames.get(p) || p).join(", ") }) : t("case.no_consents"));
  const signal = h("a", { class: "button secondary", href: `#signal/${id}` }, t("case.write_signal"));

  root.replaceChildren(
    h("p", {}, h("a", { href: "#inbox" }, t("case.back"))),
    heading,
    deadlines,
    say,
    h("div", { class: "case-columns" }, h("div", {}, reportView(data.report), consents, signal, threadView(data.messages, names, partnerNames), replyForm), h("div", {}, triage, notes))
  );
  announce(heading);
  return { say };
}
