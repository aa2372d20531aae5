import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { citations, entities, figureInputs, figures } from "../../schema";
import { after, type Db, inIds } from "./common";

const subject = alias(entities, "subject");
const device = alias(entities, "device");

const figureColumns = {
  id: figures.id,
  storyId: figures.storyId,
  metric: figures.metric,
  subjectId: figures.subjectId,
  subjectType: subject.type,
  subjectName: subject.name,
  value: figures.value,
  unit: figures.unit,
  display: figures.display,
  kind: figures.kind,
  deviceId: figures.deviceId,
  deviceType: device.type,
  deviceName: device.name,
  precision: figures.precision,
  scope: figures.scope,
  asOf: figures.asOf,
  asOfPrecision: figures.asOfPrecision,
  asOfCertainty: figures.asOfCertainty,
  quote: figures.quote,
  formula: figures.formula,
  tolerance: figures.tolerance,
  note: figures.note,
};

export type FigureRow = Awaited<ReturnType<typeof figuresByIds>>[number];
export type FigureFilters = {
  entity?: string;
  metric?: FigureRow["metric"];
  kind?: FigureRow["kind"];
  source?: string;
};

/** Figures with their subject's and device's name and type joined in: one query. */
function base(db: Db) {
  return db
    .select(figureColumns)
    .from(figures)
    .innerJoin(subject, and(eq(subject.release, figures.release), eq(subject.id, figures.subjectId)))
    .leftJoin(device, and(eq(device.release, figures.release), eq(device.id, figures.deviceId)));
}

export function listFigures(
  db: Db,
  release: string,
  f: FigureFilters & { cursor: (string | number)[] | null; limit: number },
) {
  return base(db)
    .where(
      and(
        eq(figures.release, release),
        f.entity ? eq(figures.subjectId, f.entity) : undefined,
        f.metric ? eq(figures.metric, f.metric) : undefined,
        f.kind ? eq(figures.kind, f.kind) : undefined,
        f.source
          ? sql`${figures.id} IN (SELECT ${citations.recordId} FROM ${citations} WHERE ${citations.release} = ${release} AND ${citations.recordKind} = 'figure' AND ${citations.sourceId} = ${f.source})`
          : undefined,
        after([figures.id], f.cursor),
      ),
    )
    .orderBy(asc(figures.id))
    .limit(f.limit + 1);
}

export function figuresByIds(db: Db, release: string, ids: readonly string[]) {
  return base(db)
    .where(and(eq(figures.release, release), inIds(figures.id, ids)))
    .orderBy(asc(figures.id));
}

export async function getFigure(db: Db, release: string, id: string) {
  const rows = await figuresByIds(db, release, [id]);
  return rows[0] ?? null;
}

/** Every figure about one entity (a model's figures for a budget check): one query. */
export function figuresOfSubject(db: Db, release: string, subjectId: string) {
  return base(db)
    .where(and(eq(figures.release, release), eq(figures.subjectId, subjectId)))
    .orderBy(asc(figures.id));
}

/** The named inputs of derived figures, with each input figure's value and unit: one query. */
export function inputsOf(db: Db, release: string, ids: readonly string[]) {
  return db
    .select({
      figureId: figureInputs.figureId,
      name: figureInputs.name,
      inputId: figureInputs.inputId,
      value: figures.value,
      unit: figures.unit,
    })
    .from(figureInputs)
    .innerJoin(figures, and(eq(figures.release, figureInputs.release), eq(figures.id, figureInputs.inputId)))
    .where(and(eq(figureInputs.release, release), inIds(figureInputs.figureId, ids)))
    .orderBy(asc(figureInputs.figureId), asc(figureInputs.name));
}

/** All figure ids of the release (for 404 suggestions). */
export async function allFigureIds(db: Db, release: string) {
  const rows = await db
    .select({ id: figures.id })
    .from(figures)
    .where(eq(figures.release, release))
    .orderBy(asc(figures.id));
  return rows.map((r) => r.id);
}
