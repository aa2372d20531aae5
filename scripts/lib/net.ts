/** Loopback ports for the local workers the scripts and the node tests start. */
import { createServer } from "node:net";

/** A TCP port nobody listens on now (on 127.0.0.1): for a worker's socket or Miniflare's `inspectorPort`. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
