// The list of node kinds to add, grouped as Dify groups them; only the kinds this app's mode runs.
import { useState } from "react";
import { Input } from "../../../components/ui/input";
import { type AppFlavor, CATEGORY_LABELS, type NodeKind, PALETTE_KINDS } from "../lib/node-kinds";
import { NodeIcon } from "./node-icon";

interface PaletteProps {
  flavor: AppFlavor;
  /** Whether the node would land inside a loop (Exit loop is offered only there). */
  inLoop: boolean;
  /** Whether the graph already starts somewhere (a Start node or a trigger): no second Start is offered. */
  hasStart: boolean;
  onPick: (type: string) => void;
}

export function Palette({ flavor, inLoop, hasStart, onPick }: PaletteProps) {
  const [filter, setFilter] = useState("");
  const q = filter.trim().toLowerCase();
  const kinds = PALETTE_KINDS.filter(
    (k) =>
      (!k.modes || k.modes.includes(flavor)) &&
      (!k.loopOnly || inLoop) &&
      !(k.type === "start" && hasStart) &&
      (!q || k.label.toLowerCase().includes(q) || k.description.toLowerCase().includes(q)),
  );
  const byCategory = new Map<NodeKind["category"], NodeKind[]>();
  for (const k of kinds) byCategory.set(k.category, [...(byCategory.get(k.category) ?? []), k]);
  return (
    <div className="w-64 rounded-xl border border-zinc-200 bg-white p-2 shadow-pop" data-testid="node-palette">
      <Input aria-label="Search nodes" className="mb-2 h-8 text-xs" placeholder="Search nodes" value={filter} onChange={(e) => setFilter(e.target.value)} autoFocus />
      <div className="max-h-[60vh] space-y-2 overflow-y-auto">
        {kinds.length === 0 && <p className="px-2 py-3 text-xs text-zinc-400">No node matches “{filter}”.</p>}
        {[...byCategory].map(([category, list]) => (
          <div key={category}>
            <p className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-zinc-400 uppercase">{CATEGORY_LABELS[category]}</p>
            {list.map((k) => (
              <button
                key={k.type}
                type="button"
                onClick={() => onPick(k.type)}
                className="flex w-full cursor-pointer items-start gap-2 rounded-lg px-2 py-1.5 text-left hover:bg-zinc-100"
                aria-label={`Add ${k.label}`}
              >
                <NodeIcon type={k.type} size="sm" />
                <span className="min-w-0">
                  <span className="block text-[13px] font-medium text-zinc-800">{k.label}</span>
                  <span className="block text-[11px] leading-snug text-zinc-500">{k.description}</span>
                </span>
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
