/**
 * Links in composed documents. Documents are composed once, at publish, without knowing which origin will
 * serve them, so every link is stored origin-relative behind ORIGIN (a private-use character no curated text
 * may contain) and made absolute when served: one `replaceAll` over the stored bytes, no JSON parse.
 */
export const ORIGIN = "\uE000";

/** A stored link to `path` ("/v1/facts/x"): absolute once served. */
export const link = (path: string) => `${ORIGIN}${path}`;

/** Record kinds with an HTML permalink page. */
const PAGE_KINDS = new Set(["facts", "entities", "partnerships"]);

/** `/facts/{id}` for kinds with an HTML page, else the API URL. */
export const permalink = (kind: string, id: string) =>
  link(PAGE_KINDS.has(kind) ? `/${kind}/${id}` : `/v1/${kind}/${id}`);

/** A stored document (or any text composed from one) with its links made absolute for `origin`. */
export const withOrigin = (stored: string, origin: string) =>
  stored.includes(ORIGIN) ? stored.replaceAll(ORIGIN, origin) : stored;
