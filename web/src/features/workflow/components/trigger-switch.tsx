// The on/off switch of a trigger node (Dify's trigger status), for the header of its panel section.
import { Spinner } from "../../../components/ui/spinner";
import { Switch } from "../../../components/ui/switch";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
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
      <Switch
        checked={on}
        onChange={flip}
        label={label}
        size="sm"
        disabled={readOnly || turn.isPending}
        data-testid="trigger-switch"
      />
    </span>
  );
}
