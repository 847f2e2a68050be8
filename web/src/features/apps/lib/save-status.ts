// The autosave indicator's words: "Saving…", "Saved · 2s ago", "Unsaved changes", or the error.

/** "just now", "5s ago", "3 min ago", "2 h ago". */
export function agoLabel(thenMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (s < 2) return "just now";
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  return `${Math.floor(m / 60)} h ago`;
}
