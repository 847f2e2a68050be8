import { useState } from "react";
import { Link } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { buttonClasses } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { CopyButton } from "../../../components/ui/copy-button";
import { ExternalLinkIcon } from "../../../components/ui/icons";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { bubbleSnippet, iframeSnippet, webappUrl } from "../../webapp/embed-snippets";
import { webappPage } from "../../webapp/lib/webapp-path";
import { useToggleAccess } from "../api/site";
import { AppPage } from "../components/app-page";
import { CodeBlock } from "../components/code-block";
import { GlobeIcon, TerminalIcon } from "../components/icons";
import { Segmented } from "../components/segmented";
import { SiteSettingsCard } from "../components/site-settings-card";
import { Toggle } from "../components/toggle";
import { useAppContext } from "../hooks/use-app-context";

export function OverviewRoute() {
  const { app, canEdit } = useAppContext();
  const toggle = useToggleAccess(app.id);
  const toast = useToast();
  const origin = window.location.origin;
  const mode = webappPage(app.mode);
  const url = webappUrl(origin, app.site.code, mode);
  const [embed, setEmbed] = useState<"iframe" | "bubble">("iframe");

  const flip = (surface: "site" | "api", enabled: boolean) =>
    toggle.mutate(
      { surface, enabled },
      {
        onSuccess: () =>
          toast({ tone: "success", title: `${surface === "site" ? "WebApp" : "API"} turned ${enabled ? "on" : "off"}` }),
        onError: (err) => toast({ tone: "error", title: "Couldn't change access", description: errorMessage(err) }),
      },
    );

  return (
    <AppPage title="Overview" description="Where this app is reachable, and how it looks to visitors.">
      <div className="space-y-6">
        {!app.is_published && (
          <Alert tone="warning" title="Not published yet">
            The WebApp and the API answer only once the app is published.{" "}
            <Link to="../configuration" relative="path" className="font-medium underline underline-offset-2">
              Open the Prompt IDE
            </Link>{" "}
            and press Publish.
          </Alert>
        )}
        <div className="grid gap-4 lg:grid-cols-2">
          <Card className="flex flex-col">
            <CardHeader
              icon={<span className="flex size-8 items-center justify-center rounded-lg bg-sky-50 text-sky-600"><GlobeIcon /></span>}
              title="WebApp"
              description="A hosted page anyone with the link can use."
              actions={
                <Toggle label="WebApp enabled" hideLabel checked={app.enable_site} disabled={!canEdit || toggle.isPending} onChange={(on) => flip("site", on)} />
              }
            />
            <CardBody className="space-y-3">
              <div className="flex items-center gap-2">
                <Badge tone={app.enable_site ? "green" : "neutral"} dot>
                  {app.enable_site ? "On" : "Off"}
                </Badge>
                <code data-testid="webapp-url" className="min-w-0 flex-1 truncate rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-1.5 font-mono text-xs text-zinc-800">
                  {url}
                </code>
              </div>
              <div className="flex gap-2">
                <CopyButton text={url} label="Copy link" />
                <a href={url} target="_blank" rel="noreferrer" className={buttonClasses("secondary", "sm")}>
                  <ExternalLinkIcon className="size-3.5" /> Open
                </a>
              </div>
            </CardBody>
          </Card>
          <Card className="flex flex-col">
            <CardHeader
              icon={<span className="flex size-8 items-center justify-center rounded-lg bg-violet-50 text-violet-600"><TerminalIcon /></span>}
              title="Service API"
              description="Call the app from your backend with an API key."
              actions={<Toggle label="API enabled" hideLabel checked={app.enable_api} disabled={!canEdit || toggle.isPending} onChange={(on) => flip("api", on)} />}
            />
            <CardBody className="space-y-3">
              <div className="flex items-center gap-2">
                <Badge tone={app.enable_api ? "green" : "neutral"} dot>
                  {app.enable_api ? "On" : "Off"}
                </Badge>
                <code className="min-w-0 flex-1 truncate rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-1.5 font-mono text-xs text-zinc-800">{app.api_base_url}</code>
              </div>
              <div className="flex gap-2">
                <CopyButton text={app.api_base_url} label="Copy base URL" />
                <Link to="../develop" relative="path" className={buttonClasses("secondary", "sm")}>
                  API keys & reference
                </Link>
              </div>
            </CardBody>
          </Card>
        </div>

        <SiteSettingsCard appId={app.id} site={app.site} canEdit={canEdit} />

        <Card>
          <CardHeader
            title="Embed on your website"
            description="Paste one of these into your site's HTML."
            actions={
              mode === "chat" && (
                <Segmented
                  size="sm"
                  label="Embed style"
                  value={embed}
                  onChange={setEmbed}
                  options={[
                    { value: "iframe", label: "Inline frame" },
                    { value: "bubble", label: "Chat bubble" },
                  ]}
                />
              )
            }
          />
          <CardBody className="space-y-3">
            <p className="text-[13px] text-zinc-600">
              {embed === "bubble" && mode === "chat"
                ? "A chat button in the bottom-right corner of every page that opens the app in a panel. Put it before </body>."
                : "The whole WebApp inside your page, sized by its container."}
            </p>
            <CodeBlock
              label={embed === "bubble" && mode === "chat" ? "Script" : "iframe"}
              code={embed === "bubble" && mode === "chat" ? bubbleSnippet(origin, app.site.code) : iframeSnippet(origin, app.site.code, mode)}
            />
          </CardBody>
        </Card>
      </div>
    </AppPage>
  );
}
