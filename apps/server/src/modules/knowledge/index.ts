export { knowledgeModule } from './module';
export { retrieve, retrieveInTx, retrieveInput, type Passage } from './retrieve';
export { recordGap, listOpenGaps, normalizeQuestion } from './gaps';
export { createQaPair, listQaPairs, updateQaPair, deleteQaPair } from './qa';
export { tsConfigFor, knowledgeSources, knowledgeChunks } from './schema';
