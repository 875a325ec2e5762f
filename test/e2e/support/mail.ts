import fs from 'node:fs';
import path from 'node:path';

/** The text of an .eml the server wrote to DATA_DIR/mail (quoted-printable decoded). */
function decode(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Waits for a mail to `to` whose subject matches and returns its links. */
export async function waitForMailLinks(dataDir: string, to: string, subject: RegExp, ms = 15_000): Promise<string[]> {
  const dir = path.join(dataDir, 'mail');
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const file of files) {
      const text = decode(fs.readFileSync(path.join(dir, file), 'utf8'));
      const recipient = /^To: (.+)$/m.exec(text)?.[1] ?? '';
      const title = /^Subject: (.+)$/m.exec(text)?.[1] ?? '';
      if (recipient.includes(to) && subject.test(title))
        return [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No mail to ${to} matching ${subject}`);
}
