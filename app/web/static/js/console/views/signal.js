// The signal composer with the depersonalisation assistant. The VP rewrites the report for the
// partners; the assistant flags what could point back to the reporter (detector.js), and nothing
// can be sent until every flag is fixed (it no longer appears) or consciously kept. Partners the
// reporter did not allow are shown disabled with the reason, unless an exception is recorded.

import { readCase } from "../cases.js";
import { detect, loadGazetteer, suggestions } from "../detector.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { CATEGORIES, category, municipality, MUNICIPALITIES } from "../labels.js";
import { EXCEPTIONS, URGENCIES, periods, recipients, sendSignal } from "../signals.js";
import { confirmPartnerKeys } from "../key-check.js";

let gazetteer = null;

// What the copied-sentence check compares with: everything the reporter wrote.
function reportSource(data) {
  const report = data.report || {};
  const other = report.other_person || {};
  const fromReporter = data.messages.filter((m) => m.kind === "reporter" && m.content).map((m) => m.content.text);
  return [report.text, other.name, other.description, other.contact, ...fromReporter].filter(Boolean).join("\n");
}

export async function showSignalComposer(root, { id }) {
  const [data, partners] = await Promise.all([readCase(id), recipients()]);
  gazetteer = gazetteer || (await loadGazetteer());
  const summary = data.summary;
  const report = data.report || {};
  const source = reportSource(data);
  const heading = h("h1", {}, t("signal.title", { date: summary.created_on }));

  // Partners: allowed by the reporter, or only under a recorded exception.
  const allowed = new Set(summary.consents);
  const partnerBoxes = partners.map((p) => {
    const box = h("input", { type: "checkbox", name: "partner", value: p.id });
    const reason = h("span", { class: "hint" });
    const label = h("label", { class: "check" }, box, ` ${p.name} `, reason);
    return { partner: p, box, reason, label };
  });
  const useException = h("input", { type: "checkbox", id: "use-exception" });
  const exception = h("select", { id: "exception" }, EXCEPTIONS.map((e) => h("option", { value: e }, t(`exception.${e}`))));
  const reason = h("textarea", { id: "exception-reason", rows: 3 });
  const oneWay = !summary.reply_public_key;
  const notice = h("textarea", { id: "exception-notice", rows: 3 }, t("signal.notice_default"));
  const exceptionFields = h(
    "div",
    { class: "exception-fields", hidden: true },
    h("label", { for: "exception" }, t("signal.exception")),
    exception,
    h("label", { for: "exception-reason" }, t("signal.exception_reason")),
    reason,
    oneWay ? h("p", { class: "hint" }, t("signal.notice_one_way")) : [h("label", { for: "exception-notice" }, t("signal.notice")), notice]
  );
  function refreshPartners() {
    for (const item of partnerBoxes) {
      const noKey = !item.partner.key;
      const noConsent = !allowed.has(item.partner.id) && !useException.checked;
      item.box.disabled = noKey || noConsent;
      if (item.box.disabled) item.box.checked = false;
      item.reason.textContent = noKey ? t("signal.no_key") : !allowed.has(item.partner.id) ? (useException.checked ? t("signal.under_exception") : t("signal.no_consent")) : "";
    }
    exceptionFields.hidden = !useException.checked;
  }
  useException.addEventListener("change", () => {
    refreshPartners();
    update();
  });
  refreshPartners();

  const categorySelect = h(
    "select",
    { id: "signal-category" },
    CATEGORIES.map((c) => h("option", { value: c, selected: c === (summary.labels[0] || (report.what || [])[0]) }, category(c)))
  );
  const urgency = h("select", { id: "signal-urgency" }, URGENCIES.map((u) => h("option", { value: u }, t(`urgency.${u}`))));
  const period = h("select", { id: "signal-period" }, periods().map((p) => h("option", { value: p.value }, `${t(`period.${p.kind}`)} (${p.value})`)));
  const area = h(
    "select",
    { id: "signal-area" },
    h("option", { value: "" }, t("signal.area_none")),
    h("option", { value: t("signal.region") }, t("signal.region")),
    MUNICIPALITIES.filter((m) => m !== "elsewhere").map((m) => h("option", { value: municipality(m), selected: m === (report.where || {}).municipality }, municipality(m)))
  );
  const text = h("textarea", { id: "signal-text", rows: 10, "aria-describedby": "signal-text-hint" });

  // The assistant: flags, each fixed (it disappears) or kept on purpose.
  const kept = new Set();
  const flagList = h("ul", { class: "flags", id: "flags" });
  const flagStatus = h("p", { id: "flag-status", role: "status" });
  const send = h("button", { type: "submit", class: "button", disabled: true }, t("signal.send"));
  const problems = h("p", { class: "problems", role: "alert", hidden: true, tabindex: -1 });
  let open = [];

  function update() {
    const found = detect(text.value, { report: source, gazetteer });
    const all = [...found.flags, ...found.copied];
    open = all.filter((f) => !kept.has(`${f.kind}:${f.match}`));
    flagList.replaceChildren(
      ...all.map((flag) => {
        const key = `${flag.kind}:${flag.match}`;
        const isKept = kept.has(key);
        const show = h("button", { type: "button", class: "button secondary small" }, t("flag.show"));
        show.addEventListener("click", () => {
          text.focus();
          text.setSelectionRange(flag.start, flag.end);
        });
        const keep = h("button", { type: "button", class: "button secondary small" }, isKept ? t("flag.undo") : t("flag.keep"));
        keep.addEventListener("click", () => {
          if (isKept) kept.delete(key);
          else kept.add(key);
          update();
        });
        return h(
          "li",
          { class: isKept ? "flag kept" : "flag", "data-kind": flag.kind },
          h("strong", {}, t(`flag.${flag.kind}`)),
          ": ",
          h("q", {}, flag.match),
          " ",
          h("span", { class: "hint" }, isKept ? t("flag.kept") : t(`hint.${suggestions(flag.kind)}`)),
          " ",
          show,
          " ",
          keep
        );
      })
    );
    flagStatus.textContent = open.length ? t("signal.flags_open", { count: open.length }) : t("signal.flags_clear");
    const chosen = partnerBoxes.some((p) => p.box.checked);
    send.disabled = open.length > 0 || !text.value.trim() || !chosen;
  }
  let timer = null;
  text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  for (const item of partnerBoxes) item.box.addEventListener("change", update);

  const form = h(
    "form",
    { class: "signal" },
    h(
      "section",
      { class: "signal-section" },
      h("h2", {}, t("signal.partners")),
      h("p", { class: "hint" }, summary.consents.length ? t("case.consents", { partners: summary.consents.map((c) => partners.find((p) => p.id === c)?.name || c).join(", ") }) : t("case.no_consents")),
      partnerBoxes.map((p) => p.label),
      h("label", { class: "check" }, useException, ` ${t("signal.use_exception")}`),
      exceptionFields
    ),
    h(
      "section",
      { class: "signal-section" },
      h("h2", {}, t("signal.about")),
      h("label", { for: "signal-category" }, t("signal.category")),
      categorySelect,
      h("label", { for: "signal-urgency" }, t("signal.urgency")),
      urgency,
      h("label", { for: "signal-period" }, t("signal.period")),
      period,
      h("label", { for: "signal-area" }, t("signal.area")),
      area
    ),
    h(
      "section",
      { class: "signal-section" },
      h("h2", {}, h("label", { for: "signal-text" }, t("signal.text"))),
      h("p", { class: "hint", id: "signal-text-hint" }, t("signal.text_hint")),
      text,
      h("h3", {}, t("signal.assistant")),
      flagStatus,
      flagList
    ),
    problems,
    send
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    update();
    if (send.disabled) return;
    const override = useException.checked
      ? {
          exception: exception.value,
          reason: reason.value.trim(),
          notice: oneWay ? null : { text: notice.value.trim(), replyPublicKey: summary.reply_public_key },
        }
      : null;
    if (override && (!override.reason || (override.notice && !override.notice.text))) {
      problems.textContent = t("signal.exception_incomplete");
      problems.hidden = false;
      problems.focus();
      return;
    }
    send.disabled = true;
    try {
      const chosen = partnerBoxes.filter((p) => p.box.checked).map((p) => p.partner);
      // Nothing is sealed to a partner key before its safety number was compared (T3).
      if (!(await confirmPartnerKeys(chosen))) {
        send.disabled = false;
        return;
      }
      const result = await sendSignal({
        caseId: id,
        content: { text: text.value.trim(), area: area.value || null, period: period.value },
        partners: chosen,
        category: categorySelect.value,
        urgency: urgency.value,
        period: period.value,
        override,
      });
      // Say how it goes out: at once (acute danger) or with the next batch at a fixed time (R5).
      const release = new URLSearchParams({ sent: chosen.length, release: result.release, until: result.queued_until || "" });
      location.hash = `#signals?${release}`;
    } catch (error) {
      problems.textContent = error.message || t("console.error");
      problems.hidden = false;
      problems.focus();
      send.disabled = false;
    }
  });

  root.replaceChildren(
    h("p", {}, h("a", { href: `#case/${id}` }, t("signal.back"))),
    heading,
    h("p", {}, t("signal.explained")),
    h("details", { class: "report-reference" }, h("summary", {}, t("signal.show_report")), h("div", { class: "report-text" }, source)),
    form
  );
  update();
  announce(heading);
}
