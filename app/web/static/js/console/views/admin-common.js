// What the administration pages share: their sub-navigation, errors shown where the action was,
// a second click to confirm what cannot be undone, downloads offered from blob: URLs, and dates.

import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { lang, t } from "../i18n.js";

export const SECTIONS = ["partners", "audit", "figures"];

export function sectionNav(current) {
  const link = (href, label, here) => h("a", { href, class: here ? "button small" : "button secondary small", "aria-current": here ? "page" : false }, label);
  const links = [
    link("#admin", t("admin.overview.title"), !current),
    ...SECTIONS.map((name) => link(`#admin/${name}`, t(`admin.${name}.title`), current === name)),
    link("#team", t("admin.team"), false),
  ];
  // Spaces between the links keep them apart without a style of their own.
  return h("nav", { class: "admin-nav", "aria-label": t("admin.sections") }, links.flatMap((a) => [a, " "]));
}

// The server's message is already in the console's language; anything else gets the general one.
export function showProblem(box, error) {
  box.replaceChildren(h("p", { class: "problems", role: "alert" }, error instanceof ApiError ? error.message : t("console.error")));
  // An ended session is handled by the router: routing again meets the 401 and locks.
  if (error instanceof ApiError && error.status === 401) window.dispatchEvent(new HashChangeEvent("hashchange"));
}

// Runs an action from a button, which stays disabled meanwhile; a failure is shown in `box`.
export async function run(button, box, work) {
  button.disabled = true;
  box.replaceChildren();
  try {
    await work();
  } catch (error) {
    showProblem(box, error);
  } finally {
    button.disabled = false;
  }
}

// The first click only asks; the second does it (as the Team page removes a member).
export function confirmFirst(button, question, box, work) {
  button.addEventListener("click", () => {
    if (button.dataset.confirm !== "yes") {
      button.dataset.confirm = "yes";
      button.textContent = question;
      return;
    }
    return run(button, box, work);
  });
  return button;
}

const downloads = new Set();
window.addEventListener("pagehide", () => {
  for (const url of downloads) URL.revokeObjectURL(url);
});

// Fetches a file like any API call (session, the console's language) and hands it to the browser
// from a blob: URL, so that a refusal is shown in the page as the server's message instead of
// opening as a JSON document in a new tab.
export async function download(path, accept, fallbackName) {
  const response = await fetch(path, {
    headers: { Accept: accept, "Accept-Language": lang() },
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError(response.status, data?.error?.code, data?.error?.message);
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const name = /filename="([^"/\\]+)"/.exec(disposition)?.[1] || fallbackName;
  const url = URL.createObjectURL(await response.blob());
  downloads.add(url);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by now; the delay only covers a slow start of the download.
  setTimeout(() => {
    URL.revokeObjectURL(url);
    downloads.delete(url);
  }, 60_000);
  return name;
}

export const dateOf = (iso) => (iso ? String(iso).slice(0, 10) : "");

// Local time, written the same way in both languages so that it is never read day-for-month.
export function timeOf(iso) {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return String(iso);
  const two = (n) => String(n).padStart(2, "0");
  return `${moment.getFullYear()}-${two(moment.getMonth() + 1)}-${two(moment.getDate())} ${two(moment.getHours())}:${two(moment.getMinutes())}:${two(moment.getSeconds())}`;
}

export const locale = () => (lang() === "nl" ? "nl-NL" : "en-GB");
