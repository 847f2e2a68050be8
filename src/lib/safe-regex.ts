// Regular expressions written by users (workflow code, tool arguments) run on RE2 (re2js), whose
// time is linear in the input: V8's RegExp backtracks and cannot be interrupted, so a pattern like
// (a+)+$ could stall the isolate. Patterns RE2 cannot express (lookahead, backreferences) may run on
// RegExp only when their worst-case backtracking is polynomial and the input short enough for it.
import { RE2JS, RE2JSException, RE2Set } from "re2js";

export { RE2JS, RE2JSException };

/** Anchoring for `RE2.matchWithGroup`. */
export const ANCHOR = { none: RE2Set.UNANCHORED, start: RE2Set.ANCHOR_START, both: RE2Set.ANCHOR_BOTH } as const;

/**
 * Work units for scanning `chars` characters with an RE2 program of `programSize` instructions:
 * the NFA, which finds capture groups, steps every live instruction at each character.
 */
export const scanWork = (chars: number, programSize: number): number => chars * (programSize + 4);

/** Work units of one RegExp step; a bounded pattern's worst case is at most BACKTRACK_LIMIT of them. */
export const BACKTRACK_LIMIT = 2 ** 27;

/**
 * Worst-case backtracking of a RegExp pattern on n characters is at most factor × (n + 1)^(degree + 1):
 * every start position, times the ways each variable quantifier (and each backreference) can split
 * the input, times the branches of each alternation.
 */
export interface BacktrackBound {
  factor: number;
  degree: number;
}

class Unbounded extends Error {}

/**
 * The bound for a JavaScript-syntax pattern, or null when a quantifier applies to a group that
 * itself repeats, alternates or holds a backreference (the exponential shapes (a+)+, (a|a)*,
 * (a|aa)*). Conservative: it only has to be right when it answers with a bound.
 */
export function backtrackBound(source: string): BacktrackBound | null {
  let i = 0;
  type Cost = { factor: number; degree: number; varies: boolean };
  const alternation = (): Cost => {
    const branches = [sequence()];
    while (source[i] === "|") {
      i++;
      branches.push(sequence());
    }
    return {
      factor: branches.reduce((n, b) => n + b.factor, 0),
      degree: Math.max(...branches.map((b) => b.degree)),
      varies: branches.length > 1 || branches.some((b) => b.varies),
    };
  };
  const sequence = (): Cost => {
    const cost = { factor: 1, degree: 0, varies: false };
    while (i < source.length && source[i] !== "|" && source[i] !== ")") {
      const a = atom();
      const q = quantifier();
      if (q) {
        if (a.varies) throw new Unbounded();
        if (q.max === Number.POSITIVE_INFINITY) a.degree++;
        else a.factor *= q.max - q.min + 1;
        a.varies = q.max !== q.min;
      }
      cost.factor *= a.factor;
      cost.degree += a.degree;
      cost.varies ||= a.varies;
    }
    return cost;
  };
  const atom = (): Cost => {
    const c = source[i];
    if (c === "(") {
      const m = /^\((?:\?(?::|=|!|<=|<!|P?<[A-Za-z_]\w*>))?/.exec(source.slice(i, i + 40))!;
      if (source.startsWith("(?P=", i)) {
        i = source.indexOf(")", i) + 1 || source.length;
        return { factor: 1, degree: 1, varies: true };
      }
      i += m[0].length;
      const inner = alternation();
      i++;
      return inner;
    }
    if (c === "[") {
      i++;
      if (source[i] === "^") i++;
      if (source[i] === "]") i++;
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
      return { factor: 1, degree: 0, varies: false };
    }
    if (c === "\\") {
      const rest = source.slice(i + 1, i + 40);
      const backref = /^(?:[1-9]\d?|k<[^>]*>)/.exec(rest);
      const token = backref ?? /^(?:[pPu]\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|c[A-Za-z]|0[0-7]{0,2}|.)/s.exec(rest);
      i += 1 + (token?.[0].length ?? 0);
      return { factor: 1, degree: backref ? 1 : 0, varies: backref !== null };
    }
    i++;
    return { factor: 1, degree: 0, varies: false };
  };
  const quantifier = (): { min: number; max: number } | null => {
    const m = /^(?:([*+?])|\{(\d*)(?:(,)(\d*))?\})[?+]?/.exec(source.slice(i, i + 40));
    if (!m || (m[2] === "" && m[4] === undefined)) return null;
    i += m[0].length;
    if (m[1]) return { min: m[1] === "+" ? 1 : 0, max: m[1] === "?" ? 1 : Number.POSITIVE_INFINITY };
    const min = Number(m[2] || 0);
    return { min, max: m[3] ? (m[4] ? Number(m[4]) : Number.POSITIVE_INFINITY) : min };
  };
  try {
    const { factor, degree } = alternation();
    return { factor, degree };
  } catch (e) {
    if (e instanceof Unbounded) return null;
    throw e;
  }
}

/** The longest input a bounded pattern may backtrack over within BACKTRACK_LIMIT. */
export function maxBacktrackInput(bound: BacktrackBound): number {
  const n = Math.floor((BACKTRACK_LIMIT / Math.max(bound.factor, 1)) ** (1 / (bound.degree + 1))) - 1;
  return Math.max(n, 0);
}
