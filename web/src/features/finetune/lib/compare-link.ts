// The prompt IDE's compare view, opened on an app with two models side by side and sample inputs
// to send to both: /apps/<id>/configuration?compare=<provider:model>&compare=…&sample=<query>…
// (read by the apps feature's configuration route).

export const MAX_SAMPLES = 5;

export function compareUrl(appId: string, models: string[], samples: string[]): string {
  const params = new URLSearchParams();
  for (const m of models) params.append("compare", m);
  for (const s of samples.slice(0, MAX_SAMPLES)) params.append("sample", s.slice(0, 500));
  return `/apps/${appId}/configuration?${params.toString()}`;
}
