// The reporter's receipt, exactly as crypto/receipts.py: 29 uniformly random digits (getRandomValues
// with rejection sampling) and a Damm check digit, shown as 6 groups of 5 separated by spaces. Legacy
// receipts (20 Crockford base32 symbols and a Luhn mod 32 check symbol) are still accepted unchanged.
// From the canonical form come the mailbox credential (HKDF) and the reply key pair (RFC 9180
// DeriveKeyPair).

import { utf8 } from "./bytes.js";
import { deriveKeyPair } from "./hpke.js";

const DIGITS = "0123456789";
const DATA_DIGITS = 29;
const RECEIPT_DIGITS = 30;
const GROUP = 5;
// The Damm algorithm's quasigroup of order 10: it catches every wrong digit and every swap of two
// adjacent digits.
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];
const LEGACY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LEGACY_BASE = 32;
const LEGACY_SYMBOLS = 21;
const LOOK_ALIKES = { O: "0", I: "1", L: "1" };
const SEPARATORS = new Set([" ", "-", ".", "\t", "\r", "\n"]);
const MAX_INPUT = 100;
const SALT = utf8("vertrouwenspunt/v1/receipt");

// "format": not a receipt at all (length, characters); "typo": the check digit does not match.
export class ReceiptError extends Error {
  constructor(kind) {
    super(kind === "typo" ? "receipt check digit does not match" : "not a receipt");
    this.name = "ReceiptError";
    this.kind = kind;
  }
}

function damm(digits) {
  let interim = 0;
  for (const digit of digits) interim = DAMM[interim][digit.charCodeAt(0) - 48];
  return interim;
}

function randomDigits(count) {
  // 250 is the largest multiple of 10 below 256: bytes from 250 up are dropped, so every digit is
  // equally likely.
  const digits = [];
  while (digits.length < count) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(count))) {
      if (byte < 250 && digits.length < count) digits.push(String(byte % 10));
    }
  }
  return digits.join("");
}

export function generateReceipt() {
  const data = randomDigits(DATA_DIGITS);
  return formatReceipt(data + String(damm(data)));
}

function luhnSum(values) {
  let total = 0;
  let double = false;
  for (let i = values.length - 1; i >= 0; i--) {
    let value = values[i];
    if (double) {
      value *= 2;
      value = Math.floor(value / LEGACY_BASE) + (value % LEGACY_BASE);
    }
    total += value;
    double = !double;
  }
  return total % LEGACY_BASE;
}

function parseLegacy(compact) {
  const symbols = [];
  for (const char of compact) {
    if (char.charCodeAt(0) > 127) throw new ReceiptError("format");
    const upper = char.toUpperCase();
    const symbol = LOOK_ALIKES[upper] || upper;
    if (!LEGACY_ALPHABET.includes(symbol)) throw new ReceiptError("format");
    symbols.push(symbol);
  }
  if (symbols.length !== LEGACY_SYMBOLS) throw new ReceiptError("format");
  if (luhnSum(symbols.map((s) => LEGACY_ALPHABET.indexOf(s))) !== 0) throw new ReceiptError("typo");
  return symbols.join("");
}

// The canonical form of what a person typed (30 digits, or a legacy receipt's 21 symbols);
// ReceiptError otherwise.
export function parseReceipt(text) {
  if (text.length > MAX_INPUT) throw new ReceiptError("format");
  const compact = Array.from(text).filter((char) => !SEPARATORS.has(char)).join("");
  if (compact.length === RECEIPT_DIGITS && Array.from(compact).every((char) => DIGITS.includes(char))) {
    if (damm(compact) !== 0) throw new ReceiptError("typo");
    return compact;
  }
  return parseLegacy(compact);
}

export function formatReceipt(text) {
  const canonical = parseReceipt(text);
  if (canonical.length === RECEIPT_DIGITS) return canonical.match(/.{5}/g).join(" ");
  return canonical.match(/.{3}/g).join("-");
}

// The group a reporter types back to show that they wrote the receipt down.
export function lastGroup(receipt) {
  return parseReceipt(receipt).slice(-GROUP);
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
