import { withPlatform } from './tenancy';

/**
 * The address the last server of this installation served, kept in the database. Without
 * APP_URL or PORT, a process that serves nothing (a CLI command, a worker) uses it for the
 * links it prints and mails, instead of guessing the default port.
 */
export async function recordServedUrl(url: string): Promise<void> {
  await withPlatform((tx) =>
    tx.query(
      `INSERT INTO platform_settings (key, value) VALUES ('served_url', to_jsonb($1::text))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [url],
    ),
  );
}

export async function lastServedUrl(): Promise<string | null> {
  const { rows } = await withPlatform((tx) =>
    tx.query<{ url: string }>(`SELECT value #>> '{}' AS url FROM platform_settings WHERE key = 'served_url'`),
  );
  return rows[0]?.url ?? null;
}
