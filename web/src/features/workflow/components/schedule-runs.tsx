// A schedule trigger as the server reads the saved draft: its cron expression and next five runs,
// whether the published workflow's schedule is live, and its on/off switch once it is published.
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage, isApiError } from "../../../lib/api";
import { useScheduleTrigger } from "../api/schedule-trigger";
import { formatInZone } from "../lib/schedule";
import { Section } from "./fields";
import { TriggerSwitch } from "./trigger-switch";

export function ScheduleRuns({ appId, nodeId, readOnly }: { appId: string; nodeId: string; readOnly: boolean }) {
  const schedule = useScheduleTrigger(appId, nodeId);
  const title = (
    <span className="flex items-center gap-2">
      Next runs {schedule.isFetching && !schedule.isPending && <Spinner className="size-3" label="Updating" />}
    </span>
  );
  if (schedule.isPending) {
    return (
      <Section title={title}>
        <p className="flex items-center gap-2 text-xs text-zinc-500">
          <Spinner className="size-3.5" /> Working out the next runs…
        </p>
      </Section>
    );
  }
  if (schedule.isError) {
    const status = isApiError(schedule.error) ? schedule.error.status : 0;
    return (
      <Section title={title}>
        {status === 404 ? (
          <p className="text-xs text-zinc-500" data-testid="schedule-unsaved">
            The next runs appear once the draft with this node is saved, a moment after your last edit.
          </p>
        ) : (
          <Alert
            tone={status === 400 ? "warning" : "error"}
            title={status === 400 ? "This schedule can't run" : "Couldn't work out the next runs"}
            action={
              status === 400 ? undefined : (
                <Button size="sm" onClick={() => schedule.refetch()}>
                  Try again
                </Button>
              )
            }
          >
            <span data-testid="schedule-error">{errorMessage(schedule.error)}</span>
          </Alert>
        )}
      </Section>
    );
  }
  const { cron_expression, timezone, next_runs, published_next_run_at, enabled } = schedule.data;
  // Only a published schedule has a switch: the server answers `enabled: true` while there is none.
  const isPublished = published_next_run_at !== null || !enabled;
  return (
    <Section
      title={title}
      hint="From the draft's settings as last saved."
      action={isPublished ? <TriggerSwitch appId={appId} nodeId={nodeId} label="Schedule trigger" enabled={enabled} readOnly={readOnly} /> : undefined}
    >
      <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="schedule-live">
        {published_next_run_at !== null ? (
          <>
            <Badge tone="green" dot>
              Live
            </Badge>
            <span className="text-zinc-600">The published schedule runs next {formatInZone(published_next_run_at * 1000, timezone)}.</span>
          </>
        ) : !enabled ? (
          <>
            <Badge tone="amber" dot>
              Disabled
            </Badge>
            <span className="text-zinc-600">The published schedule does not run; enabled again, it runs at its next time from then.</span>
          </>
        ) : (
          <>
            <Badge tone="neutral" dot>
              Not live
            </Badge>
            <span className="text-zinc-600">Publish the workflow to start this schedule; once published, it can be disabled here.</span>
          </>
        )}
      </div>
      <p className="text-xs text-zinc-600">
        Cron <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[11px] text-zinc-800" data-testid="schedule-cron">{cron_expression}</code> in {timezone}
      </p>
      {next_runs.length === 0 ? (
        <p className="text-xs text-zinc-500">It has no upcoming run.</p>
      ) : (
        <ol className="space-y-0.5 text-xs text-zinc-700" data-testid="schedule-next-runs">
          {next_runs.map((at) => (
            <li key={at} className="rounded-md bg-zinc-50 px-2 py-1 font-mono text-[11px]">
              {formatInZone(at, timezone)}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
