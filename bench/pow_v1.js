// The proof-of-work solver before many small puzzles (git show a9dd15f:app/web/static/js/crypto/pow.js),
// kept for bench/pow_browser.py's comparison only; its one import made absolute so it loads from /bench/.

// Proof of work, as crypto/proof_of_work.py checks it: the smallest decimal counter such that
// SHA-256(challenge ":" counter) starts with `difficulty` zero bits. WebCrypto's digest is async,
// so counters are hashed in batches; `onProgress` lets the page show that something is happening.

import { utf8 } from "/static/js/crypto/bytes.js";

const BATCH = 512;

function leadingZeroBits(digest, difficulty) {
  let bits = difficulty;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (digest[i] & mask) return false;
  }
  return true;
}

export async function solve(challenge, difficulty, onProgress) {
  const prefix = challenge + ":";
  for (let start = 0; ; start += BATCH) {
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, i) =>
        crypto.subtle.digest("SHA-256", utf8(prefix + (start + i)))
      )
    );
    for (let i = 0; i < BATCH; i++) {
      if (leadingZeroBits(new Uint8Array(digests[i]), difficulty)) return String(start + i);
    }
    if (onProgress) onProgress(start + BATCH);
  }
}
