import { findUsersByIds, type UserCard } from '../accounts';

/**
 * Members' names and pictures for what visitors and the inbox are shown ("Ana joined"),
 * cached a minute per process: every open stream rebuilds its status on every change, and a
 * name is not worth a query each time.
 */
const TTL_MS = 60_000;
const cache = new Map<string, { card: UserCard | null; at: number }>();

export async function peopleByIds(ids: readonly (string | null | undefined)[]): Promise<Map<string, UserCard>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const now = Date.now();
  const missing = wanted.filter((id) => (cache.get(id)?.at ?? 0) < now - TTL_MS);
  if (missing.length) {
    const found = await findUsersByIds(missing);
    for (const id of missing) cache.set(id, { card: found.get(id) ?? null, at: now });
    if (cache.size > 5_000) for (const [id, entry] of cache) if (entry.at < now - TTL_MS) cache.delete(id);
  }
  const out = new Map<string, UserCard>();
  for (const id of wanted) {
    const card = cache.get(id)?.card;
    if (card) out.set(id, card);
  }
  return out;
}

/** The public face of a member: a name (never the email) and a picture. */
export interface PersonView {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export function personView(card: UserCard): PersonView {
  return { id: card.id, name: card.name || card.email.split('@')[0]!, avatarUrl: card.image };
}
