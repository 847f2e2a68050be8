import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "../../../lib/api";
import { isJobActive } from "../lib/job-status";
import { finetuneKeys } from "./keys";
import type { FinetuneProvider, Job, JobDetail, StartJobInput } from "./types";

/** While a job runs its page follows it every 2 seconds. */
const LIVE_MS = 2_000;

export function useJobs(setId?: string) {
  return useQuery({
    queryKey: finetuneKeys.jobs(setId),
    queryFn: ({ signal }) => api.get<{ data: Job[] }>("/finetune/jobs", { query: { set_id: setId }, signal }),
    select: (r) => r.data,
    refetchInterval: (q) => (q.state.data?.data.some((j) => isJobActive(j.status)) ? LIVE_MS : false),
  });
}

export function useJob(jobId: string) {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: finetuneKeys.job(jobId),
    queryFn: ({ signal }) => api.get<JobDetail>(`/finetune/jobs/${jobId}`, { signal }),
    refetchInterval: (q) => (q.state.data && isJobActive(q.state.data.status) ? LIVE_MS : false),
  });
  // A succeeded job adds its model to the provider: every model picker must see it at once.
  const succeeded = job.data?.status === "succeeded";
  useEffect(() => {
    if (succeeded) void queryClient.invalidateQueries({ queryKey: ["models"] });
  }, [succeeded, queryClient]);
  return job;
}

export function useStartJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartJobInput) => api.post<Job>("/finetune/jobs", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: finetuneKeys.all }),
  });
}

export function useCancelJob(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Job>(`/finetune/jobs/${jobId}/cancel`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: finetuneKeys.all }),
  });
}

export function useFinetuneProviders() {
  return useQuery({
    queryKey: finetuneKeys.providers(),
    queryFn: ({ signal }) => api.get<{ data: FinetuneProvider[] }>("/finetune/providers", { signal }),
    select: (r) => r.data,
  });
}
