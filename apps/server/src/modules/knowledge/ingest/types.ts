export type DocumentType = 'pdf' | 'docx' | 'html' | 'markdown' | 'text' | 'csv' | 'json';

export const DOCUMENT_TYPES: readonly DocumentType[] = ['pdf', 'docx', 'html', 'markdown', 'text', 'csv', 'json'];

export type BlockKind = 'heading' | 'paragraph' | 'table' | 'list' | 'code';

export interface Block {
  kind: BlockKind;
  /**
   * Plain text. A table is a text table (`| a | b |` lines, the first being the header
   * when there is one); a list is one `- item` (or `1. item`) line per item.
   */
  text: string;
  /** Heading level, 1 to 6. */
  level?: number;
  /** 1-based page (PDF). */
  page?: number;
  /** `#id` a citation can link to (headings of HTML, DOCX and Markdown). */
  anchor?: string;
}

export interface ExtractedDocument {
  title?: string;
  blocks: Block[];
}

export interface Chunk {
  /** The chunk's own text; `headingPath` tells where it sits (see `chunkEmbeddingText`). */
  text: string;
  tokens: number;
  headingPath: string[];
  page?: number;
  anchor?: string;
  index: number;
}

/** What the uploader or the server said the file is; only a hint, the content decides. */
export interface DeclaredType {
  filename?: string;
  contentType?: string;
}
