// Lowercase hex of bytes through a table: ids and hashes are formatted on every request, and
// per-byte toString/padStart/join showed up in CPU profiles of the run paths.

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = "";
  for (let i = start; i < end; i++) out += HEX[bytes[i]];
  return out;
}
