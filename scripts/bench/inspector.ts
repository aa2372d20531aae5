/**
 * A workerd isolate through the V8 inspector (Chrome DevTools Protocol), for the soak (its heap) and the
 * profiler (CPU profiles under load). workerd handles inspector messages on the isolate's thread when it runs,
 * so `poke` (a request) wakes an idle one.
 */

/** The isolate of worker `name` (or the first user worker) behind the inspector on `port`. */
export async function inspector(port: number, poke: () => Promise<unknown>, name?: string) {
  const targets = (await (
    await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(30_000) })
  ).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const target =
    targets.find((t) => name !== undefined && t.webSocketDebuggerUrl.endsWith(`/core:user:${name}`)) ??
    targets.find((t) => t.webSocketDebuggerUrl.includes("/core:user:")) ??
    targets[0];
  if (!target) throw new Error("the inspector lists no isolate");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise<void>((ok, fail) => {
    setTimeout(() => fail(new Error("the inspector's socket did not open")), 30_000);
    ws.onopen = () => ok();
    ws.onerror = () => fail(new Error("cannot connect to the inspector"));
  });
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.onmessage = (event) => {
    const text = typeof event.data === "string" ? event.data : Buffer.from(event.data as ArrayBuffer).toString();
    const message = JSON.parse(text) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  };
  const call = <R>(method: string, params?: Record<string, unknown>) =>
    new Promise<R>((ok, fail) => {
      const n = ++id;
      const timer = setTimeout(() => {
        clearInterval(wake);
        fail(new Error(`the inspector did not answer ${method}`));
      }, 60_000);
      ws.send(JSON.stringify({ id: n, method, ...(params ? { params } : {}) }));
      const wake = setInterval(() => void poke().catch(() => undefined), 250);
      waiting.set(n, (r) => {
        clearTimeout(timer);
        clearInterval(wake);
        ok(r as R);
      });
    });
  return {
    call,
    /** Bytes of live objects in the isolate's heap, after a full GC. */
    async heap(): Promise<{ used: number; total: number }> {
      await call("HeapProfiler.collectGarbage");
      const r = await call<{ usedSize: number; totalSize: number }>("Runtime.getHeapUsage");
      return { used: r.usedSize, total: r.totalSize };
    },
    close: () => ws.close(),
  };
}
