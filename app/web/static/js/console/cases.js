// Cases for the console: fetched as ciphertext, opened here with the inbox keys. Every fetch of a
// case is written to the audit log by the server (R6).

import { fromBase64, toBase64 } from "../crypto/bytes.js";
import { seal } from "../crypto/envelope.js";
import { api, query } from "./api.js";
import { openInbox, parseJson, sealToInbox, utf8Json } from "./keyring.js";
import * as protocol from "./protocol.js";

export const listCases = (filters = {}) => api("GET", `/api/v1/cases${query(filters)}`);

async function openJson(version, ciphertext, info) {
  try {
    return parseJson(await openInbox(version, ciphertext, info));
  } catch {
    // One unreadable item (a key this member lacks, a damaged envelope) must not hide the rest.
    return null;
  }
}

export async function readCase(id) {
  const data = await api("GET", `/api/v1/cases/${id}`);
  const report = await openJson(data.inbox_version, data.ciphertext, protocol.report(id, data.inbox_version));
  const messages = [];
  for (const item of data.messages) {
    const content = item.ciphertext
      ? await openJson(item.inbox_version, item.ciphertext, protocol.threadInfo(item.kind, id, item.id, protocol.inbox(item.inbox_version)))
      : null;
    messages.push({ ...item, content });
  }
  const notes = [];
  for (const item of data.notes) {
    notes.push({ ...item, content: await openJson(item.inbox_version, item.ciphertext, protocol.note(id, item.id, item.inbox_version)) });
  }
  return { summary: data, report, messages, notes };
}

// Reports their reporters erased: case id -> day of erasure. The server keeps each case id only
// sealed to the inbox key, in the tombstone, so the map is made here.
export async function erasedCases() {
  const found = new Map();
  for (const item of await api("GET", "/api/v1/cases/erased")) {
    try {
      const caseId = new TextDecoder().decode(await openInbox(item.inbox_version, item.case_ref, protocol.erasure(item.id, item.inbox_version)));
      found.set(caseId, item.erased_on);
    } catch {
      // A tombstone sealed to a key this member lacks still shows its day in the inbox.
    }
  }
  return found;
}

export const listErased = () => api("GET", "/api/v1/cases/erased");

export const updateCase = (id, change) => api("PATCH", `/api/v1/cases/${id}`, change);

// A reply goes to the reporter's reply key and to the inbox key, so the whole team reads it.
export async function reply(caseId, replyPublicKey, content) {
  const id = crypto.randomUUID();
  const plaintext = utf8Json(content);
  const inbox = await sealToInbox(plaintext, (v) => protocol.reply(caseId, id, protocol.inbox(v)));
  const toReporter = await seal(fromBase64(replyPublicKey), plaintext, protocol.reply(caseId, id, protocol.REPLY_KEY));
  await api("POST", `/api/v1/cases/${caseId}/replies`, {
    id,
    inbox_version: inbox.version,
    inbox_ciphertext: inbox.ciphertext,
    reply_ciphertext: toBase64(toReporter),
  });
  return id;
}

export async function addNote(caseId, content) {
  const id = crypto.randomUUID();
  const sealed = await sealToInbox(utf8Json(content), (v) => protocol.note(caseId, id, v));
  await api("POST", `/api/v1/cases/${caseId}/notes`, { id, inbox_version: sealed.version, ciphertext: sealed.ciphertext });
  return id;
}
