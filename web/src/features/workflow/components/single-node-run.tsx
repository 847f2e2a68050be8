// Runs the selected node alone with hand-written inputs, to try it without running the whole flow.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { fieldClasses } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import { runDraftNode } from "../api/run-draft";
import type { FlowNode } from "../lib/flow";
import { referencesOf } from "../lib/validate";
import { Section } from "./fields";
import { NodeRunDetails } from "./node-run-details";

export function SingleNodeRun({ appId, node }: { appId: string; node: FlowNode }) {
  // Prefilled with the variables the node reads, so only the values are left to type.
  const [inputs, setInputs] = useState(() =>
    JSON.stringify(Object.fromEntries(referencesOf(node.data.type, node.data).map((r) => [r.selector.join("."), ""])), null, 2),
  );
  const [parseError, setParseError] = useState<string | null>(null);
  const run = useMutation({ mutationFn: (values: Record<string, unknown>) => runDraftNode(appId, node.id, values) });
  const submit = () => {
    let values: unknown;
    try {
      values = JSON.parse(inputs || "{}");
    } catch {
      setParseError('Inputs must be a JSON object, e.g. {"1711.text": "hello"}.');
      return;
    }
    if (!values || typeof values !== "object" || Array.isArray(values)) {
      setParseError("Inputs must be a JSON object.");
      return;
    }
    setParseError(null);
    run.mutate(values as Record<string, unknown>);
  };
  return (
    <Section title="Try this node" hint="The draft as saved; give the variables it reads, keyed “node_id.var”.">
      <textarea aria-label="Node inputs" rows={4} spellCheck={false} className={fieldClasses("py-2 font-mono text-xs")} value={inputs} onChange={(e) => setInputs(e.target.value)} />
      {parseError && <p className="text-xs text-red-600">{parseError}</p>}
      {run.error && <p className="text-xs text-red-600">{errorMessage(run.error)}</p>}
      <Button size="sm" onClick={submit} loading={run.isPending}>
        Run node
      </Button>
      {run.data && <NodeRunDetails run={{ ...run.data, node_id: node.id }} />}
    </Section>
  );
}
