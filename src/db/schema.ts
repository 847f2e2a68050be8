export * from "./accounts";
export * from "./api-keys";
export * from "./providers";
export * from "./workspaces";
