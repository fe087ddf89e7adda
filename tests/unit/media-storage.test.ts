import middlewares from '../../config/middlewares';
import { mediaOrigins, uploadProviderConfig } from '../../src/editorial/media-library/media-storage';
import { readSettings, SettingsError } from '../../src/platform/settings/newsroom-settings';
import { readerContentSecurityPolicy } from '../../src/channels/reader-pages/reader-page-headers';

const S3 = { UPLOAD_PROVIDER: 's3', S3_BUCKET: 'press', S3_REGION: 'eu-central-1' };

describe('media storage settings', () => {
  it('stores on the local disk unless told otherwise, with no provider configured', () => {
    const values = readSettings({});
    expect(values).toMatchObject({ UPLOAD_PROVIDER: 'local', S3_ACL: 'public-read', S3_SIGNED_URL_SECONDS: 900 });
    expect(uploadProviderConfig(values)).toEqual({});
    expect(mediaOrigins(values)).toEqual([]);
  });

  it('stops at start when UPLOAD_PROVIDER=s3 lacks what it needs, naming each variable', () => {
    const read = () => readSettings({ UPLOAD_PROVIDER: 's3', S3_ACCESS_KEY_ID: 'key' });
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(/S3_BUCKET="": expected the bucket name/);
    expect(read).toThrow(/S3_REGION="": expected the bucket's region/);
    expect(read).toThrow(/S3_SECRET_ACCESS_KEY="": expected S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together/);
    expect(() => readSettings({ UPLOAD_PROVIDER: 'minio' })).toThrow(/UPLOAD_PROVIDER="minio": expected local or s3/);
    expect(() => readSettings({ ...S3, S3_ACL: 'public' })).toThrow(/S3_ACL="public": expected public-read or private/);
    expect(() => readSettings({ ...S3, S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT="minio:9000"/);
  });

  it('refuses a private bucket whose signed URLs a cached answer could outlive, or behind a CDN URL', () => {
    // Defaults: 60 + 60 + 30 + 2 × 30 = 210 s kept; a URL is reused for a quarter of its lifetime.
    expect(() => readSettings({ ...S3, S3_ACL: 'private', S3_SIGNED_URL_SECONDS: '280' })).toThrow(
      /S3_SIGNED_URL_SECONDS="280": expected at least 281 with S3_ACL=private: .* = 210\)/,
    );
    expect(readSettings({ ...S3, S3_ACL: 'private', S3_SIGNED_URL_SECONDS: '281' }).S3_SIGNED_URL_SECONDS).toBe(281);
    expect(() =>
      readSettings({ ...S3, S3_ACL: 'private', S3_SIGNED_URL_SECONDS: '600', RESPONSE_CACHE_TTL_SECONDS: '300' }),
    ).toThrow(/expected at least 601/);
    expect(() => readSettings({ ...S3, S3_ACL: 'private', S3_PUBLIC_URL: 'https://cdn.example.org' })).toThrow(
      /S3_PUBLIC_URL="https:\/\/cdn.example.org": expected empty with S3_ACL=private/,
    );
  });

  it("gives Strapi's S3 provider its options: path-style for an S3-compatible server", () => {
    const values = readSettings({
      ...S3,
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_ACL: 'private',
      S3_SIGNED_URL_SECONDS: '600',
    });
    expect(uploadProviderConfig(values)).toEqual({
      provider: 'aws-s3',
      providerOptions: {
        s3Options: {
          region: 'eu-central-1',
          credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
          endpoint: 'http://127.0.0.1:9000',
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          params: { Bucket: 'press', ACL: 'private', signedUrlExpires: 600 },
        },
      },
    });
    expect(mediaOrigins(values)).toEqual(['http://127.0.0.1:9000']);
  });

  it('serves from a CDN base URL when given one, and lets browsers load media from where it is', () => {
    const cdn = readSettings({ ...S3, S3_PUBLIC_URL: 'https://media.example.org/press/' });
    expect(uploadProviderConfig(cdn).providerOptions).toMatchObject({ baseUrl: 'https://media.example.org/press/' });
    expect(mediaOrigins(cdn)).toEqual(['https://media.example.org']);
    expect(mediaOrigins(readSettings(S3))).toContain('https://press.s3.eu-central-1.amazonaws.com');

    const saved = { ...process.env };
    Object.assign(process.env, S3, { S3_ENDPOINT: 'http://127.0.0.1:9000' });
    try {
      const security = (middlewares() as ({ name: string; config: unknown } | string)[]).find(
        (entry) => typeof entry === 'object' && entry.name === 'strapi::security',
      ) as { config: { contentSecurityPolicy: { directives: Record<string, string[]> } } };
      const { directives } = security.config.contentSecurityPolicy;
      expect(directives['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:', 'http://127.0.0.1:9000']));
      expect(directives['media-src']).toContain('http://127.0.0.1:9000');
    } finally {
      process.env = saved;
    }
    expect(readerContentSecurityPolicy(['http://127.0.0.1:9000'])).toContain(
      "img-src 'self' data: https: http://127.0.0.1:9000;",
    );
    expect(readerContentSecurityPolicy([])).toContain("img-src 'self' data: https:;");
  });
});
