// The partner console: log in as a partner's user, open the organisation's key file (or make a new
// key), read its signals, acknowledge them and write to the advisers. Signals are decrypted here
// only; the server sends ciphertext. The keys are in memory only, and the console locks (logs out
// and wipes them) after a few minutes without activity, exactly as the advisers' console does.

import { api, ApiError } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { isUnlocked, login, member, wipe } from "./keyring.js";
import { consoleShell, loginProblem } from "./shell.js";
import { forgetKeys, hasKeys } from "./partner-keys.js";
import { releaseDownloads, showKeys } from "./views/partner-key-files.js";
import { showSignal, showSignals } from "./views/partner-signals.js";

const { shell, loginView, loginForm, loginStatus, view, showLogin, lock, touch } = consoleShell({
  forget: () => {
    releaseDownloads();
    forgetKeys();
  },
});

async function partnerName(id) {
  try {
    const partners = await api("GET", "/api/v1/partners");
    return partners.find((p) => p.id === id)?.name || id;
  } catch {
    return id;
  }
}

loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = loginForm.elements;
  loginForm.querySelector("button").disabled = true;
  loginStatus.className = "status";
  loginStatus.hidden = false;
  loginStatus.textContent = t("login.busy");
  try {
    await login(fields.username.value.trim(), fields.passphrase.value, fields.code.value);
  } catch (error) {
    releaseDownloads();
    forgetKeys();
    wipe();
    showLogin(loginProblem(error), true);
    return;
  }
  if (!member().partner_id) {
    // An adviser's account: their console is elsewhere, and this one holds nothing for them.
    await lock();
    location.assign("/staff/");
    return;
  }
  loginView.hidden = true;
  shell.hidden = false;
  const whoami = document.getElementById("whoami");
  whoami.textContent = member().username;
  partnerName(member().partner_id).then((name) => {
    if (isUnlocked()) whoami.textContent = `${member().username} · ${name}`;
  });
  touch();
  // The key files were wiped with the last lock: the organisation's key comes first.
  if (location.hash === "#keys") route();
  else location.hash = "#keys";
});

document.getElementById("lock").addEventListener("click", () => lock(t("console.locked_by_you")));

// True when the session is gone (expired, or ended elsewhere): the console then locks.
function ended(error) {
  if (error instanceof ApiError && error.status === 401) {
    lock(t("console.session_ended"));
    return true;
  }
  return false;
}

let routing = Promise.resolve();

async function render(message) {
  releaseDownloads();
  const [path, rest = ""] = location.hash.slice(1).split("/");
  for (const link of shell.querySelectorAll("nav a")) {
    const current = link.getAttribute("href") === `#${path}` || (path === "signal" && link.getAttribute("href") === "#signals");
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  let shown = null;
  if (path === "signal" && rest) shown = await showSignal(view, { id: rest, ended });
  else if (path === "signals" || (path !== "keys" && hasKeys())) shown = await showSignals(view);
  else shown = await showKeys(view, { member: member() });
  if (message && shown?.say) shown.say.textContent = message;
}

function route(message) {
  if (!isUnlocked()) return;
  routing = routing.then(() =>
    render(message).catch((error) => {
      if (ended(error)) return;
      view.replaceChildren(h("p", { class: "problems", role: "alert" }, error.message || t("console.error")));
    })
  );
}

window.addEventListener("hashchange", () => route());
showLogin();
