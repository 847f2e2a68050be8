// Runs the fake OpenAI server in its own process (benchmarks keep it off the load generator's
// event loop): `node fake-openai-cli.mjs [ttftMs]` prints `{"url": …}` and serves until killed.
import { startFakeOpenAI } from "./fake-openai.mjs";

const server = await startFakeOpenAI({ ttftMs: Number(process.argv[2] ?? 0) });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
