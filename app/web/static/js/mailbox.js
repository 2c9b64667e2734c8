// The mailbox with JavaScript: the receipt never leaves this device. The browser derives the
// credential (sent as a header, never a cookie) and the reply key, and decrypts here.

import { fromBase64, toBase64 } from "./crypto/bytes.js";
import { bindInfo, open, seal } from "./crypto/envelope.js";
import { progressBar, solve } from "./crypto/pow.js";
import { ReceiptError, mailboxCredential, parseReceipt, replyKeyPair } from "./crypto/receipt.js";

const form = document.getElementById("mailbox-form");
const messages = form ? form.dataset : {};
const lang = document.documentElement.lang;
const PURPOSE = { reporter: "message", reply: "reply", notice: "notice" };
// Taken now: rendering the thread replaces the part of the page that holds them.
const threadTemplate = document.getElementById("thread-template");
// Every partner's shown name, for notices about a partner the reporter's choices do not list.
const partnerNames = new Map(
  threadTemplate
    ? Array.from(threadTemplate.content.querySelectorAll(".sent-consents li"), (li) => [li.dataset.value, li.textContent])
    : []
);
const erasedTemplate = document.getElementById("erased-template");

async function capable() {
  try {
    await crypto.subtle.generateKey({ name: "X25519" }, false, ["deriveBits"]);
    return true;
  } catch {
    return false;
  }
}

function quiet() {
  const box = document.getElementById("mailbox-status");
  box.replaceChildren();
  box.className = "";
  box.hidden = true;
}

function say(text, isProblem) {
  const box = document.getElementById("mailbox-status");
  box.textContent = text;
  box.className = isProblem ? "problems" : "status";
  box.hidden = false;
  box.focus();
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "Accept-Language": lang, ...(options.headers || {}) },
  });
  if (!response.ok) throw new Error((await response.json()).error.message);
  return response.status === 204 ? null : response.json();
}

async function proofOfWork() {
  const challenge = await api("/api/v1/proof-of-work");
  say(messages.msgChecking, false);
  const progress = progressBar(document.getElementById("mailbox-status"), messages.msgSecurityCheck);
  return `${challenge.challenge}:${await solve(challenge.challenge, challenge.puzzles, challenge.bits, progress)}`;
}

const decode = (bytes) => JSON.parse(new TextDecoder().decode(bytes));

async function session(receipt) {
  const canonical = parseReceipt(receipt);
  const credential = toBase64(await mailboxCredential(canonical));
  return { credential, key: await replyKeyPair(canonical) };
}

async function load(me) {
  const box = await api("/api/v1/mailbox", { headers: { "X-Mailbox-Credential": me.credential } });
  const own = box.reporter_copy
    ? decode(await open(me.key, fromBase64(box.reporter_copy), bindInfo("report-copy", box.report_id, "reply-key")))
    : null;
  const entries = [];
  for (const item of box.messages) {
    const info = bindInfo(PURPOSE[item.kind], box.report_id, item.id, "reply-key");
    try {
      entries.push({ ...item, content: decode(await open(me.key, fromBase64(item.ciphertext), info)) });
    } catch {
      // One unreadable message must not hide the rest of the thread.
    }
  }
  return { reportId: box.report_id, own, consents: box.consents, entries };
}

// Keep only the choices the reporter made: the page rendered every one, translated.
function showChosen(view, selector, chosen) {
  const section = view.querySelector(selector);
  const wanted = new Set(Array.isArray(chosen) ? chosen : []);
  for (const item of section.querySelectorAll("li")) {
    if (!wanted.has(item.dataset.value)) item.remove();
  }
  const any = section.querySelector("li") !== null;
  section.hidden = !any;
  return any;
}

function showChoices(view, thread) {
  showChosen(view, ".sent-wants", thread.own.wants);
  // A report about someone else lists what was seen where the categories would be.
  const what = [thread.own.what, thread.own.seen].flatMap((list) => (Array.isArray(list) ? list : []));
  showChosen(view, ".sent-what", what);
  view.querySelector(".sent-about").hidden = thread.own.about !== "other";
  const consents = view.querySelector(".sent-consents");
  consents.hidden = false;
  consents.querySelector(".no-consents").hidden = showChosen(view, ".sent-consents", thread.consents);
}

// A notice that a signal went to a partner names the partner by id; the page names it.
function entryText(entry) {
  if (entry.kind === "notice" && entry.content.kind === "signal_sent") {
    const partner = String(entry.content.partner);
    return messages.msgSignalSent.replace("{partner}", partnerNames.get(partner) || partner);
  }
  return entry.content.text || "";
}

function render(me, thread) {
  const view = threadTemplate.content.cloneNode(true);
  if (thread.own) {
    view.querySelector(".own").hidden = false;
    view.querySelector(".own .message").textContent = thread.own.text || "";
    showChoices(view, thread);
  }
  const list = view.querySelector(".entries");
  for (const entry of thread.entries) {
    const article = document.createElement("article");
    article.className = `entry ${entry.kind}`;
    const meta = document.createElement("p");
    meta.className = "meta";
    const from = { reply: messages.msgFromReply, notice: messages.msgFromNotice }[entry.kind];
    meta.textContent = `${from || messages.msgFromReporter}, ${entry.created_on}`;
    const body = document.createElement("p");
    body.className = "message";
    body.textContent = entryText(entry);
    article.append(meta, body);
    list.append(article);
  }
  if (thread.entries.length === 0) {
    const none = document.createElement("p");
    none.textContent = messages.msgNoAnswer;
    list.append(none);
  }
  const main = document.getElementById("main");
  const status = document.getElementById("mailbox-status");
  // What was said before (a typing error in the code) no longer applies to the opened thread.
  quiet();
  main.replaceChildren(status, view);
  main.querySelector(".compose").addEventListener("submit", (e) => followUp(e, me, thread));
  main.querySelector(".erase").addEventListener("submit", (e) => erase(e, me));
  const heading = main.querySelector("h1");
  heading.tabIndex = -1;
  heading.focus();
}

async function followUp(event, me, thread) {
  event.preventDefault();
  const text = event.target.elements.text.value.trim();
  if (!text) return say(messages.msgEmpty, true);
  try {
    const key = await api("/api/v1/inbox-key");
    const id = crypto.randomUUID();
    const plaintext = new TextEncoder().encode(JSON.stringify({ text }));
    const inboxInfo = bindInfo("message", thread.reportId, id, `inbox-v${key.version}`);
    const body = {
      id,
      inbox_version: key.version,
      inbox_ciphertext: toBase64(await seal(fromBase64(key.public_key), plaintext, inboxInfo)),
      reply_ciphertext: toBase64(
        await seal(me.key.publicKey, plaintext, bindInfo("message", thread.reportId, id, "reply-key"))
      ),
    };
    await api("/api/v1/mailbox/messages", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Mailbox-Credential": me.credential,
        "X-Proof-Of-Work": await proofOfWork(),
      },
      body: JSON.stringify(body),
    });
    render(me, await load(me));
    say(messages.msgSent, false);
  } catch (error) {
    say(`${messages.msgFailed} ${error.message || ""}`.trim(), true);
  }
}

async function erase(event, me) {
  event.preventDefault();
  if (!event.target.elements.confirm.checked) return say(messages.msgConfirm, true);
  try {
    await api("/api/v1/mailbox", {
      method: "DELETE",
      headers: { "X-Mailbox-Credential": me.credential, "X-Proof-Of-Work": await proofOfWork() },
    });
    const main = document.getElementById("main");
    main.replaceChildren(erasedTemplate.content.cloneNode(true));
    main.querySelector("h1").tabIndex = -1;
    main.querySelector("h1").focus();
  } catch (error) {
    say(`${messages.msgFailed} ${error.message || ""}`.trim(), true);
  }
}

async function openMailbox(event) {
  event.preventDefault();
  let me;
  try {
    me = await session(form.elements.receipt.value);
  } catch (error) {
    if (error instanceof ReceiptError) {
      return say(error.kind === "typo" ? messages.msgTypo : messages.msgFormat, true);
    }
    throw error;
  }
  try {
    render(me, await load(me));
  } catch (error) {
    say(error.message, true);
  }
}

if (form && (await capable())) {
  document.querySelector(".weaker-no-js").hidden = true;
  form.addEventListener("submit", openMailbox);
}
