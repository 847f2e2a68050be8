// The on/off switch of a trigger node (Dify's trigger status), for the header of its panel section.
import { Spinner } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useSetTriggerEnabled } from "../api/trigger-enabled";

interface TriggerSwitchProps {
  appId: string;
  nodeId: string;
  /** The accessible name, e.g. "Webhook trigger"; "Enabled" or "Disabled" shows beside it. */
  label: string;
  enabled: boolean;
  readOnly: boolean;
}

export function TriggerSwitch({ appId, nodeId, label, enabled, readOnly }: TriggerSwitchProps) {
  const toast = useToast();
  const turn = useSetTriggerEnabled(appId, nodeId);
  // While the call and the panel's refetch are under way, the switch shows where it is going.
  const on = turn.isPending ? (turn.variables ?? enabled) : enabled;
  const reason = readOnly ? "Only editors of this app can turn its triggers on or off." : undefined;
  const flip = () =>
    turn.mutate(!on, {
      onError: (error) => toast({ tone: "error", title: `Couldn't turn the trigger ${on ? "off" : "on"}`, description: errorMessage(error) }),
    });
  return (
    <span className="flex items-center gap-1.5 text-xs font-medium" title={reason}>
      {turn.isPending && <Spinner className="size-3" label="Saving" />}
      <span className={on ? "text-emerald-600" : "text-zinc-500"} data-testid="trigger-state">
        {on ? "Enabled" : "Disabled"}
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={label}
        disabled={readOnly || turn.isPending}
        onClick={flip}
        data-testid="trigger-switch"
        className={cn(
          "relative inline-flex h-4 w-7 shrink-0 cursor-pointer items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60",
          on ? "bg-brand-500" : "bg-zinc-300",
        )}
      >
        <span className={cn("inline-block size-3 rounded-full bg-white shadow-sm transition-transform", on ? "translate-x-[14px]" : "translate-x-0.5")} />
      </button>
    </span>
  );
}
