/**
 * The SentencePiece (unigram) tokenizer of Universal Sentence Encoder Lite, vendored from
 * @energetic-ai/embeddings 0.2.0 (lib/tokenizer.ts, lib/trie.ts), itself derived from
 * TensorFlow.js models (universal-sentence-encoder). Vendored so that serving queries needs
 * the vocabulary only, not TensorFlow.js.
 *
 * Copyright 2019 Google LLC; Copyright 2023 EnergeticAI. Licensed under the Apache License,
 * Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0); see NOTICE at the repository root.
 * Changes: plain JavaScript, one object per trie node, no other change in behaviour.
 */
const SEPARATOR = '\u2581';
const RESERVED_SYMBOLS = 6;

class TrieNode {
  constructor() {
    this.children = new Map();
    this.end = false;
    this.word = [[], 0, 0];
  }
}

function insert(root, word, score, index) {
  let node = root;
  const symbols = [...word];
  for (let i = 0; i < symbols.length; i++) {
    let child = node.children.get(symbols[i]);
    if (!child) {
      child = new TrieNode();
      child.word[0] = node.word[0].concat(symbols[i]);
      node.children.set(symbols[i], child);
    }
    node = child;
    if (i === symbols.length - 1) {
      node.end = true;
      node.word[1] = score;
      node.word[2] = index;
    }
  }
}

function commonPrefixSearch(root, symbols, start) {
  const output = [];
  let node = root.children.get(symbols[start]);
  for (let i = start; i < symbols.length && node; i++) {
    if (node.end) output.push(node.word);
    node = node.children.get(symbols[i + 1]);
  }
  if (!output.length) output.push([[symbols[start]], 0, 0]);
  return output;
}

/** vocabulary: [piece, log-probability][] as shipped in model-embeddings-en's vocab.json. */
export function createTokenizer(vocabulary) {
  const root = new TrieNode();
  for (let i = RESERVED_SYMBOLS; i < vocabulary.length; i++) insert(root, vocabulary[i][0], vocabulary[i][1], i);
  return function encode(text) {
    const normalized = text.normalize('NFKC');
    const symbols = normalized.length ? [...(SEPARATOR + normalized.replace(/ /g, SEPARATOR))] : [];
    const nodes = symbols.map(() => new Map());
    nodes.push(new Map());
    const words = new Array(symbols.length + 1).fill(0);
    const best = new Array(symbols.length + 1).fill(0);
    for (let i = 0; i < symbols.length; i++) {
      for (const piece of commonPrefixSearch(root, symbols, i)) {
        const end = i + piece[0].length;
        const list = nodes[end].get(i) ?? [];
        list.push({ length: piece[0].length, score: piece[1], index: piece[2] });
        nodes[end].set(i, list);
      }
    }
    for (let end = 0; end <= symbols.length; end++) {
      for (const list of nodes[end].values()) {
        for (const word of list) {
          const score = word.score + best[end - word.length];
          if (best[end] === 0 || score >= best[end]) {
            best[end] = score;
            words[end] = word.index;
          }
        }
      }
    }
    const ids = [];
    for (let at = words.length - 1; at > 0; at -= [...vocabulary[words[at]][0]].length) ids.push(words[at]);
    const merged = [];
    let previousUnknown = false;
    for (const id of ids) {
      if (!(previousUnknown && id === 0)) merged.push(id);
      previousUnknown = id === 0;
    }
    return merged.reverse();
  };
}
