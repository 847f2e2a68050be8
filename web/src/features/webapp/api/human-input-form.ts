// A Human Input form by its token (`/api/form/human_input/:token`): opened with the app's site to
// draw the page, and submitted. No passport: whoever holds the token may answer, as in Dify.
import { useQuery } from "@tanstack/react-query";
import type { HumanInputAction, HumanInputFormView, HumanInputSubmission } from "../../../lib/human-input";
import { publicJson } from "./client";
import { retryNetwork, webappKeys } from "./keys";
import type { Site } from "./types";

export interface HumanInputFormPage extends Omit<HumanInputFormView, "actions"> {
  user_actions: HumanInputAction[];
  site: Pick<Site, "app_id" | "mode" | "site">;
}

const formPath = (token: string) => `/form/human_input/${encodeURIComponent(token)}`;

export function useHumanInputForm(token: string) {
  return useQuery({
    queryKey: webappKeys.humanInputForm(token),
    queryFn: () => publicJson<HumanInputFormPage>(formPath(token)),
    // Opening a form is rate-limited per address, and an answered form is gone: read it once.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: retryNetwork,
  });
}

export function submitHumanInputForm(token: string, submission: HumanInputSubmission): Promise<void> {
  return publicJson<void>(formPath(token), { method: "POST", body: submission });
}
