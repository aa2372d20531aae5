/**
 * Links in composed documents. Documents are composed once, at publish, without knowing which origin will
 * serve them, so every link is stored origin-relative behind ORIGIN (a private-use character no curated text
 * may contain) and made absolute when served: one `replaceAll` over the stored bytes, no JSON parse.
 */
export const ORIGIN = "\uE000";

/** Stands for the serving origin percent-encoded (a link inside a query parameter, e.g. oEmbed's `url`). */
export const ORIGIN_ENCODED = "\uE001";

/** A stored link to `path` ("/v1/facts/x"): absolute once served. */
export const link = (path: string) => `${ORIGIN}${path}`;

/** Record kinds with an HTML permalink page. */
const PAGE_KINDS = new Set(["facts", "entities", "partnerships"]);

/** `/facts/{id}` for kinds with an HTML page, else the API URL. */
export const permalink = (kind: string, id: string) =>
  link(PAGE_KINDS.has(kind) ? `/${kind}/${id}` : `/v1/${kind}/${id}`);

/** A stored document (or any text composed from one) with its links made absolute for `origin`. */
export const withOrigin = (stored: string, origin: string) => {
  let out = stored.includes(ORIGIN) ? stored.replaceAll(ORIGIN, origin) : stored;
  if (out.includes(ORIGIN_ENCODED)) out = out.replaceAll(ORIGIN_ENCODED, encodeURIComponent(origin));
  return out;
};

/** The pinned URL of a record: the record as release `version` serves it, forever (`/v1/releases/{version}/…`). */
export const pinnedLink = (version: string, kind: string, id: string) => link(`/v1/releases/${version}/${kind}/${id}`);

/** A stored absolute link as a query-parameter value (its origin percent-encoded when served). */
export const encodedLink = (stored: string) =>
  stored.startsWith(ORIGIN)
    ? `${ORIGIN_ENCODED}${encodeURIComponent(stored.slice(ORIGIN.length))}`
    : encodeURIComponent(stored);
