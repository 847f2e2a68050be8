// The Prompt IDE's Knowledge block: the knowledge bases the app answers from, how it searches
// them, whether answers show their citations and, in a text generator, which input is the query.
import { type Dispatch, type SetStateAction, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { BookIcon, PlusIcon, XIcon } from "../../../components/ui/icons";
import { Select } from "../../../components/ui/select";
import { useKnowledgeBases } from "../api/get-datasets";
import type { EasyMode, ModelConfig } from "../api/types";
import { variablesOf } from "../lib/draft";
import {
  knowledgeOf,
  placesContext,
  queryVariableChoices,
  withCitations,
  withDatasets,
  withQueryVariable,
  withRetrieval,
} from "../lib/knowledge";
import { ConfigSection } from "./config-section";
import { documentCount, indexModeLabel, KnowledgePicker } from "./knowledge-picker";
import type { FormVariable } from "../lib/variables";
import { RetrievalSettings } from "./retrieval-settings";
import { Toggle } from "./toggle";
import { isChatMode } from "../lib/app-rules";

interface KnowledgeSectionProps {
  mode: EasyMode;
  draft: ModelConfig;
  setDraft: Dispatch<SetStateAction<ModelConfig>>;
  disabled?: boolean;
}

export function KnowledgeSection({ mode, draft, setDraft, disabled }: KnowledgeSectionProps) {
  const [picking, setPicking] = useState(false);
  const bases = useKnowledgeBases();
  const k = knowledgeOf(draft);
  const attached = k.datasetIds.length > 0;
  const setIds = (ids: string[]) => setDraft((d) => withDatasets(d, ids, variablesOf(d), mode));

  return (
    <ConfigSection
      icon={<BookIcon />}
      title="Knowledge"
      description={
        attached
          ? `Before each answer the app searches ${k.datasetIds.length === 1 ? "this knowledge base" : `these ${k.datasetIds.length} knowledge bases`}.`
          : "Ground answers on your documents: attach a knowledge base."
      }
      testId="knowledge-section"
      actions={
        !disabled && (
          <Button size="sm" variant="ghost" icon={<PlusIcon className="size-3.5" />} onClick={() => setPicking(true)}>
            Add
          </Button>
        )
      }
    >
      {attached ? (
        <div className="space-y-4">
          <ul className="space-y-1.5" aria-label="Attached knowledge">
            {k.datasetIds.map((id) => {
              const base = bases.data?.data.find((b) => b.id === id);
              const name = base?.name ?? (bases.isPending ? "Loading…" : "Unknown knowledge base");
              return (
                <li key={id} data-testid="attached-knowledge" className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white px-3 py-2">
                  <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-500">
                    <BookIcon className="size-3.5" />
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-[13px] font-medium text-zinc-900">{name}</span>
                    <span className="block truncate text-xs text-zinc-500">
                      {base
                        ? documentCount(base.document_count)
                        : bases.isSuccess
                          ? "Deleted, or not visible to you: answers skip it."
                          : bases.isError
                            ? "Couldn't load its details."
                            : "\u00a0"}
                    </span>
                  </span>
                  {base && <Badge tone={base.indexing_technique === "high_quality" ? "violet" : "neutral"}>{indexModeLabel(base.indexing_technique)}</Badge>}
                  {!disabled && (
                    <button
                      type="button"
                      aria-label={`Remove ${base?.name ?? "knowledge base"}`}
                      onClick={() => setIds(k.datasetIds.filter((x) => x !== id))}
                      className="cursor-pointer rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
                    >
                      <XIcon className="size-3.5" />
                    </button>
                  )}
                </li>
              );
            })}
          </ul>

          {mode === "completion" && <QueryVariable draft={draft} setDraft={setDraft} disabled={disabled} />}

          <RetrievalSettings value={k} disabled={disabled} onChange={(s) => setDraft((d) => withRetrieval(d, s))} />

          <div className="flex items-center justify-between gap-3 border-t border-zinc-100 pt-3">
            <div className="min-w-0">
              <p className="text-[13px] text-zinc-700">Citations</p>
              <p className="text-xs text-zinc-500">Show the passages an answer used, under the answer.</p>
            </div>
            <Toggle label="Citations" hideLabel checked={k.citations} disabled={disabled} onChange={(on) => setDraft((d) => withCitations(d, on))} />
          </div>

          <p className="rounded-lg bg-zinc-50 px-3 py-2 text-xs leading-relaxed text-zinc-500 ring-1 ring-zinc-100" data-testid="context-hint">
            {placesContext(draft) ? (
              <>
                The prompt places the retrieved passages where it says <code className="font-mono text-zinc-700">{"{{#context#}}"}</code>.
              </>
            ) : (
              <>
                Retrieved passages go before the {isChatMode(mode) ? "instructions" : "prompt"}, as in Dify. To place them yourself, write{" "}
                <code className="font-mono text-zinc-700">{"{{#context#}}"}</code> in it.
              </>
            )}
          </p>
        </div>
      ) : undefined}
      <KnowledgePicker
        open={picking}
        selected={k.datasetIds}
        onClose={() => setPicking(false)}
        onSave={(ids) => {
          setIds(ids);
          setPicking(false);
        }}
      />
    </ConfigSection>
  );
}

/** The label, with the key when the label doesn't already say it. */
function optionLabel(v: FormVariable): string {
  const same = (a: string) => a.toLowerCase().replace(/[\s_-]/g, "");
  return !v.label || same(v.label) === same(v.variable) ? v.label || v.variable : `${v.label} (${v.variable})`;
}

/** A text generator has no chat message: one of its inputs is what the knowledge is searched for. */
function QueryVariable({ draft, setDraft, disabled }: Omit<KnowledgeSectionProps, "mode">) {
  const choices = queryVariableChoices(variablesOf(draft));
  const current = draft.dataset_query_variable ?? "";
  const valid = choices.some((v) => v.variable === current);
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-3">
        <label htmlFor="query-variable" className="min-w-0">
          <span className="block text-[13px] text-zinc-700">Query variable</span>
          <span className="block text-xs text-zinc-500">The input whose text the knowledge is searched for.</span>
        </label>
        <Select
          id="query-variable"
          value={valid ? current : ""}
          disabled={disabled || choices.length === 0}
          placeholder="Choose a variable"
          options={choices.map((v) => ({ value: v.variable, label: optionLabel(v) }))}
          onChange={(e) => setDraft((d) => withQueryVariable(d, e.target.value))}
          wrapperClassName="w-48 shrink-0"
          className="h-8! text-[13px]"
        />
      </div>
      {!valid && (
        <Alert tone="warning">
          {choices.length === 0
            ? "Add a text variable in Variables: a text generator searches its knowledge with one of its inputs."
            : "Choose the variable to search with; until then, runs search nothing."}
        </Alert>
      )}
    </div>
  );
}
