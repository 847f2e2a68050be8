// Keeps a request's work alive past its response. A client that disconnects mid-stream cancels
// the response, and what the cancel then starts (logging the partial answer as stopped, writing
// the stopped run) runs only while the runtime still holds the request: Workers keep it for the
// waitUntil promises registered so far, and may drop it as soon as the response is gone if none
// is pending. So a stream registers one when it starts producing, and settles it once its last
// write has landed (or failed; the write reports its own failure).

/** Holds the request from now until the returned release is called (with the last write, if any). */
export function holdRequest(ctx: { waitUntil(promise: Promise<unknown>): void }): (after?: Promise<unknown>) => void {
  let release!: () => void;
  ctx.waitUntil(new Promise<void>((resolve) => (release = resolve)));
  return (after) => {
    if (after) void after.then(release, release);
    else release();
  };
}
