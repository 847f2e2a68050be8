// The QuickJS variant's .wasm file, imported as a precompiled module: workerd forbids compiling
// WebAssembly from bytes at runtime, and both wrangler and the vitest Workers plugin turn a
// `.wasm` import into a `WebAssembly.Module`.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
