// The model's parameters: each can be switched off (the provider's default then applies), set with
// a slider or typed; and up to four stop sequences.
import { useState } from "react";
import { Input } from "../../../components/ui/input";
import { XIcon } from "../../../components/ui/icons";
import type { CompletionParams } from "../api/types";
import { clampParam, cleanStops, MAX_STOP_SEQUENCES, PARAM_SPECS, type ParamSpec, setParam } from "../lib/model-params";
import { Toggle } from "./toggle";

interface ModelParamsProps {
  params: CompletionParams;
  onChange: (params: CompletionParams) => void;
  disabled?: boolean;
}

export function ModelParams({ params, onChange, disabled }: ModelParamsProps) {
  return (
    <div className="space-y-3">
      {PARAM_SPECS.map((spec) => (
        <ParamRow
          key={spec.key}
          spec={spec}
          value={params[spec.key]}
          disabled={disabled}
          onChange={(v) => onChange(setParam(params, spec.key, v))}
        />
      ))}
      <StopSequences stops={params.stop ?? []} disabled={disabled} onChange={(stop) => onChange(setParam(params, "stop", stop.length ? stop : undefined))} />
    </div>
  );
}

function ParamRow({ spec, value, onChange, disabled }: { spec: ParamSpec; value: number | undefined; onChange: (v: number | undefined) => void; disabled?: boolean }) {
  const on = value !== undefined;
  const isTokens = spec.key === "max_tokens";
  return (
    <div className="grid grid-cols-[10.5rem_minmax(0,1fr)_5rem] items-center gap-3" title={spec.hint}>
      <Toggle label={spec.label} checked={on} disabled={disabled} onChange={(checked) => onChange(checked ? spec.initial : undefined)} />
      <input
        type="range"
        aria-label={`${spec.label} slider`}
        min={spec.min}
        max={isTokens ? 8192 : spec.max}
        step={isTokens ? 16 : spec.step}
        value={value ?? spec.initial}
        disabled={disabled || !on}
        onChange={(e) => onChange(clampParam(spec, Number(e.target.value)))}
        className="h-1.5 w-full cursor-pointer accent-brand-500 disabled:cursor-not-allowed disabled:opacity-40"
      />
      <Input
        type="number"
        aria-label={spec.label}
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={value ?? ""}
        placeholder={String(spec.initial)}
        disabled={disabled || !on}
        onChange={(e) => {
          if (e.target.value === "") return;
          onChange(clampParam(spec, Number(e.target.value)));
        }}
        className="h-8! px-2! text-[13px] tabular-nums"
      />
    </div>
  );
}

function StopSequences({ stops, onChange, disabled }: { stops: string[]; onChange: (s: string[]) => void; disabled?: boolean }) {
  const [draft, setDraft] = useState("");
  const full = stops.length >= MAX_STOP_SEQUENCES;
  const add = () => {
    if (!draft) return;
    onChange(cleanStops([...stops, draft]));
    setDraft("");
  };
  return (
    <div className="grid grid-cols-[10.5rem_minmax(0,1fr)] items-start gap-3">
      <span className="pt-1.5 text-[13px] text-zinc-700">Stop sequences</span>
      <div className="min-w-0 space-y-1.5">
        <div className="flex flex-wrap items-center gap-1.5 rounded-lg border border-zinc-200 bg-white px-2 py-1.5">
          {stops.map((s) => (
            <span key={s} className="inline-flex items-center gap-1 rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">
              {JSON.stringify(s).slice(1, -1)}
              <button
                type="button"
                aria-label={`Remove stop sequence ${s}`}
                disabled={disabled}
                onClick={() => onChange(stops.filter((x) => x !== s))}
                className="cursor-pointer rounded text-zinc-400 hover:text-zinc-700"
              >
                <XIcon className="size-3" />
              </button>
            </span>
          ))}
          <input
            aria-label="New stop sequence"
            value={draft}
            disabled={disabled || full}
            placeholder={full ? "Four is the most" : "Type and press Enter"}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
            onBlur={add}
            className="w-full min-w-20 flex-1 bg-transparent text-[13px] outline-none placeholder:text-zinc-400"
          />
        </div>
        <p className="text-xs text-zinc-500">The model stops writing when it produces one of these (up to {MAX_STOP_SEQUENCES}).</p>
      </div>
    </div>
  );
}
