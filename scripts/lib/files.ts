/** Reads the curated dataset from data/ (Node only). */
import { readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CST, type Document, isScalar, parseDocument, visit } from "yaml";
import { DATASET_KINDS, type DatasetKind } from "../../src/dataset/schema";
import { isCjk, validateDataset, type ValidationResult } from "../../src/dataset/validate";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ARTICLE_PATH = join(ROOT, "data/article/gate-apple-alibaba-ai-alliance.ja.txt");

export class DatasetFileError extends Error {}

/** Parses every data/<kind>.yaml; a YAML syntax error names the file and line. */
export function readDatasetFiles(dir = join(ROOT, "data")): Partial<Record<DatasetKind, unknown>> {
  const files: Partial<Record<DatasetKind, unknown>> = {};
  for (const kind of DATASET_KINDS) {
    const path = join(dir, `${kind}.yaml`);
    if (!existsSync(path)) continue;
    try {
      files[kind] = parseDatasetYaml(readFileSync(path, "utf8"));
    } catch (err) {
      throw new DatasetFileError(`data/${kind}.yaml: ${(err as Error).message}`);
    }
  }
  return files;
}

/**
 * Keys whose values are Japanese or Chinese text: the ja/zh side of a localized text, and the article's own words
 * (`quote`, `phrase`).
 */
const CJK_TEXT_KEYS = new Set(["ja", "zh", "quote", "phrase"]);

/**
 * Parses one dataset file (YAML), with line folding that respects Japanese and Chinese.
 *
 * YAML folds a line break inside a folded (`>`) or multi-line flow scalar into a space, which is right for English
 * and wrong for Japanese and Chinese, written without spaces: `両社の共同開発は⏎中国の…` would read
 * `両社の共同開発は 中国の…`. So, for the values of CJK_TEXT_KEYS only, a line break whose last character before it
 * or first character after it is CJK text is joined without a space; each such value is then resolved again from
 * its source token with the yaml library's own scalar resolver, so escapes, chomping, blank lines and more-indented
 * lines keep their YAML meaning. Breaks between Latin words (`Apple⏎Intelligence`) still fold to a space, literal
 * (`|`) scalars keep their line breaks, and a space written on a line is kept: `data:check` reports it
 * (`space-between-cjk`) rather than the loader hiding it. A YAML error throws, as `yaml.parse` does.
 */
export function parseDatasetYaml(source: string): unknown {
  const doc = parseDocument(source, { prettyErrors: true, keepSourceTokens: true });
  for (const warning of doc.warnings) console.warn(warning.message);
  if (doc.errors.length > 0) throw doc.errors[0];
  unfoldCjk(doc);
  return doc.toJS();
}

function unfoldCjk(doc: Document) {
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !CJK_TEXT_KEYS.has(String(pair.key.value))) return;
      const node = pair.value;
      if (!isScalar(node) || typeof node.value !== "string") return;
      const token = node.srcToken;
      if (!token || !isScalarToken(token) || !token.source.includes("\n")) return;
      let joined: string | undefined;
      if (token.type === "block-scalar") {
        const props = token.props.find((p) => p.type === "block-scalar-header");
        const header = props && "source" in props ? props.source : "";
        // Literal scalars keep their breaks; an explicit indentation indicator is rare enough to leave alone.
        if (header.startsWith(">") && !/\d/.test(header)) joined = joinFoldedBlock(token.source);
      } else {
        joined = joinFlowLines(token.source);
      }
      if (joined === undefined || joined === token.source) return;
      const resolved = CST.resolveAsScalar({ ...token, source: joined });
      if (resolved) node.value = resolved.value;
    },
  });
}

const isScalarToken = (token: CST.Token): token is CST.FlowScalar | CST.BlockScalar =>
  token.type === "scalar" ||
  token.type === "single-quoted-scalar" ||
  token.type === "double-quoted-scalar" ||
  token.type === "block-scalar";

const lastChar = (s: string) => Array.from(s).at(-1);
const firstChar = (s: string) => Array.from(s)[0];

/** Joins the lines of a folded block scalar's body where a fold would put a space beside CJK text. */
function joinFoldedBlock(body: string): string {
  const lines = body.split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  if (indents.length === 0) return body;
  const indent = Math.min(...indents);
  /** A line that folds: not empty, and not more-indented (more-indented lines keep their breaks). */
  const folds = (l: string | undefined) => l !== undefined && l.trim() !== "" && !/^\s/.test(l.slice(indent));
  for (let i = 0; i < lines.length - 1; ) {
    const line = lines[i] as string;
    const next = lines[i + 1];
    if (folds(line) && folds(next) && (isCjk(lastChar(line)) || isCjk(firstChar((next as string).slice(indent))))) {
      lines.splice(i, 2, line + (next as string).slice(indent));
    } else {
      i++;
    }
  }
  return lines.join("\n");
}

/**
 * Joins the lines of a multi-line plain or quoted scalar where a fold would put a space beside CJK text: a single
 * line break (blank lines stay paragraph breaks) with CJK text before or after it. An escaped line break (`\` at the
 * end of a double-quoted line) already folds to nothing and is left alone.
 */
function joinFlowLines(source: string): string {
  return source.replace(/(?<=(\S))[ \t]*\r?\n[ \t]*(?=(\S))/gu, (fold, before: string, after: string) =>
    before !== "\\" && (isCjk(before) || isCjk(after)) ? "" : fold,
  );
}

export const readArticle = () => readFileSync(ARTICLE_PATH, "utf8");

export function loadDataset(dir?: string): ValidationResult {
  return validateDataset(readDatasetFiles(dir), readArticle());
}
