import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 in ./data', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.dbMode).toBe('embedded');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.appUrl).toBe('http://localhost:3000');
  });

  it('switches to PostgreSQL when DATABASE_URL is set, and trims a trailing slash from APP_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/sb', APP_URL: 'https://chat.example.com/' });
    expect(config.dbMode).toBe('postgres');
    expect(config.appUrl).toBe('https://chat.example.com');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).dbMode).toBe('embedded');
  });

  it.each([
    ['PORT', 'abc', /PORT must be a number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must be a URL/],
    ['SECRET_KEY', 'short', /SECRET_KEY must be at least 32 characters/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be true or false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
  ])('names %s and what is wrong with %j in one line', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('splits CORS_ORIGINS', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example,' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});
