export { BUILTIN_PROVIDERS } from "./providers";
export { builtinProviderView, builtinSource } from "./source";
