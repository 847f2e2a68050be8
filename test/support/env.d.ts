import type { D1Migration } from "cloudflare:test";
import type { Bindings } from "../../src/env";

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import("../../workers/index");
    }
    interface Env extends Bindings {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    fakeOpenAIUrl: string;
    mcpTestUrl: string;
    mcpOpenUrl: string;
  }
}
