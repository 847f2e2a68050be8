// A Human Input form by its token (`/api/form/human_input/:token`): opened with the app's site to
// draw the page, and submitted. No passport: whoever holds the token may answer, as in Dify.
import { useQuery } from "@tanstack/react-query";
import type { UploadFn } from "../../../components/file-inputs";
import type { HumanInputAction, HumanInputFormView, HumanInputSubmission } from "../../../lib/human-input";
import { publicJson, publicUpload } from "./client";
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

/**
 * Uploads for a form's file inputs, as Dify's form page makes them: an upload token asked for
 * with the form's token (once, then kept), and each file sent with it as a bearer.
 */
export function formUploader(token: string): UploadFn {
  const known = uploaders.get(token);
  if (known) return known;
  let uploadToken: Promise<string> | null = null;
  const upload: UploadFn = async (file) => {
    uploadToken ??= publicJson<{ upload_token: string }>(`${formPath(token)}/upload-token`, { method: "POST" }).then(
      (r) => r.upload_token,
      (err: unknown) => {
        uploadToken = null;
        throw err;
      },
    );
    const form = new FormData();
    form.append("file", file, file.name);
    return publicUpload<{ id: string }>("/human-input-forms/files", form, await uploadToken);
  };
  uploaders.set(token, upload);
  return upload;
}

/** One uploader per form token, so a page asks for a form's upload token once. */
const uploaders = new Map<string, UploadFn>();
