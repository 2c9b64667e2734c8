// Envelopes as crypto/envelope.py makes them: enc || AES-GCM(pad(plaintext)), bound to an HPKE
// `info` built by bindInfo. Every failure to open is the same DecryptionError (fail closed).

import { concat, utf8 } from "./bytes.js";
import { setupBaseR, setupBaseS } from "./hpke.js";
import { pad, unpad } from "./padding.js";

const INFO_PREFIX = "vertrouwenspunt/v1/";
const ENC_LENGTH = 32;
const EMPTY = new Uint8Array(0);

export class DecryptionError extends Error {
  constructor() {
    super("decryption failed");
    this.name = "DecryptionError";
  }
}

const validPart = (part) => part.length > 0 && !part.includes("/") && /^[ -~]+$/.test(part);

// The same bytes as crypto.bind_info(Purpose(purpose), ...parts).
export function bindInfo(purpose, ...parts) {
  if (parts.length === 0 || !parts.every(validPart)) {
    throw new Error("info parts must be non-empty printable ASCII without '/'");
  }
  return utf8(INFO_PREFIX + purpose + "/" + parts.join("/"));
}

export async function seal(recipientPublic, plaintext, info) {
  const { enc, context } = await setupBaseS(recipientPublic, info);
  return concat(enc, await context.seal(EMPTY, pad(plaintext)));
}

// `recipient` is { privateKey: CryptoKey, publicKey: Uint8Array } (deriveKeyPair's result).
export async function open(recipient, envelope, info) {
  try {
    const enc = envelope.subarray(0, ENC_LENGTH);
    const body = envelope.subarray(ENC_LENGTH);
    const { context } = await setupBaseR(enc, recipient.privateKey, recipient.publicKey, info);
    return unpad(await context.open(EMPTY, body));
  } catch {
    throw new DecryptionError();
  }
}
