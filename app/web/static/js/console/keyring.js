// Everything secret the console holds, in this page's memory only: never in cookies, web storage
// or IndexedDB. wipe() drops it all (lock, logout, leaving the page).

import { fromBase64, toBase64 } from "../crypto/bytes.js";
import { open, seal } from "../crypto/envelope.js";
import { api, setCsrf } from "./api.js";
import { forgetConfirmed } from "./key-check.js";
import * as protocol from "./protocol.js";
import { deriveStaffSecrets, keyPairFromRaw, unwrapPrivateKey } from "./staff-keys.js";

const state = { member: null, personal: null, inbox: new Map(), inboxPublic: new Map() };

export class NoInboxKey extends Error {
  constructor(version) {
    super(`no access to inbox key version ${version}`);
    this.name = "NoInboxKey";
  }
}

export const member = () => state.member;
export const isUnlocked = () => state.personal !== null;
export const inboxVersions = () => [...state.inbox.keys()].sort((a, b) => a - b);
export const hasInboxAccess = () => state.inbox.size > 0;
// The newest version the server knows (whether or not this member can open it yet).
export const newestVersion = () => Math.max(0, ...state.inboxPublic.keys());
// Only a holder of the newest version may renew the key or give it to a colleague (T3).
export const holdsCurrentKey = () => state.inbox.has(newestVersion());
// This member's public key as this page derived it, never as the server lists it.
export const personalPublicKey = () => state.personal?.publicKey ?? null;

export async function login(username, passphrase, code, securityKey) {
  const params = await api("POST", "/api/v1/staff/login/parameters", { username });
  const secrets = await deriveStaffSecrets(passphrase, fromBase64(params.salt), params.iterations);
  const body = { username, auth_value: toBase64(secrets.authValue) };
  const compact = code.replace(/\s/g, "");
  // A security key's assertion (security-keys.js) takes the place of the code.
  if (securityKey) body.security_key = securityKey;
  else if (/^\d{6}$/.test(compact)) body.totp_code = compact;
  else body.recovery_code = code.trim();
  try {
    const session = await api("POST", "/api/v1/staff/login", body);
    state.personal = await unwrapPrivateKey(fromBase64(session.wrapped_private_key), secrets.wrapKey);
    await take(session);
    return session;
  } finally {
    secrets.wrapKey.fill(0);
    secrets.authValue.fill(0);
  }
}

async function take(session) {
  setCsrf(session.csrf_token);
  state.member = session.member;
  for (const pair of state.inbox.values()) pair.raw.fill(0);
  state.inbox.clear();
  state.inboxPublic = new Map(session.inbox_keys.map((k) => [k.version, fromBase64(k.public_key)]));
  for (const key of session.inbox_keys) {
    if (!key.wrapped_key) continue;
    const raw = await open(state.personal, fromBase64(key.wrapped_key), protocol.keyWrap(key.version, state.member.id));
    state.inbox.set(key.version, await keyPairFromRaw(raw));
  }
}

export async function refresh() {
  await take(await api("GET", "/api/v1/staff/session"));
}

export function wipe() {
  for (const pair of state.inbox.values()) pair.raw.fill(0);
  if (state.personal) state.personal.raw.fill(0);
  state.inbox.clear();
  state.inboxPublic.clear();
  state.personal = null;
  state.member = null;
  setCsrf(null);
  forgetConfirmed();
}

export async function logout() {
  try {
    await api("POST", "/api/v1/staff/logout");
  } finally {
    wipe();
  }
}

export async function openInbox(version, ciphertext, info) {
  const pair = state.inbox.get(version);
  if (!pair) throw new NoInboxKey(version);
  return open(pair, typeof ciphertext === "string" ? fromBase64(ciphertext) : ciphertext, info);
}

// Sealed to the newest inbox key: { version, ciphertext (base64) }. `infoFor(version)` binds it.
export async function sealToInbox(plaintext, infoFor) {
  const version = newestVersion();
  const ciphertext = await seal(state.inboxPublic.get(version), plaintext, infoFor(version));
  return { version, ciphertext: toBase64(ciphertext) };
}

// Every inbox private key this member holds, sealed to another member's public key.
export async function wrapsFor(memberId, publicKey) {
  const wraps = [];
  for (const [version, pair] of state.inbox) {
    const wrapped = await seal(publicKey, pair.raw, protocol.keyWrap(version, memberId));
    wraps.push({ version, wrapped_key: toBase64(wrapped) });
  }
  return wraps;
}

// A new inbox key version for this member and each of `colleagues` ({ id, publicKey, safetyNumber }:
// keys an adviser confirmed, key-check.js): the first key (no colleagues: they are granted it), and
// the rotation when someone leaves. This member's own wrap uses the key in this page's memory.
export async function newInboxKey(colleagues, makePair) {
  const version = newestVersion() + 1;
  const pair = await makePair();
  const own = await seal(state.personal.publicKey, pair.raw, protocol.keyWrap(version, state.member.id));
  const wraps = [{ member_id: state.member.id, wrapped_key: toBase64(own) }];
  for (const m of colleagues) {
    const wrapped = await seal(m.publicKey, pair.raw, protocol.keyWrap(version, m.id));
    wraps.push({ member_id: m.id, wrapped_key: toBase64(wrapped), safety_number: m.safetyNumber });
  }
  return { body: { version, public_key: toBase64(pair.publicKey), wraps }, pair };
}

export const utf8Json = (value) => new TextEncoder().encode(JSON.stringify(value));
export const parseJson = (bytes) => JSON.parse(new TextDecoder().decode(bytes));
