import pg from 'pg';
import { prepareValue } from 'pg/lib/utils.js';

/**
 * A statement sent together with COMMIT, in one round trip. node-postgres sends one query at a
 * time and parameters only in the extended protocol, one statement per message; the simple
 * protocol takes several statements in one message but no parameters. So the statement is
 * PREPAREd at the SQL level once per connection (it keeps its plan, like a named protocol
 * statement) and run as `EXECUTE name(literal, …); COMMIT`, each value serialised the way the
 * driver serialises parameters (prepareValue) and quoted with the driver's escapeLiteral.
 * When it fails, the rest of the batch (the COMMIT) is skipped and the caller's error path
 * rolls back as for any statement.
 */
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

/** One value as a SQL literal: NULL, or the parameter text, quoted. */
export function sqlLiteral(value: unknown): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return 'NULL';
  if (typeof text !== 'string') throw new TypeError('Binary values cannot be sent with COMMIT; use a parameterised statement.');
  return pg.escapeLiteral(text);
}

const NAME = /^[a-z_][a-z0-9_]*$/;

export async function executeWithCommit<R extends pg.QueryResultRow>(client: pg.ClientBase, name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  if (!NAME.test(name)) throw new Error(`Not a statement name: ${name}`);
  let names = preparedOn.get(client);
  if (!names) preparedOn.set(client, (names = new Set()));
  // A distinct namespace from the driver's protocol-level statements of the same name.
  const sqlName = `sb_${name}`;
  if (!names.has(sqlName)) {
    // On its own the first time: a prepared statement outlives a rollback, so it is known to
    // exist only once this has succeeded.
    await client.query(`PREPARE ${sqlName} AS ${text}`);
    names.add(sqlName);
  }
  const execute = values.length ? `EXECUTE ${sqlName}(${values.map(sqlLiteral).join(', ')})` : `EXECUTE ${sqlName}`;
  const [result] = (await client.query(`${execute};\nCOMMIT`)) as unknown as Array<pg.QueryResult<R>>;
  return result!;
}
