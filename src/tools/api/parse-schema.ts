// Turns what the user pasted (an OpenAPI 3.0/3.1 or Swagger 2.0 document in JSON or YAML, or the
// single-call form) into tools. Every problem is listed in one 400 answer, so a user fixes the
// document in one pass; nothing is saved when there is one.
import YAML from "yaml";
import { Invalid } from "../../lib/errors";
import { isObject, type Json, Problems } from "./json-schema";
import type { ApiSchemaType, ParsedApiSchema } from "./operation";
import { openApiTools } from "./parse-openapi";
import { NO_SWAGGER_HOST, swaggerToOpenApi } from "./parse-swagger";
import { singleCallTools } from "./single-call";

const MAX_LISTED = 20;

export function invalidSchema(problems: string[]) {
  const shown = problems.slice(0, MAX_LISTED).map((p, i) => `${i + 1}) ${p}`);
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : "";
  return Invalid(`The schema is not valid: ${shown.join("; ")}${more}`, ["schema"]);
}

function readDocument(text: string, problems: Problems): Json | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    try {
      doc = YAML.parse(text, { maxAliasCount: 100 });
    } catch (err) {
      const reason = String((err as Error)?.message ?? err).split("\n")[0];
      problems.add(`not valid JSON or YAML (${reason})`);
      return null;
    }
  }
  if (!isObject(doc)) {
    problems.add("not an OpenAPI document: expected a JSON or YAML object at the top level");
    return null;
  }
  return doc;
}

/** Parses a document or the single-call form; throws `invalid_param` listing every problem. */
export function parseApiSchema(text: string, schemaType?: ApiSchemaType): ParsedApiSchema {
  const problems = new Problems();
  let parsed: Omit<ParsedApiSchema, "warnings"> | null = null;
  if (schemaType === "single") {
    parsed = { schemaType: "single", ...singleCallTools(text, problems) };
  } else {
    const doc = readDocument(text, problems);
    if (doc) {
      const version = String(doc.openapi ?? doc.swagger ?? "");
      // An unquoted `openapi: 3.0` in YAML is the number 3; accept it as Dify does.
      if (doc.openapi !== undefined && /^3(\.[01](\..*)?)?$/.test(String(doc.openapi))) {
        parsed = { schemaType: "openapi", ...openApiTools(doc, problems) };
      } else if (doc.swagger !== undefined && /^2(\.0)?$/.test(String(doc.swagger))) {
        parsed = { schemaType: "swagger", ...openApiTools(swaggerToOpenApi(doc, problems), problems, NO_SWAGGER_HOST) };
      } else {
        problems.add(
          version
            ? `unsupported version "${version}": Kiln reads OpenAPI 3.0, 3.1 and Swagger 2.0`
            : 'not an OpenAPI 3 or Swagger 2 document (no `openapi: 3.x` or `swagger: "2.0"` field)',
        );
      }
    }
  }
  if (problems.list.length || !parsed) throw invalidSchema(problems.list);
  return { ...parsed, warnings: problems.warnings };
}
