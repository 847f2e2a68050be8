// Who may change training sets and start or cancel fine-tunes (the server's `app_edit`).
export const canFineTune = (role: string | undefined) => role === "owner" || role === "admin" || role === "editor";
