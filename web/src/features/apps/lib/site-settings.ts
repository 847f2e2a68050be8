// The WebApp settings form: what it starts from, and what the server would refuse.
import type { AppSite } from "../api/types";
import type { SiteInput } from "../api/site";

export interface SiteForm {
  title: string;
  description: string;
  copyright: string;
  privacy_policy: string;
}

export const siteForm = (s: AppSite): SiteForm => ({
  title: s.title,
  description: s.description,
  copyright: s.copyright ?? "",
  privacy_policy: s.privacy_policy ?? "",
});

export function siteProblems(f: SiteForm): Partial<Record<keyof SiteForm, string>> {
  const out: Partial<Record<keyof SiteForm, string>> = {};
  if (!f.title.trim()) out.title = "Give the page a title.";
  if (f.privacy_policy.trim() && !/^https?:\/\/\S+$/i.test(f.privacy_policy.trim())) {
    out.privacy_policy = "Enter a full link, like https://example.com/privacy.";
  }
  return out;
}

/** The form as the API takes it: trimmed, empty optional fields cleared. */
export function siteInput(f: SiteForm): SiteInput {
  return {
    title: f.title.trim(),
    description: f.description.trim(),
    copyright: f.copyright.trim() || null,
    privacy_policy: f.privacy_policy.trim() || null,
  };
}
