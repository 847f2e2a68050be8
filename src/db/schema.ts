export * from "./accounts";
export * from "./api-keys";
export * from "./app-imports";
export * from "./apps";
export * from "./conversations";
export * from "./knowledge";
export * from "./providers";
export * from "./workspaces";
