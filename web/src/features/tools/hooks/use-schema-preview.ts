// The live preview of the custom tool dialog: the document on screen parsed into tools a moment
// after typing stops. A query keyed by the text, so a late answer for older text never wins.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ParsedSchema, SchemaType } from "../api/types";
import { useDebounced } from "./use-debounced";

/** `schemaType` "single" for the single-call form; documents are recognised by the server. */
export function useSchemaPreview(schema: string, schemaType?: SchemaType, enabled = true) {
  const settled = useDebounced(schema.trim(), 600);
  const query = useQuery({
    queryKey: ["tools", "schema-preview", schemaType ?? "document", settled],
    queryFn: ({ signal }) =>
      api.post<ParsedSchema>("/workspaces/current/tool-provider/api/schema", { schema: settled, ...(schemaType ? { schema_type: schemaType } : {}) }, { signal }),
    enabled: enabled && settled.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    placeholderData: keepPreviousData,
  });
  // Typing since the last parse: the preview is about to change.
  const settling = schema.trim() !== settled;
  return { ...query, settling, parsedText: settled };
}
