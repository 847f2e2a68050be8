// Opening the prompt IDE's compare view from elsewhere (the fine-tuning job page):
// `?compare=<provider:model>&compare=…` names the columns, `&sample=<question>…` offers
// questions to send to all of them.

export interface CompareHandoff {
  models: { provider: string; name: string }[];
  samples: string[];
}

export function readCompareHandoff(params: URLSearchParams): CompareHandoff | null {
  const models = params
    .getAll("compare")
    .map((m) => ({ at: m.indexOf(":"), m }))
    .filter(({ at, m }) => at > 0 && at < m.length - 1)
    .map(({ at, m }) => ({ provider: m.slice(0, at), name: m.slice(at + 1) }))
    .slice(0, 4);
  if (models.length === 0) return null;
  return { models, samples: params.getAll("sample").filter(Boolean).slice(0, 5) };
}
