// What both consoles share around their views: the login view, and the lock after a few minutes
// without activity, which logs out, drops every key and decrypted item (`forget`) and shows the
// login form with the reason.

import { ApiError } from "./api.js";
import { t } from "./i18n.js";
import { isUnlocked, logout, wipe } from "./keyring.js";
import { WeakKdfParameters } from "./staff-keys.js";

// What the login form says when logging in failed. Weak settings from the server are named: the
// adviser should tell the administrator, not retype the passphrase.
export function loginProblem(error) {
  if (error instanceof WeakKdfParameters) return t("login.weak_kdf");
  return error instanceof ApiError ? error.message : t("login.failed");
}

export function consoleShell({ forget }) {
  const parts = {
    shell: document.getElementById("console"),
    loginView: document.getElementById("login-view"),
    loginForm: document.getElementById("login-form"),
    loginStatus: document.getElementById("login-status"),
    view: document.getElementById("view"),
    lockMinutes: Number(document.body.dataset.lockMinutes || 10),
  };
  let lockTimer = null;

  function showLogin(message, isProblem = false) {
    parts.shell.hidden = true;
    parts.view.replaceChildren();
    document.getElementById("console-starting")?.remove();
    parts.loginView.hidden = false;
    parts.loginStatus.textContent = message || "";
    parts.loginStatus.className = isProblem ? "problems" : message ? "status" : "";
    parts.loginStatus.hidden = !message;
    parts.loginForm.reset();
    for (const button of parts.loginForm.querySelectorAll("button")) button.disabled = false;
    document.getElementById("username").focus();
  }

  async function lock(reason) {
    clearTimeout(lockTimer);
    forget();
    if (isUnlocked()) {
      try {
        await logout();
      } catch {
        wipe();
      }
    }
    showLogin(reason);
  }

  function touch() {
    if (!isUnlocked()) return;
    clearTimeout(lockTimer);
    lockTimer = setTimeout(() => lock(t("console.locked", { minutes: parts.lockMinutes })), parts.lockMinutes * 60_000);
  }

  for (const event of ["pointerdown", "keydown", "wheel", "touchstart"]) {
    document.addEventListener(event, touch, { passive: true });
  }
  // Leaving or reloading the page drops the keys with it; wipe them first anyway.
  window.addEventListener("pagehide", () => {
    forget();
    wipe();
  });
  return { ...parts, showLogin, lock, touch };
}
