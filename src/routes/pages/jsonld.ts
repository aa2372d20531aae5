/**
 * schema.org JSON-LD for the permalink pages: a Claim for a fact (its appearances are the sources, with
 * their authors and dates), an Organization / Person / Product / … for an entity, and a Thing for a
 * partnership (schema.org has no partnership type), each with the sources as `subjectOf` / `citation`.
 */
import type { EntityView, FactView, PageView, PartnershipView, SourceView } from "./pages.data";

const CONTEXT = "https://schema.org";

const ENTITY_TYPES: Record<string, string> = {
  organization: "Organization",
  person: "Person",
  product: "Product",
  model: "SoftwareApplication",
  device: "Product",
  framework: "SoftwareApplication",
  regulator: "GovernmentOrganization",
  regulation: "Legislation",
  publication: "NewsMediaOrganization",
  place: "Place",
};

const SOURCE_TYPES: Record<string, string> = {
  news_report: "NewsArticle",
  analysis: "AnalysisNewsArticle",
  whitepaper: "Report",
  measurement: "Report",
  market_report: "Report",
  earnings_call: "CreativeWork",
  interview: "CreativeWork",
  announcement: "CreativeWork",
  regulation: "Legislation",
};

/** A source as a schema.org CreativeWork: title, publisher, author and date of publication. */
export function creativeWork(s: SourceView) {
  return {
    "@type": SOURCE_TYPES[s.kind] ?? "CreativeWork",
    "@id": s.href,
    name: s.title.value,
    ...(s.url ? { url: s.url } : {}),
    publisher: { "@type": "Organization", name: s.publisher.value },
    ...(s.author ? { author: { "@type": "Person", name: s.author } } : {}),
    datePublished: s.date,
  };
}

/** Who a claim is attributed to: the first source's author, else its publisher. */
function _authorOf(sources: SourceView[]) {
  const first = sources[0];
  if (!first) return undefined;
  return first.author
    ? { "@type": "Person", name: first.author }
    : { "@type": "Organization", name: first.publisher.value };
}

/** A fact's JSON-LD is the document `?format=jsonld` answers: one builder (src/compose/facts.ts). */
function factLd(v: FactView) {
  return v.jsonld as Record<string, unknown>;
}

function entityLd(v: EntityView) {
  return {
    "@context": CONTEXT,
    "@type": ENTITY_TYPES[v.type] ?? "Thing",
    "@id": v.permalink,
    url: v.canonical,
    identifier: v.id,
    name: v.name.value,
    description: v.descriptionText.value,
    alternateName: [...new Set([...v.names.map((n) => n.text), ...v.aliases.map((a) => a.text)])].filter(
      (n) => n !== v.name.value,
    ),
    ...(v.url ? { sameAs: v.url } : {}),
    subjectOf: v.sources.map(creativeWork),
  };
}

function partnershipLd(v: PartnershipView) {
  return {
    "@context": CONTEXT,
    "@type": "Thing",
    "@id": v.permalink,
    url: v.canonical,
    identifier: v.id,
    name: v.statement.value,
    description: v.summary.value,
    subjectOf: v.sources.map(creativeWork),
  };
}

export function jsonLdOf(v: PageView) {
  return v.kind === "facts" ? factLd(v) : v.kind === "entities" ? entityLd(v) : partnershipLd(v);
}
