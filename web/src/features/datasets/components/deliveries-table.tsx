// The webhook's recent deliveries: when, what they changed, and why one failed.
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { LoadingState } from "../../../components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { errorMessage } from "../../../lib/api";
import { formatDateTime, formatRelative } from "../../../lib/format";
import { useDeliveries } from "../api/source";
import type { WebhookDelivery } from "../api/types";

function summaryText(summary: WebhookDelivery["summary"]): string {
  const s = typeof summary === "string" ? (JSON.parse(summary || "{}") as Exclude<WebhookDelivery["summary"], string>) : summary;
  const parts = (["created", "updated", "unchanged", "deleted", "errors"] as const)
    .filter((k) => (s[k] ?? 0) > 0)
    .map((k) => `${s[k]} ${k}`);
  return parts.join(", ") || "No changes";
}

export function DeliveriesTable({ datasetId }: { datasetId: string }) {
  const deliveries = useDeliveries(datasetId, true);
  if (deliveries.isPending) return <LoadingState label="Loading deliveries…" className="py-6" />;
  if (deliveries.isError) {
    return (
      <Alert tone="error" title="Couldn't load the deliveries">
        {errorMessage(deliveries.error)}
      </Alert>
    );
  }
  if (deliveries.data.data.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-center text-[13px] text-zinc-500">No deliveries yet. Send the example above to see one here.</p>;
  }
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200">
      <Table>
        <THead>
          <tr>
            <TH>Received</TH>
            <TH>Status</TH>
            <TH>Result</TH>
          </tr>
        </THead>
        <TBody>
          {deliveries.data.data.map((d) => (
            <TR key={d.id} data-testid="delivery-row">
              <TD className="text-[13px] whitespace-nowrap" title={formatDateTime(d.created_at)}>
                {formatRelative(d.created_at)}
              </TD>
              <TD>
                <Badge tone={d.status < 300 ? "green" : "red"}>{d.status}</Badge>
              </TD>
              <TD className="text-[13px]">{d.error ? <span className="text-red-600">{d.error}</span> : summaryText(d.summary)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
