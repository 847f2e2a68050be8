// The period picker: presets side by side, and two date fields for a custom period.
import { Input } from "../../../components/ui/input";
import { cn } from "../../../lib/cn";
import { isoDate, PERIODS, type PeriodView, periodDays } from "../lib/periods";

export function PeriodPicker({ view, onChange }: { view: PeriodView; onChange: (view: PeriodView) => void }) {
  const days = periodDays(view);
  const problem = "problem" in days ? days.problem : null;
  const pick = (period: PeriodView["period"]) => {
    if (period !== "custom") return onChange({ period, from: "", to: "" });
    // Start the custom period from what is on screen.
    const shown = periodDays({ ...view, period: view.period === "custom" ? "7d" : view.period });
    onChange("problem" in shown ? { ...view, period } : { period, from: isoDate(shown.first), to: isoDate(shown.last) });
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="radiogroup" aria-label="Period" className="inline-flex rounded-lg bg-zinc-100 p-0.5 ring-1 ring-zinc-200 ring-inset">
        {PERIODS.map((p) => (
          <button
            key={p.value}
            type="button"
            role="radio"
            aria-checked={view.period === p.value}
            onClick={() => pick(p.value)}
            className={cn(
              "cursor-pointer rounded-md px-3 py-1.5 text-[13px] font-medium whitespace-nowrap transition-colors",
              view.period === p.value ? "bg-white text-zinc-900 shadow-card" : "text-zinc-500 hover:text-zinc-800",
            )}
          >
            {p.label}
          </button>
        ))}
      </div>
      {view.period === "custom" && (
        <div className="flex items-center gap-1.5">
          <Input
            type="date"
            aria-label="From"
            className="w-38"
            value={view.from}
            aria-invalid={!!problem}
            onChange={(e) => onChange({ ...view, from: e.target.value })}
          />
          <span className="text-[13px] text-zinc-400">to</span>
          <Input
            type="date"
            aria-label="To"
            className="w-38"
            value={view.to}
            aria-invalid={!!problem}
            onChange={(e) => onChange({ ...view, to: e.target.value })}
          />
        </div>
      )}
      {problem && (
        <p role="alert" className="text-[13px] text-red-600">
          {problem}
        </p>
      )}
    </div>
  );
}
