import type { Usage } from "../api/types";
import { describeUsage } from "../lib/usage";

/** Under an answer: prompt and answer tokens, cost, latency. */
export function UsageLine({ usage }: { usage: Usage }) {
  const u = describeUsage(usage);
  return (
    <p data-testid="usage" className="flex flex-wrap items-center gap-x-3 gap-y-0.5 text-[11px] text-zinc-400 tabular-nums">
      <span title="Prompt tokens + answer tokens">
        <span data-testid="usage-tokens">
          {u.promptTokens} + {u.answerTokens} tokens
        </span>
      </span>
      <span title="Cost">{u.cost}</span>
      <span title="Total latency" data-testid="usage-latency">
        {u.latency}
      </span>
      {u.firstToken && <span title="Time to first token">first token {u.firstToken}</span>}
    </p>
  );
}
