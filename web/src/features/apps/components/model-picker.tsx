import { Link } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Select } from "../../../components/ui/select";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import type { LlmProvider } from "../api/types";
import { decodeModel, encodeModel, findModel, modelGroups } from "../lib/model-choice";

interface ModelPickerProps {
  providers: LlmProvider[] | undefined;
  loading: boolean;
  error: unknown;
  value: { provider: string; name: string };
  onChange: (value: { provider: string; name: string }) => void;
  disabled?: boolean;
  label?: string;
  /** Compact: no explanations under the select (compare columns). */
  compact?: boolean;
}

/** The chat model an app runs on; offline models say so, and a model the workspace lacks is flagged. */
export function ModelPicker({ providers, loading, error, value, onChange, disabled, label = "Model", compact }: ModelPickerProps) {
  if (loading) {
    return (
      <div className="flex h-9 items-center gap-2 rounded-lg border border-zinc-200 px-3 text-[13px] text-zinc-400">
        <Spinner className="size-3.5" /> Loading models…
      </div>
    );
  }
  if (error) return <Alert tone="error" title="Couldn't load the models">{errorMessage(error)}</Alert>;
  const list = providers ?? [];
  const found = findModel(list, value.provider, value.name);
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <Select
          aria-label={label}
          wrapperClassName="min-w-0 flex-1"
          value={encodeModel(value.provider, value.name)}
          onChange={(e) => {
            const next = decodeModel(e.target.value);
            if (next) onChange(next);
          }}
          groups={modelGroups(list, value)}
          disabled={disabled}
        />
        {found?.isOffline && (
          <Badge tone="neutral" dot>
            Offline
          </Badge>
        )}
      </div>
      {!compact && !found && (
        <Alert tone="warning">
          <strong>{value.provider}/{value.name}</strong> isn't set up in this workspace, so the app can't answer and the draft can't be saved. Choose
          another model, or add the provider in{" "}
          <Link to="/settings/model-providers" className="font-medium underline underline-offset-2">
            Model providers
          </Link>
          .
        </Alert>
      )}
      {!compact && found?.isOffline && (
        <p className="text-xs text-zinc-500">
          The offline model repeats your message back without calling an AI, so you can try everything here for free.{" "}
          <Link to="/settings/model-providers" className="font-medium text-zinc-700 underline underline-offset-2">
            Connect a provider
          </Link>{" "}
          for real answers.
        </p>
      )}
    </div>
  );
}
