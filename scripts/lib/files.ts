/** Reads the curated dataset from data/ (Node only). */
import { readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { DATASET_KINDS, type DatasetKind } from "../../src/dataset/schema";
import { validateDataset, type ValidationResult } from "../../src/dataset/validate";

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
      files[kind] = parse(readFileSync(path, "utf8"), { prettyErrors: true });
    } catch (err) {
      throw new DatasetFileError(`data/${kind}.yaml: ${(err as Error).message}`);
    }
  }
  return files;
}

export const readArticle = () => readFileSync(ARTICLE_PATH, "utf8");

export function loadDataset(dir?: string): ValidationResult {
  return validateDataset(readDatasetFiles(dir), readArticle());
}
