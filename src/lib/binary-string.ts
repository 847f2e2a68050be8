// "Binary strings": one character per byte (code points 0–255), the form atob/btoa speak and the
// form raw MIME bodies and Latin-1 text are handled in. Converted in chunks, as spreading a large
// array into String.fromCharCode overflows the stack.

const CHUNK = 0x8000;

export function toBinaryString(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return text;
}

export function fromBinaryString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
