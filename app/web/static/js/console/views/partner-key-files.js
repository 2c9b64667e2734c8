// "Your organisation's key": open one or more key files (made here or with the command line), or
// make a new key with the administrator's one-time enrolment code. Only the public key is sent;
// the file to keep is offered from a blob: URL made in this page, never from the server.

import { toBase64 } from "../../crypto/bytes.js";
import { api, ApiError } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { NotAKeyFile, WeakKdfParameters, WrongPassphrase, createKeyFile, currentGeneration, fingerprint, heldKeys, hold, openKeyFile, safetyNumber } from "../partner-keys.js";
import { MIN_LENGTH, assess, refusal } from "../strength.js";

// The registration answers with an API token for a partner's own system; the console has no use
// for it and drops it. Its name tells an administrator, who sees it in the token list, why.
// A key file is under 1 KB; anything much larger was chosen by mistake and is not read at all.
const MAX_FILE_BYTES = 64 * 1024;

class RegisteredAnotherKey extends Error {}

const downloads = new Set();
export function releaseDownloads() {
  for (const url of downloads) URL.revokeObjectURL(url);
  downloads.clear();
}

const fileName = (identifier) => `vertrouwenspunt-partner-key-${identifier.slice(0, 8)}.json`;

function downloadLink(keyFile, label, id) {
  const blob = new Blob([JSON.stringify(keyFile, null, 1)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  downloads.add(url);
  return h("a", { class: "button", href: url, download: fileName(keyFile.key_id), id }, label);
}

// `saving`: key ids whose save panel is on screen, so the table does not offer the file twice.
function heldTable(saving) {
  const keys = heldKeys();
  if (!keys.length) return null;
  return h(
    "section",
    { class: "report", "aria-labelledby": "held-heading" },
    h("h2", { id: "held-heading" }, t("keys.held_title")),
    h(
      "table",
      { class: "keys" },
      h("thead", {}, h("tr", {}, [t("keys.key_id"), t("keys.fingerprint"), t("keys.safety_number"), t("keys.source")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        keys.map((k) =>
          h(
            "tr",
            { "data-key": k.keyId },
            h("td", {}, h("code", {}, k.keyId)),
            h("td", {}, h("code", {}, k.fingerprint)),
            // What an adviser reads out before the first signal to this key (key-check.js).
            h("td", {}, h("code", { class: "safety-number" }, k.safetyNumber)),
            h("td", {}, k.document ? [t("keys.made_here"), saving.has(k.keyId) ? null : [" ", downloadLink(k.document, t("keys.download_again"))]] : k.source)
          )
        )
      )
    ),
    h("p", {}, h("a", { class: "button", href: "#signals" }, t("keys.to_signals")))
  );
}

function problemLine() {
  return h("p", { class: "problems", role: "alert", tabindex: -1, hidden: true });
}

function tell(line, message) {
  line.textContent = message || "";
  line.hidden = !message;
  if (message) line.focus();
}

function openForm(refresh) {
  const file = h("input", { type: "file", id: "keyfile", accept: ".json,application/json", required: true });
  const passphrase = h("input", { type: "password", id: "keyfile-passphrase", required: true, autocomplete: "off" });
  const problem = problemLine();
  const button = h("button", { type: "submit", class: "button" }, t("keys.open"));
  const form = h(
    "form",
    { class: "reply", "aria-labelledby": "open-heading", autocomplete: "off" },
    h("h2", { id: "open-heading" }, t("keys.open_title")),
    h("label", { for: "keyfile" }, t("keys.file")),
    file,
    h("label", { for: "keyfile-passphrase" }, t("keys.file_passphrase")),
    passphrase,
    h("p", { class: "hint" }, t("keys.several")),
    button,
    problem
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    tell(problem, "");
    const chosen = file.files[0];
    if (!chosen) return;
    button.disabled = true;
    button.textContent = t("keys.opening");
    const since = currentGeneration();
    try {
      if (chosen.size > MAX_FILE_BYTES) throw new NotAKeyFile("size");
      let keyFile;
      try {
        keyFile = JSON.parse(await chosen.text());
      } catch {
        throw new NotAKeyFile("json");
      }
      const opened = await openKeyFile(keyFile, passphrase.value);
      const added = hold(opened, { source: chosen.name, since });
      if (since !== currentGeneration()) return; // locked meanwhile: this view is gone
      form.reset();
      refresh(added ? t("keys.opened", { key: opened.keyId }) : t("keys.already_open"));
    } catch (error) {
      passphrase.value = "";
      if (error instanceof WrongPassphrase) tell(problem, t("keys.wrong_passphrase"));
      else if (error instanceof NotAKeyFile) tell(problem, t("keys.not_a_file"));
      else if (error instanceof WeakKdfParameters) tell(problem, t("keys.weak_kdf"));
      else tell(problem, t("console.error"));
    } finally {
      button.disabled = false;
      button.textContent = t("keys.open");
    }
  });
  return form;
}

// `saved(keyId, panel)` shows the panel that offers the new file, in place of this form.
function newKeyForm(me, saved) {
  const code = h("input", { id: "enrolment-code", required: true, autocomplete: "off", autocapitalize: "none", spellcheck: "false" });
  const passphrase = h("input", { type: "password", id: "new-passphrase", required: true, autocomplete: "new-password", "aria-describedby": "new-passphrase-hint new-strength-text" });
  const meter = h("meter", { id: "new-strength", min: 0, max: 5, low: 3, high: 4, optimum: 5, value: 0, "aria-hidden": "true" });
  const meterText = h("p", { id: "new-strength-text", "aria-live": "polite" });
  const repeat = h("input", { type: "password", id: "new-passphrase-repeat", required: true, autocomplete: "new-password" });
  const problem = problemLine();
  const button = h("button", { type: "submit", class: "button secondary" }, t("keys.make"));
  const inputs = ["vertrouwenspunt", "partner", me.username, me.partner_id].filter(Boolean);

  let latest = 0;
  passphrase.addEventListener("input", async () => {
    const asked = ++latest;
    const result = await assess(passphrase.value, inputs);
    if (asked !== latest) return;
    meter.value = passphrase.value ? result.score + 1 : 0;
    meterText.textContent = passphrase.value ? t(`strength.${result.acceptable ? "ok" : "weak"}`) : "";
  });

  const form = h(
    "form",
    { class: "reply", "aria-labelledby": "new-heading", autocomplete: "off" },
    h("h2", { id: "new-heading" }, t("keys.new_title")),
    h("p", {}, t("keys.new_explained")),
    h("label", { for: "enrolment-code" }, t("keys.code")),
    code,
    h("label", { for: "new-passphrase" }, t("keys.new_passphrase")),
    h("p", { class: "hint", id: "new-passphrase-hint" }, t("keys.new_passphrase_hint")),
    passphrase,
    meter,
    meterText,
    h("label", { for: "new-passphrase-repeat" }, t("keys.new_passphrase_repeat")),
    repeat,
    button,
    problem
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    tell(problem, "");
    if (passphrase.value !== repeat.value) return tell(problem, t("enrol.mismatch"));
    const verdict = await assess(passphrase.value, inputs);
    if (refusal(verdict)) return tell(problem, t(refusal(verdict), { length: MIN_LENGTH }));
    button.disabled = true;
    const busy = h("p", { class: "status", role: "status" }, t("keys.making"));
    form.append(busy);
    let made;
    const since = currentGeneration();
    try {
      made = await createKeyFile(passphrase.value);
      const registered = await api("POST", "/api/v1/partner-keys", {
        enrolment_token: code.value.trim(),
        public_key: toBase64(made.pair.publicKey),
        issue_token: false,
      });
      // Worked out here, not taken from the answer: this is what the administrator's list must show.
      const print = await fingerprint(made.pair.publicKey);
      if (registered.key.key_id !== made.document.key_id || registered.key.fingerprint !== print) throw new RegisteredAnotherKey();
      passphrase.value = repeat.value = "";
      const number = await safetyNumber(made.pair.publicKey);
      if (!hold({ keyId: made.document.key_id, pair: made.pair, fingerprint: print, safetyNumber: number }, { document: made.document, since })) return;
      saved(made.document.key_id, savePanel(made.document, print, number));
    } catch (error) {
      if (made) made.pair.raw.fill(0);
      busy.remove();
      button.disabled = false;
      if (error instanceof ApiError) tell(problem, error.message);
      else if (error instanceof RegisteredAnotherKey) tell(problem, t("keys.server_mismatch"));
      else tell(problem, t("console.error"));
    }
  });
  return form;
}

function savePanel(keyFile, print, number) {
  return h(
    "section",
    { class: "report", "aria-labelledby": "save-heading" },
    h("h2", { id: "save-heading" }, t("keys.save_title")),
    h("p", { class: "problems", id: "save-warning" }, t("keys.save_warning")),
    downloadLink(keyFile, t("keys.download"), "download-key"),
    h("dl", { class: "key-facts" }, h("dt", {}, t("keys.key_id")), h("dd", {}, h("code", { id: "new-key-id" }, keyFile.key_id)), h("dt", {}, t("keys.fingerprint")), h("dd", {}, h("code", { id: "new-fingerprint" }, print)), h("dt", {}, t("keys.safety_number")), h("dd", {}, h("code", { id: "new-safety-number", class: "safety-number" }, number))),
    h("p", { class: "hint" }, t("keys.compare"))
  );
}

export async function showKeys(root, { member }) {
  const heading = h("h1", {}, t("keys.title"));
  const say = h("p", { role: "status", class: "status-line" });
  const saving = new Set();
  const savedSlot = h("div", {});
  const heldSlot = h("div", {}, heldTable(saving));
  const refresh = (message) => {
    heldSlot.replaceChildren(...[heldTable(saving)].filter(Boolean));
    say.textContent = message || "";
  };
  const newKey = newKeyForm(member, (identifier, panel) => {
    // Saving the file comes before anything else, so the panel goes to the top.
    saving.add(identifier);
    newKey.remove();
    savedSlot.replaceChildren(panel);
    refresh();
    announce(panel.querySelector("h2"));
  });
  root.replaceChildren(heading, h("p", {}, t("keys.explained")), say, savedSlot, heldSlot, openForm(refresh), newKey);
  announce(heading);
  return { say };
}
