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

  it('reads SMTP_URL as a server: TLS for smtps://, default ports, the log-in percent-decoded', () => {
    expect(readSettings({}).SMTP_URL).toBeNull();
    expect(readSettings({ SMTP_URL: 'smtp://mail.example.org' }).SMTP_URL).toEqual({
      host: 'mail.example.org',
      port: 587,
      secure: false,
    });
    expect(
      readSettings({ SMTP_URL: 'smtps://news%40example.org:p%40ss%3Aword@mail.example.org:2465/' }).SMTP_URL,
    ).toEqual({
      host: 'mail.example.org',
      port: 2465,
      secure: true,
      user: 'news@example.org',
      password: 'p@ss:word',
    });
    expect(readSettings({ SMTP_URL: 'smtps://[::1]' }).SMTP_URL).toMatchObject({ host: '::1', port: 465 });
  });

  it('stops on a bad SMTP_URL with what is expected, never repeating its password', () => {
    const problem = (value: string) => {
      try {
        readSettings({ SMTP_URL: value });
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        return (error as Error).message;
      }
      throw new Error(`SMTP_URL=${value} was taken`);
    };
    const expected = 'expected an smtp:// or smtps:// URL (smtp://user:password@host:587, user and password optional)';
    expect(problem('mail.example.org:25')).toContain(`SMTP_URL="mail.example.org:25": ${expected}`);
    expect(problem('https://user:secret@mail.example.org')).toContain(
      `SMTP_URL="https://user:***@mail.example.org": ${expected}`,
    );
    expect(problem('smtp://mail.example.org:99999')).toContain(expected);
    expect(problem('smtp://mail.example.org/relay?pool=true')).toContain('no path or query');
    expect(problem('smtp://:secret@mail.example.org')).toMatch(
      /SMTP_URL="smtp:\/\/:\*\*\*@mail.example.org": .*a password needs a user/,
    );
    expect(problem('smtp://user:p@ss@mail.example.org/x')).not.toContain('ss@');
  });

  it('takes MAIL_FROM and MAIL_REPLY_TO as addresses, with or without a name', () => {
    expect(readSettings({})).toMatchObject({ MAIL_FROM: 'Newsroom <newsroom@localhost>', MAIL_REPLY_TO: '' });
    expect(
      readSettings({ MAIL_FROM: 'Пресс-служба <press@example.org>', MAIL_REPLY_TO: 'desk@example.org' }),
    ).toMatchObject({ MAIL_FROM: 'Пресс-служба <press@example.org>', MAIL_REPLY_TO: 'desk@example.org' });
    expect(() => readSettings({ MAIL_FROM: 'Newsroom', MAIL_REPLY_TO: 'desk at example.org' })).toThrow(
      /MAIL_FROM="Newsroom": expected an address, as name@example.org or "Name <name@example.org>"\n\s+MAIL_REPLY_TO=/,
    );
  });
});
