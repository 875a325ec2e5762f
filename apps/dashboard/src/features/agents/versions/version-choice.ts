import type { Agent, VersionSummary } from '../agents-api';

/** "draft" or a version number, as kept in the address (`?from=1&to=draft`). */
export type Side = 'draft' | number;

export function parseSide(value: string | null): Side | null {
  if (value === 'draft') return 'draft';
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

/** What to compare when nothing is chosen: live against the draft when they differ, else the last two versions. */
export function defaultSides(agent: Agent, versions: VersionSummary[]): { from: Side; to: Side } | null {
  const live = agent.publishedVersion;
  if (live && agent.hasUnpublishedChanges) return { from: live, to: 'draft' };
  const [latest, previous] = versions;
  if (latest && previous) return { from: previous.version, to: latest.version };
  if (live) return { from: live, to: 'draft' };
  return null;
}

export const sideLabel = (side: Side, live: number | null) =>
  side === 'draft' ? 'Draft' : `Version ${side}${side === live ? ' (live)' : ''}`;
