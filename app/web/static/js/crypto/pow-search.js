// One puzzle of the proof of work (crypto/proof_of_work.py): the smallest decimal counter n with
// SHA-256("vertrouwenspunt/proof-of-work/v2:" challenge ":" index ":" n) starting with `bits`
// zero bits. Synchronous, so that it runs in a worker (pow-worker.js) or in slices on the page.

import { sha256 } from "../../vendor/noble-hashes/sha2.js";

const LABEL = "vertrouwenspunt/proof-of-work/v2:";
const MAX_DIGITS = 20;

export function puzzlePrefix(challenge, index) {
  return new TextEncoder().encode(`${LABEL}${challenge}:${index}:`);
}

export function solvePuzzle(prefix, bits) {
  // The prefix is hashed once. The label and a challenge fill SHA-256's first 64-byte block, so
  // each counter then costs one compression, continued from a copy of that state, with no
  // allocation per attempt: a cheap phone gets the same help a native solver has anyway.
  const start = sha256.create().update(prefix);
  const attempt = start.clone();
  const digits = new Uint8Array(MAX_DIGITS);
  const lengths = Array.from({ length: MAX_DIGITS + 1 }, (_, n) => digits.subarray(0, n));
  const out = attempt.buffer;
  for (let n = 0; ; n++) {
    const text = String(n);
    for (let i = 0; i < text.length; i++) digits[i] = text.charCodeAt(i);
    start._cloneInto(attempt);
    attempt.update(lengths[text.length]);
    // Into the hash's own block buffer: noble then reuses its DataView instead of making one.
    attempt.digestInto(out);
    if (bits === 0 || ((out[0] << 24) | (out[1] << 16) | (out[2] << 8) | out[3]) >>> (32 - bits) === 0) {
      return text;
    }
  }
}
