// A partner's key files, in the format of client/keyfile.py ("vertrouwenspunt-partner-key/v1"), so
// that a file made here opens with the command line and the other way round:
//   wrap_key = HKDF(PBKDF2-HMAC-SHA256(passphrase, salt, iterations)), as a staff member's
//   wrapped_private_key = nonce || AES-256-GCM(wrap_key, raw private key, AAD of staff keys)
//   key_id = hex(SHA-256("vertrouwenspunt/v1/key-id" || 0x00 || public key)[0:16])
// The server only ever gets the public key. The keys opened from files are kept in this page's
// memory only (never in storage), until forgetKeys() at the lock.

import { concat, equal, fromBase64, toBase64, toHex, utf8 } from "../crypto/bytes.js";
import { generateKeyPair } from "../crypto/hpke.js";
import { PBKDF2_ITERATIONS, WeakKdfParameters, WrongPassphrase, deriveStaffSecrets, unwrapPrivateKey, wrapPrivateKey } from "./staff-keys.js";
import { safetyNumber } from "../crypto/safety-number.js";

export { WeakKdfParameters, WrongPassphrase, safetyNumber };
export const FORMAT = "vertrouwenspunt-partner-key/v1";
const KDF_NAME = "pbkdf2-sha256";
const KEY_ID_LABEL = utf8("vertrouwenspunt/v1/key-id\0");
// crypto/passphrase.py refuses a shorter salt, so the command line could not open such a file.
const MIN_SALT_BYTES = 16;
const WRAPPED_BYTES = 60;

export class NotAKeyFile extends Error {
  constructor(why) {
    super(`not a partner key file: ${why}`);
    this.name = "NotAKeyFile";
  }
}

const sha256 = async (bytes) => new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes));

export async function keyId(publicKey) {
  return toHex((await sha256(concat(KEY_ID_LABEL, publicKey))).subarray(0, 16));
}

// What people compare out of band (crypto.fingerprint): the whole hash, in groups of four.
export async function fingerprint(publicKey) {
  return toHex(await sha256(publicKey)).toUpperCase().match(/.{4}/g).join(" ");
}

// A new key pair and its file: { document (the JSON object to save), pair }.
export async function createKeyFile(passphrase, iterations = PBKDF2_ITERATIONS) {
  const pair = await generateKeyPair();
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(MIN_SALT_BYTES));
  const secrets = await deriveStaffSecrets(passphrase, salt, iterations);
  secrets.authValue.fill(0); // a key file authenticates to nobody
  try {
    const wrapped = await wrapPrivateKey(pair.raw, secrets.wrapKey);
    const document = {
      format: FORMAT,
      key_id: await keyId(pair.publicKey),
      public_key: toBase64(pair.publicKey),
      kdf: { name: KDF_NAME, iterations, salt: toHex(salt) },
      wrapped_private_key: toBase64(wrapped),
    };
    return { document, pair };
  } finally {
    secrets.wrapKey.fill(0);
  }
}

function bytesField(document, name, length) {
  let bytes;
  try {
    bytes = fromBase64(String(document[name]));
  } catch {
    throw new NotAKeyFile(name);
  }
  if (bytes.length !== length) throw new NotAKeyFile(name);
  return bytes;
}

// The key in a file: { keyId, pair, fingerprint }; WrongPassphrase, WeakKdfParameters for a file
// whose settings are below the published minimum (staff-keys.js: refused before deriving, so a
// swapped file cannot make the passphrase cheap to guess), or NotAKeyFile for anything that is not
// such a file or does not hold together (a key id or public key that is not its own).
export async function openKeyFile(document, passphrase) {
  if (!document || typeof document !== "object" || document.format !== FORMAT) throw new NotAKeyFile("format");
  const kdf = document.kdf || {};
  if (kdf.name !== KDF_NAME || !Number.isSafeInteger(kdf.iterations) || kdf.iterations < 1) throw new NotAKeyFile("kdf");
  if (typeof kdf.salt !== "string" || !/^(?:[0-9a-fA-F]{2}){16,}$/.test(kdf.salt)) throw new NotAKeyFile("salt");
  const publicKey = bytesField(document, "public_key", 32);
  const wrapped = bytesField(document, "wrapped_private_key", WRAPPED_BYTES);
  const identifier = await keyId(publicKey);
  if (document.key_id !== identifier) throw new NotAKeyFile("key_id");

  const salt = Uint8Array.from(kdf.salt.match(/../g), (pair) => parseInt(pair, 16));
  const secrets = await deriveStaffSecrets(passphrase, salt, kdf.iterations);
  secrets.authValue.fill(0);
  let pair;
  try {
    pair = await unwrapPrivateKey(wrapped, secrets.wrapKey);
  } finally {
    secrets.wrapKey.fill(0);
  }
  if (!equal(pair.publicKey, publicKey)) {
    pair.raw.fill(0);
    throw new NotAKeyFile("public_key");
  }
  return { keyId: identifier, pair, fingerprint: await fingerprint(publicKey), safetyNumber: await safetyNumber(publicKey) };
}

// The keys open in this page, by key id. `document` is kept for a key made here, so that its
// file (wrapped under the passphrase, no secret in the clear) can be saved again until the lock.
const held = new Map();
// Bumped by every forgetKeys(): a file still being opened when the console locks is not kept.
let generation = 0;
export const currentGeneration = () => generation;

export const heldKeys = () => [...held.values()];
export const hasKeys = () => held.size > 0;
export const keyFor = (identifier) => held.get(identifier) || null;

// Adds an opened key; false when it was open already, or when the console locked since `since`
// (a generation); the bytes of a key not kept are zeroed.
export function hold(opened, { source = "", document = null, since = generation } = {}) {
  if (since !== generation) {
    opened.pair.raw.fill(0);
    return false;
  }
  if (held.has(opened.keyId)) {
    if (held.get(opened.keyId).pair !== opened.pair) opened.pair.raw.fill(0);
    return false;
  }
  held.set(opened.keyId, { ...opened, source, document });
  return true;
}

export function forgetKeys() {
  for (const entry of held.values()) entry.pair.raw.fill(0);
  held.clear();
  generation += 1;
}
