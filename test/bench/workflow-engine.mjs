// Workflow engine figures, measured from outside through POST /v1/workflows/run (blocking), one
// run at a time, by difference between two published workflows that differ only in what is
// measured, so the HTTP path, auth and the run row cancel out:
// - engine overhead per node: a chain of 101 trivial nodes (variable aggregators) against a chain
//   of 1, run alternately; the median per-pair difference / 100. It includes building each node's trace row; the rows are
//   written in the run's one batch, whose size grows with the chain, so this is an upper bound.
// - a warm code node (JavaScript in QuickJS, and python3 in Kiln's interpreter): start → code →
//   end against start → end.
import { percentile } from "./load.mjs";
import { consoleSession, publishWorkflow, workflowDsl } from "./workflow.mjs";

const round = (n) => Math.round(n * 1000) / 1000;

/** start → n variable aggregators, each passing the previous value on → end. */
function chainDsl(n) {
  const middle = Array.from({ length: n }, (_, i) => {
    const from = i === 0 ? "[start, name]" : `[agg${i - 1}, output]`;
    return {
      id: `agg${i}`,
      yaml: `      - id: agg${i}
        type: custom
        position: { x: 0, y: 0 }
        data:
          type: variable-aggregator
          title: Pass ${i}
          output_type: string
          variables:
            - ${from}`,
    };
  });
  return workflowDsl(`Chain of ${n}`, middle, [`agg${n - 1}`, "output"]);
}

const SHOUT = {
  javascript: `function main({ name }) {
              return { result: name.toUpperCase() };
            }`,
  python3: `def main(name: str) -> dict:
                return {"result": name.upper()}`,
};

function codeDsl(withCode, language = "javascript") {
  if (!withCode) return workflowDsl("No code", [], ["start", "name"]);
  return workflowDsl(
    `One ${language} code node`,
    [
      {
        id: "code",
        yaml: `      - id: code
        type: custom
        position: { x: 0, y: 0 }
        data:
          type: code
          title: Shout
          code_language: ${language}
          code: |
            ${SHOUT[language]}
          variables:
            - { variable: name, value_selector: [start, name] }
          outputs:
            result: { type: string, children: null }`,
      },
    ],
    ["code", "result"],
  );
}

/** One blocking run: ms, after checking its outcome. */
async function timeRun(kiln, { key, expected }, i) {
  const started = performance.now();
  const res = await fetch(`${kiln.url}/v1/workflows/run`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ inputs: { name: "kiln" }, response_mode: "blocking", user: `bench-${i}` }),
  });
  const body = await res.json();
  const elapsed = performance.now() - started;
  if (body.data?.status !== "succeeded" || body.data.outputs?.result !== expected) {
    throw new Error(`the benchmark workflow did not produce its output: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return elapsed;
}

const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
};

/**
 * Runs `base` and `measured` alternately (so load drifts affect both alike) and answers both
 * summaries and the median of the per-pair differences (measured − base).
 */
async function timePair(kiln, base, measured, runs, warmup) {
  const a = [];
  const b = [];
  for (let i = 0; i < warmup + runs; i++) {
    const x = await timeRun(kiln, base, 2 * i);
    const y = await timeRun(kiln, measured, 2 * i + 1);
    if (i >= warmup) {
      a.push(x);
      b.push(y);
    }
  }
  const diffs = b.map((y, i) => y - a[i]).sort((p, q) => p - q);
  return { base: summary(a), measured: summary(b), median_difference_ms: round(percentile(diffs, 50)) };
}

export async function benchWorkflowEngine(kiln, { runs = 80, warmup = 60 } = {}) {
  const call = await consoleSession(kiln);
  const kilnOut = { expected: "kiln" };
  const chains = await timePair(
    kiln,
    { key: await publishWorkflow(call, chainDsl(1)), ...kilnOut },
    { key: await publishWorkflow(call, chainDsl(101)), ...kilnOut },
    runs,
    10,
  );
  // V8 tiers QuickJS's WebAssembly up only once it is hot: the warm-up is long enough for that.
  const code = await timePair(
    kiln,
    { key: await publishWorkflow(call, codeDsl(false)), ...kilnOut },
    { key: await publishWorkflow(call, codeDsl(true)), expected: "KILN" },
    runs,
    warmup,
  );
  const python = await timePair(
    kiln,
    { key: await publishWorkflow(call, codeDsl(false)), ...kilnOut },
    { key: await publishWorkflow(call, codeDsl(true, "python3")), expected: "KILN" },
    runs,
    warmup,
  );
  const chain1 = chains.base;
  const chain101 = chains.measured;
  const noCode = code.base;
  const withCode = code.measured;
  return [
    {
      name: "workflow_engine_per_node",
      description:
        "blocking runs of start → 101 variable aggregators → end vs start → 1 → end, alternating, one at a time; median per-pair difference / 100, trace rows included",
      chain_1: chain1,
      chain_101: chain101,
      per_node_ms: round(chains.median_difference_ms / 100),
      target_per_node_ms: 1,
    },
    {
      name: "workflow_code_node_warm",
      description: "blocking runs of start → code (JavaScript, QuickJS) → end vs start → end, alternating, one at a time, after 60 warm-up pairs; median per-pair difference",
      without_code: noCode,
      with_code: withCode,
      code_node_p50_ms: code.median_difference_ms,
      target_p50_ms: 2,
    },
    {
      name: "workflow_python_code_node_warm",
      description: "the same with the code node in python3 (Kiln's Python interpreter)",
      without_code: python.base,
      with_code: python.measured,
      code_node_p50_ms: python.median_difference_ms,
      target_p50_ms: 2,
    },
  ];
}
