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
import { solve } from "./crypto/pow.js";
import { generateReceipt, mailboxCredential, replyKeyPair } from "./crypto/receipt.js";

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

// Steps only show and hide fieldsets: no pushState, no hash. A history entry per step would let Back
// after the quick exit (location.replace) return to a filled-in step (T5).
function showStep(index, moveFocus = true) {
  const all = steps();
  all.forEach((fieldset, i) => {
    fieldset.hidden = i !== index;
  });
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

// The same structure as app/web/report_form.py builds on the path without JavaScript.
function content() {
  return {
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
  };
}

// Cleaned pictures, each { type, blob }: only these are sealed, never the chosen files themselves.
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
    row.append(form.dataset.msgPicture.replace("{number}", number).replace("{size}", formatSize(item.blob.size)), " ");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button secondary small";
    remove.textContent = form.dataset.msgRemove.replace("{number}", number);
    remove.addEventListener("click", () => {
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
        attached.push(...items);
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
    attached.map(async (item) => ({ type: item.type, data: toBase64(new Uint8Array(await item.blob.arrayBuffer())) }))
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

async function send(event) {
  event.preventDefault();
  const report = content();
  if (report.what.length === 0 && !report.text) {
    say(form.dataset.msgNothing, true);
    return;
  }
  form.querySelector("#send").disabled = true;
  say(form.dataset.msgSending, false);
  try {
    await cleaning;
    // The reporter's own copy leaves the pictures out: their mailbox shows the text, and someone
    // who later gets hold of the receipt does not get the photos too.
    const full = attached.length ? { ...report, attachments: await sealedAttachments() } : report;
    const key = await getJson("/api/v1/inbox-key");
    const challenge = await getJson("/api/v1/proof-of-work");
    const nonce = await solve(challenge.challenge, challenge.difficulty);
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
    showReceipt(receipt);
  } catch (error) {
    form.querySelector("#send").disabled = false;
    say(`${form.dataset.msgFailed} ${error.message || ""}`.trim(), true);
  }
}

function showReceipt(receipt) {
  const template = document.getElementById(receipt ? "received-template" : "received-one-way-template");
  const done = template.content.cloneNode(true);
  const slot = done.querySelector(".receipt");
  if (slot) slot.textContent = receipt;
  const main = document.getElementById("main");
  main.replaceChildren(done);
  const heading = main.querySelector("h1");
  heading.tabIndex = -1;
  heading.focus();
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
  showStep(0, false);
  form.addEventListener("submit", send);
}
