// A schema as a table of fields; nested objects expand in place. References are followed, and a
// reference already open above is not opened again, so recursive schemas stay finite.
import { useState } from "react";
import { ChevronRightIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import {
  childSchema,
  describeType,
  type OpenApiDocument,
  objectProperties,
  resolveRef,
  type Schema,
} from "../lib/openapi";

function constraints(schema: Schema): string[] {
  const out: string[] = [];
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.minLength !== undefined) out.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) out.push(`max length ${schema.maxLength}`);
  if (schema.minimum !== undefined) out.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) out.push(`≤ ${schema.maximum}`);
  if (schema.pattern) out.push(`pattern ${schema.pattern}`);
  return out;
}

interface FieldRowProps {
  doc: OpenApiDocument;
  name: string;
  schema: Schema;
  required: boolean;
  openRefs: string[];
  depth: number;
}

function FieldRow({ doc, name, schema, required, openRefs, depth }: FieldRowProps) {
  const [open, setOpen] = useState(false);
  const resolved = resolveRef(doc, schema);
  const ref = schema.$ref ?? schema.items?.$ref;
  const child = depth < 6 && !(ref && openRefs.includes(ref)) ? childSchema(doc, schema) : null;
  const notes = constraints(resolved);

  return (
    <li className="py-2">
      <div className="flex items-start gap-2">
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          disabled={!child}
          aria-expanded={child ? open : undefined}
          aria-label={child ? `${open ? "Collapse" : "Expand"} ${name}` : undefined}
          className={cn(
            "mt-0.5 rounded p-0.5 text-zinc-400",
            child ? "cursor-pointer hover:bg-zinc-100 hover:text-zinc-700" : "invisible",
          )}
        >
          <ChevronRightIcon className={cn("size-3.5 transition-transform", open && "rotate-90")} />
        </button>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
            <code className="font-mono text-[13px] font-medium text-zinc-900">{name}</code>
            <span className="font-mono text-xs break-all text-violet-700">{describeType(doc, schema)}</span>
            {required && <span className="text-[11px] font-medium text-red-600">required</span>}
          </div>
          {(resolved.description || notes.length > 0) && (
            <p className="mt-0.5 text-[13px] text-zinc-500">
              {resolved.description}
              {notes.length > 0 && <span className="ml-1 text-xs text-zinc-400">({notes.join(", ")})</span>}
            </p>
          )}
        </div>
      </div>
      {open && child && (
        <div className="mt-1 ml-6 border-l border-zinc-200 pl-3">
          <Fields doc={doc} schema={child} openRefs={ref ? [...openRefs, ref] : openRefs} depth={depth + 1} />
        </div>
      )}
    </li>
  );
}

function Fields({ doc, schema, openRefs, depth }: { doc: OpenApiDocument; schema: Schema; openRefs: string[]; depth: number }) {
  const fields = objectProperties(doc, schema);
  if (!fields) return null;
  return (
    <ul className="divide-y divide-zinc-100">
      {fields.properties.map(([name, prop]) => (
        <FieldRow
          key={name}
          doc={doc}
          name={name}
          schema={prop}
          required={fields.required.has(name)}
          openRefs={openRefs}
          depth={depth}
        />
      ))}
    </ul>
  );
}

export function SchemaView({ doc, schema }: { doc: OpenApiDocument; schema: Schema | undefined }) {
  if (!schema) return <p className="text-[13px] text-zinc-400">No schema.</p>;
  const root = childSchema(doc, schema);
  const resolved = resolveRef(doc, schema);
  return (
    <div className="space-y-1">
      <p className="font-mono text-xs text-violet-700">{describeType(doc, schema)}</p>
      {resolved.description && <p className="text-[13px] text-zinc-500">{resolved.description}</p>}
      {root && <Fields doc={doc} schema={root} openRefs={schema.$ref ? [schema.$ref] : []} depth={0} />}
    </div>
  );
}
