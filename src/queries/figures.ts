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

export function figuresByIds(db: Db, release: string, ids: readonly string[]) {
  return base(db)
    .where(and(eq(figures.release, release), inIds(figures.id, ids)))
    .orderBy(asc(figures.id));
}
