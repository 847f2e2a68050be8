import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { annotationKeys } from "./keys";
import type { AnnotationJob, AnnotationSetting } from "./types";

export const annotationSettingQuery = (appId: string) =>
  queryOptions({
    queryKey: annotationKeys.setting(appId),
    queryFn: () => api.get<AnnotationSetting>(`/apps/${appId}/annotation-setting`),
  });

export function useAnnotationSetting(appId: string) {
  return useQuery(annotationSettingQuery(appId));
}

export interface ReplySettings {
  score_threshold: number;
  embedding_provider_name: string;
  embedding_model_name: string;
}

const POLL_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs an enable or disable job and waits for it: most finish in the request, big ones are polled. */
async function runReplyJob(appId: string, action: "enable" | "disable", settings: ReplySettings): Promise<AnnotationJob> {
  let job = await api.post<AnnotationJob>(`/apps/${appId}/annotation-reply/${action}`, settings);
  while (job.job_status === "waiting" || job.job_status === "processing") {
    await sleep(POLL_MS);
    job = await api.get<AnnotationJob>(`/apps/${appId}/annotation-reply/${action}/status/${job.job_id}`);
  }
  if (job.job_status === "error") {
    throw new Error(job.error_msg || `Couldn't ${action} annotation reply. Try again; if it keeps failing, check the embedding model's provider.`);
  }
  return job;
}

/** Turns annotation reply on (embedding every annotation with the chosen model) or off. */
export function useAnnotationReplySwitch(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ enabled, settings }: { enabled: boolean; settings: ReplySettings }) =>
      runReplyJob(appId, enabled ? "enable" : "disable", settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: annotationKeys.setting(appId) }),
  });
}

/** Changes the score threshold of an enabled reply; it applies from the next message. */
export function useUpdateScoreThreshold(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ settingId, scoreThreshold }: { settingId: string; scoreThreshold: number }) =>
      api.post<AnnotationSetting>(`/apps/${appId}/annotation-settings/${settingId}`, { score_threshold: scoreThreshold }),
    onSuccess: (setting) => queryClient.setQueryData(annotationKeys.setting(appId), setting),
  });
}
