// The reporter's receipt, exactly as crypto/receipts.py: 20 Crockford base32 symbols (100 bits from
// getRandomValues) plus a Luhn mod 32 check symbol, shown as 7 groups of 3. From it come the mailbox
// credential (HKDF) and the reply key pair (RFC 9180 DeriveKeyPair).

import { utf8 } from "./bytes.js";
import { deriveKeyPair } from "./hpke.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BASE = 32;
const DATA_SYMBOLS = 20;
const SYMBOLS = 21;
const LOOK_ALIKES = { O: "0", I: "1", L: "1" };
const SEPARATORS = new Set([" ", "-", ".", "\t", "\r", "\n"]);
const MAX_INPUT = 100;
const SALT = utf8("vertrouwenspunt/v1/receipt");

// "format": not a receipt at all (length, characters); "typo": the check symbol does not match.
export class ReceiptError extends Error {
  constructor(kind) {
    super(kind === "typo" ? "receipt check symbol does not match" : "not a receipt");
    this.name = "ReceiptError";
    this.kind = kind;
  }
}

function luhnSum(values, doubleLast) {
  let total = 0;
  let double = doubleLast;
  for (let i = values.length - 1; i >= 0; i--) {
    let value = values[i];
    if (double) {
      value *= 2;
      value = Math.floor(value / BASE) + (value % BASE);
    }
    total += value;
    double = !double;
  }
  return total % BASE;
}

const values = (symbols) => Array.from(symbols, (s) => ALPHABET.indexOf(s));

export function generateReceipt() {
  // 256 is a multiple of 32, so taking each random byte mod 32 is uniform.
  const random = globalThis.crypto.getRandomValues(new Uint8Array(DATA_SYMBOLS));
  const data = Array.from(random, (b) => ALPHABET[b % BASE]).join("");
  const check = ALPHABET[(BASE - luhnSum(values(data), true)) % BASE];
  return formatReceipt(data + check);
}

function normalise(text) {
  if (text.length > MAX_INPUT) throw new ReceiptError("format");
  const symbols = [];
  for (const char of text) {
    if (SEPARATORS.has(char)) continue;
    if (char.charCodeAt(0) > 127) throw new ReceiptError("format");
    const upper = char.toUpperCase();
    const symbol = LOOK_ALIKES[upper] || upper;
    if (!ALPHABET.includes(symbol)) throw new ReceiptError("format");
    symbols.push(symbol);
  }
  if (symbols.length !== SYMBOLS) throw new ReceiptError("format");
  return symbols.join("");
}

// The canonical 21-symbol form of what a person typed; ReceiptError otherwise.
export function parseReceipt(text) {
  const canonical = normalise(text);
  if (luhnSum(values(canonical), false) !== 0) throw new ReceiptError("typo");
  return canonical;
}

export function formatReceipt(text) {
  const canonical = parseReceipt(text);
  return canonical.match(/.{3}/g).join("-");
}

async function derive(receipt, info) {
  const ikm = await crypto.subtle.importKey("raw", utf8(parseReceipt(receipt)), "HKDF", false, [
    "deriveBits",
  ]);
  const params = { name: "HKDF", hash: "SHA-256", salt: SALT, info: utf8(info) };
  return new Uint8Array(await crypto.subtle.deriveBits(params, ikm, 256));
}

export const mailboxCredential = (receipt) => derive(receipt, "mailbox-credential");

export async function replyKeyPair(receipt) {
  return deriveKeyPair(await derive(receipt, "reply-key-ikm"));
}
