// Dify reads its DSL with pydantic, which coerces in "lax" mode: "1000" is a fine int, "true" a
// fine bool, and hand-edited or older exports rely on it. These schemas accept the same, so a file
// Dify imports is not refused here over a quoted number.
import { z } from "zod";

const numeric = (v: unknown) => (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v);

/** A number, or a string holding one. */
export const laxNumber = () => z.preprocess(numeric, z.number());

/** A boolean, or "true"/"false" (any case). */
export const laxBoolean = () =>
  z.preprocess((v) => (typeof v === "string" && /^(true|false)$/i.test(v.trim()) ? v.trim().toLowerCase() === "true" : v), z.boolean());

/** A string; a number (an unquoted YAML option such as `10`) is taken as its text. */
export const laxString = () => z.preprocess((v) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v), z.string());
