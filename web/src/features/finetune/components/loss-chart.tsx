// Training (and validation) loss per step, from the provider's metrics events.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { JobEvent } from "../api/types";

interface Point {
  step: number;
  train_loss?: number;
  valid_loss?: number;
}

export function lossPoints(events: JobEvent[]): Point[] {
  const byStep = new Map<number, Point>();
  for (const e of events) {
    const d = e.data ?? {};
    if (e.type !== "metrics" || typeof d.step !== "number") continue;
    byStep.set(d.step, {
      step: d.step,
      train_loss: typeof d.train_loss === "number" ? d.train_loss : undefined,
      valid_loss: typeof d.valid_loss === "number" ? d.valid_loss : undefined,
    });
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

export function LossChart({ events }: { events: JobEvent[] }) {
  const points = lossPoints(events);
  if (points.length === 0) {
    return <p className="py-12 text-center text-[13px] text-zinc-400">The loss curve appears here once training reports its first step.</p>;
  }
  const hasValid = points.some((p) => p.valid_loss !== undefined);
  return (
    <div className="h-64" data-testid="loss-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: -8 }}>
          <CartesianGrid stroke="#f4f4f5" vertical={false} />
          <XAxis dataKey="step" tickLine={false} axisLine={false} fontSize={11} stroke="#a1a1aa" allowDecimals={false} />
          <YAxis tickLine={false} axisLine={false} fontSize={11} stroke="#a1a1aa" width={48} />
          <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8, borderColor: "#e4e4e7" }} labelFormatter={(s) => `Step ${s}`} />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="train_loss" name="Training loss" stroke="#7c3aed" strokeWidth={2} dot={points.length < 30} isAnimationActive={false} />
          {hasValid && (
            <Line type="monotone" dataKey="valid_loss" name="Validation loss" stroke="#f59e0b" strokeWidth={2} dot={points.length < 30} isAnimationActive={false} />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
