// The trigger start nodes of a workflow (Dify 1.10+): a webhook (its URLs, the call it expects and
// the response it gives) and a schedule (visual settings or a cron expression, in a time zone).
import { Input, Textarea } from "../../../../components/ui/input";
import { Segmented } from "../../../../components/ui/segmented";
import { Select } from "../../../../components/ui/select";
import { cn } from "../../../../lib/cn";
import { type Frequency, type MonthDay, SCHEDULE_FREQUENCIES, timeZones, timezoneOf, to12h, to24h, type VisualConfig, visualOf, WEEKDAYS, type Weekday } from "../../lib/schedule";
import { contentTypeOf, fieldsOf, fieldTypesFor, WEBHOOK_CONTENT_TYPES, WEBHOOK_METHODS, type WebhookField, type WebhookSource, webhookOutputs, withContentType, withFields } from "../../lib/webhook";
import { AddButton, RemoveButton, Section } from "../fields";
import { ScheduleRuns } from "../schedule-runs";
import { WebhookUrls } from "../webhook-urls";
import { type FormProps, removeAt, replaceAt, text } from "./form-props";

const SOURCES: { source: WebhookSource; title: string; noun: string; hint: string }[] = [
  { source: "headers", title: "Headers", noun: "Header", hint: "Read as text; a name's “-” becomes “_” in its variable." },
  { source: "params", title: "Query parameters", noun: "Query parameter", hint: "From the URL's query string." },
  { source: "body", title: "Body", noun: "Body field", hint: "" },
];

const BODY_HINT: Record<string, string> = {
  "text/plain": "Each field holds the whole body as text.",
  "application/octet-stream": "Each field holds the whole body as a file.",
};

function FieldRows({ data, source, title, noun, hint, patch, readOnly }: Pick<FormProps, "data" | "patch" | "readOnly"> & (typeof SOURCES)[number]) {
  const fields = fieldsOf(data, source);
  const types = fieldTypesFor(source, contentTypeOf(data));
  const set = (next: WebhookField[]) => patch(withFields(data, source, next));
  return (
    <Section
      title={title}
      hint={source === "body" ? (BODY_HINT[contentTypeOf(data)] ?? `Fields of the ${contentTypeOf(data)} body.`) : hint}
      action={
        <AddButton disabled={readOnly} onClick={() => set([...fields, { name: "", type: types[0]!, required: false }])}>
          Add {noun.toLowerCase()}
        </AddButton>
      }
    >
      {fields.length === 0 && <p className="text-xs text-zinc-400">None.</p>}
      {fields.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
        <div key={i} className="flex items-center gap-2" data-testid={`webhook-${source}`}>
          <Input
            aria-label={`${noun} name`}
            className="h-8 min-w-0 flex-1 font-mono text-xs"
            placeholder={source === "headers" ? "X-Signature" : "name"}
            value={text(f.name)}
            disabled={readOnly}
            onChange={(e) => set(replaceAt(fields, i, { ...f, name: e.target.value.replace(source === "headers" ? /[^A-Za-z0-9_-]/g : /[^A-Za-z0-9_]/g, "") }))}
          />
          {types.length > 1 && (
            <Select
              aria-label={`${noun} type`}
              className="h-8 text-xs"
              wrapperClassName="w-36 shrink-0"
              value={types.includes(f.type) ? f.type : ""}
              placeholder={types.includes(f.type) ? undefined : f.type}
              disabled={readOnly}
              options={types.map((t) => ({ value: t, label: t }))}
              onChange={(e) => set(replaceAt(fields, i, { ...f, type: e.target.value as WebhookField["type"] }))}
            />
          )}
          <label className="flex shrink-0 items-center gap-1 text-xs text-zinc-600">
            <input type="checkbox" checked={!!f.required} disabled={readOnly} onChange={(e) => set(replaceAt(fields, i, { ...f, required: e.target.checked }))} />
            Required
          </label>
          <RemoveButton label={`Remove ${f.name || noun.toLowerCase()}`} disabled={readOnly} onClick={() => set(removeAt(fields, i))} />
        </div>
      ))}
    </Section>
  );
}

export function WebhookTriggerForm({ appId, node, data, patch, readOnly }: FormProps) {
  return (
    <>
      <WebhookUrls appId={appId} nodeId={node.id} data={data} readOnly={readOnly} />
      <Section title="Request" hint="A call with another method or content type, or without a required field, is refused with 400.">
        <div className="flex items-center gap-2">
          <Select
            aria-label="Method"
            className="h-8 text-xs"
            wrapperClassName="w-28 shrink-0"
            value={text(data.method).toLowerCase() || "post"}
            disabled={readOnly}
            options={WEBHOOK_METHODS.map((m) => ({ value: m, label: m.toUpperCase() }))}
            onChange={(e) => patch({ method: e.target.value })}
          />
          <Select
            aria-label="Content type"
            className="h-8 text-xs"
            wrapperClassName="min-w-0 flex-1"
            value={contentTypeOf(data)}
            disabled={readOnly}
            options={WEBHOOK_CONTENT_TYPES.map((c) => ({ value: c, label: c }))}
            onChange={(e) => patch(withContentType(data, e.target.value))}
          />
        </div>
      </Section>
      {SOURCES.map((s) => (
        <FieldRows key={s.source} {...s} data={data} patch={patch} readOnly={readOnly} />
      ))}
      <Section title="Response" hint="What every accepted call gets back at once; the run goes on after it.">
        <label className="flex items-center gap-2 text-xs whitespace-nowrap text-zinc-600">
          Status code
          <span className="w-24">
            <Input
              type="number"
              min="100"
              max="599"
              aria-label="Status code"
              className="h-8"
              value={String(data.status_code ?? "")}
              disabled={readOnly}
              onChange={(e) => patch({ status_code: e.target.value === "" ? "" : Number(e.target.value) })}
            />
          </span>
        </label>
        <Textarea
          aria-label="Response body"
          className="font-mono text-xs"
          rows={3}
          placeholder='Empty: {"status": "success", "message": "Webhook processed successfully"}'
          value={text(data.response_body)}
          disabled={readOnly}
          onChange={(e) => patch({ response_body: e.target.value })}
        />
      </Section>
      <Section title="Output" hint="What later nodes may read from this node.">
        <ul className="flex flex-wrap gap-1" data-testid="webhook-outputs">
          {webhookOutputs(data).map((v, i) => (
            // Two fields may share a name until the user renames one (a problem says so).
            // biome-ignore lint/suspicious/noArrayIndexKey: names are not unique while being edited.
            <li key={`${v.name}-${i}`} className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700">
              {v.name} <span className="text-zinc-400">{v.type}</span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

const FREQUENCY_LABELS: Record<Frequency, string> = { hourly: "Every hour", daily: "Every day", weekly: "Every week", monthly: "Every month" };
const DAYS: MonthDay[] = [...Array.from({ length: 31 }, (_, i) => i + 1), "last"];

function Toggle({ pressed, onClick, disabled, children, label }: { pressed: boolean; onClick: () => void; disabled: boolean; children: string; label?: string }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className={cn(
        "h-7 cursor-pointer rounded-md border text-xs font-medium disabled:cursor-not-allowed disabled:opacity-60",
        pressed ? "border-brand-500 bg-brand-50 text-brand-700" : "border-zinc-200 bg-white text-zinc-600 hover:bg-zinc-50",
      )}
    >
      {children}
    </button>
  );
}

export function ScheduleTriggerForm({ appId, node, data, patch, readOnly }: FormProps) {
  const visual = visualOf(data);
  const setVisual = (next: Partial<VisualConfig>) => patch({ visual_config: { ...visual, ...next } });
  const zone = timezoneOf(data);
  const zones = timeZones();
  const mode = data.mode === "cron" ? "cron" : "visual";
  const frequency = (SCHEDULE_FREQUENCIES as readonly string[]).includes(text(data.frequency)) ? (data.frequency as Frequency) : "daily";
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  return (
    <>
      <ScheduleRuns appId={appId} nodeId={node.id} readOnly={readOnly} />
      <Section
        title="Schedule"
        action={
          <Segmented
            label="Schedule mode"
            options={[
              { value: "visual", label: "Visual" },
              { value: "cron", label: "Cron" },
            ]}
            value={mode}
            disabled={readOnly}
            onChange={(m) => patch({ mode: m })}
          />
        }
      >
        {mode === "cron" ? (
          <div className="space-y-1">
            <Input
              aria-label="Cron expression"
              className="h-8 font-mono text-xs"
              placeholder="0 9 * * 1-5"
              value={text(data.cron_expression)}
              disabled={readOnly}
              onChange={(e) => patch({ cron_expression: e.target.value })}
            />
            <p className="text-xs text-zinc-500">Five fields: minute, hour, day of the month, month, day of the week. “L” is the month's last day.</p>
          </div>
        ) : (
          <div className="space-y-2">
            <div className="flex items-center gap-2">
              <Select
                aria-label="Frequency"
                className="h-8 text-xs"
                wrapperClassName="min-w-0 flex-1"
                value={frequency}
                disabled={readOnly}
                options={SCHEDULE_FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
                onChange={(e) => patch({ frequency: e.target.value })}
              />
              {frequency === "hourly" ? (
                <label className="flex shrink-0 items-center gap-1.5 text-xs text-zinc-600">
                  at minute
                  <span className="w-16">
                    <Input
                      type="number"
                      min="0"
                      max="59"
                      aria-label="On minute"
                      className="h-8"
                      value={String(visual.on_minute ?? 0)}
                      disabled={readOnly}
                      onChange={(e) => setVisual({ on_minute: Math.min(59, Math.max(0, Math.trunc(Number(e.target.value) || 0))) })}
                    />
                  </span>
                </label>
              ) : (
                <label className="flex shrink-0 items-center gap-1.5 text-xs text-zinc-600">
                  at
                  <span className="w-32">
                    <Input type="time" aria-label="Time" className="h-8" value={to24h(visual.time)} disabled={readOnly} onChange={(e) => e.target.value && setVisual({ time: to12h(e.target.value) })} />
                  </span>
                </label>
              )}
            </div>
            {frequency === "weekly" && (
              <div className="grid grid-cols-7 gap-1" role="group" aria-label="Weekdays">
                {WEEKDAYS.map((w) => (
                  <Toggle key={w} pressed={!!visual.weekdays?.includes(w)} disabled={readOnly} onClick={() => setVisual({ weekdays: WEEKDAYS.filter((x) => toggle<Weekday>(visual.weekdays ?? [], w).includes(x)) })}>
                    {w.charAt(0).toUpperCase() + w.slice(1)}
                  </Toggle>
                ))}
              </div>
            )}
            {frequency === "monthly" && (
              <div className="grid grid-cols-7 gap-1" role="group" aria-label="Days of the month">
                {DAYS.map((d) => (
                  <Toggle key={d} pressed={!!visual.monthly_days?.includes(d)} disabled={readOnly} label={d === "last" ? "Last day of the month" : `Day ${d}`} onClick={() => setVisual({ monthly_days: toggle(visual.monthly_days ?? [], d) })}>
                    {d === "last" ? "Last" : String(d)}
                  </Toggle>
                ))}
              </div>
            )}
          </div>
        )}
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          Time zone
          <Select
            aria-label="Time zone"
            className="h-8 text-xs"
            wrapperClassName="min-w-0 flex-1"
            value={zone}
            disabled={readOnly}
            options={(zones.includes(zone) ? zones : [zone, ...zones]).map((z) => ({ value: z, label: z }))}
            onChange={(e) => patch({ timezone: e.target.value })}
          />
        </label>
      </Section>
      <Section title="Output">
        <p className="text-xs text-zinc-500">
          <code className="font-mono text-[11px] text-zinc-700">current_time</code>: when the run was due, as an ISO time in this time zone.
        </p>
      </Section>
    </>
  );
}
