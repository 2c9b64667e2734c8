// The team's signals: what was sent to whom, from which case (the team copy), whether each
// partner acknowledged it, and the partners' feedback, decrypted here. Signals go out in batches
// at fixed times (R5): until then one shows "queued until HH:MM", or why the release held it.

import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { category } from "../labels.js";
import { erasedCases } from "../cases.js";
import { feedbackOf, listSignals, recipients, withdrawSignal } from "../signals.js";

export async function showSignals(root, { params }) {
  const [signals, partners, erased] = await Promise.all([listSignals(), recipients(), erasedCases()]);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  const heading = h("h1", {}, t("signals.title"));
  const say = h("p", { role: "status", class: "status-line" });
  if (params.get("sent")) say.textContent = params.get("release") === "sent_now" ? t("signals.sent_now") : t("signals.queued", { time: params.get("until") || "" });
  const items = signals.map((signal) => {
    const feedback = h("div", { class: "feedback" });
    const total = signal.deliveries.reduce((n, d) => n + d.feedback, 0);
    const read = h("button", { type: "button", class: "button secondary small", disabled: total === 0 }, t("signals.read_feedback", { count: total }));
    read.addEventListener("click", async () => {
      const found = await feedbackOf(signal.id);
      feedback.replaceChildren(
        h(
          "ul",
          {},
          found.map((f) => h("li", {}, h("p", { class: "meta" }, `${names.get(f.partner_id) || f.partner_id}, ${f.created_on}`), h("div", { class: "message-text" }, f.content ? f.content.text || "" : t("case.unreadable"))))
        )
      );
    });
    const copy = signal.teamCopy;
    const waiting = signal.status !== "sent";
    const when = waiting ? t("signals.queued_until", { time: signal.queued_until }) : signal.created_on;
    let withdraw = null;
    if (waiting) {
      withdraw = h("button", { type: "button", class: "button secondary small" }, t("signals.withdraw"));
      withdraw.addEventListener("click", async () => {
        withdraw.disabled = true;
        try {
          await withdrawSignal(signal.id);
          article.remove();
          say.textContent = t("signals.withdrawn");
        } catch (error) {
          say.textContent = error.message || t("console.error");
          withdraw.disabled = false;
        }
      });
    }
    const article = h(
      "article",
      { class: "signal-section", "data-signal": signal.id, "data-status": signal.status },
      h("h2", {}, `${when} · ${category(signal.category)} · ${t(`urgency.${signal.urgency}`)} · ${signal.period}`),
      signal.held ? h("p", { class: "hint", role: "note" }, t(`signals.held.${signal.held}`)) : null,
      copy && erased.has(copy.case)
        ? h("p", { class: "hint case-erased" }, t("signals.case_erased", { date: erased.get(copy.case) }))
        : copy
          ? h("p", {}, h("a", { href: `#case/${copy.case}` }, t("signals.from_case")))
          : null,
      copy ? h("div", { class: "message-text" }, copy.content.text || "") : h("p", { class: "hint" }, t("case.unreadable")),
      h(
        "ul",
        { class: "deliveries" },
        signal.deliveries.map((d) =>
          h("li", { "data-partner": d.partner_id }, `${names.get(d.partner_id) || d.partner_id}: `, d.status === "acknowledged" ? t("signals.acknowledged", { date: d.acknowledged_on }) : d.status === "queued" ? t("signals.waiting") : t("signals.not_yet"))
        )
      ),
      waiting ? withdraw : read,
      feedback
    );
    return article;
  });
  root.replaceChildren(heading, say, ...(items.length ? items : [h("p", {}, t("signals.none"))]));
  announce(heading);
  return { say };
}
