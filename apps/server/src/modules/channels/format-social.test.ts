import { describe, expect, it } from 'vitest';
import { splitRendered, toPlainText, toSlack } from './format';
import { SLACK_MAX_TEXT } from './platforms/slack';
import { MESSENGER_MAX_TEXT } from './platforms/messenger';

describe('Slack and Meta formatting', () => {
  it('writes Slack mrkdwn: bold, <url|label> links, and &, <, > escaped everywhere else', () => {
    expect(toSlack('**Refunds** <5 days & more: see [the policy <v2>](https://example.com/a?x=1&y=2).')).toBe(
      '*Refunds* &lt;5 days &amp; more: see <https://example.com/a?x=1&amp;y=2|the policy &lt;v2&gt;>.',
    );
    expect(toSlack('## Hours\nUse `a<b`.')).toBe('*Hours*\nUse `a&lt;b`.');
    // A `|` in the address would end it early: Slack reads what follows as the label.
    expect(toSlack('[x](https://example.com/a|b)')).toBe('<https://example.com/a%7Cb|x>');
  });

  it('writes plain text for Messenger and Instagram, links written out', () => {
    expect(toPlainText('**Refunds**: see [the policy](https://example.com/p) or https://example.com, `code`.')).toBe(
      'Refunds: see the policy (https://example.com/p) or https://example.com, code.',
    );
    expect(toPlainText('[https://example.com](https://example.com)')).toBe('https://example.com');
  });

  it('splits at the rendered length, so escaping never pushes a Slack part past its limit', () => {
    const parts = splitRendered('a & b '.repeat(1000), SLACK_MAX_TEXT, toSlack);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= SLACK_MAX_TEXT)).toBe(true);
    expect(splitRendered('x'.repeat(4500), MESSENGER_MAX_TEXT, toPlainText).map((p) => p.length)).toEqual([
      2000, 2000, 500,
    ]);
  });
});
