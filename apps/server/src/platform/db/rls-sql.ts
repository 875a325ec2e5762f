import { APP_ROLE, PLATFORM_ROLE, TENANT_SETTING } from './roles';

/**
 * SQL for a tenant table: RLS enabled and forced (the owner too), one policy for the
 * application role whose USING and WITH CHECK are the same tenant predicate, and an
 * explicit policy for the platform role. The catalog test checks every table for this.
 */
export function tenantTableSql(table: string): string {
  const predicate = `tenant_id = current_setting('${TENANT_SETTING}', true)`;
  return `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${table} AS PERMISSIVE FOR ALL TO ${APP_ROLE}
  USING (${predicate}) WITH CHECK (${predicate});
CREATE POLICY platform_access ON ${table} AS PERMISSIVE FOR ALL TO ${PLATFORM_ROLE}
  USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}, ${PLATFORM_ROLE};
`;
}

/** SQL for a platform table: the platform role only; the application role gets nothing. */
export function platformTableSql(table: string): string {
  return `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${PLATFORM_ROLE};\n`;
}

/** Creates a role if missing; roles are cluster-wide, so parallel databases may race. */
export function createRoleSql(role: string, options = 'NOLOGIN NOBYPASSRLS NOINHERIT'): string {
  return `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} ${options};
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT ${role} TO %I', current_user);
  END IF;
END $$;
`;
}
