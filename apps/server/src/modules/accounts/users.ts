import { eq, inArray } from 'drizzle-orm';
import { withPlatform } from '../../platform/tenancy';
import { users } from './schema';

/** What other modules may know of a person: never credentials. */
export interface UserCard {
  id: string;
  email: string;
  name: string;
  image: string | null;
}

const card = { id: users.id, email: users.email, name: users.name, image: users.image };

export async function findUsersByIds(ids: string[]): Promise<Map<string, UserCard>> {
  if (!ids.length) return new Map();
  const rows = await withPlatform((tx) =>
    tx.db
      .select(card)
      .from(users)
      .where(inArray(users.id, [...new Set(ids)])),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export async function findUserByEmail(email: string): Promise<UserCard | null> {
  const [row] = await withPlatform((tx) =>
    tx.db.select(card).from(users).where(eq(users.email, email.trim().toLowerCase())),
  );
  return row ?? null;
}
