// The "single HTTP call" form: method, URL, and one row per parameter (where it goes, its type,
// whether it is required, what it means).
import { Button } from "../../../components/ui/button";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { PlusIcon, TrashIcon } from "../../../components/ui/icons";
import { Select } from "../../../components/ui/select";
import {
  HTTP_METHODS,
  type HttpMethod,
  newSingleParam,
  PARAM_LOCATIONS,
  PARAM_TYPES,
  type ParamLocation,
  type SingleCall,
  type SingleParam,
  type SingleParamType,
} from "../lib/single-call";

export function SingleCallFields({ value, onChange, disabled }: { value: SingleCall; onChange: (v: SingleCall) => void; disabled?: boolean }) {
  const set = (patch: Partial<SingleCall>) => onChange({ ...value, ...patch });
  const setParam = (i: number, patch: Partial<SingleParam>) => set({ parameters: value.parameters.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <div className="space-y-3" data-testid="single-call-form">
      <Field label="Tool name" hint="What the model calls it, e.g. get_weather.">
        {(id, describedBy) => (
          <Input id={id} aria-describedby={describedBy} data-testid="single-call-name" value={value.name} disabled={disabled} onChange={(e) => set({ name: e.target.value })} placeholder="get_weather" />
        )}
      </Field>
      <Field label="What it does" hint="The model reads this to decide when to call the tool.">
        {(id, describedBy) => (
          <Textarea
            id={id}
            aria-describedby={describedBy}
            data-testid="single-call-description"
            rows={2}
            value={value.description}
            disabled={disabled}
            onChange={(e) => set({ description: e.target.value })}
            placeholder="Current weather for a city."
          />
        )}
      </Field>
      <div className="grid grid-cols-[7rem_1fr] gap-3">
        <Field label="Method">
          {(id) => (
            <Select
              id={id}
              data-testid="single-call-method"
              value={value.method}
              disabled={disabled}
              onChange={(e) => set({ method: e.target.value as HttpMethod })}
              options={HTTP_METHODS.map((m) => ({ value: m, label: m }))}
            />
          )}
        </Field>
        <Field label="URL" hint="Path parameters go in braces: https://api.example.com/cities/{city}.">
          {(id, describedBy) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              data-testid="single-call-url"
              value={value.url}
              disabled={disabled}
              onChange={(e) => set({ url: e.target.value })}
              placeholder="https://api.example.com/weather"
              className="font-mono text-[13px]"
            />
          )}
        </Field>
      </div>
      <div className="space-y-2">
        <p className="text-[13px] font-medium text-zinc-700">Parameters</p>
        {value.parameters.length === 0 && <p className="text-xs text-zinc-500">No parameters yet: the URL is called as it is.</p>}
        {value.parameters.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; names are being typed
          <div key={i} className="space-y-1.5 rounded-lg border border-zinc-200 bg-zinc-50/60 p-2" data-testid="single-call-param">
            <div className="grid grid-cols-[1fr_6.5rem_6.5rem_auto_auto] items-center gap-2">
              <Input aria-label="Parameter name" data-testid="single-call-param-name" value={p.name} disabled={disabled} onChange={(e) => setParam(i, { name: e.target.value })} placeholder="name" className="h-8 font-mono text-xs" />
              <Select
                aria-label="Where it goes"
                data-testid="single-call-param-in"
                value={p.in}
                disabled={disabled}
                onChange={(e) => setParam(i, { in: e.target.value as ParamLocation })}
                options={PARAM_LOCATIONS.map((l) => ({ value: l, label: l }))}
                className="h-8 text-xs"
              />
              <Select
                aria-label="Type"
                data-testid="single-call-param-type"
                value={p.type}
                disabled={disabled}
                onChange={(e) => setParam(i, { type: e.target.value as SingleParamType })}
                options={PARAM_TYPES.map((t) => ({ value: t, label: t }))}
                className="h-8 text-xs"
              />
              <label className="flex items-center gap-1 text-xs text-zinc-600">
                <input type="checkbox" data-testid="single-call-param-required" checked={p.required} disabled={disabled} onChange={(e) => setParam(i, { required: e.target.checked })} />
                Required
              </label>
              <Button
                size="icon"
                variant="danger-ghost"
                aria-label={`Remove parameter ${p.name || i + 1}`}
                disabled={disabled}
                onClick={() => set({ parameters: value.parameters.filter((_, j) => j !== i) })}
              >
                <TrashIcon className="size-3.5" />
              </Button>
            </div>
            <Input
              aria-label="Parameter description"
              data-testid="single-call-param-description"
              value={p.description}
              disabled={disabled}
              onChange={(e) => setParam(i, { description: e.target.value })}
              placeholder="What the value means"
              className="h-8 text-xs"
            />
          </div>
        ))}
        <Button size="sm" icon={<PlusIcon className="size-3.5" />} disabled={disabled} onClick={() => set({ parameters: [...value.parameters, newSingleParam()] })} data-testid="single-call-add-param">
          Add parameter
        </Button>
      </div>
    </div>
  );
}
