import { cn } from "../../../lib/cn";

const SIZES = { sm: "size-7 text-sm rounded-md", md: "size-10 text-xl rounded-lg", lg: "size-12 text-2xl rounded-xl" };

/** The app's emoji on its background colour. */
export function AppIcon({
  icon,
  background,
  size = "md",
  className,
}: {
  icon: string;
  background: string | null | undefined;
  size?: keyof typeof SIZES;
  className?: string;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn("inline-flex shrink-0 items-center justify-center ring-1 ring-black/5 select-none ring-inset", SIZES[size], className)}
      style={{ background: background || "#FFEAD5" }}
    >
      {icon || "🤖"}
    </span>
  );
}
