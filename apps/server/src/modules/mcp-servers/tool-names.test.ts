import { describe, expect, it } from 'vitest';
import { modelToolName, providerSchema } from './agent-tools';
import { resultText } from './connect';

const PROVIDER_RULE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

describe('MCP tool names for the model', () => {
  it('prefixes the server and keeps to the characters every provider accepts', () => {
    expect(modelToolName('orders', 'lookup_order')).toBe('orders__lookup_order');
    expect(modelToolName('orders', 'get.order/status v2')).toBe('orders__get_order_status_v2');
    expect(modelToolName('orders', 'get.order/status v2')).toMatch(PROVIDER_RULE);
  });

  it('cuts long names to 64 characters, with a hash that keeps two long names apart', () => {
    const a = modelToolName('a-rather-long-server-name', `${'x'.repeat(60)}_one`);
    const b = modelToolName('a-rather-long-server-name', `${'x'.repeat(60)}_two`);
    expect(a).toHaveLength(64);
    expect(a).toMatch(PROVIDER_RULE);
    expect(a).not.toBe(b);
    expect(a.slice(0, 55)).toBe(b.slice(0, 55));
  });
});

describe('MCP schemas and results', () => {
  it('sends an object schema without its dialect', () => {
    expect(
      providerSchema({ $schema: 'http://json-schema.org/draft-07/schema#', properties: { id: { type: 'string' } } }),
    ).toEqual({ type: 'object', properties: { id: { type: 'string' } } });
  });

  it('joins text parts, names the others and truncates', () => {
    expect(resultText([{ type: 'text', text: 'a' }, { type: 'image' }, { type: 'text', text: 'b' }])).toBe(
      'a\n[image content omitted]\nb',
    );
    expect(resultText([])).toBe('(no content)');
    const long = resultText([{ type: 'text', text: 'y'.repeat(9000) }]);
    expect(long.endsWith('[truncated]')).toBe(true);
    expect(long.length).toBeLessThan(8_100);
  });
});
