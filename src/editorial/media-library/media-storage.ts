import type { Settings } from '../../platform/settings/newsroom-settings';

/**
 * Where the media library keeps files: on the local disk (`public/uploads`, Strapi's default provider) or in an S3
 * bucket through Strapi's official provider (@strapi/provider-upload-aws-s3), for several instances or a CDN.
 */

type StorageSettings = Pick<
  Settings,
  | 'UPLOAD_PROVIDER'
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ENDPOINT'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_PUBLIC_URL'
  | 'S3_ACL'
  | 'S3_SIGNED_URL_SECONDS'
>;

/** The upload plugin's `provider` and `providerOptions`; none for the local disk (Strapi's default). */
export function uploadProviderConfig(values: StorageSettings): { provider?: string; providerOptions?: object } {
  if (values.UPLOAD_PROVIDER !== 's3') return {};
  const endpoint = values.S3_ENDPOINT || undefined;
  return {
    provider: 'aws-s3',
    providerOptions: {
      ...(values.S3_PUBLIC_URL ? { baseUrl: values.S3_PUBLIC_URL } : {}),
      s3Options: {
        region: values.S3_REGION,
        ...(values.S3_ACCESS_KEY_ID
          ? { credentials: { accessKeyId: values.S3_ACCESS_KEY_ID, secretAccessKey: values.S3_SECRET_ACCESS_KEY } }
          : {}),
        // S3-compatible servers are addressed by path (http://host/bucket/key): their buckets have no DNS names.
        // They often predate the checksums the AWS SDK adds to every request since 2025, hence "when required".
        ...(endpoint
          ? {
              endpoint,
              forcePathStyle: true,
              requestChecksumCalculation: 'WHEN_REQUIRED',
              responseChecksumValidation: 'WHEN_REQUIRED',
            }
          : {}),
        params: { Bucket: values.S3_BUCKET, ACL: values.S3_ACL, signedUrlExpires: values.S3_SIGNED_URL_SECONDS },
      },
    },
  };
}

/**
 * The origins browsers load media files from, for Content-Security-Policy (`img-src`, `media-src`): none beyond the
 * app's own for the local disk; else the CDN's, the S3-compatible server's, or the bucket's on AWS.
 */
export function mediaOrigins(values: StorageSettings): string[] {
  if (values.UPLOAD_PROVIDER !== 's3') return [];
  if (values.S3_PUBLIC_URL) return [new URL(values.S3_PUBLIC_URL).origin];
  if (values.S3_ENDPOINT) return [new URL(values.S3_ENDPOINT).origin];
  // AWS answers an upload with a virtual-hosted URL; older buckets may give the path-style one.
  return [
    `https://${values.S3_BUCKET}.s3.${values.S3_REGION}.amazonaws.com`,
    `https://s3.${values.S3_REGION}.amazonaws.com`,
  ];
}
