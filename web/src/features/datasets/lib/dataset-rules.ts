// What a knowledge base is called and who may change it, in the dashboard's words.
import type { IndexingTechnique, Permission } from "../api/types";

/** Owners, admins, editors and knowledge operators manage knowledge; other members may look. */
export function canEditKnowledge(role: string | undefined): boolean {
  return role === "owner" || role === "admin" || role === "editor" || role === "dataset_operator";
}

export const INDEX_MODES: { value: IndexingTechnique; label: string; description: string }[] = [
  {
    value: "high_quality",
    label: "High quality",
    description: "Embeds every chunk for semantic search. Finds meaning, not just words; uses the embedding model.",
  },
  {
    value: "economy",
    label: "Economy",
    description: "Keyword index only: no embedding calls and no cost, but matches words rather than meaning.",
  },
];

export function indexModeLabel(technique: IndexingTechnique | null): string {
  if (technique === "high_quality") return "High quality";
  if (technique === "economy") return "Economy";
  return "Not set";
}

export const PERMISSIONS: { value: Permission; label: string }[] = [
  { value: "only_me", label: "Only me" },
  { value: "all_team_members", label: "All team members" },
];

export function datasetProblems(form: { name: string; description: string }): { name?: string; description?: string } {
  const name = form.name.trim();
  return {
    name: !name ? "Give the knowledge base a name." : name.length > 40 ? "Keep the name to 40 characters." : undefined,
    description: form.description.length > 400 ? "Keep the description to 400 characters." : undefined,
  };
}
