// Whether two configs say the same thing, key order and absent-versus-undefined aside: how the IDE
// knows the draft differs from the live version.

export function sameConfig(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameConfig(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const k of keys) if (!sameConfig(ra[k], rb[k])) return false;
    return true;
  }
  // An absent key, undefined and null all mean "not set".
  return a == null && b == null;
}
