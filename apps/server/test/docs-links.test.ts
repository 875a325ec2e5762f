import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../src/platform/paths';
import { anchorsOf, brokenLinks, documentationFiles, githubSlug } from './support/markdown';

/**
 * Every relative link in the documentation leads somewhere: the file or folder exists and,
 * with an #anchor, the target has that heading (ids as GitHub makes them, so the links work on
 * the forge and in any viewer that follows the same rules).
 */
describe('documentation links', () => {
  const files = documentationFiles();

  it('covers the README, the guides and the benchmark history', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'ARCHITECTURE.md',
        'CONTRIBUTING.md',
        'docs/README.md',
        'docs/security.md',
        'bench/HISTORY.md',
      ]),
    );
  });

  it.each(files)('%s: every relative link and anchor resolves', (file) => {
    expect(brokenLinks(file, fs.readFileSync(repoPath(file), 'utf8'))).toEqual([]);
  });
});

describe('the link checker', () => {
  it('gives headings the ids GitHub gives them', () => {
    expect(githubSlug('Hosted chat page `/chat/{key}`')).toBe('hosted-chat-page-chatkey');
    expect(githubSlug('Hostile input: text the database cannot store, malformed HTTP, and the fuzz pass')).toBe(
      'hostile-input-text-the-database-cannot-store-malformed-http-and-the-fuzz-pass',
    );
    expect(githubSlug('Chat turns (modules/chat/turn)')).toBe('chat-turns-moduleschatturn');
    expect(githubSlug("Up to issue 16 (Nov 22 – Dec 7, 2026): the README's table")).toBe(
      'up-to-issue-16-nov-22--dec-7-2026-the-readmes-table',
    );
    expect(githubSlug('`withTenant` and **RLS** in [the guide](x.md)')).toBe('withtenant-and-rls-in-the-guide');
    expect(githubSlug('Ünïcode stays, ✓ goes')).toBe('ünïcode-stays--goes');
    expect([...anchorsOf('# API\n\n## API\n\n```bash\n# API\n```\n\n### API\n<a id="custom"></a>\n')]).toEqual([
      'api',
      'api-1',
      'api-2',
      'custom',
    ]);
  });

  it('reports a missing file, a missing anchor and an anchor on a file that has none', () => {
    const files: Record<string, string> = { 'docs/a.md': '# Title\n\n## Section one\n', 'docs/code.ts': 'x' };
    const read = (rel: string) => files[rel] ?? null;
    const text = [
      '[fine](a.md#section-one) [fine too](#local) [line](code.ts#L3) [web](https://example.com/#x)',
      '[gone](missing.md) [bad anchor](a.md#section-two) [code](code.ts#top) [up](../../outside.md)',
      '`[in code](nowhere.md)`',
      '```md',
      '[in a block](nowhere.md)',
      '```',
      '## Local',
      '[ref]: a.md#nothing',
    ].join('\n');
    expect(brokenLinks('docs/b.md', text, read)).toEqual([
      'docs/b.md:2 → missing.md: no such file',
      'docs/b.md:2 → a.md#section-two: no heading with this anchor in docs/a.md',
      'docs/b.md:2 → code.ts#top: only Markdown files have heading anchors',
      'docs/b.md:2 → ../../outside.md: points outside the repository',
      'docs/b.md:8 → a.md#nothing: no heading with this anchor in docs/a.md',
    ]);
  });
});
