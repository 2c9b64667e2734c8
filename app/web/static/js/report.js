// The report form with JavaScript: one question per screen, and sealed on this device.
// Without WebCrypto's X25519 the page stays the plain form, which the server seals instead.

import {
  MAX_ITEMS,
  MAX_TOTAL_BYTES,
  UnsupportedAttachment,
  clean,
} from "./attachments.js";
import { fromBase64, toBase64 } from "./crypto/bytes.js";
import { bindInfo, seal } from "./crypto/envelope.js";
import { progressBar, solve } from "./crypto/pow.js";
import { generateReceipt, mailboxCredential, replyKeyPair } from "./crypto/receipt.js";
import { showReceipt } from "./received.js";

const form = document.getElementById("report-form");

async function capable() {
  try {
    await crypto.subtle.generateKey({ name: "X25519" }, false, ["deriveBits"]);
    return true;
  } catch {
    return false;
  }
}

function steps() {
  return Array.from(form.querySelectorAll("fieldset"));
}

// What a page says once, above the first question: the intro, the note under the quick exit and
// the language links (changing language mid-form would lose what was filled in). The quick exit
// itself and the no-JavaScript note (quick-exit.js hides that one) are left alone.
function onceAbove() {
  return [
    document.getElementById("report-intro"),
    ...document.querySelectorAll(".quick-exit-note:not(#no-js-history), header nav"),
  ].filter(Boolean);
}

// "Step 3 of 8" at the start of each legend: read out with the question when Next moves the focus
// there, and no live region that speaks on every change.
function addStepCounters() {
  const all = steps();
  all.forEach((fieldset, i) => {
    const counter = document.createElement("span");
    counter.className = "step-count";
    counter.textContent = form.dataset.msgStep.replace("{number}", String(i + 1)).replace("{total}", String(all.length));
    fieldset.querySelector("legend").prepend(counter, " ");
  });
}

// Steps only show and hide fieldsets: no pushState, no hash. A history entry per step would let Back
// after the quick exit (location.replace) return to a filled-in step (T5).
function showStep(index, moveFocus = true) {
  const all = steps();
  all.forEach((fieldset, i) => {
    fieldset.hidden = i !== index;
  });
  for (const element of onceAbove()) element.hidden = index !== 0;
  // A problem from sending belongs to the step it was shown on.
  document.getElementById("report-status").hidden = true;
  form.dataset.step = String(index);
  form.querySelector("#step-back").hidden = index === 0;
  form.querySelector("#step-next").hidden = index === all.length - 1;
  form.querySelector("#send").hidden = index !== all.length - 1;
  const legend = all[index].querySelector("legend");
  // Not on arrival: the quick exit must stay first in tab order.
  if (legend && moveFocus) {
    legend.tabIndex = -1;
    legend.focus();
  }
}

function addNavigation() {
  const nav = document.createElement("div");
  nav.className = "step-nav";
  for (const [id, label] of [
    ["step-back", form.dataset.msgBack],
    ["step-next", form.dataset.msgNext],
  ]) {
    const button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.className = "button secondary";
    button.textContent = label;
    nav.append(button);
  }
  const send = form.querySelector("button[type=submit]");
  send.id = "send";
  nav.append(send);
  form.append(nav);
  // Messages while sending, and a failure to send, appear on the last step, above its buttons.
  nav.before(document.getElementById("report-status"));
  nav.querySelector("#step-back").addEventListener("click", () => {
    showStep(Number(form.dataset.step) - 1);
  });
  nav.querySelector("#step-next").addEventListener("click", () => {
    showStep(Number(form.dataset.step) + 1);
  });
}

function values(name) {
  return Array.from(form.querySelectorAll(`[name="${name}"]`))
    .filter((el) => (el.type === "checkbox" || el.type === "radio" ? el.checked : true))
    .map((el) => el.value)
    .filter((v) => v !== "");
}

const one = (name) => values(name)[0] || null;
const text = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");

// The same structure as app/web/report_form.py builds on the path without JavaScript. The page's
// language goes inside the sealed content only, never beside it (R3, R4).
function content() {
  const language = document.documentElement.lang;
  if (one("about") === "other") {
    return {
      about: "other",
      seen: values("seen"),
      when: one("when"),
      where: { municipality: one("municipality"), place: one("place") },
      text: text("text"),
      language,
    };
  }
  return {
    about: "self",
    wants: values("wants"),
    what: values("what"),
    when: one("when"),
    where: { municipality: one("municipality"), place: one("place") },
    other_person: {
      name: text("other_name"),
      description: text("other_description"),
      contact: text("other_contact"),
    },
    text: text("text"),
    language,
  };
}

// Cleaned pictures, each { type, blob, url }: only these are sealed, never the chosen files
// themselves. The url is an object URL of the cleaned blob, for its thumbnail; it is revoked when
// the picture is removed or the report sent, so the picture does not outlive the form in memory.
const attached = [];
let cleaning = Promise.resolve();

function formatSize(bytes) {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function showAttachments(notes = []) {
  const list = document.getElementById("attachment-list");
  const rows = attached.map((item, index) => {
    const row = document.createElement("li");
    const number = String(index + 1);
    const thumbnail = document.createElement("img");
    thumbnail.className = "thumbnail";
    thumbnail.src = item.url;
    thumbnail.alt = form.dataset.msgThumbnail.replace("{number}", number);
    row.append(thumbnail, " ");
    row.append(form.dataset.msgPicture.replace("{number}", number).replace("{size}", formatSize(item.blob.size)), " ");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button secondary small";
    remove.textContent = form.dataset.msgRemove.replace("{number}", number);
    remove.addEventListener("click", () => {
      URL.revokeObjectURL(item.url);
      attached.splice(index, 1);
      showAttachments();
      document.getElementById("attachments").focus();
    });
    row.append(remove);
    return row;
  });
  for (const note of notes) {
    const row = document.createElement("li");
    row.className = "problems";
    row.textContent = note;
    rows.push(row);
  }
  list.replaceChildren(...rows);
}

async function addFiles(files) {
  const notes = [];
  const list = document.getElementById("attachment-list");
  const busy = document.createElement("li");
  busy.textContent = form.dataset.msgCleaning;
  list.append(busy);
  for (const file of files) {
    try {
      const { items, skipped } = await clean(file);
      const total = attached.reduce((n, a) => n + a.blob.size, 0) + items.reduce((n, a) => n + a.blob.size, 0);
      if (attached.length + items.length > MAX_ITEMS) notes.push(form.dataset.msgTooMany);
      else if (total > MAX_TOTAL_BYTES) notes.push(form.dataset.msgTooLarge);
      else {
        attached.push(...items.map((item) => ({ ...item, url: URL.createObjectURL(item.blob) })));
        if (skipped) notes.push(form.dataset.msgPagesSkipped);
      }
    } catch (error) {
      notes.push(error instanceof UnsupportedAttachment ? form.dataset.msgUnsupported : form.dataset.msgUnreadable);
    }
  }
  showAttachments([...new Set(notes)]);
}

async function sealedAttachments() {
  return Promise.all(
    // "device": the advisers' case view says these were cleaned on the phone, not by the server.
    attached.map(async (item) => ({
      type: item.type,
      data: toBase64(new Uint8Array(await item.blob.arrayBuffer())),
      cleaned: "device",
    }))
  );
}

function say(message, isProblem) {
  const box = document.getElementById("report-status");
  box.textContent = message;
  box.className = isProblem ? "problems" : "status";
  box.hidden = false;
  box.focus();
}

async function getJson(path) {
  const response = await fetch(path, { headers: { "Accept-Language": document.documentElement.lang } });
  if (!response.ok) throw new Error((await response.json()).error.message);
  return response.json();
}

// The problem is shown on the step that can fix it, which is then shown and focused.
function problemOnStep(fieldset, message) {
  let box = fieldset.querySelector(".step-problem");
  if (!box) {
    box = document.createElement("p");
    box.className = "problems step-problem";
    box.id = `${fieldset.id}-problem`;
    box.tabIndex = -1;
    fieldset.querySelector("legend").after(box);
  }
  box.textContent = message;
  showStep(steps().indexOf(fieldset), false);
  box.focus();
}

function nothingToSend(report) {
  const chosen = report.about === "other" ? report.seen : report.what;
  // Only wanting to talk is a whole report too, as on the path without JavaScript.
  return chosen.length === 0 && !report.text && !(report.wants || []).includes("talk");
}

async function send(event) {
  event.preventDefault();
  const report = content();
  if (nothingToSend(report)) {
    problemOnStep(form.querySelector("fieldset[data-needed]"), form.dataset.msgNothing);
    return;
  }
  for (const box of form.querySelectorAll(".step-problem")) box.remove();
  form.querySelector("#send").disabled = true;
  say(form.dataset.msgSending, false);
  try {
    await cleaning;
    // The reporter's own copy leaves the pictures out: their mailbox shows the text, and someone
    // who later gets hold of the receipt does not get the photos too.
    const full = attached.length ? { ...report, attachments: await sealedAttachments() } : report;
    const key = await getJson("/api/v1/inbox-key");
    const challenge = await getJson("/api/v1/proof-of-work");
    const progress = progressBar(document.getElementById("report-status"), form.dataset.msgSecurityCheck);
    const nonce = await solve(challenge.challenge, challenge.puzzles, challenge.bits, progress);
    const id = crypto.randomUUID();
    const plaintext = new TextEncoder().encode(JSON.stringify(report));
    const body = {
      id,
      inbox_version: key.version,
      ciphertext: toBase64(
        await seal(
          fromBase64(key.public_key),
          new TextEncoder().encode(JSON.stringify(full)),
          bindInfo("report", id, `inbox-v${key.version}`)
        )
      ),
      consents: values("consent"),
    };
    let receipt = null;
    if (values("one_way").length === 0) {
      receipt = generateReceipt();
      const reply = await replyKeyPair(receipt);
      body.reply_public_key = toBase64(reply.publicKey);
      body.mailbox_credential = toBase64(await mailboxCredential(receipt));
      body.reporter_copy = toBase64(await seal(reply.publicKey, plaintext, bindInfo("report-copy", id, "reply-key")));
    }
    const response = await fetch("/api/v1/reports", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Accept-Language": document.documentElement.lang,
        "X-Proof-Of-Work": `${challenge.challenge}:${nonce}`,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error((await response.json()).error.message);
    forgetPictures();
    showReceipt(receipt);
  } catch (error) {
    form.querySelector("#send").disabled = false;
    say(`${form.dataset.msgFailed} ${error.message || ""}`.trim(), true);
  }
}

function forgetPictures() {
  for (const item of attached) URL.revokeObjectURL(item.url);
  attached.length = 0;
}

if (form && (await capable())) {
  for (const note of form.querySelectorAll(".weaker-no-js")) note.hidden = true;
  const picker = form.querySelector("#attachments");
  picker.removeAttribute("name");
  picker.addEventListener("change", () => {
    const files = Array.from(picker.files);
    // The originals are kept nowhere: only the cleaned copies made from them.
    picker.value = "";
    cleaning = cleaning.then(() => addFiles(files));
  });
  addNavigation();
  addStepCounters();
  showStep(0, false);
  form.addEventListener("submit", send);
}
