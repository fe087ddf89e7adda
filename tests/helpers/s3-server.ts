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
  query: Record<string, unknown>;
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
 * s3rver lets anyone read any object and checks no Signature Version 4 signature; `private: true` makes it refuse
 * every request without one (403 AccessDenied, as S3 answers for a private object), so that an unsigned URL in a
 * public answer is caught.
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
  if (options.private) {
    // First in line: before s3rver's own routes answer.
    server.middleware.unshift(async (ctx, next) => {
      const signed = 'authorization' in ctx.headers || 'X-Amz-Signature' in ctx.query || 'Signature' in ctx.query;
      if (signed) return next();
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code></Error>';
    });
  }
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
