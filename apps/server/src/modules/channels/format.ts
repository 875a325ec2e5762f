/**
 * Answers are Markdown; each platform has its own dialect. Only what answers use is
 * converted (bold, links, code, headings); everything else is text, escaped where the
 * platform needs it.
 */
// A link's address may hold balanced parentheses (Wikipedia-style): `[a](https://x/a_(b))`.
const TOKEN = /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\((https?:\/\/(?:[^\s()]|\([^\s()]*\))+)\)|`([^`\n]+)`|^#{1,6} +(.+)$/gm;

type Render = {
  text: (s: string) => string;
  bold: (s: string) => string;
  link: (label: string, url: string) => string;
  code: (s: string) => string;
};

function render(markdown: string, r: Render): string {
  let out = '';
  let last = 0;
  for (const m of markdown.matchAll(TOKEN)) {
    out += r.text(markdown.slice(last, m.index));
    if (m[1] !== undefined) out += r.bold(m[1]);
    else if (m[2] !== undefined) out += r.link(m[2], m[3]!);
    else if (m[4] !== undefined) out += r.code(m[4]);
    else out += r.bold(m[5]!);
    last = m.index! + m[0].length;
  }
  return out + r.text(markdown.slice(last));
}

/** Telegram MarkdownV2: every special character outside an entity is escaped. */
export const escapeMarkdownV2 = (s: string) => s.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, '\\$&');

export function toTelegram(markdown: string): string {
  return render(markdown, {
    text: escapeMarkdownV2,
    bold: (s) => `*${escapeMarkdownV2(s)}*`,
    link: (label, url) => `[${escapeMarkdownV2(label)}](${url.replace(/[)\\]/g, '\\$&')})`,
    code: (s) => `\`${s.replace(/[`\\]/g, '\\$&')}\``,
  });
}

/** WhatsApp: `*bold*`, links written out (it links bare addresses itself). */
export function toWhatsapp(markdown: string): string {
  return render(markdown, {
    text: (s) => s,
    bold: (s) => `*${s}*`,
    link: (label, url) => (label === url ? url : `${label} (${url})`),
    code: (s) => `\`${s}\``,
  });
}

/**
 * Splits Markdown into messages whose rendered form fits `limit`: at line breaks where it can,
 * then at spaces, then anywhere. Each part is rendered on its own, so no entity spans two.
 */
export function splitRendered(markdown: string, limit: number, convert: (s: string) => string): string[] {
  const fits = (s: string) => convert(s).length <= limit;
  const pieces: string[] = [];
  for (const line of markdown.split('\n')) {
    if (fits(line)) {
      pieces.push(line);
      continue;
    }
    let current = '';
    for (const word of line.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (fits(next)) {
        current = next;
        continue;
      }
      if (current) pieces.push(current);
      current = word;
      while (!fits(current)) {
        let cut = Math.min(current.length - 1, limit);
        while (cut > 1 && !fits(current.slice(0, cut))) cut = Math.floor(cut / 2);
        pieces.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    }
    if (current) pieces.push(current);
  }
  const parts: string[] = [];
  let chunk: string | null = null;
  for (const piece of pieces) {
    const next: string = chunk === null ? piece : `${chunk}\n${piece}`;
    if (chunk !== null && !fits(next)) {
      parts.push(chunk);
      chunk = piece;
    } else chunk = next;
  }
  if (chunk !== null) parts.push(chunk);
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map(convert);
}

/** The answer's sources, as Markdown links under it (platforms have no citation UI). */
export function withSources(content: string, citations: readonly { title: string; url: string | null }[]): string {
  const linked = citations.filter((c) => c.url && /^https?:\/\//.test(c.url));
  const seen = new Set<string>();
  const lines = linked
    .filter((c) => !seen.has(c.url!) && seen.add(c.url!))
    .map((c) => `[${c.title.replace(/[[\]]/g, '') || c.url}](${c.url})`);
  return lines.length ? `${content}\n\nSources:\n${lines.join('\n')}` : content;
}

/** Slack mrkdwn: `*bold*`, `<url|label>` links; `&`, `<` and `>` escaped everywhere else. */
export const escapeSlack = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toSlack(markdown: string): string {
  return render(markdown, {
    text: escapeSlack,
    bold: (s) => `*${escapeSlack(s)}*`,
    link: (label, url) => `<${escapeSlack(url).replace(/\|/g, '%7C')}|${escapeSlack(label)}>`,
    code: (s) => `\`${escapeSlack(s)}\``,
  });
}

/** Plain text (Messenger, Instagram): no markup, links written out. */
export function toPlainText(markdown: string): string {
  return render(markdown, {
    text: (s) => s,
    bold: (s) => s,
    link: (label, url) => (label === url ? url : `${label} (${url})`),
    code: (s) => s,
  });
}
