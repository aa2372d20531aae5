/**
 * Answers that hold the whole release (`/v1/export`, `/v1/export.ndjson`, `/llms-full.txt`, and their pinned
 * forms) are streamed: written a page of records at a time as the client reads (the stream pulls the next page
 * only when the last is taken), so an isolate's memory holds a page, never the release (at 1,000× data the
 * export is hundreds of MB; a Worker has 128 MB). Their size is not known before the last byte, so:
 * - the layers in this worker do not keep them (the hot LRU and the Cache API layer would have to hold the
 *   whole body); Workers Cache and browsers in front keep them like any answer (same Cache-Control and ETag);
 * - they carry no `Content-Digest` and no `Signature` (a digest needs the whole body before the first byte);
 *   each record in them is signed at its own URL, pinned to the release.
 */

/** Whether the answer to this path is one of the streamed whole-release answers. */
export function isStreamed(path: string): boolean {
  return /^\/v1\/(?:releases\/[^/]+\/)?export(?:\.ndjson)?$/.test(path) || path === "/llms-full.txt";
}

/**
 * A byte stream of the strings `chunks` yields, pulled as the client reads. The first chunk is awaited here,
 * so a failure before any byte (D1 down) is thrown to the caller and answered as a problem; a failure later ends
 * the stream with an error (the client sees a cut body, and the log says why).
 */
export async function streamOf(chunks: AsyncIterator<string>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await chunks.next();
  let pending: IteratorResult<string> | undefined = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await chunks.next());
        pending = undefined;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error(JSON.stringify({ level: "error", message: `stream cut: ${String(error)}` }));
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
}
