// Query keys of the fine-tuning feature, so every mutation invalidates exactly what it changed.

export const finetuneKeys = {
  all: ["finetune"] as const,
  sets: () => ["finetune", "sets"] as const,
  set: (setId: string) => ["finetune", "sets", setId] as const,
  examples: (setId: string, page: number, dropped: string) => ["finetune", "sets", setId, "examples", page, dropped] as const,
  summary: (setId: string, baseModel: string) => ["finetune", "sets", setId, "summary", baseModel] as const,
  exports: (setId: string) => ["finetune", "sets", setId, "exports"] as const,
  jobs: (setId?: string) => (setId ? (["finetune", "jobs", { setId }] as const) : (["finetune", "jobs"] as const)),
  job: (jobId: string) => ["finetune", "job", jobId] as const,
  providers: () => ["finetune", "providers"] as const,
};
