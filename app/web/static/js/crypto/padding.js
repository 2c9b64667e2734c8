// Length hiding, exactly as crypto/padding.py: 4-byte big-endian length || data || zeros up to
// the bucket; powers of two (at least 1 KiB) up to 1 MiB, Padmé above.

const HEADER = 4;
const MIN_BUCKET = 1024;
const POWER_OF_TWO_LIMIT = 1 << 20;
export const MAX_PLAINTEXT = 64 << 20;

const bitLength = (n) => (n === 0 ? 0 : Math.floor(Math.log2(n)) + 1);

function padme(length) {
  const exponent = bitLength(length) - 1;
  const keptBits = bitLength(exponent);
  const mask = 2 ** (exponent - keptBits) - 1;
  // Lengths stay below 2^31 (MAX_PLAINTEXT is 64 MiB), so 32-bit operators are exact here.
  return (length + mask) & ~mask;
}

export function paddedSize(n) {
  if (n < 0 || n > MAX_PLAINTEXT) throw new RangeError("plaintext length out of range");
  const total = n + HEADER;
  if (total <= POWER_OF_TWO_LIMIT) return Math.max(MIN_BUCKET, 2 ** bitLength(total - 1));
  return padme(total);
}

export function pad(data) {
  const out = new Uint8Array(paddedSize(data.length));
  new DataView(out.buffer).setUint32(0, data.length, false);
  out.set(data, HEADER);
  return out;
}

// Only ever called on plaintext that AES-GCM has authenticated.
export function unpad(padded) {
  if (padded.length < HEADER) throw new Error("bad padding");
  const length = new DataView(padded.buffer, padded.byteOffset).getUint32(0, false);
  if (length > MAX_PLAINTEXT || paddedSize(length) !== padded.length) throw new Error("bad padding");
  for (let i = HEADER + length; i < padded.length; i++) {
    if (padded[i] !== 0) throw new Error("bad padding");
  }
  return padded.slice(HEADER, HEADER + length);
}
