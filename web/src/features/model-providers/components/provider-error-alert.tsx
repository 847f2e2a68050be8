import { Alert } from "../../../components/ui/alert";
import { describeProviderError } from "../lib/provider-errors";

export function ProviderErrorAlert({ error }: { error: unknown }) {
  const problem = describeProviderError(error);
  return (
    <Alert tone="error" title={problem.title}>
      <span data-testid="provider-error" className="block">
        {problem.message}
        {problem.hint && <span className={problem.message ? "mt-1 block text-red-700/80" : undefined}>{problem.hint}</span>}
      </span>
    </Alert>
  );
}
