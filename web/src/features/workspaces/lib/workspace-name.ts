export function workspaceNameProblem(name: string): string | null {
  if (!name.trim()) return "Enter a workspace name.";
  if (name.trim().length > 64) return "Keep the name to 64 characters or fewer.";
  return null;
}
