// The mark on an answer that came from an annotation instead of the model (the debugger's
// `annotation_reply` metadata, a log's reply_source "annotation").
import { Badge } from "../../../components/ui/badge";
import { AnnotationIcon } from "./icons";

export function AnnotationReplyBadge({ author }: { author?: string | null }) {
  return (
    <span title={author ? `Annotated by ${author}; the model was not called` : "The model was not called"}>
      <Badge tone="violet" icon={<AnnotationIcon className="size-3.5" />}>
        From an annotation
      </Badge>
    </span>
  );
}
