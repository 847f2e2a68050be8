import { useEffect, useState } from "react";
import { SearchIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { customRangeProblem, type LogView, RANGES, type RangeKey } from "../lib/log-filters";

interface LogsFiltersProps {
  view: LogView;
  onChange: (change: Partial<LogView>) => void;
}

export function LogsFilters({ view, onChange }: LogsFiltersProps) {
  const [keyword, setKeyword] = useState(view.keyword);
  useEffect(() => setKeyword(view.keyword), [view.keyword]);
  // Search once the user pauses typing.
  useEffect(() => {
    if (keyword === view.keyword) return;
    const timer = setTimeout(() => onChange({ keyword }), 350);
    return () => clearTimeout(timer);
  }, [keyword, view.keyword, onChange]);
  const rangeProblem = customRangeProblem(view);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label="Time range"
          value={view.range}
          onChange={(e) => onChange({ range: e.target.value as RangeKey })}
          options={RANGES.map((r) => ({ value: r.value, label: r.label }))}
          wrapperClassName="w-40"
        />
        <Select
          aria-label="Status"
          value={view.status}
          onChange={(e) => onChange({ status: e.target.value as LogView["status"] })}
          options={[
            { value: "", label: "Any status" },
            { value: "normal", label: "Succeeded" },
            { value: "error", label: "Failed" },
            { value: "stopped", label: "Stopped" },
          ]}
          wrapperClassName="w-36"
        />
        <Select
          aria-label="Feedback"
          value={view.feedback}
          onChange={(e) => onChange({ feedback: e.target.value as LogView["feedback"] })}
          options={[
            { value: "", label: "Any feedback" },
            { value: "like", label: "Liked" },
            { value: "dislike", label: "Disliked" },
          ]}
          wrapperClassName="w-36"
        />
        <Select
          aria-label="Source"
          value={view.source}
          onChange={(e) => onChange({ source: e.target.value as LogView["source"] })}
          options={[
            { value: "", label: "All sources" },
            { value: "api", label: "API" },
            { value: "webapp", label: "WebApp" },
            { value: "debugger", label: "Debugger" },
          ]}
          wrapperClassName="w-36"
        />
        <div className="relative min-w-48 flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <Input
            type="search"
            aria-label="Search queries and answers"
            placeholder="Search queries and answers"
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            className="pl-9"
          />
        </div>
      </div>
      {view.range === "custom" && (
        <div className="flex flex-wrap items-center gap-2 text-[13px] text-zinc-600">
          From
          <Input type="datetime-local" aria-label="From" value={view.from} onChange={(e) => onChange({ from: e.target.value })} className="w-52" />
          to
          <Input type="datetime-local" aria-label="To" value={view.to} onChange={(e) => onChange({ to: e.target.value })} className="w-52" />
          {rangeProblem && <span className="text-xs text-red-600">{rangeProblem}</span>}
        </div>
      )}
    </div>
  );
}
