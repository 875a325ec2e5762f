export { knowledgeModule } from './module';
export {
  configureReranker,
  fullTextRetrieval,
  retrievalStaysLocal,
  retrieve,
  retrieveInTx,
  retrieveInput,
  type Passage,
} from './retrieve';
export { recordGap, listOpenGaps, normalizeQuestion, groupOpenGaps, answerGaps, dismissGaps } from './gaps';
export { searchKnowledge } from './search';
export { hasKnowledge } from './has-knowledge';
export { createQaPair, listQaPairs, updateQaPair, deleteQaPair } from './qa';
export { tsConfigFor, knowledgeSources, knowledgeChunks } from './schema';
export { questionEmbedding } from './question-embedding';
export {
  createSource,
  getSource,
  listSources,
  updateSource,
  deleteSource,
  retrySource,
  syncSource,
  type SourceView,
} from './sources';
export { createFileSource } from './upload';
export { detectType, IngestError } from './ingest';
export { runIngestion } from './pipeline';
export { configureExtraction } from './extraction';
export { queueDueSyncs } from './jobs';
export { largestUploadLimit, uploadLimitFor } from './upload-limit';
