/**
 * Deterministic embeddings: a hashed bag of words, L2-normalised. Texts that share words
 * point the same way, so retrieval tests get meaningful nearest neighbours without a model.
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function hashedEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const hash = fnv1a(word);
    const slot = hash % dimensions;
    vector[slot] = (vector[slot] ?? 0) + (hash >>> 31 === 1 ? -1 : 1);
  }
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((v) => v / norm);
}

export function embeddingsResponse(body: Record<string, unknown>, defaultDimensions: number): Record<string, unknown> {
  const input = body.input;
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  const dimensions = typeof body.dimensions === 'number' && body.dimensions > 0 ? body.dimensions : defaultDimensions;
  const tokens = texts.reduce((sum, t) => sum + Math.max(1, Math.ceil(t.length / 4)), 0);
  // The official client asks for base64 (little-endian float32) and decodes it itself.
  const encode = (vector: number[]): number[] | string =>
    body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
  return {
    object: 'list',
    data: texts.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: encode(hashedEmbedding(text, dimensions)),
    })),
    model: String(body.model ?? ''),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
