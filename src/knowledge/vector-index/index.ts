export * from "./local";
export * from "./types";
export * from "./vectorize";
