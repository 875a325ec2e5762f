import { describe, expect, it } from 'vitest';
import { escapeMarkdownV2, splitRendered, toTelegram, toWhatsapp, withSources } from './format';
import { TELEGRAM_MAX_TEXT } from './platforms/telegram';

describe('channel formatting', () => {
  it("escapes every MarkdownV2 reserved character outside Telegram's entities", () => {
    expect(escapeMarkdownV2('a_b*c[d]e(f)g~h`i>j#k+l-m=n|o{p}q.r!s\\t')).toBe(
      'a\\_b\\*c\\[d\\]e\\(f\\)g\\~h\\`i\\>j\\#k\\+l\\-m\\=n\\|o\\{p\\}q\\.r\\!s\\\\t',
    );
    expect(toTelegram('**Refunds** take 5-7 days. See [the policy (v2)](https://example.com/a_(b)).')).toBe(
      '*Refunds* take 5\\-7 days\\. See [the policy \\(v2\\)](https://example.com/a_(b\\))\\.',
    );
    expect(toTelegram('## Hours\nUse `code_1`.')).toBe('*Hours*\nUse `code_1`\\.');
  });

  it('writes WhatsApp bold and spells links out', () => {
    expect(toWhatsapp('**Refunds**: see [policy](https://example.com/p) or https://example.com/q')).toBe(
      '*Refunds*: see policy (https://example.com/p) or https://example.com/q',
    );
  });

  it('splits a long answer at line breaks, then spaces, each part within the limit once escaped', () => {
    const paragraph = 'Our returns policy. '.repeat(150).trim();
    const text = [paragraph, paragraph, 'x'.repeat(9000)].join('\n');
    const parts = splitRendered(text, TELEGRAM_MAX_TEXT, toTelegram);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    const rejoined = parts.join('').replace(/\\(.)/g, '$1').replace(/\s/g, '');
    expect(rejoined).toBe(text.replace(/\s/g, ''));
  });

  it('lists cited sources with an address as links under the answer, once each', () => {
    const cited = withSources('Yes.', [
      { title: 'Returns', url: 'https://example.com/returns' },
      { title: 'Returns again', url: 'https://example.com/returns' },
      { title: 'A PDF without address', url: null },
    ]);
    expect(cited).toBe('Yes.\n\nSources:\n[Returns](https://example.com/returns)');
  });
});
