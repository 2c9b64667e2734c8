// The administrators' pages: #admin (an overview with the state of the audit chain),
// #admin/partners, #admin/audit and #admin/figures. Staff accounts stay on #team. Each page asks
// an admin-only API first, so whoever is not an administrator sees the server's refusal.

import { api } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { showAudit, verificationBox } from "./admin-audit.js";
import { SECTIONS, sectionNav } from "./admin-common.js";
import { showFigures } from "./admin-figures.js";
import { showPartners } from "./admin-partners.js";

const VIEWS = { partners: showPartners, audit: showAudit, figures: showFigures };

async function showOverview(root, { nav, say }) {
  const verification = await api("GET", "/api/v1/admin/audit/verification");
  const heading = h("h1", {}, t("admin.title"));
  const items = [...SECTIONS.map((name) => [`#admin/${name}`, t(`admin.${name}.title`), t(`admin.overview.${name}`)]), ["#team", t("admin.team"), t("admin.overview.team")]];
  root.replaceChildren(
    nav,
    heading,
    say,
    h("section", { "aria-labelledby": "chain-heading" }, h("h2", { id: "chain-heading" }, t("admin.overview.chain")), verificationBox(verification, { anchor: false }), h("p", {}, h("a", { href: "#admin/audit" }, t("admin.overview.to_audit")))),
    h("ul", { class: "admin-overview" }, items.map(([href, title, text]) => h("li", {}, h("a", { href }, title), ": ", text)))
  );
  announce(heading);
  return { say };
}

export async function showAdmin(root, context) {
  const [section, search = ""] = (context.section || "").split("?");
  const page = {
    ...context,
    params: new URLSearchParams(search),
    nav: sectionNav(VIEWS[section] ? section : ""),
    say: h("p", { role: "status", class: "status-line" }),
  };
  return (VIEWS[section] || showOverview)(root, page);
}
