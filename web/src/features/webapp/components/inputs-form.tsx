// The app's variable form: text, paragraph, select and number fields (checkbox too), required
// ones marked, lengths enforced as the visitor types.
import { Field, fieldClasses, Input, RequiredLabel, Textarea } from "../../../components/ui/input";
import type { FormVariable } from "../api/types";
import type { InputValues } from "../lib/inputs";

interface InputsFormProps {
  variables: FormVariable[];
  values: InputValues;
  errors: Record<string, string>;
  onChange: (variable: string, value: string) => void;
  disabled?: boolean;
}

export function InputsForm({ variables, values, errors, onChange, disabled }: InputsFormProps) {
  return (
    <div className="space-y-4">
      {variables
        .filter((v) => !v.hide)
        .map((v) => {
          const value = values[v.variable] ?? "";
          const label = <RequiredLabel text={v.label} required={v.required} />;
          const count =
            v.max_length && (v.kind === "text-input" || v.kind === "paragraph") ? `${value.length}/${v.max_length}` : undefined;
          return (
            <Field key={v.variable} label={label} optional={!v.required} error={errors[v.variable]} hint={count}>
              {(id, describedBy) => {
                const common = {
                  id,
                  name: v.variable,
                  disabled,
                  required: v.required,
                  "aria-invalid": errors[v.variable] ? true : undefined,
                  "aria-describedby": describedBy,
                };
                switch (v.kind) {
                  case "paragraph":
                    return (
                      <Textarea
                        {...common}
                        rows={3}
                        value={value}
                        maxLength={v.max_length ?? undefined}
                        onChange={(e) => onChange(v.variable, e.target.value)}
                      />
                    );
                  case "select":
                    return (
                      <select
                        {...common}
                        className={fieldClasses("h-9 cursor-pointer pr-8")}
                        value={value}
                        onChange={(e) => onChange(v.variable, e.target.value)}
                      >
                        <option value="">{v.required ? "Choose…" : "None"}</option>
                        {v.options.map((o) => (
                          <option key={o} value={o}>
                            {o}
                          </option>
                        ))}
                      </select>
                    );
                  case "number":
                    return (
                      <Input
                        {...common}
                        type="number"
                        inputMode="decimal"
                        value={value}
                        onChange={(e) => onChange(v.variable, e.target.value)}
                      />
                    );
                  case "checkbox":
                    return (
                      <select
                        {...common}
                        className={fieldClasses("h-9 cursor-pointer pr-8")}
                        value={value}
                        onChange={(e) => onChange(v.variable, e.target.value)}
                      >
                        <option value="">—</option>
                        <option value="true">Yes</option>
                        <option value="false">No</option>
                      </select>
                    );
                  default:
                    return (
                      <Input
                        {...common}
                        value={value}
                        maxLength={v.max_length ?? undefined}
                        onChange={(e) => onChange(v.variable, e.target.value)}
                      />
                    );
                }
              }}
            </Field>
          );
        })}
    </div>
  );
}
