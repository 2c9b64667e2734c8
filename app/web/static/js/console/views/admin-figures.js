// The figures for the municipality (R8), as the server computed them: per quarter and category,
// every small count already withheld. Nothing is added up here: a total next to a withheld count
// would give it away by subtraction.

import { api } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { category } from "../labels.js";
import { download, locale, run } from "./admin-common.js";

const FIGURES = ["cases_received", "cases_with_mailbox", "acknowledged_in_time", "median_days_to_acknowledgement", "signals_police", "signals_care", "signals_municipality"];

function categoryName(id) {
  if (id === "unlabelled") return t("admin.figures.unlabelled");
  const name = category(id);
  return name === `category.${id}` ? id : name;
}

function cell(row, name, k) {
  if (row.suppressed.includes(name)) {
    return h("td", { class: "suppressed", "data-figure": name }, `<${k}`, h("span", { class: "visually-hidden" }, ` (${t("admin.figures.hidden", { k })})`));
  }
  const value = row[name];
  return h("td", { "data-figure": name }, value === null || value === undefined ? "–" : Number(value).toLocaleString(locale()));
}

export async function showFigures(root, { nav, say }) {
  const figures = await api("GET", "/api/v1/admin/figures?format=json");
  const { k } = figures;
  const heading = h("h1", {}, t("admin.figures.title"));
  const box = h("div", { "aria-live": "polite" });
  const csv = h("button", { type: "button", class: "button secondary" }, t("admin.figures.download"));
  csv.addEventListener("click", () =>
    run(csv, box, async () => {
      const file = await download("/api/v1/admin/figures?format=csv", "text/csv", `figures-${figures.generated_on}.csv`);
      say.textContent = t("admin.figures.downloaded", { file });
    })
  );
  const rows = figures.rows.map((row) =>
    h("tr", { "data-quarter": row.quarter, "data-category": row.category }, h("th", { scope: "row" }, row.quarter), h("td", {}, categoryName(row.category)), FIGURES.map((name) => cell(row, name, k)))
  );
  // The wrapper lets the wide table scroll on its own on a narrow screen (console.css); focusable
  // and named, so that it can be scrolled with the keyboard too.
  const table = rows.length
    ? h(
        "div",
        { class: "table-scroll", role: "region", "aria-labelledby": "figures-caption", tabindex: 0 },
        h(
          "table",
          { class: "figures" },
          h("caption", { id: "figures-caption" }, t("admin.figures.caption")),
          h("thead", {}, h("tr", {}, ["quarter", "category", ...FIGURES].map((c) => h("th", { scope: "col" }, t(`admin.figures.${c}`))))),
          h("tbody", {}, rows)
        )
      )
    : h("p", {}, t("admin.figures.none"));
  root.replaceChildren(
    nav,
    heading,
    say,
    h("p", { id: "figures-suppression" }, t("admin.figures.suppression", { k })),
    h("p", { class: "hint" }, t("admin.figures.generated", { date: figures.generated_on })),
    table,
    csv,
    box
  );
  announce(heading);
  return { say };
}
