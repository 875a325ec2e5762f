import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCipher, DecryptError } from './cipher';
import { keyFingerprint, resolveSecretKey } from './secret-key';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sb-key-'));

describe('secret key', () => {
  it('is generated into DATA_DIR with mode 0600 on first start and reused after', () => {
    const dir = tempDir();
    const first = resolveSecretKey(undefined, dir);
    expect(first.source).toBe('generated');
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = resolveSecretKey(undefined, dir);
    expect(second.source).toBe('file');
    expect(second.id).toBe(first.id);
    expect(keyFingerprint(second)).toBe(keyFingerprint(first));
  });

  it('tightens a key file readable by others', () => {
    const dir = tempDir();
    resolveSecretKey(undefined, dir);
    fs.chmodSync(path.join(dir, 'secret.key'), 0o644);
    resolveSecretKey(undefined, dir);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('prefers SECRET_KEY and writes nothing', () => {
    const dir = tempDir();
    const key = resolveSecretKey('x'.repeat(40), dir);
    expect(key.source).toBe('env');
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
  });
});

describe('cipher', () => {
  const key = resolveSecretKey('a-very-long-secret-key-for-the-tests-0123456789', tempDir());
  const cipher = createCipher(key);

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('sk-live-123', 'ten_a:openai');
    const b = cipher.encrypt('sk-live-123', 'ten_a:openai');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-live');
    expect(a.startsWith(`v1.${key.id}.`)).toBe(true);
    expect(cipher.decrypt(a, 'ten_a:openai')).toBe('sk-live-123');
  });

  it('refuses a ciphertext moved to another tenant or field, or tampered with', () => {
    const token = cipher.encrypt('sk-live-123', 'ten_a:openai');
    expect(() => cipher.decrypt(token, 'ten_b:openai')).toThrow(DecryptError);
    const parts = token.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ten_a:openai')).toThrow(DecryptError);
  });

  it('decrypts with a previous key after rotation, and encrypts with the new one', () => {
    const next = resolveSecretKey('another-very-long-secret-key-for-rotation-987', tempDir());
    const old = cipher.encrypt('token', 'aad');
    const rotated = createCipher(next, [key]);
    expect(rotated.decrypt(old, 'aad')).toBe('token');
    expect(rotated.encrypt('token', 'aad').split('.')[1]).toBe(next.id);
    expect(() => createCipher(next).decrypt(old, 'aad')).toThrow(/not configured/);
  });
});
