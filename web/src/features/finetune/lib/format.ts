// Numbers of the fine-tuning screens in words people read.

const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });

export const formatCount = (n: number | null | undefined) => (n == null ? "—" : compact.format(n));

/** Estimated dollars: cents for larger sums, more digits for small ones. */
export function formatUsd(n: number | null | undefined): string {
  if (n == null) return "—";
  if (n === 0) return "$0";
  if (n < 0.01) return `<$0.01`;
  return `$${n < 10 ? n.toFixed(2) : n.toFixed(0)}`;
}

export const formatLoss = (n: unknown) => (typeof n === "number" ? n.toFixed(3) : "—");
