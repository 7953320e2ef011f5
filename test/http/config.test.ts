import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { configProblems } from '../support/config-problems.ts';

const problems = configProblems;

describe('CORS_ORIGINS and BATCHING', () => {
  it('default to no CORS and no batching', () => {
    expect(loadConfig({})).toMatchObject({ corsOrigins: [], batching: false });
  });

  it('read a comma-separated origin list, or *', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadConfig({ BATCHING: 'on' }).batching).toBe(true);
  });

  it('refuse anything but bare origins, and a BATCHING that is not on or off', () => {
    expect(
      problems({ CORS_ORIGINS: 'https://app.example.com/, app.example.com', BATCHING: 'maybe' }),
    ).toEqual([
      'CORS_ORIGINS must list origins like https://app.example.com (no path or trailing slash), or *, got "https://app.example.com/".',
      'CORS_ORIGINS must list origins like https://app.example.com (no path or trailing slash), or *, got "app.example.com".',
      'BATCHING must be on or off (true/false), got "maybe".',
    ]);
  });
});
