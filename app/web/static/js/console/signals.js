// Signals for the console: composed and sealed here, one envelope per partner key, and a team
// copy (the only place that names the case, R5) sealed to the inbox key.

import { fromBase64, toBase64 } from "../crypto/bytes.js";
import { seal } from "../crypto/envelope.js";
import { api } from "./api.js";
import { newestVersion, openInbox, parseJson, sealToInbox, utf8Json } from "./keyring.js";
import * as protocol from "./protocol.js";

export const recipients = () => api("GET", "/api/v1/signals/recipients");
export const EXCEPTIONS = ["acute_danger", "suspected_minor", "legal_duty"];
export const URGENCIES = ["normal", "urgent", "acute"];

// `draft`: { caseId, content, partners: [recipient], category, urgency, period,
//            override?: { exception, reason, notice?: { text, replyPublicKey } } }
export async function sendSignal(draft) {
  const id = crypto.randomUUID();
  const plaintext = utf8Json(draft.content);
  const deliveries = [];
  for (const partner of draft.partners) {
    const deliveryId = crypto.randomUUID();
    const sealed = await seal(fromBase64(partner.key.public_key), plaintext, protocol.signalDelivery(deliveryId, partner.key.key_id));
    deliveries.push({ id: deliveryId, partner_id: partner.id, key_id: partner.key.key_id, ciphertext: toBase64(sealed) });
  }
  const version = newestVersion();
  const team = await sealToInbox(utf8Json({ case: draft.caseId, content: draft.content }), (v) => protocol.signalTeam(id, v));
  const body = {
    id,
    report_id: draft.caseId,
    category: draft.category,
    urgency: draft.urgency,
    period: draft.period,
    inbox_version: version,
    team_ciphertext: team.ciphertext,
    deliveries,
  };
  if (draft.override) {
    const reason = await sealToInbox(utf8Json({ reason: draft.override.reason }), (v) => protocol.overrideReason(id, v));
    body.override = { exception: draft.override.exception, reason: reason.ciphertext };
    const notice = draft.override.notice;
    if (notice) {
      const noticeId = crypto.randomUUID();
      const text = utf8Json({ text: notice.text });
      const inbox = await sealToInbox(text, (v) => protocol.notice(draft.caseId, noticeId, protocol.inbox(v)));
      const toReporter = await seal(fromBase64(notice.replyPublicKey), text, protocol.notice(draft.caseId, noticeId, protocol.REPLY_KEY));
      body.override.notice = { id: noticeId, inbox_ciphertext: inbox.ciphertext, reply_ciphertext: toBase64(toReporter) };
    }
  }
  return api("POST", "/api/v1/signals", body);
}

// Every signal with its team copy opened: { ...signal, teamCopy: { case, content } | null }.
// `status` is "queued" (goes out at `queued_until`), "held" (`held` says why) or "sent".
export async function listSignals() {
  const found = await api("GET", "/api/v1/signals");
  for (const item of found) {
    try {
      item.teamCopy = parseJson(await openInbox(item.inbox_version, item.team_ciphertext, protocol.signalTeam(item.id, item.inbox_version)));
    } catch {
      item.teamCopy = null;
    }
  }
  return found;
}

// A signal still waiting for its release (queued or held) can be taken back; a sent one cannot.
export const withdrawSignal = (signalId) => api("DELETE", `/api/v1/signals/${signalId}`);

export async function feedbackOf(signalId) {
  const found = await api("GET", `/api/v1/signals/${signalId}/feedback`);
  const opened = [];
  for (const item of found) {
    let content = null;
    try {
      content = parseJson(await openInbox(item.inbox_version, item.ciphertext, protocol.feedback(item.delivery_id, item.id, item.inbox_version)));
    } catch {
      content = null;
    }
    opened.push({ ...item, content });
  }
  return opened;
}

// Coarse periods for a signal, newest first: this and last ISO week, month and quarter.
export function periods(today = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  const isoWeek = (date) => {
    const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
    const day = d.getUTCDay() || 7;
    d.setUTCDate(d.getUTCDate() + 4 - day);
    const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
    return `${d.getUTCFullYear()}-W${pad(Math.ceil(((d - yearStart) / 86400000 + 1) / 7))}`;
  };
  const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7);
  const lastMonth = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const quarter = (date) => `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`;
  const lastQuarter = new Date(today.getFullYear(), today.getMonth() - 3, 1);
  return [
    { value: isoWeek(today), kind: "this_week" },
    { value: isoWeek(weekAgo), kind: "last_week" },
    { value: `${today.getFullYear()}-${pad(today.getMonth() + 1)}`, kind: "this_month" },
    { value: `${lastMonth.getFullYear()}-${pad(lastMonth.getMonth() + 1)}`, kind: "last_month" },
    { value: quarter(today), kind: "this_quarter" },
    { value: quarter(lastQuarter), kind: "last_quarter" },
  ];
}
