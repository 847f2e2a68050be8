import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { AppsIcon, PlusIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";

export function AppsRoute() {
  return (
    <>
      <PageHeader
        title="Apps"
        description="Chat apps, agents and workflows built in this workspace."
        actions={
          <Button variant="primary" icon={<PlusIcon />} disabled title="Coming soon">
            Create app
          </Button>
        }
      />
      <EmptyState
        icon={<AppsIcon className="size-5" />}
        title="No apps yet"
        description="Apps you create appear here. Building apps is coming soon; meanwhile, connect a model provider and invite your team."
        action={<Badge tone="brand">Coming soon</Badge>}
      />
    </>
  );
}
