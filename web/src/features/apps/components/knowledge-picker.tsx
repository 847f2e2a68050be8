// Choosing the knowledge bases an app answers from: the workspace's list with each base's size and
// index mode, checked for the ones in use; an empty workspace is sent to the Knowledge screens.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { BookIcon, CheckIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { type KnowledgeBase, PICKER_LIMIT, useKnowledgeBases } from "../api/get-datasets";

interface KnowledgePickerProps {
  open: boolean;
  selected: string[];
  onClose: () => void;
  onSave: (ids: string[]) => void;
}

export function KnowledgePicker({ open, selected, onClose, onSave }: KnowledgePickerProps) {
  const bases = useKnowledgeBases();
  const [chosen, setChosen] = useState<string[]>(selected);
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts from the app's list each time it opens
  useEffect(() => {
    if (open) {
      setChosen(selected);
      void bases.refetch();
    }
  }, [open]);

  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  // Keep the order the app already had; newly checked bases follow.
  const ordered = [...selected.filter((id) => chosen.includes(id)), ...chosen.filter((id) => !selected.includes(id))];
  const list = bases.data?.data ?? [];

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="md"
      title="Add knowledge"
      description="The app searches the checked knowledge bases before each answer."
      footer={
        <>
          <span className="mr-auto text-xs text-zinc-500">{chosen.length} selected</span>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!bases.data} onClick={() => onSave(ordered)}>
            Save
          </Button>
        </>
      }
    >
      {bases.isPending ? (
        <LoadingState label="Loading knowledge bases…" />
      ) : bases.isError ? (
        <Alert tone="error" title="Couldn't load the knowledge bases">
          {errorMessage(bases.error)}
        </Alert>
      ) : list.length === 0 ? (
        <div className="flex flex-col items-center px-4 py-8 text-center" data-testid="knowledge-picker-empty">
          <span className="mb-3 flex size-10 items-center justify-center rounded-xl border border-zinc-200 text-zinc-500 shadow-card">
            <BookIcon />
          </span>
          <p className="text-[13px] font-semibold text-zinc-900">No knowledge bases yet</p>
          <p className="mt-1 max-w-xs text-xs leading-relaxed text-zinc-500">
            Create one and add your documents, then come back to attach it.{" "}
            <Link to="/datasets" className="font-medium text-zinc-700 underline underline-offset-2">
              Go to Knowledge
            </Link>
          </p>
        </div>
      ) : (
        <div className="space-y-1.5" role="group" aria-label="Knowledge bases">
          {list.map((b) => (
            <PickerRow key={b.id} base={b} checked={chosen.includes(b.id)} onToggle={() => toggle(b.id)} />
          ))}
          {bases.data.has_more && (
            <p className="pt-1 text-center text-xs text-zinc-500">Showing the {PICKER_LIMIT} newest knowledge bases.</p>
          )}
        </div>
      )}
    </Dialog>
  );
}

export const indexModeLabel = (technique: KnowledgeBase["indexing_technique"]) =>
  technique === "high_quality" ? "High quality" : technique === "economy" ? "Economy" : "Not indexed yet";

export const documentCount = (n: number) => `${n} document${n === 1 ? "" : "s"}`;

function PickerRow({ base, checked, onToggle }: { base: KnowledgeBase; checked: boolean; onToggle: () => void }) {
  return (
    <label
      data-testid="knowledge-option"
      className={cn(
        "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2.5 transition-colors",
        checked ? "border-brand-300 bg-brand-50/50" : "border-zinc-200 hover:border-zinc-300 hover:bg-zinc-50",
      )}
    >
      <input type="checkbox" className="peer sr-only" checked={checked} onChange={onToggle} aria-label={base.name} />
      <span
        className={cn(
          "flex size-4 shrink-0 items-center justify-center rounded border peer-focus-visible:ring-3 peer-focus-visible:ring-brand-500/25",
          checked ? "border-brand-500 bg-brand-500 text-white" : "border-zinc-300 bg-white",
        )}
      >
        {checked && <CheckIcon className="size-3" />}
      </span>
      <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-500">
        <BookIcon className="size-4" />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[13px] font-medium text-zinc-900">{base.name}</span>
        <span className="block truncate text-xs text-zinc-500">
          {documentCount(base.document_count)}
          {base.description ? ` · ${base.description}` : ""}
        </span>
      </span>
      <Badge tone={base.indexing_technique === "high_quality" ? "violet" : "neutral"}>{indexModeLabel(base.indexing_technique)}</Badge>
    </label>
  );
}
