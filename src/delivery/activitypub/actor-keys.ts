import type { Core } from '@strapi/strapi';
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import { perApp } from '../../platform/app-registry/per-app';

export const ACTOR_KEYS = 'newsroom_activitypub_keys';

/**
 * The newsroom actor's key pairs, made once and kept in the database so that every instance signs with the same keys
 * and followers' servers, which keep the public keys, keep trusting them. RSA signs HTTP requests (what Mastodon
 * verifies); Ed25519 signs object integrity proofs (FEP-8b32).
 */
const ALGORITHMS = ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const;

type KeyRow = { algorithm: string; private_jwk: JsonWebKey | string; public_jwk: JsonWebKey | string };

// Strapi's connection hands jsonb over as text.
const jwk = (value: JsonWebKey | string): JsonWebKey =>
  typeof value === 'string' ? (JSON.parse(value) as JsonWebKey) : value;

async function loadOrMake(strapi: Core.Strapi): Promise<CryptoKeyPair[]> {
  const knex = strapi.db.connection;
  let rows = (await knex(ACTOR_KEYS).select('algorithm', 'private_jwk', 'public_jwk')) as KeyRow[];
  for (const algorithm of ALGORITHMS) {
    if (rows.some((row) => row.algorithm === algorithm)) continue;
    const pair = await generateCryptoKeyPair(algorithm);
    // Two instances making keys at once: the first one stored wins and both read it back.
    await knex(ACTOR_KEYS)
      .insert({
        algorithm,
        private_jwk: JSON.stringify(await exportJwk(pair.privateKey)),
        public_jwk: JSON.stringify(await exportJwk(pair.publicKey)),
      })
      .onConflict('algorithm')
      .ignore();
    rows = (await knex(ACTOR_KEYS).select('algorithm', 'private_jwk', 'public_jwk')) as KeyRow[];
  }
  return Promise.all(
    ALGORITHMS.map(async (algorithm) => {
      const row = rows.find((candidate) => candidate.algorithm === algorithm) as KeyRow;
      return {
        privateKey: await importJwk(jwk(row.private_jwk), 'private'),
        publicKey: await importJwk(jwk(row.public_jwk), 'public'),
      };
    }),
  );
}

export function actorKeyPairs(strapi: Core.Strapi): Promise<CryptoKeyPair[]> {
  const cached = perApp(strapi, 'activityPubKeys', () => ({
    pairs: undefined as Promise<CryptoKeyPair[]> | undefined,
  }));
  cached.pairs ??= loadOrMake(strapi).catch((error) => {
    cached.pairs = undefined;
    throw error;
  });
  return cached.pairs;
}
