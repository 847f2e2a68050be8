// The side panel for the selected node: its title and description, the form for its kind, its
// failure handling, its problems, and what it did in the last run.
import type { ComponentType } from "react";
import { Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { XIcon } from "../../../components/ui/icons";
import type { NodeData, Problem } from "../api/types";
import type { NodeRunState } from "../hooks/use-draft-run";
import { isStartType, kindOf } from "../lib/node-kinds";
import { Section } from "./fields";
import type { FormProps } from "./forms/form-props";
import { LlmForm, ParameterExtractorForm, QuestionClassifierForm } from "./forms/llm";
import { IfElseForm, IterationForm, LoopForm } from "./forms/logic";
import { AnswerForm, EndForm, StartForm } from "./forms/start-end";
import { HttpForm, KnowledgeForm, ProviderNodeForm } from "./forms/tools";
import { ScheduleTriggerForm, WebhookTriggerForm } from "./forms/triggers";
import { AggregatorForm, AssignerForm, CodeForm, DocumentExtractorForm, ListOperatorForm, TemplateForm } from "./forms/transform";
import { NodeIcon } from "./node-icon";
import { NodeRunDetails } from "./node-run-details";
import { SingleNodeRun } from "./single-node-run";

const FORMS: Record<string, ComponentType<FormProps>> = {
  start: StartForm,
  "trigger-webhook": WebhookTriggerForm,
  "trigger-schedule": ScheduleTriggerForm,
  end: EndForm,
  answer: AnswerForm,
  llm: LlmForm,
  "question-classifier": QuestionClassifierForm,
  "parameter-extractor": ParameterExtractorForm,
  "if-else": IfElseForm,
  iteration: IterationForm,
  loop: LoopForm,
  code: CodeForm,
  "template-transform": TemplateForm,
  "variable-aggregator": AggregatorForm,
  "variable-assigner": AggregatorForm,
  assigner: AssignerForm,
  "list-operator": ListOperatorForm,
  "document-extractor": DocumentExtractorForm,
  "http-request": HttpForm,
  "knowledge-retrieval": KnowledgeForm,
  tool: ProviderNodeForm,
  agent: ProviderNodeForm,
};

/** Kinds whose failures can be routed (Dify's BaseNodeData error handling). */
const HANDLES_FAILURE = new Set(["llm", "code", "http-request", "tool", "agent", "parameter-extractor", "question-classifier", "knowledge-retrieval", "template-transform"]);
/** Kinds the engine retries, as Dify's do (the others ignore retry settings). */
const RETRIES = new Set(["llm", "code", "http-request", "tool", "agent"]);

function FailureHandling({ data, patch, readOnly }: { data: NodeData; patch: FormProps["patch"]; readOnly: boolean }) {
  const retry = (data.retry_config ?? { retry_enabled: false, max_retries: 3, retry_interval: 1000 }) as { retry_enabled: boolean; max_retries: number; retry_interval: number };
  return (
    <Section title="On failure">
      {RETRIES.has(data.type) && (
      <label className="flex items-center gap-2 text-xs text-zinc-600">
        <input type="checkbox" checked={retry.retry_enabled} disabled={readOnly} onChange={(e) => patch({ retry_config: { ...retry, max_retries: retry.max_retries || 3, retry_enabled: e.target.checked } })} />
        Retry up to
        <Input type="number" min="1" max="10" aria-label="Retries" className="h-7 w-14" value={String(retry.max_retries)} disabled={readOnly || !retry.retry_enabled} onChange={(e) => patch({ retry_config: { ...retry, max_retries: Number(e.target.value) || 1 } })} />
        times, every
        <Input type="number" min="0" step="100" aria-label="Retry interval" className="h-7 w-20" value={String(retry.retry_interval)} disabled={readOnly || !retry.retry_enabled} onChange={(e) => patch({ retry_config: { ...retry, retry_interval: Number(e.target.value) || 0 } })} />
        ms
      </label>
      )}
      <Select
        aria-label="Then"
        className="h-8 text-xs"
        value={data.error_strategy ?? ""}
        disabled={readOnly}
        options={[
          { value: "", label: "Stop the run" },
          { value: "fail-branch", label: "Take the failure branch" },
          { value: "default-value", label: "Continue with default values" },
        ]}
        onChange={(e) => patch({ error_strategy: e.target.value || null })}
      />
    </Section>
  );
}

interface NodePanelProps extends Omit<FormProps, "patch" | "data"> {
  problems: Problem[];
  run: NodeRunState | undefined;
  onChange: (update: (data: NodeData) => NodeData) => void;
  onClose: () => void;
}

export function NodePanel({ node, problems, run, appId, onChange, onClose, ...rest }: NodePanelProps) {
  const data = node.data;
  const kind = kindOf(data.type);
  const Form = FORMS[data.type];
  const patch = (fields: Record<string, unknown>) => onChange((d) => ({ ...d, ...fields }));
  const props: FormProps = { ...rest, appId, node, data, patch };
  return (
    <aside className="flex w-[380px] shrink-0 flex-col overflow-hidden border-l border-zinc-200 bg-white" aria-label="Node settings" data-testid="node-panel">
      <div className="flex items-center gap-2 border-b border-zinc-100 px-4 py-3">
        <NodeIcon type={data.type} />
        <Input
          aria-label="Node title"
          className="h-8 border-transparent px-1.5 text-sm font-semibold shadow-none hover:border-zinc-200"
          value={data.title}
          disabled={rest.readOnly}
          onChange={(e) => patch({ title: e.target.value })}
        />
        <button type="button" onClick={onClose} aria-label="Close node settings" className="cursor-pointer rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700">
          <XIcon />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="px-4 py-3">
          <Input aria-label="Description" className="h-8 text-xs" placeholder="Add a description…" value={typeof data.desc === "string" ? data.desc : ""} disabled={rest.readOnly} onChange={(e) => patch({ desc: e.target.value })} />
          <p className="mt-2 text-xs text-zinc-500">{kind.description}</p>
        </div>
        {problems.length > 0 && (
          <div className="mx-4 mb-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2" data-testid="node-problems">
            <ul className="list-disc space-y-0.5 pl-4 text-xs text-amber-900">
              {problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        {Form ? <Form {...props} /> : <Section title="Settings">This node kind is kept as imported; edit it in the DSL.</Section>}
        {HANDLES_FAILURE.has(data.type) && <FailureHandling data={data} patch={patch} readOnly={rest.readOnly} />}
        {run && <NodeRunDetails run={run} />}
        {!rest.readOnly && !isStartType(data.type) && !["end", "answer", "iteration", "loop", "human-input"].includes(data.type) && kind.outputs(data).length > 0 && <SingleNodeRun appId={appId} node={node} />}
      </div>
    </aside>
  );
}
