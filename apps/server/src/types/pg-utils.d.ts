/** node-postgres' own parameter serialisation (what a parameterised query sends for a value). */
declare module 'pg/lib/utils.js' {
  export function prepareValue(value: unknown): string | Buffer | null | undefined;
}
