import contentDisposition from 'content-disposition';
import { isRasterImage } from './accepted-types';

/**
 * No script of a file under /uploads may run on this origin (the admin panel's), whatever the file is: one uploaded
 * before the library checked content included. Opened as a page it gets a sandbox and no sources at all.
 */
export const UPLOADED_FILE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * The headers a served upload gets. A type not on the accepted list goes out as opaque bytes (with nosniff no browser
 * runs it as script or style); only raster images are shown inline, everything else is a download.
 */
export function servedUploadHeaders(
  servedType: string,
  fileName: string,
  accepted: readonly string[],
): Record<string, string> {
  const mime = servedType.split(';')[0].trim().toLowerCase();
  const takenType = accepted.includes(mime);
  return {
    'Content-Type': takenType ? servedType : 'application/octet-stream',
    'Content-Disposition': takenType && isRasterImage(mime) ? 'inline' : contentDisposition(fileName),
    'Content-Security-Policy': UPLOADED_FILE_CSP,
    'X-Content-Type-Options': 'nosniff',
  };
}
