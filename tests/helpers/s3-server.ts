import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The part of s3rver (an S3-compatible server in Node, for tests; no type definitions of its own) used here. */
interface S3rver {
  middleware: ((ctx: S3rverContext, next: () => Promise<void>) => Promise<void> | void)[];
  store: {
    listObjects(bucket: string, options: object): Promise<{ objects: { key: string }[] }>;
    getObject(bucket: string, key: string): Promise<{ content: AsyncIterable<Buffer> } | null>;
  };
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
interface S3rverContext {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, unknown>;
  status: number;
  type: string;
  body: unknown;
}
type S3rverClass = new (options: object) => S3rver;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS without types
const S3rverServer = require('s3rver') as S3rverClass;

/** s3rver's one account (its defaults). */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Whether a presigned URL's Signature Version 4 (in its query string) is the one S3 would compute for this request
 * with the account's secret: s3rver itself only checks the key id and the expiry.
 */
function presignatureMatches(ctx: S3rverContext): boolean {
  const query = ctx.query;
  const [, date, region, service] = String(query['X-Amz-Credential']).split('/');
  const canonicalQuery = Object.keys(query)
    .filter((name) => name !== 'X-Amz-Signature')
    .sort()
    .map((name) => `${rfc3986(name)}=${rfc3986(String(query[name]))}`)
    .join('&');
  const signedHeaders = String(query['X-Amz-SignedHeaders']);
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(ctx.headers[name]).trim()}\n`)
    .join('');
  const canonicalRequest = [ctx.method, ctx.path, canonicalQuery, canonicalHeaders, signedHeaders, 'UNSIGNED-PAYLOAD'];
  const scope = `${date}/${region}/${service}/aws4_request`;
  const digest = createHash('sha256').update(canonicalRequest.join('\n')).digest('hex');
  const stringToSign = ['AWS4-HMAC-SHA256', query['X-Amz-Date'], scope, digest].join('\n');
  const key = [date, region, service, 'aws4_request'].reduce<string | Buffer>(hmac, `AWS4${SECRET_ACCESS_KEY}`);
  return hmac(key, stringToSign).toString('hex') === query['X-Amz-Signature'];
}

const refuse = (ctx: S3rverContext, code: string) => {
  ctx.status = 403;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code></Error>`;
};

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** The keys of the objects in the bucket, sorted. */
  objectKeys(): Promise<string[]>;
  /** An object's bytes, read from the server's store (whatever the bucket lets anonymous readers do). */
  objectBytes(key: string): Promise<Buffer | undefined>;
  /** The app's environment for this bucket (UPLOAD_PROVIDER=s3 and the S3_* variables). */
  env(acl: 'public-read' | 'private'): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server in this process, on a free port, with one bucket, its objects in a temporary directory.
 * s3rver lets anyone read any object and checks no Signature Version 4 signature: here a presigned URL must carry
 * the right one, and `private: true` refuses every request without a signature (403 AccessDenied, as S3 answers for
 * a private object), so that an unsigned URL in a public answer is caught.
 */
export async function startS3Server(options: { private: boolean }): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'newsroom-s3-'));
  const bucket = 'newsroom-media';
  const server = new S3rverServer({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  // First in line: before s3rver's own routes answer.
  server.middleware.unshift(async (ctx, next) => {
    if ('X-Amz-Signature' in ctx.query) return presignatureMatches(ctx) ? next() : refuse(ctx, 'SignatureDoesNotMatch');
    if (options.private && !('authorization' in ctx.headers)) return refuse(ctx, 'AccessDenied');
    return next();
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    async objectKeys() {
      const { objects } = await server.store.listObjects(bucket, {});
      return objects.map((object) => object.key).sort();
    },
    async objectBytes(key) {
      const object = await server.store.getObject(bucket, key);
      if (!object) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of object.content) chunks.push(chunk);
      return Buffer.concat(chunks);
    },
    env: (acl) => ({
      UPLOAD_PROVIDER: 's3',
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      S3_ACL: acl,
    }),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
