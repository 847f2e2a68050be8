import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { BookIcon, PlusIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";

export function DatasetsRoute() {
  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Documents your apps can search and cite."
        actions={
          <Button variant="primary" icon={<PlusIcon />} disabled title="Coming soon">
            Create knowledge
          </Button>
        }
      />
      <EmptyState
        icon={<BookIcon className="size-5" />}
        title="No knowledge bases yet"
        description="Upload documents to build a knowledge base your apps can retrieve from. This is coming soon."
        action={<Badge tone="brand">Coming soon</Badge>}
      />
    </>
  );
}
