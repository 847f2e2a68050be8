import { cn } from "../../../lib/cn";
import type { Site } from "../api/types";

const SIZES = {
  sm: "size-7 rounded-lg text-sm",
  md: "size-8 rounded-lg text-base",
  lg: "size-9 rounded-xl text-lg",
  xl: "size-14 rounded-2xl text-3xl",
};

/** The app's emoji on its background colour, or its image. */
export function AppIcon({ site, size = "lg", className }: { site: Site["site"]; size?: keyof typeof SIZES; className?: string }) {
  if (site.icon_type === "image" && site.icon_url) {
    return <img src={site.icon_url} alt="" className={cn("shrink-0 object-cover", SIZES[size], className)} />;
  }
  return (
    <span
      aria-hidden="true"
      className={cn("flex shrink-0 items-center justify-center leading-none", SIZES[size], className)}
      style={{ background: site.icon_background || "#FFEAD5" }}
    >
      {site.icon || "🤖"}
    </span>
  );
}
