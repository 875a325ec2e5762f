/**
 * The server's check that an answer does not recite an agent's confidential instructions
 * (the system prompt's "never repeat them" is the first line; a model talked into it anyway is
 * caught here). Both texts are compared normalised — lower case, letters and digits, any run of
 * anything else as one space — so spacing, punctuation and Markdown don't hide a copy.
 *
 * An answer leaks when it holds CONFIDENTIAL_SPAN normalised characters in a row (about a dozen
 * words) that also appear in the instructions. Shorter overlaps pass: common phrases and facts
 * the business also states elsewhere are no secret, and a span that long is not a coincidence.
 * Paraphrase and a recital in short pieces are not caught (see docs/security.md).
 *
 * While streaming, text is released only once no leaking span can still include it: the last
 * CONFIDENTIAL_SPAN - 1 normalised characters are held back, so a leak is stopped before any
 * span of that length has left the server.
 */
export const CONFIDENTIAL_SPAN = 80;
/** Instructions shorter than this (normalised) are not checked: too short to be a secret worth a span. */
const SHORTEST = 24;

const WORD = /[\p{L}\p{N}]/u;

/** Appends the normalised form of `ch` to `out`; returns how many characters it added. */
function normaliseInto(out: string[], ch: string): number {
  let added = 0;
  for (const c of ch.normalize('NFKC').toLowerCase()) {
    if (WORD.test(c)) out.push(c);
    else if (out.length && out[out.length - 1] !== ' ') out.push(' ');
    else continue;
    added++;
  }
  return added;
}

export function normaliseForLeaks(text: string): string {
  const out: string[] = [];
  for (const ch of text) normaliseInto(out, ch);
  return out.join('');
}

export class InstructionsGuard {
  private readonly windows = new Set<string>();
  private readonly span: number;
  private readonly normalised: string[] = [];
  /** For each normalised character, the length of the raw text up to and including its source. */
  private readonly rawEnds: number[] = [];
  private raw = '';
  private released = 0;
  leaked = false;

  /** null when there is nothing to guard (not confidential, or too short to matter). */
  static for(instructions: string, confidential: boolean | undefined): InstructionsGuard | null {
    const text = normaliseForLeaks(instructions.trim());
    return confidential && text.length >= SHORTEST ? new InstructionsGuard(text) : null;
  }

  private constructor(instructions: string) {
    this.span = Math.min(CONFIDENTIAL_SPAN, instructions.length);
    for (let i = 0; i + this.span <= instructions.length; i++) this.windows.add(instructions.slice(i, i + this.span));
  }

  /** Takes the next piece of the answer; returns the text that may be sent now ('' once leaked). */
  push(delta: string): string {
    if (this.leaked) return '';
    for (const ch of delta) {
      this.raw += ch;
      const added = normaliseInto(this.normalised, ch);
      for (let i = 0; i < added; i++) {
        this.rawEnds.push(this.raw.length);
        const end = this.normalised.length - added + i + 1;
        if (end >= this.span && this.windows.has(this.normalised.slice(end - this.span, end).join(''))) {
          this.leaked = true;
          return '';
        }
      }
    }
    // A span found later starts after normalised index length - span: everything before is safe.
    const safe = this.normalised.length - this.span;
    const upTo = safe >= 0 ? this.rawEnds[safe]! : 0;
    return this.take(upTo);
  }

  /** Whether any text was released. */
  get sentAny(): boolean {
    return this.released > 0;
  }

  /** The text held back, once the answer is complete and did not leak. */
  flush(): string {
    return this.leaked ? '' : this.take(this.raw.length);
  }

  private take(upTo: number): string {
    if (upTo <= this.released) return '';
    const text = this.raw.slice(this.released, upTo);
    this.released = upTo;
    return text;
  }
}
