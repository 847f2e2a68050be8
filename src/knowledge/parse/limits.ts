/** Bigger parsed text is refused rather than cut: a silently truncated document answers wrongly. */
export const MAX_PARSED_CHARS = 20_000_000;
