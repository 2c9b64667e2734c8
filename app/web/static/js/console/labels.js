// Names for the ids a report and a case carry (categories, statuses, places), in the console's
// language. The ids themselves come from TAXONOMY.md and the report form.

import { t } from "./i18n.js";

export const CATEGORIES = JSON.parse(document.getElementById("console-categories")?.textContent || "[]");
export const category = (id) => t(`category.${id}`);
export const want = (id) => t(`wants.${id}`);
// Who a report is about, and what a reporter worried about someone else saw (report_form.py).
export const about = (id) => (id === "self" || id === "other" ? t(`case.about_${id}`) : "");
export const seen = (id) => t(`seen.${id}`);
export const when = (id) => (id ? t(`when.${id}`) : "");
export const municipality = (id) => (id ? t(`municipality.${id}`) : "");
export const place = (id) => (id ? t(`place.${id}`) : "");
export const status = (id) => t(`status.${id}`);
export const MUNICIPALITIES = JSON.parse(document.getElementById("console-municipalities")?.textContent || "[]");
export const STATUSES = ["new", "in_progress", "waiting", "closed"];
