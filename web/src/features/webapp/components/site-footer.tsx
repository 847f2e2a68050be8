import { cn } from "../../../lib/cn";
import type { Site } from "../api/types";
import { safeHref } from "../../../lib/markdown";

/** Copyright, the privacy policy link, and whose platform this is. */
export function SiteFooter({ site, className }: { site: Site["site"]; className?: string }) {
  const privacy = site.privacy_policy ? safeHref(site.privacy_policy) : null;
  return (
    <footer className={cn("flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-zinc-400", className)}>
      {site.copyright && <span>© {site.copyright}</span>}
      {privacy && (
        <a href={privacy} target="_blank" rel="noopener noreferrer" className="underline-offset-2 hover:text-zinc-600 hover:underline">
          Privacy policy
        </a>
      )}
      <span>
        Powered by <span className="font-medium text-zinc-500">Kiln</span>
      </span>
    </footer>
  );
}
