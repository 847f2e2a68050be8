import { Field, Input, Textarea } from "../../../components/ui/input";
import type { AppInfoForm } from "../lib/app-rules";
import { IconPicker } from "./icon-picker";

interface AppInfoFieldsProps {
  value: AppInfoForm;
  onChange: (value: AppInfoForm) => void;
  errors: { name?: string; description?: string };
  disabled?: boolean;
}

/** Name, description and icon: what the create, duplicate and edit dialogs share. */
export function AppInfoFields({ value, onChange, errors, disabled }: AppInfoFieldsProps) {
  return (
    <div className="space-y-4">
      <Field label="Name" error={errors.name}>
        {(id, described) => (
          <Input
            id={id}
            name="name"
            autoComplete="off"
            placeholder="e.g. Support assistant"
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
            aria-invalid={!!errors.name}
            aria-describedby={described}
            disabled={disabled}
            maxLength={255}
          />
        )}
      </Field>
      <Field label="Description" optional error={errors.description}>
        {(id, described) => (
          <Textarea
            id={id}
            name="description"
            rows={2}
            placeholder="What the app is for, for your team."
            value={value.description}
            onChange={(e) => onChange({ ...value, description: e.target.value })}
            aria-invalid={!!errors.description}
            aria-describedby={described}
            disabled={disabled}
            className="min-h-16!"
          />
        )}
      </Field>
      <div className="space-y-1.5">
        <p className="text-[13px] font-medium text-zinc-700">Icon</p>
        <IconPicker
          icon={value.icon}
          background={value.icon_background}
          onChange={(v) => onChange({ ...value, ...v })}
          disabled={disabled}
        />
      </div>
    </div>
  );
}
