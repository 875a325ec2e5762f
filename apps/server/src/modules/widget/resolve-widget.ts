import { and, eq } from 'drizzle-orm';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy';
import { agents, agentVersions } from '../agents';
import { facesByLanguage, type LocalizedFace } from '../chat';
import { describeTenant, getBillingRestriction, getTenantStatus, resolvePublicKey } from '../tenants';
import { readConfig, type WidgetConfig } from './config';
import { widgetSettings } from './schema';

export const PUBLIC_KEY = /^pk_[A-Za-z0-9]{32}$/;

/** What a publishable key stands for, with the published agent's face (name, greeting…). */
export interface ResolvedWidget {
  tenantId: string;
  agentId: string;
  publicKey: string;
  allowedOrigins: string[];
  config: WidgetConfig;
  agent: {
    name: string;
    avatarUrl: string | null;
    greeting: string;
    suggestedQuestions: string[];
    language: string;
    /** Greeting, suggestions and fallback in each widget language (see localizedFace). */
    faces: Record<string, LocalizedFace>;
    /** The widget languages the agent has its own greeting for. */
    translatedGreetings: string[];
    /** False when paused or never published: the widget says it is unavailable. */
    available: boolean;
  };
}

function unknownKey(publicKey: string): NotFoundError {
  const error = new NotFoundError('Widget', 'not_found', {
    table: 'widget_settings',
    column: 'public_key',
    id: publicKey,
  });
  error.message =
    'No chat has this key (it may have been replaced): copy the snippet again from Switchboard (Channels → Website widget).';
  return error;
}

/**
 * Resolves a publishable key: the platform registry names its workspace, and the workspace's
 * own row (read under its RLS) must hold the key, so a stale or planted registry row leads
 * nowhere. Unknown, rotated or deleted: 404; a suspended workspace: 403 workspace_suspended.
 */
export async function resolveWidget(publicKey: string): Promise<ResolvedWidget> {
  if (!PUBLIC_KEY.test(publicKey)) throw unknownKey(publicKey);
  const hit = cache.get(publicKey);
  const fresh = hit && Date.now() - hit.at < TTL_MS;
  if (!fresh && (unknownKeys.get(publicKey) ?? 0) > Date.now() - TTL_MS) throw unknownKey(publicKey);
  const tenantId = fresh ? hit.widget.tenantId : await resolvePublicKey(publicKey, 'widget');
  if (!tenantId) {
    remember(unknownKeys, publicKey, Date.now());
    throw unknownKey(publicKey);
  }
  const status = await getTenantStatus(tenantId);
  if (!status || status === 'deleting' || status === 'deleted') throw unknownKey(publicKey);
  if (status === 'suspended') {
    const reason = (await describeTenant(tenantId))?.suspendedReason;
    throw new ForbiddenError(`This workspace is suspended${reason ? `: ${reason}` : ''}.`, 'workspace_suspended');
  }
  if ((await getBillingRestriction(tenantId)) === 'widget_stopped') {
    throw new ForbiddenError(
      'Sorry, this chat is not available right now. Please reach the team another way; we apologise for the trouble.',
      'chat_unavailable',
    );
  }
  if (fresh) return hit.widget;
  const widget = await load(tenantId, publicKey);
  remember(cache, publicKey, { widget, at: Date.now() });
  return widget;
}

/**
 * Every widget call resolves its key, so the answer is kept for a few seconds: a change made
 * here is seen at once (forgetWidget), on other servers within TTL_MS, like a suspension.
 */
const TTL_MS = 5_000;
const cache = new Map<string, { widget: ResolvedWidget; at: number }>();
/**
 * Keys the registry does not hold, remembered as long: a page or widget hammered with one stale
 * or made-up key costs one read per TTL_MS, not one per request (fresh made-up keys are the
 * per-address limit's business). Keys are random, so none becomes valid while remembered.
 */
const unknownKeys = new Map<string, number>();

/** Bounded: the oldest entry goes first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > 10_000) map.delete(map.keys().next().value!);
}

export function forgetWidget(publicKey: string): void {
  cache.delete(publicKey);
  unknownKeys.delete(publicKey);
}

async function load(tenantId: string, publicKey: string): Promise<ResolvedWidget> {
  return withTenant({ tenantId }, async (tx) => {
    const [row] = await tx.db
      .select({ widget: widgetSettings, agent: agents })
      .from(widgetSettings)
      .innerJoin(agents, eq(agents.id, widgetSettings.agentId))
      .where(eq(widgetSettings.publicKey, publicKey));
    if (!row || row.agent.status === 'archived') throw unknownKey(publicKey);
    const { agent } = row;
    const [version] = agent.publishedVersion
      ? await tx.db
          .select({ config: agentVersions.config })
          .from(agentVersions)
          .where(and(eq(agentVersions.agentId, agent.id), eq(agentVersions.version, agent.publishedVersion)))
      : [];
    const face = version?.config ?? agent.draft;
    return {
      tenantId,
      agentId: agent.id,
      publicKey,
      allowedOrigins: row.widget.allowedOrigins,
      config: readConfig(row.widget.config),
      agent: {
        name: face.name,
        avatarUrl: face.avatarUrl,
        greeting: face.greeting,
        suggestedQuestions: face.suggestedQuestions,
        language: face.language,
        faces: facesByLanguage(face),
        translatedGreetings: Object.entries(face.translations ?? {}).flatMap(([lang, texts]) =>
          texts?.greeting ? [lang] : [],
        ),
        available: agent.status === 'active' && Boolean(version),
      },
    };
  });
}
