// The safety number people compare before a key from the server is trusted (crypto.safety_number):
//   digest = SHA-256("vertrouwenspunt/v1/safety-number" || 0x00 || raw public key)
//   six groups of five digits, each a 5-byte big-endian slice of digest modulo 100 000.
// About 99.6 bits: a server that swaps in its own key must find a second preimage of a key it did
// not choose (docs/crypto.md). Number arithmetic is exact here: a 5-byte value is below 2^53.

import { concat, utf8 } from "./bytes.js";

const LABEL = utf8("vertrouwenspunt/v1/safety-number\0");
const GROUPS = 6;

export async function safetyNumber(publicKey) {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", concat(LABEL, publicKey)));
  const groups = [];
  for (let i = 0; i < GROUPS; i++) {
    let value = 0;
    for (const byte of digest.subarray(5 * i, 5 * i + 5)) value = value * 256 + byte;
    groups.push(String(value % 100_000).padStart(5, "0"));
  }
  return groups.join(" ");
}
