import type { Block, ExtractedDocument } from './types';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: Json): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function keyPath(parent: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (parent === '') return plain;
  return plain.startsWith('"') ? `${parent}[${plain}]` : `${parent}.${plain}`;
}

/** `path: value` for every scalar, paths like `plans[1].price.monthly`. */
export function flattenJson(value: Json, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => flattenJson(item, `${path}[${i}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => flattenJson(item, keyPath(path, key)));
  if (value === '') return [];
  return [`${path || 'value'}: ${typeof value === 'string' ? value : JSON.stringify(value)}`];
}

/** An array whose items are mostly objects: a list of records (FAQ entries, products…). */
function isRecordList(value: Json): value is Json[] {
  return Array.isArray(value) && value.length > 0 && value.filter(isObject).length / value.length >= 0.8;
}

function linesBlock(lines: string[]): Block[] {
  return lines.length > 0 ? [{ kind: 'paragraph', text: lines.join('\n') }] : [];
}

function recordBlocks(items: Json[]): Block[] {
  return items.flatMap((item) => linesBlock(flattenJson(item)));
}

/**
 * Flattened key paths, grouped so a chunk keeps related values together: one block per
 * record of a record list (under a heading naming the list), one per other top-level key.
 */
export function extractJson(text: string): ExtractedDocument {
  const root = JSON.parse(text) as Json;
  if (isRecordList(root)) return { blocks: recordBlocks(root) };
  if (!isObject(root)) return { blocks: linesBlock(flattenJson(root)) };
  // Top-level scalars (name, version…) read best together, and come first so that they
  // sit under no heading; each structured key then gets a heading of its own.
  const entries = Object.entries(root);
  const loose = entries.filter(([, value]) => !Array.isArray(value) && !isObject(value));
  const looseLines = loose.flatMap(([key, value]) => flattenJson(value, keyPath('', key)));
  const blocks: Block[] = looseLines.length > 0 ? [{ kind: 'paragraph', text: looseLines.join('\n') }] : [];
  for (const [key, value] of entries) {
    if (!Array.isArray(value) && !isObject(value)) continue;
    const content = isRecordList(value) ? recordBlocks(value) : linesBlock(flattenJson(value, keyPath('', key)));
    if (content.length > 0) blocks.push({ kind: 'heading', level: 1, text: key }, ...content);
  }
  const title = typeof root.title === 'string' ? root.title : typeof root.name === 'string' ? root.name : undefined;
  return { ...(title ? { title } : {}), blocks };
}
