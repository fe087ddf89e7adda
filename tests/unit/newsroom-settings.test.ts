import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSettings, SETTING_NAMES, SettingsError } from '../../src/platform/settings/newsroom-settings';
import { nodeOptionsFor } from '../../scripts/app-node-options';

describe('the settings, read once from the environment', () => {
  it('has a default for everything (a fresh machine needs no .env)', () => {
    const values = readSettings({});
    expect(values).toMatchObject({
      PORT: 1337,
      RATE_LIMIT: true,
      RESPONSE_CACHE: true,
      API_MAX_PAGE_SIZE: 100,
      CORS_ORIGINS: [],
    });
  });

  it('types what it reads: numbers, flags, lists, on/off', () => {
    const values = readSettings({
      PORT: '8080',
      IS_PROXIED: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      RATE_LIMIT: 'off',
    });
    expect(values).toMatchObject({
      PORT: 8080,
      IS_PROXIED: true,
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      RATE_LIMIT: false,
    });
  });

  it('stops on a bad value, naming the variable and what is allowed, every bad one at once', () => {
    const read = () =>
      readSettings({ PORT: 'eighty', RATE_LIMIT: 'maybe', CACHE_MAX_AGE: '-1', REDIS_URL: 'localhost:6379' });
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(/PORT="eighty": expected a whole number from 0 to 65535/);
    expect(read).toThrow(/RATE_LIMIT="maybe": expected on or off/);
    expect(read).toThrow(/CACHE_MAX_AGE="-1": expected a whole number from 0/);
    expect(read).toThrow(/REDIS_URL="localhost:6379": expected a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('knows every variable .env.example documents, and .env.example documents every one an operator sets', () => {
    const example = readFileSync(path.resolve(__dirname, '..', '..', '.env.example'), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect(documented.filter((name) => !(SETTING_NAMES as string[]).includes(name))).toEqual([]);
    const testsOnly = ['NEWSROOM_PUBLIC_READS'];
    expect(SETTING_NAMES.filter((name) => !documented.includes(name) && !testsOnly.includes(name))).toEqual([]);
  });

  it("gives `npm start`'s app its heap limit, after NODE_OPTIONS, and nothing to other commands", () => {
    expect(nodeOptionsFor(['strapi', 'start'], {})).toBe('--max-old-space-size=320');
    expect(nodeOptionsFor(['strapi', 'start'], { HEAP_LIMIT_MB: '512', NODE_OPTIONS: '--enable-source-maps' })).toBe(
      '--enable-source-maps --max-old-space-size=512',
    );
    expect(nodeOptionsFor(['strapi', 'start'], { HEAP_LIMIT_MB: '0' })).toBeUndefined();
    expect(nodeOptionsFor(['strapi', 'export', '--no-encrypt'], { NODE_OPTIONS: '--trace-gc' })).toBe('--trace-gc');
    expect(() => nodeOptionsFor(['strapi', 'start'], { HEAP_LIMIT_MB: '64' })).toThrow(
      /HEAP_LIMIT_MB="64": expected 0 \(V8 decides\) or a number of megabytes from 128 to 65536/,
    );
  });
});
