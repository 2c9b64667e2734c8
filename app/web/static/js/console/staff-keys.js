// The staff member's keys in the browser, exactly as crypto/passphrase.py derives and wraps them:
//   master = PBKDF2-HMAC-SHA256(UTF-8(NFKC(passphrase)), salt, iterations, 32)
//   wrap_key = HKDF-SHA256(master, salt "vertrouwenspunt/v1/staff", info "wrap-key")
//   auth_value = HKDF-SHA256(master, same salt, info "auth-value")
// The passphrase and the wrap key never leave this page; the server sees only auth_value.
// The personal private key is AES-256-GCM(wrap_key) with its own AAD: nonce || ct || tag.

import { concat, utf8 } from "../crypto/bytes.js";
import { generateKeyPair, importPrivateKey, publicKeyBytes } from "../crypto/hpke.js";

const subtle = globalThis.crypto.subtle;
const HKDF_SALT = utf8("vertrouwenspunt/v1/staff");
const WRAP_AAD = utf8("vertrouwenspunt/v1/staff-private-key");
// The published minimum (DESIGN: clients distrust the server's parameters; docs/crypto.md): OWASP's
// figure for PBKDF2-HMAC-SHA256 and a 128-bit salt. A fixed constant of this module, never read
// from the server or the page: a server that answers with weaker settings gets nothing (T3).
export const MIN_PBKDF2_ITERATIONS = 600_000;
export const MIN_SALT_BYTES = 16;
// What this console uses for a new passphrase or key file.
export const PBKDF2_ITERATIONS = MIN_PBKDF2_ITERATIONS;

// Settings below the minimum, whoever asked for them: nothing was derived and nothing sent.
export class WeakKdfParameters extends Error {
  constructor() {
    super(`refusing PBKDF2 below ${MIN_PBKDF2_ITERATIONS} iterations or a salt under ${MIN_SALT_BYTES} bytes`);
    this.name = "WeakKdfParameters";
  }
}

export function checkKdfParameters(salt, iterations) {
  const saltOk = salt instanceof Uint8Array && salt.length >= MIN_SALT_BYTES;
  if (!saltOk || !Number.isSafeInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS) throw new WeakKdfParameters();
}

export class WrongPassphrase extends Error {
  constructor() {
    super("the passphrase does not open this key");
    this.name = "WrongPassphrase";
  }
}

async function hkdf(master, info) {
  const key = await subtle.importKey("raw", master, "HKDF", false, ["deriveBits"]);
  const bits = await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: utf8(info) }, key, 256);
  return new Uint8Array(bits);
}

// Every passphrase derivation in the consoles (login, enrolment, partner key files) comes here,
// so the check below runs before any derivation whatever the caller got from the server.
export async function deriveStaffSecrets(passphrase, salt, iterations) {
  checkKdfParameters(salt, iterations);
  if (!passphrase) throw new Error("the passphrase is empty");
  const secret = await subtle.importKey("raw", utf8(passphrase.normalize("NFKC")), "PBKDF2", false, ["deriveBits"]);
  const master = new Uint8Array(
    await subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, secret, 256)
  );
  const secrets = { wrapKey: await hkdf(master, "wrap-key"), authValue: await hkdf(master, "auth-value") };
  master.fill(0);
  return secrets;
}

export async function wrapPrivateKey(raw, wrapKey) {
  const key = await subtle.importKey("raw", wrapKey, "AES-GCM", false, ["encrypt"]);
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const sealed = await subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: WRAP_AAD }, key, raw);
  return concat(nonce, new Uint8Array(sealed));
}

// The personal key pair { raw, privateKey, publicKey }, or WrongPassphrase.
export async function unwrapPrivateKey(blob, wrapKey) {
  const key = await subtle.importKey("raw", wrapKey, "AES-GCM", false, ["decrypt"]);
  let raw;
  try {
    raw = new Uint8Array(
      await subtle.decrypt({ name: "AES-GCM", iv: blob.subarray(0, 12), additionalData: WRAP_AAD }, key, blob.subarray(12))
    );
  } catch {
    throw new WrongPassphrase();
  }
  if (raw.length !== 32) throw new WrongPassphrase();
  return keyPairFromRaw(raw);
}

// A raw X25519 private key as the pair the envelope module opens with.
export async function keyPairFromRaw(raw) {
  const privateKey = await importPrivateKey(raw);
  return { raw, privateKey, publicKey: await publicKeyBytes(privateKey) };
}

// A fresh key pair; `raw` is kept so that it can be wrapped (the personal key, an inbox key).
export const newKeyPair = generateKeyPair;
