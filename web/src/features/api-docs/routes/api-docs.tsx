import { useMemo, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { CodeIcon, SearchIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { useOpenApi } from "../api/get-openapi";
import { OperationItem } from "../components/operation-item";
import { filterGroups, groupOperations } from "../lib/openapi";

function slug(tag: string): string {
  return `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

export function ApiDocsRoute() {
  const openapi = useOpenApi();
  const [search, setSearch] = useState("");
  const groups = useMemo(() => (openapi.data ? groupOperations(openapi.data) : []), [openapi.data]);
  const visible = useMemo(() => filterGroups(groups, search), [groups, search]);

  if (openapi.isPending) return <LoadingState label="Loading the API reference…" />;
  if (openapi.isError)
    return (
      <>
        <PageHeader title="API reference" />
        <Alert tone="error" title="Couldn't load /openapi.json">
          {errorMessage(openapi.error)}
        </Alert>
      </>
    );

  const doc = openapi.data;
  const total = groups.reduce((n, g) => n + g.operations.length, 0);

  return (
    <>
      <PageHeader
        eyebrow="Developers"
        title={
          <span className="flex items-center gap-2.5">
            {doc.info?.title ?? "API reference"}
            {doc.info?.version && <Badge>v{doc.info.version}</Badge>}
          </span>
        }
        description={doc.info?.description ?? "Every endpoint Kiln serves, from its OpenAPI document."}
        actions={
          <a
            href="/openapi.json"
            target="_blank"
            rel="noreferrer"
            className="text-[13px] font-medium text-zinc-600 underline-offset-4 hover:text-zinc-900 hover:underline"
          >
            openapi.json
          </a>
        }
      />
      <div className="flex gap-8">
        <nav className="sticky top-20 hidden w-48 shrink-0 self-start lg:block" aria-label="API tags">
          <p className="mb-2 text-[11px] font-medium tracking-wide text-zinc-400 uppercase">Tags</p>
          <ul className="space-y-0.5">
            {visible.map((g) => (
              <li key={g.name}>
                <a
                  href={`#${slug(g.name)}`}
                  className="flex items-center justify-between rounded-md px-2 py-1.5 text-[13px] text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
                >
                  <span className="truncate">{g.name}</span>
                  <span className="text-xs text-zinc-400">{g.operations.length}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 flex-1 space-y-6">
          <div className="relative">
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
            <Input
              aria-label="Filter endpoints"
              placeholder={`Filter ${total} endpoints by path, method or summary…`}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="pl-9"
            />
          </div>
          {visible.length === 0 ? (
            <EmptyState
              icon={<CodeIcon className="size-5" />}
              title={total === 0 ? "No endpoints documented" : "No endpoints match"}
              description={total === 0 ? "The OpenAPI document lists no paths." : "Try a shorter filter."}
            />
          ) : (
            visible.map((g) => (
              <section key={g.name} id={slug(g.name)} className="scroll-mt-20" data-testid="api-tag">
                <div className="mb-2.5">
                  <h2 className="text-[15px] font-semibold text-zinc-900">{g.name}</h2>
                  {g.description && <p className="text-[13px] text-zinc-500">{g.description}</p>}
                </div>
                <Card className="overflow-hidden">
                  {g.operations.map((op) => (
                    <OperationItem key={op.id} doc={doc} op={op} />
                  ))}
                </Card>
              </section>
            ))
          )}
        </div>
      </div>
    </>
  );
}
