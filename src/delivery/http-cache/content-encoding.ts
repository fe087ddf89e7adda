import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import etag from 'etag';

/** The encodings public answers are offered in, the smallest first (a client that takes both gets brotli). */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** One representation of an answer: its bytes and the strong ETag of exactly those bytes. */
export interface EncodedBody {
  body: Buffer;
  etag: string;
}

export type EncodedVariants = Partial<Record<Encoding, EncodedBody>>;

/** Below this size compression saves less than its own overhead (headers, a round of CPU). */
export const MIN_COMPRESSED_BYTES = 1024;
const COMPRESSIBLE = /^(application\/(.+\+)?(json|xml|javascript)|text\/|image\/svg\+xml)/i;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Brotli at quality 6: an answer is compressed once per content change (the response cache keeps the result), and
 * on the uncached path once per request, where quality 11 would cost tens of milliseconds for a large list.
 */
const COMPRESS: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  br: (bytes) =>
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (bytes) => gzipped(bytes, { level: 6 }),
};

export function worthCompressing(type: string, bytes: Buffer): boolean {
  return bytes.length >= MIN_COMPRESSED_BYTES && COMPRESSIBLE.test(type);
}

/** The answer in one encoding, with its own ETag (a representation's validator must differ from the others'). */
export async function encode(bytes: Buffer, encoding: Encoding): Promise<EncodedBody> {
  const body = await COMPRESS[encoding](bytes);
  return { body, etag: etag(body) };
}

/** Every encoding of an answer, made once for the response cache, so that a hit never compresses. */
export async function encodeAll(bytes: Buffer): Promise<EncodedVariants> {
  const encoded = await Promise.all(ENCODINGS.map(async (encoding) => [encoding, await encode(bytes, encoding)]));
  return Object.fromEntries(encoded) as EncodedVariants;
}

/** `name;q=0.8` → weight; a malformed weight counts as refusal, as RFC 9110 §12.4.2 reads no weight as 1. */
function weightsOf(acceptEncoding: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const directive of acceptEncoding.split(',')) {
    const [name, ...parameters] = directive.split(';').map((part) => part.trim().toLowerCase());
    if (!name) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) && weight >= 0 && weight <= 1 ? weight : 0);
  }
  return weights;
}

/** The choice per Accept-Encoding value already seen: it is read on every cache hit. */
const CHOSEN = new Map<string, Encoding | undefined>();
const CHOSEN_MAX = 256;

/**
 * The encoding to answer in, from the request's Accept-Encoding (RFC 9110 §12.5.3), or undefined for the identity:
 * the highest weight wins; among equal weights brotli, then gzip, then the identity, whatever order the client listed
 * them in (browsers send "gzip, deflate, br"); `*` stands for any encoding not named; weight 0 refuses.
 */
export function chosenEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  if (CHOSEN.has(acceptEncoding)) return CHOSEN.get(acceptEncoding);
  const chosen = chosenFor(acceptEncoding);
  // Clients send a handful of distinct values; a flood of made-up ones only empties the memo.
  if (CHOSEN.size >= CHOSEN_MAX) CHOSEN.clear();
  CHOSEN.set(acceptEncoding, chosen);
  return chosen;
}

function chosenFor(acceptEncoding: string): Encoding | undefined {
  const weights = weightsOf(acceptEncoding);
  // The identity is acceptable unless refused, but when not named it comes after any encoding the client named.
  const weightOf = (name: string) =>
    weights.get(name) ?? weights.get('*') ?? (name === 'identity' ? Number.MIN_VALUE : 0);
  let chosen: Encoding | undefined;
  let best = weightOf('identity');
  for (const encoding of ENCODINGS) {
    const weight = weightOf(encoding);
    if (weight > 0 && (chosen === undefined ? weight >= best : weight > best)) {
      chosen = encoding;
      best = weight;
    }
  }
  return chosen;
}
