/**
 * The reader page's own Content-Security-Policy: it loads only its own script, style and the API, runs no
 * inline code and cannot be framed. Stricter than Strapi's default, which the admin panel needs. Images may come
 * from any https origin (a cover in a bucket or on a CDN), and from the media storage's origin when it is http.
 * The server-rendered JSON-LD is a data block, which no script policy applies to.
 */
export const readerContentSecurityPolicy = (media: string[]): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data: https:", ...media.filter((origin) => origin.startsWith('http:'))].join(' '),
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * The headers a server-rendered page sets on top of Strapi's security headers (which every answer gets): the policy
 * above for the media storage's origins (`mediaOrigins`), and no framing. The reader page and the press portal both
 * send them.
 */
export function readerPageHeaders(media: string[]): Record<string, string> {
  return {
    'Content-Security-Policy': readerContentSecurityPolicy(media),
    'X-Frame-Options': 'DENY',
  };
}
