import type { Context } from "hono";
import { evaluate } from "../dataset/formula";
import type { AppEnv } from "../env";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import { type FigureRow, figuresByIds, inputsOf } from "../queries/figures";
import { citationsOf } from "../queries/sources";
import { entityRef } from "./entities";

type InputRow = Awaited<ReturnType<typeof inputsOf>>[number];

export function presentFigure(c: Context<AppEnv>, row: FigureRow, inputs: InputRow[], sources: string[]) {
  const l = new Localizer(c.get("lang"));
  const derivation =
    row.formula === null
      ? null
      : {
          formula: row.formula,
          inputs: inputs.map((i) => ({ name: i.name, figure: i.inputId, value: i.value, unit: i.unit })),
          computed: evaluate(row.formula, Object.fromEntries(inputs.map((i) => [i.name, i.value]))),
          tolerance: row.tolerance ?? 0,
        };
  return {
    id: row.id,
    metric: row.metric,
    subject: {
      ...entityRef(c, l, "subject.name", { id: row.subjectId, type: row.subjectType, name: row.subjectName }),
      type: row.subjectType,
    },
    value: row.value,
    unit: row.unit,
    display: l.text("display", row.display),
    kind: row.kind,
    conditions: {
      device:
        row.deviceId && row.deviceType && row.deviceName
          ? {
              ...entityRef(c, l, "conditions.device.name", {
                id: row.deviceId,
                type: row.deviceType,
                name: row.deviceName,
              }),
              type: row.deviceType,
            }
          : null,
      precision: row.precision,
      scope: l.text("conditions.scope", row.scope),
    },
    as_of: { value: row.asOf, precision: row.asOfPrecision, certainty: row.asOfCertainty, phrase: null },
    quote: row.quote,
    derivation,
    note: l.text("note", row.note),
    sources,
    story: row.storyId,
    href: absolute(c, `/v1/figures/${row.id}`),
    fallback: l.fallback,
  };
}

export type FigureOut = ReturnType<typeof presentFigure>;

/** Presents a page of figure rows: two queries (derivation inputs, citations) whatever the page size. */
export async function presentFigures(c: Context<AppEnv>, rows: FigureRow[]): Promise<FigureOut[]> {
  if (rows.length === 0) return [];
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const derived = rows.filter((r) => r.formula !== null).map((r) => r.id);
  const [inputs, cites] = await Promise.all([
    derived.length ? inputsOf(db, release, derived) : Promise.resolve([] as InputRow[]),
    citationsOf(db, release, "figure", ids),
  ]);
  return rows.map((row) =>
    presentFigure(
      c,
      row,
      inputs.filter((i) => i.figureId === row.id),
      cites.get(row.id) ?? [],
    ),
  );
}

/** Full figure records for `included.figures`: three queries whatever the number of ids. */
export async function loadFigures(c: Context<AppEnv>, ids: Iterable<string>) {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return [];
  return presentFigures(c, await figuresByIds(c.get("db"), c.get("release").version, unique));
}

/** The entities a figure refers to (subject and device), for `include=entities`. */
export const figureEntityIds = (f: FigureOut) => [
  f.subject.id,
  ...(f.conditions.device ? [f.conditions.device.id] : []),
];
