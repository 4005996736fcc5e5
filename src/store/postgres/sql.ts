import type { z } from 'zod';
import { BotError } from '../../errors/index.js';

/** Runs one statement: the pool (outside a unit of work) or the unit of work's connection. */
export type Sql = <R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: readonly unknown[]) => Promise<R[]>;

/** A row's document read back through the record's schema: a row the code cannot read stops loudly. */
export function parseDoc<S extends z.ZodTypeAny>(schema: S, doc: unknown, table: string): z.infer<S> {
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BotError('STORE_CORRUPT', `En rad i tabellen ${table} har fel form vid ${issue.path.join('.') || '(roten)'}: ${issue.message}.`);
  }
  return parsed.data as z.infer<S>;
}

/** The documents of the rows, each read through the schema. */
export function docs<S extends z.ZodTypeAny>(schema: S, rows: ReadonlyArray<{ doc?: unknown }>, table: string): Array<z.infer<S>> {
  return rows.map((row) => parseDoc(schema, row.doc, table));
}

/** JSON for a jsonb parameter. */
export const json = (value: unknown): string => JSON.stringify(value);
