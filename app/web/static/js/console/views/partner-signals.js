// The organisation's signals: the list (new first), and one signal opened in this browser with a
// key from an open key file, always rendered as text. Acknowledging it, and feedback or a question
// for the advisers, sealed here to the team's inbox key: a partner never reaches the reporter.

import { fromBase64, toBase64 } from "../../crypto/bytes.js";
import { open, seal } from "../../crypto/envelope.js";
import { api, ApiError } from "../api.js";
import { announce, append, h } from "../dom.js";
import { t } from "../i18n.js";
import { category } from "../labels.js";
import { hasKeys, keyFor } from "../partner-keys.js";
import * as protocol from "../protocol.js";

const urgency = (id) => t(`urgency.${id}`);
const statusOf = (signal) => (signal.status === "acknowledged" ? t("signal_status.acknowledged") : t("signal_status.new"));

// New before acknowledged; within each, the most recent first.
function ordered(items) {
  const rank = (s) => (s.status === "new" ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || b.created_on.localeCompare(a.created_on));
}

export async function showSignals(root) {
  const heading = h("h1", {}, t("signals.title"));
  const say = h("p", { role: "status", class: "status-line" });
  root.replaceChildren(heading, say);
  announce(heading);
  const items = ordered(await api("GET", "/api/v1/partner/signals"));
  const rows = items.map((s) =>
    h(
      "tr",
      { "data-signal": s.id, class: s.status === "new" ? "is-new" : "" },
      h("td", {}, h("a", { href: `#signal/${s.id}` }, s.created_on)),
      h("td", {}, category(s.category)),
      h("td", {}, s.urgency === "normal" ? urgency(s.urgency) : h("strong", {}, urgency(s.urgency))),
      h("td", {}, s.period),
      h("td", {}, s.status === "new" ? h("span", { class: "badge" }, statusOf(s)) : statusOf(s))
    )
  );
  append(root, [
    hasKeys() ? null : h("p", { class: "hint" }, t("signals.no_keys")),
    items.length
      ? h(
          "table",
          { class: "cases signals" },
          h("caption", { class: "visually-hidden" }, t("signals.title")),
          h("thead", {}, h("tr", {}, [t("signals.sent"), t("signals.category"), t("signals.urgency"), t("signals.period"), t("signals.status")].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, rows)
        )
      : null,
  ]);
  say.textContent = items.length ? t("signals.count", { count: items.length }) : t("signals.empty");
  return { say };
}

// The fields the VP console writes besides the text; a partner's own tools may add others,
// which are shown under their own names.
const FIELD_NAMES = { area: "field.area", period: "field.period" };

function fieldValue(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value, null, 1);
}

// What the advisers wrote: `text` first, then any other field under its own name, all as text.
// { nodes, opened }: a signal whose key is not open (or that does not open) says so instead.
async function contentView(signal) {
  const held = keyFor(signal.key_id);
  const locked = (key) => ({ nodes: h("p", { class: "problems", id: "signal-locked" }, t(key, { key: signal.key_id })), opened: false });
  if (!held) return locked("signal.key_not_open");
  let content;
  try {
    const plaintext = await open(held.pair, fromBase64(signal.ciphertext), protocol.signalDelivery(signal.id, signal.key_id));
    content = JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    return locked("signal.unreadable");
  }
  const fields = content && typeof content === "object" && !Array.isArray(content) ? content : { text: content };
  // The VP console seals the period into the content as well; the list above already shows it, so
  // the same week label would show twice. A sealed period that differs is shown: it is news.
  const others = Object.entries(fields).filter(([name, value]) => name !== "text" && !(name === "period" && value === signal.period));
  const nodes = [
    fields.text !== undefined ? h("div", { class: "report-text", id: "signal-text" }, fieldValue(fields.text)) : null,
    others.length ? h("dl", {}, others.map(([name, value]) => [h("dt", {}, FIELD_NAMES[name] ? t(FIELD_NAMES[name]) : name), h("dd", { class: "message-text" }, fieldValue(value))])) : null,
    h("p", { class: "hint", id: "signal-key" }, t("signal.opened_with", { key: signal.key_id, fingerprint: held.fingerprint })),
  ];
  return { nodes, opened: true };
}

async function sendFeedback(deliveryId, text) {
  const inbox = await api("GET", "/api/v1/inbox-key");
  const id = crypto.randomUUID();
  const plaintext = new TextEncoder().encode(JSON.stringify({ text }));
  const sealed = await seal(fromBase64(inbox.public_key), plaintext, protocol.feedback(deliveryId, id, inbox.version));
  await api("POST", `/api/v1/partner/signals/${deliveryId}/feedback`, { id, inbox_version: inbox.version, ciphertext: toBase64(sealed) });
}

// `ended(error)` is the console's: true when the session has ended (and the console locked).
export async function showSignal(root, { id, ended }) {
  // Each fetch is written to the audit log under this user.
  const signal = await api("GET", `/api/v1/partner/signals/${encodeURIComponent(id)}`);
  const heading = h("h1", {}, t("signal.title", { date: signal.created_on }));
  const say = h("p", { role: "status", class: "status-line" });
  const problem = h("p", { class: "problems", role: "alert", tabindex: -1, hidden: true });
  const fail = (error) => {
    if (ended(error)) return;
    problem.textContent = error instanceof ApiError ? error.message : t("console.error");
    problem.hidden = false;
    problem.focus();
  };
  const statusValue = h("dd", { id: "signal-status" }, statusOf(signal));
  const content = await contentView(signal);

  const acknowledgement = h("div", { class: "acknowledgement" });
  const showAcknowledged = (date) => acknowledgement.replaceChildren(h("p", {}, t("signal.acknowledged_on", { date })));
  if (signal.status === "acknowledged") showAcknowledged(signal.acknowledged_on);
  // Receipt means the organisation could read it: a signal that did not open is not acknowledged.
  else if (content.opened) {
    const button = h("button", { type: "button", class: "button", "aria-describedby": "acknowledge-hint" }, t("signal.acknowledge"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      problem.hidden = true;
      try {
        const done = await api("POST", `/api/v1/partner/signals/${signal.id}/acknowledgement`);
        statusValue.textContent = statusOf(done);
        showAcknowledged(done.acknowledged_on);
        say.textContent = t("signal.acknowledged");
      } catch (error) {
        fail(error);
      } finally {
        button.disabled = false;
      }
    });
    acknowledgement.replaceChildren(button, h("p", { class: "hint", id: "acknowledge-hint" }, t("signal.acknowledge_hint")));
  }

  const feedbackText = h("textarea", { id: "feedback-text", rows: 5, "aria-describedby": "feedback-hint" });
  const feedbackButton = h("button", { type: "submit", class: "button" }, t("signal.send_feedback"));
  const feedback = h(
    "form",
    { class: "reply" },
    h("label", { for: "feedback-text" }, t("signal.feedback")),
    h("p", { class: "hint", id: "feedback-hint" }, t("signal.feedback_hint")),
    feedbackText,
    feedbackButton
  );
  feedback.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = feedbackText.value.trim();
    if (!text) return;
    feedbackButton.disabled = true;
    problem.hidden = true;
    try {
      await sendFeedback(signal.id, text);
      feedbackText.value = "";
      say.textContent = t("signal.feedback_sent");
    } catch (error) {
      fail(error);
    } finally {
      feedbackButton.disabled = false;
    }
  });

  root.replaceChildren(
    h("p", {}, h("a", { href: "#signals" }, t("signal.back"))),
    heading,
    say,
    problem,
    h(
      "section",
      { class: "report", "aria-labelledby": "content-heading" },
      h("h2", { id: "content-heading" }, t("signal.content")),
      h(
        "dl",
        {},
        h("dt", {}, t("signals.category")),
        h("dd", {}, category(signal.category)),
        h("dt", {}, t("signals.urgency")),
        h("dd", {}, urgency(signal.urgency)),
        h("dt", {}, t("signals.period")),
        h("dd", {}, signal.period),
        h("dt", {}, t("signals.status")),
        statusValue
      ),
      content.nodes,
      acknowledgement
    ),
    feedback
  );
  announce(heading);
  return { say };
}
