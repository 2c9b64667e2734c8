// What each envelope is bound to: the same HPKE `info` strings as client/protocol.py
// (docs/crypto.md §3.1). The console rebuilds them from what it expects to open.

import { bindInfo } from "../crypto/envelope.js";

export const REPLY_KEY = "reply-key";
export const inbox = (version) => `inbox-v${version}`;

export const report = (reportId, version) => bindInfo("report", reportId, inbox(version));
export const reportCopy = (reportId) => bindInfo("report-copy", reportId, REPLY_KEY);
export const message = (reportId, messageId, recipient) => bindInfo("message", reportId, messageId, recipient);
export const reply = (reportId, messageId, recipient) => bindInfo("reply", reportId, messageId, recipient);
export const notice = (reportId, messageId, recipient) => bindInfo("notice", reportId, messageId, recipient);
export const note = (reportId, noteId, version) => bindInfo("note", reportId, noteId, inbox(version));
export const keyWrap = (version, memberId) => bindInfo("key-wrap", inbox(version), memberId);
export const signalTeam = (signalId, version) => bindInfo("signal", signalId, inbox(version));
export const signalDelivery = (deliveryId, keyId) => bindInfo("signal", deliveryId, `partner-${keyId}`);
export const overrideReason = (signalId, version) => bindInfo("note", "override", signalId, inbox(version));
export const feedback = (deliveryId, feedbackId, version) =>
  bindInfo("feedback", deliveryId, feedbackId, inbox(version));
// Sealed by the server: the case an audit entry is about, bound to the entry's number (R5).
export const auditCase = (seq, version) => bindInfo("audit-case", String(seq), inbox(version));
// Sealed by the server: an erased report's id in its tombstone.
export const erasure = (tombstoneId, version) => bindInfo("erasure", tombstoneId, inbox(version));

const THREAD = { reporter: message, reply, notice };
export const threadInfo = (kind, reportId, messageId, recipient) => THREAD[kind](reportId, messageId, recipient);
