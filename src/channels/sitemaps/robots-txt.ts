import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

export function robotsTxt(siteUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /api/',
    'Allow: /feeds/',
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    `Sitemap: ${siteUrl}/news-sitemap.xml`,
    '',
  ].join('\n');
}

/** Sitemap lines must be absolute URLs, so public/robots.txt is written at start from PUBLIC_URL. */
export async function writeRobotsTxt(strapi: Core.Strapi, siteUrl: string): Promise<void> {
  const file = path.join(strapi.dirs.static.public, 'robots.txt');
  try {
    await writeFile(file, robotsTxt(siteUrl));
  } catch (error) {
    strapi.log.warn(`Could not write ${file}: ${(error as Error).message}`);
  }
}
