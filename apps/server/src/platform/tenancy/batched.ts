import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { prepareValue } from 'pg/lib/utils.js';

/**
 * Statements batched into one round trip with BEGIN or COMMIT. node-postgres sends one query
 * at a time, and parameters only in the extended protocol (one statement per message); the
 * simple protocol takes several statements in one message, but no parameters. So a batched
 * statement is PREPAREd at the SQL level once per connection (it keeps its plan, like a named
 * protocol statement) and run as `EXECUTE name(literal, …)` in the batch, each value
 * serialised the way the driver serialises parameters (prepareValue) and quoted with the
 * driver's escapeLiteral. When one fails, the rest of the batch is skipped and the
 * transaction is aborted: the caller's error path rolls back as for any statement.
 */
export interface PreparedCall {
  /** Lower-case identifier; one name, one text, always. */
  name: string;
  text: string;
  values: unknown[];
}

const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();
const NAME = /^[a-z_][a-z0-9_]*$/;

/** One value as a SQL literal: NULL, or the parameter text, quoted. */
export function sqlLiteral(value: unknown): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return 'NULL';
  if (typeof text !== 'string') throw new TypeError('Binary values cannot be batched; use a parameterised statement.');
  return pg.escapeLiteral(text);
}

// A namespace apart from the driver's protocol-level statements of the same name.
const sqlName = (call: PreparedCall) => {
  if (!NAME.test(call.name)) throw new Error(`Not a statement name: ${call.name}`);
  return `sb_${call.name}`;
};

/**
 * PREPAREs what this connection has not prepared yet, one round trip each, the first time only:
 * a prepared statement outlives a rollback, so it is known to exist once PREPARE succeeded.
 */
export async function ensurePrepared(client: pg.ClientBase, calls: PreparedCall[]): Promise<void> {
  let names = preparedOn.get(client);
  if (!names) preparedOn.set(client, (names = new Set()));
  for (const call of calls) {
    const name = sqlName(call);
    if (names.has(name)) continue;
    await client.query(`PREPARE ${name} AS ${call.text}`);
    names.add(name);
  }
}

/** The EXECUTE statement of a call (its statement must be prepared on the connection). */
export function executeSql(call: PreparedCall): string {
  const name = sqlName(call);
  return call.values.length ? `EXECUTE ${name}(${call.values.map(sqlLiteral).join(', ')});` : `EXECUTE ${name};`;
}

/** Results of a multi-statement simple query, one per statement (a single one comes alone). */
export const resultsOf = (result: pg.QueryResult | pg.QueryResult[]): pg.QueryResult[] =>
  Array.isArray(result) ? result : [result];

/** A statement's result as services see it (they do not import the driver). */
export type StatementResult = pg.QueryResult;

const dialect = new PgDialect();

/** A call from SQL built with Drizzle's `sql` template (its text is fixed for a given shape). */
export function preparedCall(name: string, query: SQL): PreparedCall {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { name, text, values: params };
}
