import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lookup as typeFromName } from 'mime-types';
import { ACCEPTED_TYPES_VARIABLE, contentPhrase, describeAcceptedTypes, SVG_TYPE, typeLabel } from './accepted-types';
import { detectContentType, isDetectableType } from './content-type-detection';
import { isSvgDocument, sanitiseSvg } from './svg-sanitiser';

/** A file as Strapi's upload plugin receives it (formidable's fields), before anything is stored. */
export interface IncomingFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
  detectedMimeType?: string;
}

export type Admission = { admitted: true; mime: string } | { admitted: false; reason: string };

/**
 * Whether the media library takes this file, decided from its content: the content's type must be on the list, and a
 * file name's extension must say the same type (a PNG named photo.jpg, or a page named photo.jpg, is refused). The
 * type the client claims counts for nothing. An accepted SVG is sanitised in place.
 */
export async function admitUpload(file: IncomingFile, accepted: readonly string[]): Promise<Admission> {
  const name = file.originalFilename || 'The file';
  const extension = path.extname(file.originalFilename ?? '').toLowerCase();
  const nameType = extension ? typeFromName(extension) || undefined : undefined;
  const contentType = await contentTypeOf(file, accepted);
  const takes = `The media library takes these types: ${describeAcceptedTypes(accepted)}.`;

  if (nameType && !accepted.includes(nameType)) {
    return refuse(`"${name}" was not uploaded: ${typeLabel(nameType)} files are not taken. ${takes}`);
  }
  if (nameType && contentType !== nameType) {
    const content = contentType ? contentPhrase(contentType) : `not a ${typeLabel(nameType)}`;
    return refuse(
      `"${name}" was not uploaded: its name says ${typeLabel(nameType)}, but its content is ${content}. ${takes}`,
    );
  }
  if (!contentType || !accepted.includes(contentType)) {
    const content = contentType ? contentPhrase(contentType) : 'of no type it takes';
    return refuse(`"${name}" was not uploaded: its content is ${content}. ${takes}`);
  }
  if (contentType === SVG_TYPE && !(await sanitiseInPlace(file))) {
    return refuse(`"${name}" was not uploaded: nothing of an SVG image is left once scripts are removed. ${takes}`);
  }
  return { admitted: true, mime: contentType };
}

function refuse(reason: string): Admission {
  return { admitted: false, reason };
}

/**
 * Generic XML (or no magic number at all) may be an SVG image: it is one when SVG is accepted and the file parses so.
 */
const MAYBE_SVG = new Set([undefined, 'application/xml', 'text/xml']);
/** Larger text is not parsed as SVG (a logo or chart is far smaller): it would cost the server memory and time. */
const MAX_SVG_BYTES = 5 * 1024 * 1024;

async function contentTypeOf(file: IncomingFile, accepted: readonly string[]): Promise<string | undefined> {
  const detected = await detectContentType(file.filepath);
  if (!MAYBE_SVG.has(detected) || !accepted.includes(SVG_TYPE) || file.size > MAX_SVG_BYTES) return detected;
  return isSvgDocument(await readFile(file.filepath, 'utf8')) ? SVG_TYPE : detected;
}

async function sanitiseInPlace(file: IncomingFile): Promise<boolean> {
  const clean = sanitiseSvg(await readFile(file.filepath, 'utf8'));
  if (clean === undefined) return false;
  await writeFile(file.filepath, clean);
  file.size = Buffer.byteLength(clean);
  return true;
}

/** Stops the app at start when a type on the list could never be recognised from content (so never admitted). */
export async function assertAcceptedTypesRecognisable(accepted: readonly string[]): Promise<void> {
  for (const type of accepted) {
    if (type !== SVG_TYPE && !(await isDetectableType(type))) {
      throw new Error(
        `${ACCEPTED_TYPES_VARIABLE}: "${type}" cannot be recognised from a file's content, ` +
          `so no file of it could be uploaded.`,
      );
    }
  }
}
