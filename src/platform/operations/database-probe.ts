import type { Core } from '@strapi/strapi';

/** Resolves when the database answers `SELECT 1` within `timeoutMs`; rejects with the reason otherwise. */
export async function probeDatabase(strapi: Core.Strapi, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      strapi.db.connection.raw('SELECT 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the database answers now (within `timeoutMs`). */
export async function databaseAnswers(strapi: Core.Strapi, timeoutMs: number): Promise<boolean> {
  try {
    await probeDatabase(strapi, timeoutMs);
    return true;
  } catch {
    return false;
  }
}
