// Enrolment from the one-time link (/staff/enrol#<token>): choose a passphrase (weak ones are
// refused), make the personal key and wrap it here, set up TOTP, and see the recovery codes once.
// The token lives in the fragment, which is never sent; it is taken out of the address at once.

import { toBase64 } from "../crypto/bytes.js";
import { api, ApiError } from "./api.js";
import { announce, h } from "./dom.js";
import { t } from "./i18n.js";
import { qrElement } from "./qr.js";
import { PBKDF2_ITERATIONS, deriveStaffSecrets, newKeyPair, wrapPrivateKey } from "./staff-keys.js";
import { MIN_LENGTH, assess, refusal } from "./strength.js";

const token = location.hash.slice(1);
history.replaceState(null, "", location.pathname);
const root = document.getElementById("main");
const form = document.getElementById("enrol-form");
const passphrase = document.getElementById("passphrase");
const repeat = document.getElementById("passphrase-repeat");
const meter = document.getElementById("strength");
const meterText = document.getElementById("strength-text");
const problems = document.getElementById("enrol-problems");

function problem(message) {
  problems.textContent = message;
  problems.hidden = !message;
  if (message) problems.focus();
}

let latest = 0;
passphrase.addEventListener("input", async () => {
  const asked = ++latest;
  const result = await assess(passphrase.value, ["vertrouwenspunt", "vertrouwen", "staff"]);
  if (asked !== latest) return;
  meter.value = passphrase.value ? result.score + 1 : 0;
  meterText.textContent = passphrase.value ? t(`strength.${result.acceptable ? "ok" : "weak"}`, { score: result.score }) : "";
});

document.getElementById("console-starting")?.remove();
if (form) form.hidden = false;

if (!token) {
  root.replaceChildren(h("h1", {}, t("enrol.no_token_title")), h("p", {}, t("enrol.no_token")));
}

form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  problem("");
  if (passphrase.value !== repeat.value) return problem(t("enrol.mismatch"));
  const verdict = await assess(passphrase.value, ["vertrouwenspunt", "vertrouwen", "staff"]);
  if (refusal(verdict)) return problem(t(refusal(verdict), { length: MIN_LENGTH }));
  form.querySelector("button").disabled = true;
  const busy = h("p", { class: "status", role: "status" }, t("enrol.busy"));
  form.append(busy);
  try {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const secrets = await deriveStaffSecrets(passphrase.value, salt, PBKDF2_ITERATIONS);
    const personal = await newKeyPair();
    const started = await api("POST", "/api/v1/staff/enrolment", {
      token,
      public_key: toBase64(personal.publicKey),
      wrapped_private_key: toBase64(await wrapPrivateKey(personal.raw, secrets.wrapKey)),
      kdf_salt: toBase64(salt),
      kdf_iterations: PBKDF2_ITERATIONS,
      auth_value: toBase64(secrets.authValue),
    });
    personal.raw.fill(0);
    secrets.wrapKey.fill(0);
    passphrase.value = repeat.value = "";
    showTotp(started);
  } catch (error) {
    busy.remove();
    form.querySelector("button").disabled = false;
    problem(error instanceof ApiError ? error.message : t("console.error"));
  }
});

function grouped(secret) {
  return secret.match(/.{1,4}/g).join(" ");
}

function showTotp(started) {
  const heading = h("h1", {}, t("enrol.totp_title"));
  const code = h("input", { id: "totp-code", inputmode: "numeric", autocomplete: "one-time-code", maxlength: 6, required: true });
  const status = h("p", { class: "problems", role: "alert", hidden: true, tabindex: -1 });
  const confirm = h(
    "form",
    {},
    h("label", { for: "totp-code" }, t("enrol.totp_code")),
    code,
    h("button", { type: "submit", class: "button" }, t("enrol.confirm")),
    status
  );
  confirm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const done = await api("POST", "/api/v1/staff/enrolment/confirm", { token, totp_code: code.value.replace(/\s/g, "") });
      showRecoveryCodes(done.recovery_codes, done.console);
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : t("console.error");
      status.hidden = false;
      status.focus();
    }
  });
  root.replaceChildren(
    heading,
    h("p", {}, t("enrol.totp_explained")),
    qrElement(started.totp_uri, t("enrol.qr_label")),
    h("p", {}, t("enrol.totp_manual")),
    h("p", { class: "secret", id: "totp-secret" }, grouped(started.totp_secret)),
    confirm
  );
  announce(heading);
}

function showRecoveryCodes(codes, consolePath) {
  const heading = h("h1", {}, t("enrol.recovery_title"));
  root.replaceChildren(
    heading,
    h("p", {}, t("enrol.recovery_explained")),
    h("ol", { class: "recovery-codes secret" }, codes.map((c) => h("li", {}, c))),
    h("p", {}, h("a", { class: "button", href: consolePath }, t("enrol.to_console")))
  );
  announce(heading);
}
