// The prompt IDE's left side: every setting of the draft, each in its own section.
import { type Dispatch, type SetStateAction, useState } from "react";
import { ChevronDownIcon, CpuIcon, ShieldIcon, SparklesIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { cn } from "../../../lib/cn";
import { useLlmModels } from "../api/get-llm-models";
import type { EasyMode, ModelConfig } from "../api/types";
import {
  memoryOf,
  variablesOf,
  withAddedVariables,
  withFollowUps,
  withMemory,
  withModel,
  withModeration,
  withOpening,
  withParams,
  withPrompt,
  withRenamedPlaceholder,
  withVariables,
} from "../lib/draft";
import { readModeration } from "../lib/moderation";
import { missingVariables, nextVariableName } from "../lib/prompt-variables";
import { newVariable } from "../lib/variables";
import { AgentSection } from "./agent-section";
import { ConfigSection } from "./config-section";
import { BracesIcon, HistoryIcon, MessageIcon } from "./icons";
import { KnowledgeSection } from "./knowledge-section";
import { ModelParams } from "./model-params";
import { ModelPicker } from "./model-picker";
import { ModerationEditor } from "./moderation-editor";
import { OpeningEditor } from "./opening-editor";
import { PromptEditor } from "./prompt-editor";
import { FileUploadSection } from "./file-upload-section";
import { SpeechSection } from "./speech-section";
import { Toggle } from "./toggle";
import { VariablesEditor } from "./variables-editor";
import { isChatMode } from "../lib/app-rules";

interface ConfigPanelProps {
  mode: EasyMode;
  draft: ModelConfig;
  setDraft: Dispatch<SetStateAction<ModelConfig>>;
  disabled?: boolean;
}

export function ConfigPanel({ mode, draft, setDraft, disabled }: ConfigPanelProps) {
  const models = useLlmModels();
  const [showParams, setShowParams] = useState(false);
  const variables = variablesOf(draft);
  const names = variables.map((v) => v.variable);
  const missing = missingVariables(draft.pre_prompt ?? "", names);
  const memory = memoryOf(draft);
  const moderation = readModeration(draft.sensitive_word_avoidance);
  const paramCount = Object.keys(draft.model.completion_params ?? {}).length;

  return (
    <div className="space-y-4">
      <ConfigSection
        icon={<CpuIcon />}
        title="Model"
        description="The chat model that answers, and how it samples."
        testId="model-section"
        actions={
          <button
            type="button"
            onClick={() => setShowParams((s) => !s)}
            aria-expanded={showParams}
            className="inline-flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100"
          >
            Parameters{paramCount > 0 ? ` · ${paramCount} set` : ""}
            <ChevronDownIcon className={cn("size-3.5 transition-transform", showParams && "rotate-180")} />
          </button>
        }
      >
        <div className="space-y-4">
          <ModelPicker
            providers={models.data}
            loading={models.isPending}
            error={models.error}
            value={{ provider: draft.model.provider, name: draft.model.name }}
            onChange={(m) => setDraft((d) => withModel(d, m))}
            disabled={disabled}
          />
          {showParams && (
            <div className="rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-100">
              <ModelParams params={draft.model.completion_params ?? {}} onChange={(p) => setDraft((d) => withParams(d, p))} disabled={disabled} />
            </div>
          )}
        </div>
      </ConfigSection>

      <ConfigSection
        icon={<SparklesIcon />}
        title={isChatMode(mode) ? "Instructions" : "Prompt"}
        description={
          isChatMode(mode)
            ? "The system prompt: who the assistant is and how it answers."
            : "The prompt each run sends, with the user's inputs filled in."
        }
        testId="prompt-section"
      >
        <PromptEditor
          value={draft.pre_prompt ?? ""}
          onChange={(text) => setDraft((d) => withPrompt(d, text))}
          known={names}
          missing={missing}
          onAddMissing={() => setDraft((d) => withAddedVariables(d, missingVariables(d.pre_prompt ?? "", variablesOf(d).map((v) => v.variable))))}
          nextName={nextVariableName(names)}
          onAddVariable={(name) => setDraft((d) => withAddedVariables(d, [name]))}
          placeholder={
            isChatMode(mode)
              ? "You are a friendly assistant for {{company}}. Answer in two or three sentences."
              : "Write a product description for {{product}} in a {{tone}} tone."
          }
          disabled={disabled}
        />
      </ConfigSection>

      {mode === "agent-chat" && <AgentSection draft={draft} setDraft={setDraft} disabled={disabled} />}

      <ConfigSection
        icon={<BracesIcon />}
        title="Variables"
        description="Form fields users fill in; the prompt uses them as {{key}}."
        testId="variables-section"
      >
        <VariablesEditor
          variables={variables}
          onChange={(vars) => setDraft((d) => withVariables(d, vars))}
          onRename={(from, to) => setDraft((d) => withRenamedPlaceholder(d, from, to))}
          onAdd={() => setDraft((d) => withVariables(d, [...variablesOf(d), newVariable(nextVariableName(variablesOf(d).map((v) => v.variable)))]))}
          disabled={disabled}
        />
      </ConfigSection>

      <KnowledgeSection mode={mode} draft={draft} setDraft={setDraft} disabled={disabled} />

      {isChatMode(mode) && (
        <>
          <ConfigSection icon={<MessageIcon />} title="Opening statement" description="The greeting and starter questions shown before the first message.">
            <OpeningEditor
              statement={draft.opening_statement ?? ""}
              questions={draft.suggested_questions ?? []}
              onChange={(o) => setDraft((d) => withOpening(d, o))}
              disabled={disabled}
            />
          </ConfigSection>

          <ConfigSection
            icon={<HistoryIcon />}
            title="Conversation memory"
            description={memory.enabled ? `The model sees the last ${memory.size} turns of the conversation.` : "Each message is answered on its own."}
            actions={
              <Toggle label="Conversation memory" hideLabel checked={memory.enabled} disabled={disabled} onChange={(enabled) => setDraft((d) => withMemory(d, { ...memoryOf(d), enabled }))} />
            }
          >
            {memory.enabled ? (
              <label className="flex items-center gap-3 text-[13px] whitespace-nowrap text-zinc-700">
                Window size
                <input
                  type="range"
                  aria-label="Memory window slider"
                  min={1}
                  max={100}
                  value={memory.size}
                  disabled={disabled}
                  onChange={(e) => setDraft((d) => withMemory(d, { ...memoryOf(d), size: Number(e.target.value) }))}
                  className="h-1.5 flex-1 cursor-pointer accent-brand-500"
                />
                <Input
                  type="number"
                  aria-label="Memory window size"
                  min={1}
                  max={100}
                  value={memory.size}
                  disabled={disabled}
                  onChange={(e) => {
                    const size = Math.min(100, Math.max(1, Number.parseInt(e.target.value, 10) || 1));
                    setDraft((d) => withMemory(d, { ...memoryOf(d), size }));
                  }}
                  className="h-8! w-20 px-2! text-[13px]"
                />
                turns
              </label>
            ) : undefined}
          </ConfigSection>

          <ConfigSection
            icon={<MessageIcon />}
            title="Follow-up suggestions"
            description="After each answer, suggest three questions the user might ask next."
            actions={
              <Toggle
                label="Follow-up suggestions"
                hideLabel
                checked={Boolean(draft.suggested_questions_after_answer?.enabled)}
                disabled={disabled}
                onChange={(enabled) => setDraft((d) => withFollowUps(d, enabled))}
              />
            }
          />
        </>
      )}

      <FileUploadSection draft={draft} setDraft={setDraft} disabled={disabled} />

      <SpeechSection mode={mode} draft={draft} setDraft={setDraft} disabled={disabled} />

      <ConfigSection
        icon={<ShieldIcon />}
        title="Moderation"
        description="Block messages and answers that contain words you list."
        testId="moderation-section"
        actions={
          <Toggle
            label="Moderation"
            hideLabel
            checked={moderation.enabled}
            disabled={disabled}
            onChange={(enabled) => setDraft((d) => withModeration(d, { ...readModeration(d.sensitive_word_avoidance), enabled }))}
          />
        }
      >
        {moderation.enabled ? (
          <ModerationEditor value={moderation} onChange={(f) => setDraft((d) => withModeration(d, f))} disabled={disabled} />
        ) : undefined}
      </ConfigSection>
    </div>
  );
}
