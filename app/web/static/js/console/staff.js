// The VP console: log in, keep the keys in memory, show the view the address names, and lock
// (log out and wipe the keys) after a few minutes without activity.

import { api, ApiError } from "./api.js";
import { announce, h } from "./dom.js";
import { t } from "./i18n.js";
import { hasInboxAccess, isUnlocked, login, member, newInboxKey, personalPublicKey, refresh, wipe } from "./keyring.js";
import { safetyNumber } from "../crypto/safety-number.js";
import { consoleShell, loginProblem } from "./shell.js";
import { newKeyPair } from "./staff-keys.js";
import { forget, showInbox } from "./views/inbox.js";
import { releasePictures, showCase } from "./views/case.js";
import { showSignalComposer } from "./views/signal.js";
import { showSignals } from "./views/signals.js";
import { showAdmin } from "./views/admin.js";
import { showTeam } from "./views/team.js";
import { assertSecurityKey } from "./security-keys.js";
import { showAccount } from "./views/account.js";

const { shell, loginView, loginForm, loginStatus, view, showLogin, lock, touch } = consoleShell({
  forget: () => {
    releasePictures();
    forget();
  },
});

loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = loginForm.elements;
  // "Use a security key" skips the code field: the key signs the login instead.
  const withKey = event.submitter?.id === "login-security-key";
  if (withKey && !(fields.username.reportValidity() && fields.passphrase.reportValidity())) return;
  loginForm.querySelector("button").disabled = true;
  loginStatus.className = "status";
  loginStatus.hidden = false;
  loginStatus.textContent = t("login.busy");
  try {
    const securityKey = withKey ? await assertSecurityKey(fields.username.value.trim()) : undefined;
    await login(fields.username.value.trim(), fields.passphrase.value, fields.code.value, securityKey);
  } catch (error) {
    wipe();
    showLogin(loginProblem(error), true);
    return;
  }
  if (member().partner_id) {
    await lock();
    location.assign("/partner/");
    return;
  }
  loginView.hidden = true;
  shell.hidden = false;
  document.getElementById("whoami").textContent = member().username;
  document.getElementById("nav-admin").hidden = !member().is_admin;
  touch();
  if (!location.hash) location.hash = "#inbox";
  else route();
});

document.getElementById("lock").addEventListener("click", () => lock(t("console.locked_by_you")));

async function setUpInboxKey(root) {
  const heading = h("h1", {}, t("setup.title"));
  const button = h("button", { type: "button", class: "button" }, t("setup.make_key"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    // For this adviser alone: colleagues are granted it after comparing their safety numbers.
    const { body } = await newInboxKey([], newKeyPair);
    await api("POST", "/api/v1/staff/inbox-keys", body);
    await refresh();
    location.hash = "#inbox";
    route();
  });
  root.replaceChildren(heading, h("p", {}, t("setup.explained")), button);
  announce(heading);
}

async function waiting(root) {
  const heading = h("h1", {}, t("setup.waiting_title"));
  const own = personalPublicKey();
  root.replaceChildren(
    heading,
    h("p", {}, t("setup.waiting")),
    h("p", {}, t("setup.your_safety_number")),
    h("p", { class: "secret safety-number", id: "own-safety-number" }, own ? await safetyNumber(own) : "")
  );
  announce(heading);
}

let routing = Promise.resolve();

async function render(message) {
  releasePictures();
  const [name, rest = ""] = location.hash.slice(1).split("/");
  const [path, search = ""] = name.split("?");
  const members = await api("GET", "/api/v1/staff/members");
  const context = { members, params: new URLSearchParams(search), rerender: (m) => render(m) };
  for (const link of shell.querySelectorAll("nav a")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === `#${path}`);
  }
  let shown = null;
  if (path === "team") shown = await showTeam(view, context);
  else if (path === "account") shown = await showAccount(view, context);
  else if (path === "admin") shown = await showAdmin(view, { ...context, section: rest });
  else if (!hasInboxAccess()) {
    const anyKey = (await api("GET", "/api/v1/staff/session")).inbox_keys.length > 0;
    if (!anyKey && member().is_vp) await setUpInboxKey(view);
    else await waiting(view);
  } else if (path === "case" && rest) shown = await showCase(view, { ...context, id: rest });
  else if (path === "signal" && rest) shown = await showSignalComposer(view, { ...context, id: rest });
  else if (path === "signals") shown = await showSignals(view, context);
  else shown = await showInbox(view, context);
  if (message && shown?.say) shown.say.textContent = message;
}

function route(message) {
  if (!isUnlocked()) return;
  routing = routing.then(() =>
    render(message).catch((error) => {
      if (error instanceof ApiError && error.status === 401) return lock(t("console.session_ended"));
      view.replaceChildren(h("p", { class: "problems", role: "alert" }, error.message || t("console.error")));
    })
  );
}

window.addEventListener("hashchange", () => route());
showLogin();
