import { Alert } from "../../../components/ui/alert";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { CopyButton } from "../../../components/ui/copy-button";
import { Badge } from "../../../components/ui/badge";
import { ApiKeysCard } from "../components/api-keys-card";
import { ApiReference } from "../components/api-reference";
import { AppPage } from "../components/app-page";
import { McpServerCard } from "../components/mcp-server-card";
import { useAppContext } from "../hooks/use-app-context";
import { apiExamples } from "../lib/api-examples";
import { variablesOf } from "../lib/draft";
import { exampleInputs } from "../lib/variables";

export function DevelopRoute() {
  const { app, canEdit } = useAppContext();
  const mode = app.mode === "completion" ? "completion" : "chat";
  const examples = apiExamples({
    baseUrl: app.api_base_url,
    mode,
    streamingOnly: app.mode === "agent-chat",
    inputs: exampleInputs(variablesOf(app.model_config)),
  });

  return (
    <AppPage title="API access" description="Call this app from your own backend with an API key. Calls run the published version.">
      <div className="space-y-6">
        {!app.is_published && (
          <Alert tone="warning" title="Not published yet">
            The API answers only once the app is published. Publish it from the Prompt IDE.
          </Alert>
        )}
        {!app.enable_api && (
          <Alert tone="warning" title="The API is turned off">
            Calls with this app's keys are refused. Turn the API on in Overview.
          </Alert>
        )}
        <Card>
          <CardHeader title="Base URL" actions={<Badge tone={app.enable_api ? "green" : "neutral"} dot>{app.enable_api ? "API on" : "API off"}</Badge>} />
          <CardBody className="flex items-center gap-2">
            <code data-testid="api-base-url" className="min-w-0 flex-1 truncate rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[13px] text-zinc-800">
              {app.api_base_url}
            </code>
            <CopyButton text={app.api_base_url} />
          </CardBody>
        </Card>
        <ApiKeysCard appId={app.id} canEdit={canEdit} />
        <McpServerCard app={app} canEdit={canEdit} />
        <ApiReference examples={examples} />
      </div>
    </AppPage>
  );
}
