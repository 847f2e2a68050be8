import { cn } from "../../lib/cn";
import { initials } from "../../lib/format";

// Stable colour per name, so the same person looks the same everywhere.
const COLORS = [
  "bg-orange-100 text-orange-700",
  "bg-sky-100 text-sky-700",
  "bg-violet-100 text-violet-700",
  "bg-emerald-100 text-emerald-700",
  "bg-rose-100 text-rose-700",
  "bg-amber-100 text-amber-800",
  "bg-teal-100 text-teal-700",
];

function colorFor(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
}

interface AvatarProps {
  name: string | null | undefined;
  seed?: string;
  size?: "sm" | "md" | "lg";
  square?: boolean;
  className?: string;
}

const SIZES = { sm: "size-6 text-[10px]", md: "size-8 text-xs", lg: "size-12 text-base" };

export function Avatar({ name, seed, size = "md", square, className }: AvatarProps) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex shrink-0 items-center justify-center font-semibold select-none",
        square ? "rounded-md" : "rounded-full",
        SIZES[size],
        colorFor(seed ?? name ?? ""),
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}
