import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { getDatabase } from '../db/current';
import { ensurePrepared, executeSql, resultsOf, type PreparedCall } from './batched';

/** A transaction as services see it. Row-level security applies to everything run here. */
export interface Tx {
  readonly kind: 'tenant' | 'platform';
  /** The tenant this transaction is pinned to; null for platform transactions. */
  readonly tenantId: string | null;
  /** Drizzle bound to this transaction's connection. */
  readonly db: NodePgDatabase;
  query<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /**
   * A query as a named prepared statement: parsed once per connection, and planned once when a
   * generic plan serves (PostgreSQL decides after five runs). For hot statements whose text is
   * fixed: on a chat turn's path parse and plan were most of a statement's server time. One
   * name, one text, always.
   */
  prepared<R extends pg.QueryResultRow = Record<string, unknown>>(
    name: string,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /**
   * Hot statements and the transaction's COMMIT in one round trip (see batched.ts); one result
   * per call. It ends the transaction: the caller returns without running anything else in it.
   * In a joined call (which does not own the transaction) they run one by one, uncommitted.
   */
  batchWithCommit(calls: PreparedCall[]): Promise<pg.QueryResult[]>;
  /** batchWithCommit of one statement. */
  preparedWithCommit<R extends pg.QueryResultRow = Record<string, unknown>>(
    name: string,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /** Runs after COMMIT (never after a rollback); failures are logged, not thrown. */
  afterCommit(fn: () => unknown): void;
}

interface TxState extends Tx {
  readonly client: pg.PoolClient;
  readonly role: string;
  readonly hooks: Array<() => unknown>;
  /** Set once a statement was sent with the COMMIT: nothing more may run in this transaction. */
  committed: boolean;
  /** How many joined (nested, same scope) calls are running in it. */
  joined: number;
}

const active = new AsyncLocalStorage<TxState>();
let hookErrorReporter: (error: unknown) => void = () => undefined;

export function onAfterCommitError(report: (error: unknown) => void): void {
  hookErrorReporter = report;
}

/**
 * Runs `fn` outside the caller's transaction context (fire-and-forget work such as security
 * logging, which must not join — or, on one embedded connection, wait inside — a transaction).
 */
export function detachedFromTransaction<T>(fn: () => T): T {
  return active.exit(fn);
}

/** The transaction the caller is inside of, if any. */
export function currentTransaction(): Tx | undefined {
  return active.getStore();
}

/**
 * Runs `fn` in one transaction whose first statements (`setup`, sent in the same round trip
 * as BEGIN) switch to a restricted role. Nested calls for the same scope join the outer
 * transaction; any other nesting is a bug (with the embedded single connection it would
 * also deadlock), so it throws.
 */
export async function runTransaction<T>(
  scope: { kind: 'tenant' | 'platform'; tenantId: string | null; role: string; setup: string },
  fn: (tx: Tx, first: pg.QueryResult | null) => Promise<T>,
  /**
   * A statement to run first, sent with BEGIN and the setup in one round trip: SQL without
   * parameters, or a prepared call (see batched.ts). Its result is `fn`'s second argument.
   * In a joined call (no BEGIN to send it with) it runs on its own.
   */
  first?: string | PreparedCall,
): Promise<T> {
  const outer = active.getStore();
  if (outer) {
    if (outer.kind === scope.kind && outer.tenantId === scope.tenantId) {
      // A joined call does not own the transaction: its final statement must not commit it.
      outer.joined += 1;
      try {
        const joinedFirst =
          typeof first === 'string'
            ? await outer.query(first)
            : first
              ? await outer.prepared(first.name, first.text, first.values)
              : null;
        return await fn(outer, joinedFirst);
      } finally {
        outer.joined -= 1;
      }
    }
    throw new Error(
      `Cannot open a ${scope.kind} transaction inside a ${outer.kind} transaction` +
        (outer.tenantId ? ` for tenant ${outer.tenantId}` : ''),
    );
  }
  const client = await getDatabase().pool.connect();
  let broken = false;
  try {
    if (first && typeof first !== 'string') await ensurePrepared(client, [first]);
    const firstSql = typeof first === 'string' ? ` ${first}` : first ? ` ${executeSql(first)}` : '';
    const begun = resultsOf(await client.query(`BEGIN; ${scope.setup}${firstSql}`));
    const firstResult = first ? begun[begun.length - 1]! : null;
    const open = () => {
      if (state.committed)
        throw new Error('This transaction was committed with its final statement; nothing more can run in it.');
    };
    const state: TxState = {
      kind: scope.kind,
      tenantId: scope.tenantId,
      role: scope.role,
      client,
      hooks: [],
      committed: false,
      joined: 0,
      // Drizzle uses only the client's query(); this one refuses once the transaction is over, so a
      // stray statement after the final one cannot run outside it (as the connecting role, past RLS).
      db: drizzle({
        client: {
          query: (...args: Parameters<pg.PoolClient['query']>) => (open(), client.query(...args)),
        } as unknown as pg.PoolClient,
      }),
      query: (text, values) => (open(), client.query(text, values as unknown[])),
      prepared: (name, text, values) => (open(), client.query({ name, text, values })),
      async batchWithCommit(calls) {
        open();
        if (state.joined > 0)
          return Promise.all(
            calls.map((call) => client.query({ name: call.name, text: call.text, values: call.values })),
          );
        await ensurePrepared(client, calls);
        const results = resultsOf(await client.query(`${calls.map(executeSql).join('\n')}\nCOMMIT`));
        state.committed = true;
        return results.slice(0, calls.length);
      },
      async preparedWithCommit<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) {
        const [result] = await state.batchWithCommit([{ name, text, values }]);
        return result as pg.QueryResult<R>;
      },
      afterCommit(hook) {
        state.hooks.push(hook);
      },
    };
    let result: T;
    try {
      result = await active.run(state, () => fn(state, firstResult));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    }
    if (!state.committed) await client.query('COMMIT');
    for (const hook of state.hooks) {
      try {
        await hook();
      } catch (error) {
        hookErrorReporter(error);
      }
    }
    return result;
  } catch (error) {
    if (isConnectionError(error)) broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === '57P01';
}

/**
 * For platform internals only (job enqueue): run one call as the connecting role inside
 * the current transaction, then restore the restricted role.
 */
export async function asOwnerWithin<T>(tx: Tx, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const state = tx as TxState;
  await state.client.query('SET LOCAL ROLE NONE');
  try {
    return await fn(state.client);
  } finally {
    await state.client.query(`SET LOCAL ROLE ${state.role}`);
  }
}
