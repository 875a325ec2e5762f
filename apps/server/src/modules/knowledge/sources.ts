import { desc, eq } from 'drizzle-orm';
import {
  createSourceInput,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_PAGES,
  updateSourceInput,
} from '@switchboard/contract/knowledge';
import type { z } from 'zod';
import { ConflictError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enqueue } from '../../platform/jobs';
import { rootLogger } from '../../platform/log';
import { fileStorage } from '../../platform/storage';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { knowledgeScopeOf, limitedAgents } from '../agents';
import { ingestJob } from './jobs';
import { knowledgeSources, tsConfigFor, type SourceRow } from './schema';
import {
  assertMayAddSource,
  assertSourceReadable,
  assertSourceWritable,
  readableSource,
  sourceNotFound,
} from './scope';
import { embeddedCounts, sourceSearch, type SourceSearch } from './source-search';
import { hasVectorColumn } from './vector-support';
import { assertWithinLimit } from '../plans';

/** What the API shows of a source (never its storage key or stored text). */
export interface SourceView {
  id: string;
  kind: SourceRow['kind'];
  title: string;
  status: SourceRow['status'];
  stage: string | null;
  progress: number;
  error: string | null;
  /** Failed, and a retry could succeed. */
  retryable: boolean;
  url: string | null;
  file: { name: string; size: number; type: string } | null;
  chunkCount: number;
  tokenCount: number;
  /** PostgreSQL text-search configuration its text is indexed with (english, spanish, simple…). */
  searchConfig: string;
  syncIntervalHours: number | null;
  lastSyncedAt: Date | null;
  nextSyncAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  search: SourceSearch;
}

/** Sources as the API shows them, with how each is searched (one count query for all of them). */
async function viewsOf(tx: Tx, rows: SourceRow[]): Promise<SourceView[]> {
  const counts = await embeddedCounts(tx, rows.length === 1 ? [rows[0]!.id] : null);
  const vectors = await hasVectorColumn(tx);
  return rows.map((row) => sourceView(row, sourceSearch(row, counts.get(row.id) ?? 0, vectors)));
}

const viewOf = async (tx: Tx, row: SourceRow): Promise<SourceView> => (await viewsOf(tx, [row]))[0]!;

export function sourceView(row: SourceRow, search: SourceSearch): SourceView {
  const url = typeof row.config.url === 'string' ? row.config.url : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    error: row.error,
    retryable: row.status === 'failed' && !row.errorFinal,
    url,
    file: row.file ? { name: row.file.name, size: row.file.size, type: row.file.type } : null,
    chunkCount: row.chunkCount,
    tokenCount: row.tokenCount,
    searchConfig: row.tsConfig,
    syncIntervalHours: row.syncIntervalHours,
    lastSyncedAt: row.lastSyncedAt,
    nextSyncAt: row.nextSyncAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    search,
  };
}

export interface SourceLimits {
  /** KNOWLEDGE_MAX_CRAWL_PAGES. */
  maxCrawlPages: number;
}

const createdBy = (ctx: ServiceContext) => (ctx.actor.type === 'user' ? ctx.actor.userId : null);
const nextSync = (hours: number | null | undefined) => (hours ? new Date(Date.now() + hours * 3_600_000) : null);

/** A source the actor may read (`write`: and change); a limited key's scope decides (see scope.ts). */
async function load(tx: Tx, ctx: ServiceContext, id: string, access: 'read' | 'write'): Promise<SourceRow> {
  const query = tx.db.select().from(knowledgeSources).where(eq(knowledgeSources.id, id));
  const [row] = access === 'write' ? await query.for('update') : await query;
  if (!row) throw sourceNotFound(id);
  const scope = await knowledgeScopeOf(tx, ctx);
  if (access === 'write') assertSourceWritable(scope, id);
  else assertSourceReadable(scope, id);
  return row;
}

export async function listSources(ctx: ServiceContext): Promise<SourceView[]> {
  assertCan(ctx, 'knowledge.read');
  return withTenant(ctx, async (tx) => {
    const rows = await tx.db
      .select()
      .from(knowledgeSources)
      .orderBy(desc(knowledgeSources.createdAt), desc(knowledgeSources.id));
    const scope = await knowledgeScopeOf(tx, ctx);
    return viewsOf(
      tx,
      rows.filter((row) => readableSource(scope, row.id)),
    );
  });
}

export async function getSource(ctx: ServiceContext, id: string): Promise<SourceView> {
  assertCan(ctx, 'knowledge.read');
  return withTenant(ctx, async (tx) => viewOf(tx, await load(tx, ctx, id, 'read')));
}

/** Refuses early (before an upload is read) what insertSource would refuse: see assertMayAddSource. */
export async function assertMayAddSources(ctx: ServiceContext): Promise<void> {
  assertCan(ctx, 'knowledge.write');
  if (limitedAgents(ctx)) assertMayAddSource(await withTenant(ctx, (tx) => knowledgeScopeOf(tx, ctx)));
}

/** A page, a site or pasted text: saved as pending, the ingestion job does the rest. */
export async function createSource(
  ctx: ServiceContext,
  input: z.input<typeof createSourceInput>,
  limits: SourceLimits = { maxCrawlPages: 500 },
): Promise<SourceView> {
  assertCan(ctx, 'knowledge.write');
  const data = createSourceInput.parse(input);
  let config: Record<string, unknown>;
  let sourceTitle: string;
  if (data.kind === 'text') {
    config = { text: data.text };
    sourceTitle = data.title;
  } else {
    sourceTitle = data.title ?? new URL(data.url).host + new URL(data.url).pathname.replace(/\/$/, '');
    // Without a title of its own, the source takes its page's title when ingested.
    config = { url: data.url, ...(data.title ? {} : { autoTitle: true }) };
    if (data.kind === 'website') {
      const maxPages = data.maxPages ?? Math.min(DEFAULT_MAX_PAGES, limits.maxCrawlPages);
      if (maxPages > limits.maxCrawlPages) {
        throw new ValidationError(`A website source crawls at most ${limits.maxCrawlPages} pages.`, [
          { path: 'maxPages', message: `At most ${limits.maxCrawlPages}` },
        ]);
      }
      config = { ...config, maxPages, maxDepth: data.maxDepth ?? DEFAULT_MAX_DEPTH };
    }
  }
  const interval = data.kind === 'text' ? null : (data.syncIntervalHours ?? null);
  return insertSource(ctx, {
    kind: data.kind,
    title: sourceTitle,
    config,
    file: null,
    syncIntervalHours: interval,
    id: newId('src'),
    tsConfig: tsConfigFor(data.language ?? 'en'),
  });
}

export async function insertSource(
  ctx: ServiceContext,
  values: Pick<SourceRow, 'id' | 'kind' | 'title' | 'config' | 'file' | 'syncIntervalHours' | 'tsConfig'>,
): Promise<SourceView> {
  return withTenant(ctx, async (tx) => {
    assertMayAddSource(await knowledgeScopeOf(tx, ctx));
    await assertWithinLimit(tx, ctx, 'knowledgeSources');
    if (values.file) await assertWithinLimit(tx, ctx, 'storedBytes', values.file.size);
    const [row] = await tx.db
      .insert(knowledgeSources)
      .values({
        ...values,
        tenantId: ctx.tenantId,
        status: 'pending',
        stage: null,
        progress: 0,
        createdBy: createdBy(ctx),
      })
      .returning();
    await enqueue(tx, ingestJob, { tenantId: ctx.tenantId, sourceId: values.id, sync: false });
    return viewOf(tx, row!);
  });
}

export async function updateSource(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof updateSourceInput>,
): Promise<SourceView> {
  assertCan(ctx, 'knowledge.write');
  const data = updateSourceInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const row = await load(tx, ctx, id, 'write');
    const changes: Partial<SourceRow> = { updatedAt: new Date() };
    if (data.title !== undefined) changes.title = data.title;
    if (data.syncIntervalHours !== undefined) {
      if (data.syncIntervalHours !== null && row.kind !== 'url' && row.kind !== 'website') {
        throw new ValidationError('Only page and website sources sync on a schedule.', [
          { path: 'syncIntervalHours', message: 'Not for this kind of source' },
        ]);
      }
      changes.syncIntervalHours = data.syncIntervalHours;
      // The next sync counts from the last one (or from now, for a source never synced).
      const from = row.lastSyncedAt ?? new Date();
      changes.nextSyncAt = data.syncIntervalHours
        ? new Date(Math.max(Date.now(), from.getTime() + data.syncIntervalHours * 3_600_000))
        : null;
    }
    const [updated] = await tx.db.update(knowledgeSources).set(changes).where(eq(knowledgeSources.id, id)).returning();
    return viewOf(tx, updated!);
  });
}

/** Removes a source, its chunks (foreign-key cascade) and its stored file. */
export async function deleteSource(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'knowledge.write');
  const row = await withTenant(ctx, async (tx) => {
    const source = await load(tx, ctx, id, 'write');
    if (source.kind === 'qa')
      throw new ConflictError('The Q&A source holds your curated answers; delete the answers instead.', 'qa_source');
    await tx.db.delete(knowledgeSources).where(eq(knowledgeSources.id, id));
    return source;
  });
  // The row is gone already: a storage hiccup here leaves an orphaned file to log, not a failed request.
  if (row.file)
    await fileStorage()
      .delete(row.file.storageKey)
      .catch((error: unknown) => rootLogger().warn({ err: error, sourceId: id }, 'stored file not deleted'));
}

/** A failed source back to pending, with a new ingestion job. */
export async function retrySource(ctx: ServiceContext, id: string): Promise<SourceView> {
  assertCan(ctx, 'knowledge.write');
  return withTenant(ctx, async (tx) => {
    const row = await load(tx, ctx, id, 'write');
    if (row.status !== 'failed') throw new ConflictError('Only a failed source can be retried.', 'not_failed');
    if (row.errorFinal)
      throw new ConflictError(
        'Retrying cannot fix this file: upload a different one (for a scanned PDF, one with text).',
        'not_retryable',
      );
    const [updated] = await tx.db
      .update(knowledgeSources)
      .set({ status: 'pending', stage: null, progress: 0, error: null, updatedAt: new Date() })
      .where(eq(knowledgeSources.id, id))
      .returning();
    await enqueue(tx, ingestJob, { tenantId: ctx.tenantId, sourceId: id, sync: false });
    return viewOf(tx, updated!);
  });
}

/**
 * Fetches a page or site again now. A source that was ready stays ready (and searchable)
 * while it syncs; its stage and progress show the work. Unchanged content is not re-chunked.
 */
export async function syncSource(ctx: ServiceContext, id: string): Promise<SourceView> {
  assertCan(ctx, 'knowledge.write');
  return withTenant(ctx, async (tx) => {
    const row = await load(tx, ctx, id, 'write');
    if (row.kind !== 'url' && row.kind !== 'website')
      throw new ConflictError('Only page and website sources can be synced.', 'not_syncable');
    if (row.status === 'pending' || row.status === 'processing' || row.stage === 'queued') return viewOf(tx, row);
    const sync = row.status === 'ready';
    const [updated] = await tx.db
      .update(knowledgeSources)
      .set(
        sync
          ? { stage: 'queued', progress: 0, nextSyncAt: nextSync(row.syncIntervalHours), updatedAt: new Date() }
          : { status: 'pending', stage: null, progress: 0, error: null, updatedAt: new Date() },
      )
      .where(eq(knowledgeSources.id, id))
      .returning();
    await enqueue(tx, ingestJob, { tenantId: ctx.tenantId, sourceId: id, sync });
    return viewOf(tx, updated!);
  });
}
