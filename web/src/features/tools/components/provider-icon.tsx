import { cn } from "../../../lib/cn";
import type { ToolIcon } from "../api/types";

/** A provider's emoji on its background, or its image. */
export function ProviderIcon({ icon, className }: { icon: ToolIcon; className?: string }) {
  const box = cn("flex size-9 shrink-0 items-center justify-center overflow-hidden rounded-lg text-lg ring-1 ring-zinc-200", className);
  if (icon.type === "image" && icon.url) {
    return (
      <span className={box}>
        <img src={icon.url} alt="" className="size-full object-cover" />
      </span>
    );
  }
  return (
    <span className={box} style={{ background: icon.background || "#EFF1F5" }} aria-hidden="true">
      {icon.content || "🔧"}
    </span>
  );
}
