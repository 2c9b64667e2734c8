// The inbox: every case with its status, labels, assignee, both deadlines (overdue ones marked)
// and the reporter's unanswered messages. Filters go to the server; the text search opens the
// cases on screen in this browser (each opening is audited) and keeps them only in memory.

import { listCases, listErased, readCase } from "../cases.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { CATEGORIES, STATUSES, category, status } from "../labels.js";

const opened = new Map(); // case id -> decrypted report text, until the console locks
export const forget = () => opened.clear();

function reportText(report) {
  if (!report) return "";
  const other = report.other_person || {};
  return [report.text, other.name, other.description, other.contact].filter(Boolean).join("\n").toLowerCase();
}

function due(date, overdue, label) {
  return h("span", { class: overdue ? "due overdue" : "due" }, overdue ? `${t("inbox.overdue")} ${date}` : date, h("span", { class: "visually-hidden" }, ` ${label}`));
}

export async function showInbox(root, { members, params }) {
  const filters = {
    status: params.get("status") || "",
    label: params.get("label") || "",
    assignee: params.get("assignee") || "",
    overdue: params.get("overdue") || "",
  };
  const heading = h("h1", {}, t("inbox.title"));
  const form = h(
    "form",
    { class: "filters", "aria-label": t("inbox.filters") },
    h("label", {}, t("inbox.status"), h("select", { name: "status" }, h("option", { value: "" }, t("inbox.all")), STATUSES.map((s) => h("option", { value: s, selected: filters.status === s }, status(s))))),
    h("label", {}, t("inbox.label"), h("select", { name: "label" }, h("option", { value: "" }, t("inbox.all")), CATEGORIES.map((c) => h("option", { value: c, selected: filters.label === c }, category(c))))),
    h(
      "label",
      {},
      t("inbox.assignee"),
      h(
        "select",
        { name: "assignee" },
        h("option", { value: "" }, t("inbox.all")),
        h("option", { value: "me", selected: filters.assignee === "me" }, t("inbox.mine")),
        h("option", { value: "none", selected: filters.assignee === "none" }, t("inbox.unassigned"))
      )
    ),
    h(
      "label",
      {},
      t("inbox.overdue_filter"),
      h("select", { name: "overdue" }, h("option", { value: "" }, t("inbox.all")), h("option", { value: "any", selected: filters.overdue === "any" }, t("inbox.overdue_any")))
    ),
    h("button", { type: "submit", class: "button secondary" }, t("inbox.apply"))
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
    location.hash = `#inbox${chosen.size ? `?${chosen}` : ""}`;
  });

  const search = h("input", { type: "search", id: "case-search", autocomplete: "off" });
  const searchNote = h("p", { class: "hint", id: "case-search-note" }, t("inbox.search_note"));
  const table = h("table", { class: "cases" });
  const status_ = h("p", { role: "status", class: "status-line" });
  root.replaceChildren(heading, form, h("div", { class: "search" }, h("label", { for: "case-search" }, t("inbox.search")), search, searchNote), status_, h("div", { class: "table-scroll", role: "region", "aria-label": t("inbox.title"), tabindex: 0 }, table));
  announce(heading);

  const [page, erased] = await Promise.all([listCases({ ...filters, limit: 200 }), listErased()]);
  const names = new Map(members.map((m) => [m.id, m.username]));
  const rows = page.items.map((item) => {
    const link = h("a", { href: `#case/${item.id}` }, item.created_on);
    const row = h(
      "tr",
      { "data-case": item.id, class: item.acknowledge_overdue || item.feedback_overdue ? "is-overdue" : "" },
      h("td", {}, link, item.one_way ? h("span", { class: "tag" }, t("case.one_way")) : null),
      h("td", {}, status(item.status)),
      h("td", {}, item.labels.map((l) => h("span", { class: "tag" }, category(l)))),
      h("td", {}, item.assignee_id ? names.get(item.assignee_id) || "?" : t("inbox.unassigned")),
      // A one-way report has no acknowledgement deadline (acknowledge_due is null): no mailbox.
      h("td", {}, item.acknowledged_on ? t("inbox.acknowledged") : item.acknowledge_due ? due(item.acknowledge_due, item.acknowledge_overdue, t("inbox.ack_due")) : t("inbox.no_acknowledgement")),
      h("td", {}, item.status === "closed" ? "" : due(item.feedback_due, item.feedback_overdue, t("inbox.feedback_due"))),
      h("td", {}, item.unanswered ? h("span", { class: "badge" }, t("inbox.unanswered", { count: item.unanswered })) : "")
    );
    return row;
  });
  table.append(
    h("caption", { class: "visually-hidden" }, t("inbox.title")),
    h(
      "thead",
      {},
      h("tr", {}, [t("inbox.received"), t("inbox.status"), t("inbox.labels"), t("inbox.assignee"), t("inbox.ack_due"), t("inbox.feedback_due"), t("inbox.messages")].map((c) => h("th", { scope: "col" }, c)))
    ),
    h("tbody", {}, rows)
  );
  status_.textContent = page.items.length ? t("inbox.count", { count: page.items.length }) : t("inbox.empty");
  // What is left of reports their reporters erased: the day, nothing else.
  if (erased.length) {
    root.append(
      h(
        "section",
        { class: "tombstones", "aria-labelledby": "erased-heading" },
        h("h2", { id: "erased-heading" }, t("inbox.erased_title")),
        h("p", { class: "hint" }, t("inbox.erased_hint")),
        h("ul", {}, erased.map((item) => h("li", { "data-tombstone": item.id }, t("inbox.erased_on", { date: item.erased_on }))))
      )
    );
  }

  let timer = null;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const needle = search.value.trim().toLowerCase();
      if (!needle) {
        rows.forEach((row) => (row.hidden = false));
        status_.textContent = t("inbox.count", { count: rows.length });
        return;
      }
      for (const item of page.items) {
        if (!opened.has(item.id)) opened.set(item.id, reportText((await readCase(item.id)).report));
      }
      let shown = 0;
      for (const row of rows) {
        row.hidden = !opened.get(row.dataset.case).includes(needle);
        if (!row.hidden) shown += 1;
      }
      status_.textContent = t("inbox.found", { count: shown });
    }, 300);
  });
}
