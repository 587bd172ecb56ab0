import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts with no environment at all: embedded database, port 3000, ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: null, mode: 'development', seedDemoData: true, host: '127.0.0.1' });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('lists every bad value at once, readably', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SESSION_TTL_MINUTES: '1' });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'PORT must be a whole number, got "abc"',
        'DATABASE_URL must start with postgres:// or postgresql://',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
        'SESSION_TTL_MINUTES must be between 5 and 10080, got 1',
      ]);
      expect((error as ConfigError).message).toContain('Invalid configuration:\n  - PORT');
    }
  });

  it('refuses ports out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between 0 and 65535/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/amiable' }).databaseUrl).toBe('postgres://u@db:5432/amiable');
  });

  it('runs several API processes only on PostgreSQL (the embedded database allows one process)', () => {
    expect(loadConfig({}).apiProcesses).toBe(1);
    expect(loadConfig({ AMIABLE_API_PROCESSES: '4', DATABASE_URL: 'postgres://u@db:5432/amiable' }).apiProcesses).toBe(4);
    expect(() => loadConfig({ AMIABLE_API_PROCESSES: '2' })).toThrow(/AMIABLE_API_PROCESSES above 1 needs DATABASE_URL/);
    expect(() => loadConfig({ AMIABLE_API_PROCESSES: '0', DATABASE_URL: 'postgres://u@db:5432/amiable' })).toThrow(/AMIABLE_API_PROCESSES must be between 1 and 64/);
  });

  it('never seeds demo logins in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemoData).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', AMIABLE_DEMO_DATA: 'true' })).toThrow(/cannot be true when NODE_ENV=production/);
  });

  it('is documented variable by variable in the README', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    for (const spec of Object.values(configVariables)) {
      expect(readme, spec.name).toContain(`\`${spec.name}\``);
    }
  });
});
