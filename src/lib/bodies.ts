/**
 * The bytes of answers already read whole. A miss's answer is read by up to three steps after the handler: the
 * Cache API layer stores a copy, the hot path keeps it, the signing wrapper digests it. Each used to read a clone,
 * which tees the body (measured: the layer's tee and put were a quarter of a detail miss's CPU). The first step
 * to read an answer whole holds its bytes here, keyed by the Response itself, and the later steps read them.
 */
export class AnswerBodies {
  private readonly held = new WeakMap<Response, ArrayBuffer>();

  /** Holds the bytes `res` was built from (its body is exactly these bytes). */
  hold(res: Response, bytes: ArrayBuffer): Response {
    this.held.set(res, bytes);
    return res;
  }

  /** Whether the bytes of `res` are held. */
  holds(res: Response): boolean {
    return this.held.has(res);
  }

  /** The bytes of `res`'s body: held ones, or read from a clone (so `res` can still be sent) and held. */
  async read(res: Response): Promise<ArrayBuffer> {
    const held = this.held.get(res);
    if (held) return held;
    const bytes = await res.clone().arrayBuffer();
    this.held.set(res, bytes);
    return bytes;
  }
}
