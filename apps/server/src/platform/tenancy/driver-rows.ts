import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Drizzle's row shape from a raw driver row (a statement run outside Drizzle's query builder,
 * e.g. batched with BEGIN or COMMIT), by column name. node-postgres already parses these column
 * types the way Drizzle's own mapping ends up (text, integer, jsonb, boolean, timestamptz as a
 * Date); numeric in number mode goes through the column's own mapping. Any other column type
 * is refused when the mapper is made, so a new column cannot be read wrongly in silence.
 */
const PARSED_ALIKE = new Set(['PgText', 'PgInteger', 'PgJsonb', 'PgBoolean', 'PgTimestamp']);
const MAPPED = new Set(['PgNumericNumber']);

export function driverRowMapper<T extends Table>(
  table: T,
): { columns: string[]; map(raw: Record<string, unknown>): T['$inferSelect'] } {
  const columns = Object.entries(getTableColumns(table));
  for (const [key, column] of columns) {
    if (!PARSED_ALIKE.has(column.columnType) && !MAPPED.has(column.columnType))
      throw new Error(`${key} (${column.columnType}) has no mapping from a raw driver row`);
  }
  return {
    columns: columns.map(([, column]) => column.name),
    map: (raw) =>
      Object.fromEntries(
        columns.map(([key, column]) => {
          const value = raw[column.name];
          return [
            key,
            value === null || value === undefined || !MAPPED.has(column.columnType)
              ? (value ?? null)
              : column.mapFromDriverValue(value),
          ];
        }),
      ) as T['$inferSelect'],
  };
}
