import { Button } from "../../../components/ui/button";
import { PlusIcon, TrashIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import type { ModelType } from "../api/types";
import { type ModelRow, newModelRow } from "../lib/endpoint-rules";
import { MODEL_TYPES, modelTypeInfo } from "../lib/model-types";

const TYPE_OPTIONS = MODEL_TYPES.map(({ value, label }) => ({ value, label }));

interface ModelRowsEditorProps {
  rows: ModelRow[];
  onChange: (rows: ModelRow[]) => void;
  disabled?: boolean;
  /** Offer a second id per model: the one the endpoint is called with (Dify's endpoint_model_name). */
  endpointNames?: boolean;
}

/** Rows of model name + type, for providers whose model list Kiln cannot discover. */
export function ModelRowsEditor({ rows, onChange, disabled, endpointNames }: ModelRowsEditorProps) {
  const update = (key: number, patch: Partial<ModelRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <div className="space-y-2">
      {rows.map((row, i) => (
        <div key={row.key} className="flex items-center gap-2" data-testid="model-row">
          <Input
            aria-label={`Model ${i + 1} name`}
            placeholder={modelTypeInfo(row.model_type).example}
            value={row.model}
            onChange={(e) => update(row.key, { model: e.target.value })}
            disabled={disabled}
            className="font-mono text-[13px]"
          />
          {endpointNames && (
            <Input
              aria-label={`Model ${i + 1} endpoint id`}
              placeholder="Endpoint id (optional)"
              value={row.endpointName ?? ""}
              onChange={(e) => update(row.key, { endpointName: e.target.value })}
              disabled={disabled}
              className="font-mono text-[13px]"
            />
          )}
          <Select
            aria-label={`Model ${i + 1} type`}
            value={row.model_type}
            onChange={(e) => update(row.key, { model_type: e.target.value as ModelType })}
            options={TYPE_OPTIONS}
            disabled={disabled}
            wrapperClassName="w-40 shrink-0"
          />
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Remove model ${i + 1}`}
            onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
            disabled={disabled}
          >
            <TrashIcon />
          </Button>
        </div>
      ))}
      <Button size="sm" variant="ghost" icon={<PlusIcon className="size-3.5" />} onClick={() => onChange([...rows, newModelRow()])} disabled={disabled}>
        Add model
      </Button>
    </div>
  );
}
