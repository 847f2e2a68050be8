// The hashlib module: md5, sha1, sha224, sha256, sha384 and sha512 in plain TypeScript (WebCrypto
// is async only), the SHA-2 constants derived from the primes as FIPS 180-4 defines them; and the
// hmac module on the same.
import { toHex } from "../../../../lib/hex";
import { E, PyBuiltin, PyBytes, PyNative, PyType, type Py, T, pyError, typeName } from "../values";
import { makeModule } from "./module";

function sha256(data: Uint8Array, iv = SHA256_IV, size = 32): Uint8Array {
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  const H = new Uint32Array(iv);
  const blocks = pad(data, false);
  const W = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < blocks.length; off += 64) {
    for (let i = 0; i < 16; i++) W[i] = (blocks[off + i * 4] << 24) | (blocks[off + i * 4 + 1] << 16) | (blocks[off + i * 4 + 2] << 8) | blocks[off + i * 4 + 3];
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(W[i - 15], 7) ^ rotr(W[i - 15], 18) ^ (W[i - 15] >>> 3);
      const s1 = rotr(W[i - 2], 17) ^ rotr(W[i - 2], 19) ^ (W[i - 2] >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[i] + W[i]) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    H[5] += f;
    H[6] += g;
    H[7] += h;
  }
  return words(H, false).slice(0, size);
}

const SHA256_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// ---- SHA-512 and its truncations, on BigInt words -----------------------------------------------

const MASK64 = (1n << 64n) - 1n;

/** floor(x^(1/n)) for a non-negative BigInt, by Newton's method. */
function iroot(x: bigint, n: bigint): bigint {
  if (x < 2n) return x;
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / Number(n)));
  for (;;) {
    const next = ((n - 1n) * r + x / r ** (n - 1n)) / n;
    if (next >= r) return r;
    r = next;
  }
}

const PRIMES = (() => {
  const out: bigint[] = [];
  for (let n = 2; out.length < 80; n++) if (out.every((p) => n % Number(p) !== 0)) out.push(BigInt(n));
  return out;
})();
/** The first 64 bits of the fractional part of the n-th root of p (FIPS 180-4's constants). */
const fraction64 = (p: bigint, n: bigint) => iroot(p << (64n * n), n) & MASK64;

let sha512Constants: { K: bigint[]; iv512: bigint[]; iv384: bigint[] } | null = null;
function constants512() {
  sha512Constants ??= {
    K: PRIMES.map((p) => fraction64(p, 3n)),
    iv512: PRIMES.slice(0, 8).map((p) => fraction64(p, 2n)),
    iv384: PRIMES.slice(8, 16).map((p) => fraction64(p, 2n)),
  };
  return sha512Constants;
}

function sha512(data: Uint8Array, iv: bigint[], size: number): Uint8Array {
  const { K } = constants512();
  const total = Math.ceil((data.length + 17) / 128) * 128;
  const blocks = new Uint8Array(total);
  blocks.set(data);
  blocks[data.length] = 0x80;
  let bits = BigInt(data.length) * 8n;
  for (let i = total - 1; bits > 0n; i--, bits >>= 8n) blocks[i] = Number(bits & 0xffn);
  const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK64;
  const H = [...iv];
  const W: bigint[] = new Array(80);
  const view = new DataView(blocks.buffer);
  for (let off = 0; off < total; off += 128) {
    for (let i = 0; i < 16; i++) W[i] = view.getBigUint64(off + i * 8);
    for (let i = 16; i < 80; i++) {
      const s0 = rotr(W[i - 15], 1n) ^ rotr(W[i - 15], 8n) ^ (W[i - 15] >> 7n);
      const s1 = rotr(W[i - 2], 19n) ^ rotr(W[i - 2], 61n) ^ (W[i - 2] >> 6n);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) & MASK64;
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let i = 0; i < 80; i++) {
      const S1 = rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n);
      const ch = (e & f) ^ ((MASK64 ^ e) & g);
      const t1 = (h + S1 + ch + K[i] + W[i]) & MASK64;
      const S0 = rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      h = g;
      g = f;
      f = e;
      e = (d + t1) & MASK64;
      d = c;
      c = b;
      b = a;
      a = (t1 + S0 + maj) & MASK64;
    }
    [a, b, c, d, e, f, g, h].forEach((v, i) => {
      H[i] = (H[i] + v) & MASK64;
    });
  }
  const out = new DataView(new ArrayBuffer(64));
  H.forEach((v, i) => {
    out.setBigUint64(i * 8, v);
  });
  return new Uint8Array(out.buffer).slice(0, size);
}

function sha1(data: Uint8Array): Uint8Array {
  const H = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const blocks = pad(data, false);
  const W = new Uint32Array(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < blocks.length; off += 64) {
    for (let i = 0; i < 16; i++) W[i] = (blocks[off + i * 4] << 24) | (blocks[off + i * 4 + 1] << 16) | (blocks[off + i * 4 + 2] << 8) | blocks[off + i * 4 + 3];
    for (let i = 16; i < 80; i++) W[i] = rotl(W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16], 1);
    let [a, b, c, d, e] = H;
    for (let i = 0; i < 80; i++) {
      const [f, k] = i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + W[i]) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
  }
  return words(H, false);
}

function md5(data: Uint8Array): Uint8Array {
  const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
  const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
  const H = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  const blocks = pad(data, true);
  const M = new Uint32Array(16);
  for (let off = 0; off < blocks.length; off += 64) {
    for (let i = 0; i < 16; i++) M[i] = blocks[off + i * 4] | (blocks[off + i * 4 + 1] << 8) | (blocks[off + i * 4 + 2] << 16) | (blocks[off + i * 4 + 3] << 24);
    let [a, b, c, d] = H;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const t = d;
      d = c;
      c = b;
      const x = (a + f + K[i] + M[g]) | 0;
      b = (b + ((x << S[i]) | (x >>> (32 - S[i])))) | 0;
      a = t;
    }
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
  }
  return words(H, true);
}

function pad(data: Uint8Array, littleEndian: boolean): Uint8Array {
  const len = data.length;
  const total = Math.ceil((len + 9) / 64) * 64;
  const out = new Uint8Array(total);
  out.set(data);
  out[len] = 0x80;
  const bits = BigInt(len) * 8n;
  for (let i = 0; i < 8; i++) {
    const byte = Number((bits >> BigInt(8 * i)) & 0xffn);
    out[littleEndian ? total - 8 + i : total - 1 - i] = byte;
  }
  return out;
}

function words(H: Uint32Array, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(H.length * 4);
  H.forEach((w, i) => {
    for (let j = 0; j < 4; j++) out[i * 4 + j] = littleEndian ? (w >>> (8 * j)) & 0xff : (w >>> (24 - 8 * j)) & 0xff;
  });
  return out;
}

interface HashState {
  name: string;
  fn: (d: Uint8Array) => Uint8Array;
  data: Uint8Array;
}

const hashType = new PyType("HASH", T.object, "_hashlib");
const H = (self: Py) => (self as PyNative<HashState>).value;
function bytesOf(v: Py): Uint8Array {
  if (v instanceof PyBytes) return v.data;
  if (typeof v === "string") throw pyError(E.TypeError, "Strings must be encoded before hashing");
  throw pyError(E.TypeError, `object supporting the buffer API required, not '${typeName(v)}'`);
}
hashType.methods.set("hexdigest", (self) => toHex(H(self).fn(H(self).data)));
hashType.methods.set("digest", (self) => new PyBytes(H(self).fn(H(self).data)));
hashType.methods.set("update", (self, args) => {
  const add = bytesOf(args[0]);
  const cur = H(self).data;
  const next = new Uint8Array(cur.length + add.length);
  next.set(cur);
  next.set(add, cur.length);
  H(self).data = next;
  return null;
});
hashType.getters.set("name", (self) => H(self).name);
hashType.methods.set("__repr__", (self) => `<${H(self).name} _hashlib.HASH object>`);

const ALGOS: Record<string, (d: Uint8Array) => Uint8Array> = {
  md5,
  sha1,
  sha224: (d) => sha256(d, constants512().iv384.map((w) => Number(w & 0xffffffffn)), 28),
  sha256: (d) => sha256(d),
  sha384: (d) => sha512(d, constants512().iv384, 48),
  sha512: (d) => sha512(d, constants512().iv512, 64),
};
/** Each algorithm's block size in bytes, which HMAC pads its key to. */
const BLOCK_SIZES: Record<string, number> = { md5: 64, sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };
const SUPPORTED = Object.keys(ALGOS).join(", ");

export function hashlibModule() {
  const make = (name: string) => (args: Py[]) => new PyNative<HashState>(hashType, { name, fn: ALGOS[name], data: args.length ? bytesOf(args[0]) : new Uint8Array() });
  const constructors = Object.fromEntries(Object.keys(ALGOS).map((name) => [name, make(name)]));
  return makeModule("hashlib", {
    ...constructors,
    new: (args) => {
      const name = String(args[0]).toLowerCase();
      if (!ALGOS[name]) throw pyError(E.ValueError, `unsupported hash type ${name} (Kiln's Python sandbox has ${SUPPORTED})`);
      return make(name)(args.slice(1));
    },
  });
}

// ---- hmac ---------------------------------------------------------------------------------------

interface HmacState {
  name: string;
  fn: (d: Uint8Array) => Uint8Array;
  key: Uint8Array;
  data: Uint8Array;
}

const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

function hmacOf(s: HmacState): Uint8Array {
  const block = BLOCK_SIZES[s.name];
  const key = new Uint8Array(block);
  key.set(s.key.length > block ? s.fn(s.key) : s.key);
  const inner = key.map((b) => b ^ 0x36);
  const outer = key.map((b) => b ^ 0x5c);
  return s.fn(concat(outer, s.fn(concat(inner, s.data))));
}

/** digestmod as a name ('sha256') or a hashlib constructor (hashlib.sha256). */
function digestName(v: Py | undefined): string {
  if (v === undefined || v === null || v === "") throw pyError(E.TypeError, "Missing required parameter 'digestmod'.");
  const name = (typeof v === "string" ? v : v instanceof PyBuiltin ? v.name : "").toLowerCase();
  if (!ALGOS[name]) throw pyError(E.ValueError, `unsupported hash type ${name || typeName(v)} (Kiln's Python sandbox has ${SUPPORTED})`);
  return name;
}

function hmacKey(v: Py): Uint8Array {
  if (v instanceof PyBytes) return v.data;
  throw pyError(E.TypeError, `key: expected bytes or bytearray, but got '${typeName(v)}'`);
}

const hmacType = new PyType("HMAC", T.object, "hmac");
const M = (self: Py) => (self as PyNative<HmacState>).value;
hmacType.methods.set("hexdigest", (self) => toHex(hmacOf(M(self))));
hmacType.methods.set("digest", (self) => new PyBytes(hmacOf(M(self))));
hmacType.methods.set("update", (self, args) => {
  M(self).data = concat(M(self).data, bytesOf(args[0]));
  return null;
});
hmacType.methods.set("copy", (self) => new PyNative<HmacState>(hmacType, { ...M(self) }));
hmacType.getters.set("name", (self) => `hmac-${M(self).name}`);
hmacType.getters.set("digest_size", (self) => BigInt(M(self).fn(new Uint8Array()).length));
hmacType.getters.set("block_size", (self) => BigInt(BLOCK_SIZES[M(self).name]));

function compareDigest(a: Py, b: Py): boolean {
  if (typeof a === "string" && typeof b === "string") {
    if ([...a, ...b].some((c) => c.charCodeAt(0) > 127)) throw pyError(E.TypeError, "comparing strings with non-ASCII characters is not supported");
    return a === b;
  }
  if (a instanceof PyBytes && b instanceof PyBytes) return a.data.length === b.data.length && a.data.every((x, i) => x === b.data[i]);
  throw pyError(E.TypeError, `unsupported operand types(s) or combination of types: '${typeName(a)}' and '${typeName(b)}'`);
}

export function hmacModule() {
  return makeModule("hmac", {
    new: (args, kwargs) => {
      const key = hmacKey(args[0] ?? kwargs?.get("key") ?? null);
      const msg = args[1] ?? kwargs?.get("msg") ?? null;
      const name = digestName(args[2] ?? kwargs?.get("digestmod"));
      return new PyNative<HmacState>(hmacType, { name, fn: ALGOS[name], key, data: msg === null ? new Uint8Array() : bytesOf(msg) });
    },
    digest: (args, kwargs) => {
      const name = digestName(args[2] ?? kwargs?.get("digest"));
      return new PyBytes(hmacOf({ name, fn: ALGOS[name], key: hmacKey(args[0]), data: bytesOf(args[1]) }));
    },
    compare_digest: (args) => compareDigest(args[0], args[1]),
  });
}
