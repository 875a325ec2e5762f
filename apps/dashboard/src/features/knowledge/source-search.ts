import type { Source } from './knowledge-api';

const languageName = (code: string | null) => {
  if (!code || code === 'und') return 'unknown';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * How a source is searched, for the sources list: null when there is nothing to point out
 * (searched by meaning and keywords, or no embedding model for the whole platform).
 */
export function searchNote(source: Source): string | null {
  const { search } = source;
  if (search.mode === 'keywords' && search.reason === 'language')
    return `Searched by keywords only: language ${languageName(search.language)}`;
  if (search.mode === 'embedding' && source.status === 'ready' && source.chunkCount > 0)
    return `Preparing search by meaning: ${search.embeddedChunks.toLocaleString()} of ${source.chunkCount.toLocaleString()} passages`;
  return null;
}

/** The same, in full, for the source's details. */
export function searchDetail(source: Source): string {
  const { search } = source;
  if (search.mode === 'semantic') return 'By meaning and keywords';
  if (search.reason === 'off') return 'Keywords only (no embedding model is configured)';
  return searchNote(source) ?? 'By keywords until its passages are embedded';
}
