/**
 * llms.txt (https://llmstxt.org) and llms-full.txt, built from the release's data and the OpenAPI document.
 * Pure: everything they print comes in through `Input`; only the header sentences are written here.
 */
import type { composeBudget } from "../../compose/budgets";
import type { EntityDoc, RelationsDoc } from "../../compose/entities";
import type { EventDoc } from "../../compose/events";
import type { FactDoc } from "../../compose/facts";
import type { FigureDoc } from "../../compose/figures";
import type { composePartnership } from "../../compose/partnerships";
import type { SourceDoc } from "../../compose/sources";
import type { StoryDoc } from "../../compose/stories";
import { LANGS, type Lang } from "../../dataset/schema";
import type { Citation } from "../../lib/citation";
import { MCP_PATH, MCP_TOOLS, mcpClientConfig } from "../../mcp/catalog";

const LANGUAGE_NAMES: Record<Lang, string> = {
  en: "English",
  ja: "Japanese",
  zh: "Simplified Chinese",
  "zh-Hant": "Traditional Chinese",
};

export interface Operation {
  method: string;
  path: string;
  summary: string;
  description: string;
  tags: string[];
  /**
   * The path with each path parameter replaced by its documented example, and the required query parameters
   * with theirs: a URL that answers. Examples that are URLs on the document's example origin
   * (`https://api.example`) are rewritten to the serving origin when printed.
   */
  example: string;
}

export interface SpecInfo {
  title: string;
  description: string;
  operations: Operation[];
}

export interface Input {
  origin: string;
  lang: Lang;
  release: { version: string; publishedAt: string; counts: Record<string, number> };
  spec: SpecInfo;
}

type BudgetDoc = ReturnType<typeof composeBudget>;
type PartnershipDoc = ReturnType<typeof composePartnership>;

/** llms.txt's input: the first INDEX_LIMIT documents (as the API serves them, in the answer's language) of the kinds it lists. */
export interface IndexInput extends Input {
  data: {
    stories: StoryDoc[];
    facts: FactDoc[];
    entities: EntityDoc[];
    partnerships: PartnershipDoc[];
  };
}

/** An entity's document with its relations' (`/v1/entities/{id}/relations`). */
export interface EntityEntry {
  doc: EntityDoc;
  relations: RelationsDoc;
}

/** A page of stories with every record of theirs (each kind in id order), as documents in the answer's language. */
export interface StoryRecords {
  records: StoryDoc[];
  entities: EntityEntry[];
  figures: FigureDoc[];
  budgets: BudgetDoc[];
  partnerships: PartnershipDoc[];
  events: EventDoc[];
  facts: FactDoc[];
}

/** A page of stories and their records, with the citations of their statements. */
export interface StoryPage extends StoryRecords {
  /** The ready citation of a statement with these sources, linking this permalink. */
  cite: (statement: string, permalink: string, sourceIds: string[]) => Citation;
}

/** llms-full.txt's input: the release's documents, a page at a time. */
export interface FullInput extends Input {
  sources: () => AsyncIterable<SourceDoc[]>;
  stories: () => AsyncIterable<StoryPage>;
  /** Entities no story lists. */
  orphans: () => AsyncIterable<EntityEntry[]>;
}

/** Operations whose tag puts them in "## Optional" (bulk, change feeds, housekeeping). */
const OPTIONAL_TAGS = new Set(["Releases", "Meta"]);
/** These files describe themselves; they are not listed among the operations. */
const SELF = new Set(["/llms.txt", "/llms-full.txt"]);

type SpecDoc = {
  info?: { title?: string; description?: string };
  paths?: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        description?: string;
        tags?: string[];
        parameters?: {
          name?: string;
          in?: string;
          required?: boolean;
          example?: unknown;
          schema?: { example?: unknown };
        }[];
      }
    >
  >;
};

/** The origin of the URLs in the document's examples (e.g. oEmbed's `url`). */
export const EXAMPLE_ORIGIN = "https://api.example";

/** The operations of an OpenAPI document, in its order, each with an example URL path. */
export function specInfo(doc: SpecDoc): SpecInfo {
  const operations: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      if (method !== "get") continue;
      const exampleOf = (p: { example?: unknown; schema?: { example?: unknown } } | undefined) =>
        p?.example ?? p?.schema?.example;
      const filled = path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const value = exampleOf(op.parameters?.find((p) => p.in === "path" && p.name === name));
        return value === undefined ? whole : encodeURIComponent(String(value));
      });
      const query = (op.parameters ?? [])
        .filter((p) => p.in === "query" && p.required && exampleOf(p) !== undefined)
        .map((p) => `${encodeURIComponent(p.name ?? "")}=${encodeURIComponent(String(exampleOf(p)))}`);
      const example = query.length ? `${filled}?${query.join("&")}` : filled;
      operations.push({
        method,
        path,
        summary: op.summary ?? path,
        description: op.description ?? "",
        tags: op.tags ?? [],
        example,
      });
    }
  }
  return { title: doc.info?.title ?? "API", description: doc.info?.description ?? "", operations };
}

/** One line: whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim();
/** Link text safe inside [ ]. */
const label = (text: string) => flat(text).replace(/([\\[\]])/g, "\\$1");
/** A full stop that ends these does not end the sentence. */
const ABBREVIATION = /(?:^|[\s(（—])(?:e\.g|i\.e|etc|vs|cf|approx|incl|no)\.$/i;
/**
 * The first sentence of a text: up to the first `.`, `!` or `?` followed by a space (or the end), or a CJK
 * full stop, outside parentheses and code spans, and not the full stop of an abbreviation such as "e.g.".
 */
export function firstSentence(text: string): string {
  const one = flat(text);
  let depth = 0;
  let code = false;
  for (let i = 0; i < one.length; i++) {
    const ch = one[i] as string;
    if (ch === "`") code = !code;
    if (code) continue;
    if (ch === "(" || ch === "（") depth++;
    else if (ch === ")" || ch === "）") depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if ("。！？".includes(ch)) return one.slice(0, i + 1);
    else if (".!?".includes(ch) && (i + 1 === one.length || one[i + 1] === " ")) {
      const head = one.slice(0, i + 1);
      if (ch === "." && ABBREVIATION.test(head)) continue;
      return head;
    }
  }
  return one;
}

/** Irregular singulars of the record kinds a release counts. */
const SINGULAR: Record<string, string> = { stories: "story", entities: "entity" };
/** "1 story", "43 entities": a count with its kind, singular for one. */
export function counted(n: number, kind: string): string {
  return `${n} ${n === 1 ? (SINGULAR[kind] ?? kind.replace(/s$/, "")) : kind}`;
}
const humanize = (value: string) => value.replaceAll("_", " ");
/** "Publisher, Author (date); …" of a citation. */
const sourcesLine = (c: Citation) =>
  c.sources.map((s) => `${s.publisher}${s.author ? `, ${s.author}` : ""} (${s.date})`).join("; ");

const withLang = (url: string, lang: Lang) => (lang === "en" ? url : `${url}?lang=${lang}`);

function intro(input: Input): string[] {
  const [summary = "", ...rest] = input.spec.description.split(/\n\s*\n/);
  const { counts } = input.release;
  const tally = Object.entries(counts)
    .map(([kind, n]) => counted(n, kind))
    .join(", ");
  return [
    `> ${flat(summary)}`,
    "",
    `Release \`${input.release.version}\` (published ${input.release.publishedAt}): ${tally}. Every record has a stable id; facts, entities and partnerships have an HTML permalink (\`/facts/{id}\`…) and a JSON record (\`/v1/facts/{id}\`…). Texts are in ${LANGUAGE_NAMES[input.lang]} here; add \`?lang=en|ja|zh|zh-Hant\` to any URL for another language (zh is Simplified Chinese, zh-Hant Traditional; BCP 47 tags such as zh-TW or ja-JP work too).`,
    "",
    `For agents: a Model Context Protocol server at \`${input.origin}${MCP_PATH}\` (Streamable HTTP, stateless; protocol 2026-07-28 and 2025-era clients; read-only). Add it to an MCP client with \`${JSON.stringify(mcpClientConfig(input.origin))}\`. Its tools:`,
    "",
    ...MCP_TOOLS.map((t) => `- \`${t.name}\`: ${t.summary}`),
    "",
    `Before posting a sentence about this story, check it: \`GET ${input.origin}/v1/claims/check?text=…\` (or the \`check_claim\` tool) answers supported, contradicted, disputed or unknown, with the records compared and their citations.`,
    "",
    ...rest.flatMap((p) => [p.trim(), ""]),
  ];
}

function operationLine(origin: string, op: Operation): string {
  const url = `${origin}${op.example.replaceAll(encodeURIComponent(EXAMPLE_ORIGIN), encodeURIComponent(origin))}`;
  return `- [${label(op.summary)}](${url}): ${firstSentence(op.description)}`;
}

/** How many records of a kind llms.txt lists before pointing to the collection (it is an index, not a dump). */
export const INDEX_LIMIT = 200;

/** "- [All 1,234 facts](…/v1/facts): …" when a section lists only the first INDEX_LIMIT of its kind. */
function moreLine(input: Input, kind: "stories" | "facts" | "entities" | "partnerships", listed: number): string[] {
  const total = input.release.counts[kind] ?? listed;
  if (total <= listed) return [];
  const url = withLang(`${input.origin}/v1/${kind}`, input.lang);
  return [
    `- [All ${total.toLocaleString("en")} ${kind}](${url}): The first ${listed} are listed here, in id order; the collection pages through all of them (and \`/llms-full.txt\` holds them all).`,
  ];
}

/** /llms.txt: H1, summary, then sections of links with notes; "Optional" last. */
export function llmsTxt(input: IndexInput): string {
  const { origin, lang, data } = input;
  const ops = input.spec.operations.filter((o) => !SELF.has(o.path));
  const spec = ops.find((o) => o.path === "/openapi.json");
  const main = ops.filter((o) => o !== spec && !o.tags.some((t) => OPTIONAL_TAGS.has(t)));
  const optional = ops.filter((o) => o !== spec && o.tags.some((t) => OPTIONAL_TAGS.has(t)));
  const lines = [
    `# ${input.spec.title}`,
    "",
    ...intro(input),
    "## API",
    "",
    ...(spec ? [operationLine(origin, spec)] : []),
    `- [API reference](${origin}/docs): The interactive reference of the OpenAPI document, served by this API.`,
    ...main.map((o) => operationLine(origin, o)),
    "",
    "## Stories",
    "",
    ...data.stories.map(
      (s) =>
        `- [${label(s.headline ?? "")}](${withLang(`${origin}/v1/stories/${s.id}`, lang)}): ${flat(s.summary ?? "")}`,
    ),
    ...moreLine(input, "stories", data.stories.length),
    "",
    "## Facts",
    "",
    ...data.facts.map(
      (f) => `- [${f.id}](${withLang(`${origin}/facts/${f.id}`, lang)}): ${flat(f.text ?? "")} (${f.status})`,
    ),
    ...moreLine(input, "facts", data.facts.length),
    "",
    "## Entities",
    "",
    ...data.entities.map(
      (e) =>
        `- [${label(e.name ?? "")}](${withLang(`${origin}/entities/${e.id}`, lang)}): ${e.type}. ${flat(e.description ?? "")}`,
    ),
    ...moreLine(input, "entities", data.entities.length),
    "",
    "## Partnerships",
    "",
    ...data.partnerships.map(
      (p) =>
        `- [${label(`${p.parties[0].name} × ${p.parties[1].name}: ${p.subject ?? ""}`)}](${withLang(`${origin}/partnerships/${p.id}`, lang)}): ${humanize(p.status)}. ${firstSentence(p.summary ?? "")}`,
    ),
    ...moreLine(input, "partnerships", data.partnerships.length),
    "",
    "## Optional",
    "",
    `- [Full dataset in Markdown](${withLang(`${origin}/llms-full.txt`, lang)}): Every story, source, entity, figure, budget, partnership, event and fact of the release, with citations.`,
    ...optional.map((o) => operationLine(origin, o)),
    "",
  ];
  return lines.join("\n");
}

/**
 * /llms-full.txt: the whole release as compact Markdown, every statement with its sources. Written as it is
 * read: blocks of lines, a page of sources or stories at a time (the text is the blocks' lines joined by "\n").
 */
export async function* llmsFullTxt(input: FullInput): AsyncGenerator<string[]> {
  // The header goes out with the first page of sources: nothing is written before the first read succeeds.
  let head = [`# ${input.spec.title}: full dataset`, "", ...intro(input), "## Sources", ""];
  for await (const sources of input.sources()) {
    yield [
      ...head,
      ...sources.map((s) => {
        const via = s.via ? ` Via \`${s.via}\`.` : "";
        return `- \`${s.id}\`: ${s.publisher.name}${s.author ? `, ${s.author}` : ""} (${s.date.value}). *${flat(s.title ?? "")}*. ${humanize(s.kind)}, in ${s.language}.${via}${s.url ? ` <${s.url}>` : ""}`;
      }),
    ];
    head = [];
  }
  yield [...head, ""];

  for await (const page of input.stories()) {
    for (const story of page.records) yield storySection(input, page, story);
  }

  let orphans = false;
  for await (const entities of input.orphans()) {
    if (!orphans) yield ["## Other entities", ""];
    orphans = true;
    yield entities.map((e) => entityLine(input, e));
  }
  if (orphans) yield [""];
}

/** One story's section of llms-full.txt: the story, then its entities, figures, budgets, partnerships, events, facts. */
function storySection(input: Input, page: StoryPage, story: StoryDoc): string[] {
  const { origin, lang } = input;
  const own = <T extends { story: string }>(list: T[]) => list.filter((x) => x.story === story.id);
  /** "Publisher, Author (date); …" for source ids, via the same citation builder as the API. */
  const srcs = (ids: string[], link: string) => (ids.length ? sourcesLine(page.cite("", link, ids)) : "");
  const out: string[] = [
    `## Story: ${flat(story.headline ?? "")}`,
    "",
    `\`${story.id}\`, ${story.date.value}. ${flat(story.summary ?? "")} — Sources: ${srcs(story.sources, `${origin}/v1/stories/${story.id}`)}.`,
    "",
  ];

  const entities = page.entities.filter((e) => e.doc.stories.includes(story.id));
  if (entities.length) out.push("### Entities", "", ...entities.map((e) => entityLine(input, e)), "");

  const figures = own(page.figures);
  if (figures.length) {
    out.push("### Figures", "");
    for (const f of figures) {
      const conditions = [f.conditions.device ? `on ${f.conditions.device.name}` : "", f.conditions.precision ?? ""]
        .filter(Boolean)
        .join(", ");
      const scope = f.conditions.scope ? ` (${flat(f.conditions.scope)})` : "";
      const derived = f.derivation
        ? ` Derived: ${f.derivation.formula} with ${f.derivation.inputs.map((i) => `${i.name} = \`${i.figure}\``).join(", ")}.`
        : "";
      out.push(
        `- \`${f.id}\`: **${flat(f.display ?? "")}** (${f.value} ${f.unit}) — ${humanize(f.metric)} of ${f.subject.name}${conditions ? ` ${conditions}` : ""}${scope}; ${humanize(f.kind)}, as of ${f.as_of.value}.${derived} Sources: ${srcs(f.sources, `${origin}/v1/figures/${f.id}`)}.`,
      );
    }
    out.push("");
  }

  const budgets = own(page.budgets);
  if (budgets.length) {
    out.push("### Budgets", "");
    for (const b of budgets) {
      const limits = b.limits.map((l) => `${humanize(l.metric)} ≤ ${l.max} ${l.unit}`).join(", ");
      out.push(
        `- \`${b.id}\`: **${flat(b.name ?? "")}** by ${b.owner.name} for ${b.applies_to.name}: ${limits}. ${flat(b.description ?? "")} Sources: ${srcs(b.sources, `${origin}/v1/budgets/${b.id}`)}.`,
      );
    }
    out.push("");
  }

  const partnerships = own(page.partnerships);
  if (partnerships.length) {
    out.push("### Partnerships", "");
    for (const p of partnerships) {
      const link = withLang(`${origin}/partnerships/${p.id}`, lang);
      out.push(
        `#### ${p.parties[0].name} × ${p.parties[1].name}: ${flat(p.subject ?? "")} (${humanize(p.status)})`,
        "",
        `\`${p.id}\` <${link}>. ${flat(p.summary ?? "")} — Sources: ${srcs(p.sources, link)}.`,
        "",
        "History:",
        ...p.history.map(
          (h) => `- ${h.date.value}: ${humanize(h.status)}. ${flat(h.note ?? "")} (${srcs(h.sources, link)})`,
        ),
        ...(p.reasons.length
          ? ["", "Reasons:", ...p.reasons.map((r) => `- ${flat(r.text ?? "")} (${r.basis}; ${srcs(r.sources, link)})`)]
          : []),
        "",
      );
    }
  }

  const events = [...own(page.events)].sort((a, b) =>
    a.date.value < b.date.value ? -1 : a.date.value > b.date.value ? 1 : a.id < b.id ? -1 : 1,
  );
  if (events.length) {
    out.push("### Events", "");
    for (const e of events) {
      out.push(
        `- ${e.date.value} \`${e.id}\`: **${flat(e.title ?? "")}**. ${flat(e.description ?? "")} Participants: ${e.participants.map((x) => x.name).join(", ")}. Sources: ${srcs(e.sources, `${origin}/v1/events/${e.id}`)}.`,
      );
    }
    out.push("");
  }

  const facts = own(page.facts);
  if (facts.length) {
    out.push("### Facts", "");
    for (const f of facts) {
      const citation = page.cite(flat(f.text ?? ""), withLang(`${origin}/facts/${f.id}`, lang), f.sources);
      out.push(`- (${f.status}) ${flat(citation.text)}`);
    }
    out.push("");
  }
  return out;
}

/** An entity's line: its name, its names in the other languages and its aliases, its own relations, its page. */
function entityLine(input: Input, { doc: e, relations }: EntityEntry): string {
  const { origin, lang } = input;
  const name = e.name ?? "";
  const names = LANGS.map((l) => e.names[l]).filter((n): n is string => Boolean(n) && n !== name);
  const also = [...new Set([...names, ...e.aliases.map((a) => a.text)])];
  const own = relations.filter((r) => r.direction === "outgoing").map((r) => `${humanize(r.type)} ${r.other.name}`);
  return `- **${flat(name)}** (\`${e.id}\`, ${e.type}): ${flat(e.description ?? "")}${also.length ? ` Also: ${also.join(", ")}.` : ""}${own.length ? ` Relations: ${own.join("; ")}.` : ""} <${withLang(`${origin}/entities/${e.id}`, lang)}>`;
}
