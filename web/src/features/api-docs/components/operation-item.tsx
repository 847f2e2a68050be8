import { Fragment, type ReactNode } from "react";
import { Badge } from "../../../components/ui/badge";
import { ChevronRightIcon } from "../../../components/ui/icons";
import { describeType, type OpenApiDocument, type ResolvedOperation, resolveRef } from "../lib/openapi";
import { MethodBadge, StatusBadge } from "./method-badge";
import { SchemaView } from "./schema-view";

/** `/apps/{app_id}` with the path parameters picked out. */
function PathText({ path }: { path: string }) {
  return (
    <code className="min-w-0 font-mono text-[13px] break-all text-zinc-900">
      {path.split(/(\{[^}]+\})/).map((part, i) =>
        part.startsWith("{") ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the split pieces have no identity of their own
          <span key={i} className="text-brand-600">
            {part}
          </span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </code>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h4>
      {children}
    </section>
  );
}

export function OperationItem({ doc, op }: { doc: OpenApiDocument; op: ResolvedOperation }) {
  const { operation, parameters, requestBody, responses } = op;
  return (
    <details className="group border-b border-zinc-100 last:border-b-0" data-testid="api-operation">
      <summary className="flex cursor-pointer list-none items-center gap-3 px-5 py-2.5 transition-colors hover:bg-zinc-50 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon className="size-3.5 shrink-0 text-zinc-400 transition-transform group-open:rotate-90" />
        <MethodBadge method={op.method} />
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <PathText path={op.path} />
            {operation.deprecated && <Badge tone="amber">Deprecated</Badge>}
          </div>
          {operation.summary && <p className="mt-0.5 truncate text-xs text-zinc-500">{operation.summary}</p>}
        </div>
      </summary>
      <div className="space-y-5 border-t border-zinc-100 bg-zinc-50/40 px-5 py-4 pl-12">
        {operation.description && (
          <p className="text-[13px] leading-relaxed whitespace-pre-line text-zinc-600">{operation.description}</p>
        )}
        {parameters.length > 0 && (
          <Section title="Parameters">
            <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
              <table className="w-full text-left text-[13px]">
                <tbody className="divide-y divide-zinc-100">
                  {parameters.map((p) => (
                    <tr key={`${p.in}:${p.name}`}>
                      <td className="w-1/4 px-3 py-2 align-top">
                        <code className="font-mono font-medium text-zinc-900">{p.name}</code>
                        {p.required && <span className="ml-1.5 text-[11px] font-medium text-red-600">required</span>}
                      </td>
                      <td className="w-20 px-3 py-2 align-top text-xs text-zinc-400">{p.in}</td>
                      <td className="w-1/4 px-3 py-2 align-top font-mono text-xs text-violet-700">
                        {describeType(doc, p.schema)}
                      </td>
                      <td className="px-3 py-2 align-top text-zinc-500">{p.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        )}
        {requestBody && (
          <Section title={`Request body${requestBody.required ? "" : " (optional)"}`}>
            {requestBody.description && <p className="text-[13px] text-zinc-500">{requestBody.description}</p>}
            {Object.entries(requestBody.content ?? {}).map(([type, media]) => (
              <div key={type} className="rounded-lg border border-zinc-200 bg-white px-4 py-3">
                <p className="mb-2 font-mono text-xs text-zinc-400">{type}</p>
                <SchemaView doc={doc} schema={media.schema} />
              </div>
            ))}
          </Section>
        )}
        {responses.length > 0 && (
          <Section title="Responses">
            <ul className="space-y-2">
              {responses.map(([code, response]) => {
                const media = Object.entries(response.content ?? {})[0];
                const schema = media?.[1].schema ? resolveRef(doc, media[1].schema) : undefined;
                return (
                  <li key={code} className="rounded-lg border border-zinc-200 bg-white px-4 py-3">
                    <div className="flex items-center gap-2.5">
                      <StatusBadge code={code} />
                      <span className="text-[13px] text-zinc-700">{response.description}</span>
                      {media && <span className="ml-auto font-mono text-xs text-zinc-400">{media[0]}</span>}
                    </div>
                    {media?.[1].schema && schema && (
                      <div className="mt-3">
                        <SchemaView doc={doc} schema={media[1].schema} />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </Section>
        )}
      </div>
    </details>
  );
}
