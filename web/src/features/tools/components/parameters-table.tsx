// A tool's parameters: name, type, who fills it (the model or the tool's settings), required.
import { Badge } from "../../../components/ui/badge";
import type { ToolParameter } from "../api/types";

export function ParametersTable({ parameters }: { parameters: ToolParameter[] }) {
  if (parameters.length === 0) return <p className="text-xs text-zinc-500">No parameters: the tool is called as it is.</p>;
  return (
    <table className="w-full text-left text-xs" data-testid="tool-parameters">
      <thead>
        <tr className="text-zinc-400">
          <th className="py-1 pr-3 font-medium">Parameter</th>
          <th className="py-1 pr-3 font-medium">Type</th>
          <th className="py-1 pr-3 font-medium">Set by</th>
          <th className="py-1 font-medium">Description</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {parameters.map((p) => (
          <tr key={p.name} className="align-top">
            <td className="py-1.5 pr-3 font-mono whitespace-nowrap text-zinc-800">
              {p.name}
              {p.required && <span className="ml-0.5 text-red-500" title="Required">*</span>}
            </td>
            <td className="py-1.5 pr-3 whitespace-nowrap text-zinc-600">
              {p.type}
              {p.options?.length ? <span className="text-zinc-400"> ({p.options.join(", ")})</span> : null}
            </td>
            <td className="py-1.5 pr-3 whitespace-nowrap">
              <Badge tone={p.form === "llm" ? "violet" : "neutral"}>{p.form === "llm" ? "Model" : "Settings"}</Badge>
            </td>
            <td className="py-1.5 text-zinc-600">{p.description || <span className="text-zinc-400">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
