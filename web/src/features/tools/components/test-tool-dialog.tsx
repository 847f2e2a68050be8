// "Test" on a saved tool: a form built from its parameters, then the result, the time it took, or the error.
import { Dialog } from "../../../components/ui/dialog";
import { useTestTool } from "../api/test-tool";
import type { ToolDefinition, ToolProvider } from "../api/types";
import { ToolTestPanel } from "./tool-test-panel";

export function TestToolDialog({ target, onClose }: { target: { provider: ToolProvider; tool: ToolDefinition } | null; onClose: () => void }) {
  const test = useTestTool();
  const close = () => {
    test.reset();
    onClose();
  };
  return (
    <Dialog
      open={target !== null}
      onClose={close}
      busy={test.isPending}
      size="lg"
      title={target ? `Test ${target.tool.label || target.tool.name}` : "Test"}
      description={target ? `${target.provider.label} · ${target.tool.description || "Call the tool with sample inputs."}` : undefined}
    >
      {target && (
        <ToolTestPanel
          key={`${target.provider.id}/${target.tool.name}`}
          tool={target.tool}
          pending={test.isPending}
          data={test.data}
          error={test.error}
          onRun={(parameters) =>
            test.mutate({ providerType: target.provider.type, providerId: target.provider.id, toolName: target.tool.name, parameters })
          }
        />
      )}
    </Dialog>
  );
}
