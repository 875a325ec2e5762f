/**
 * Knowledge ingestion, without the database: what a file or a site is, its text as
 * structured blocks, and citation-ready chunks. The knowledge services store the results.
 */
export { detectType } from './detect-type';
export { extract, extractFile, type ExtractOptions } from './extract';
export { clean, cleanText } from './clean';
export { chunk, chunkEmbeddingText, type ChunkOptions } from './chunk';
export { contentHash, estimateTokens } from './tokens';
export { decodeHtml, decodeText } from './decode';
export { IngestError, type IngestFailure } from './errors';
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip';
export { crawlSite, type CrawlOptions, type CrawlResult } from './crawl/crawl-site';
export { parseRobots, type Robots } from './crawl/robots';
export { normaliseUrl } from './crawl/links';
export type { Block, BlockKind, Chunk, DeclaredType, DocumentType, ExtractedDocument } from './types';
export { DOCUMENT_TYPES } from './types';
