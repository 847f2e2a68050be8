// What test/e2e/global-setup.ts provides to the browser tests.
declare module "vitest" {
  export interface ProvidedContext {
    /** A Kiln whose owner is already set up. */
    kilnUrl: string;
    /** A Kiln on a fresh database: first-run setup not done. */
    kilnFreshUrl: string;
    kilnAdmin: { email: string; password: string; name: string };
    fakeOpenAIUrl: string;
  }
}

export {};
