import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lookup as typeFromName } from 'mime-types';
import { ACCEPTED_TYPES_VARIABLE, contentPhrase, describeAcceptedTypes, SVG_TYPE, typeLabel } from './accepted-types';
import { detectContentType, isDetectableType } from './content-type-detection';
import type { Bilingual } from '../editor-messages/editor-language';
import { isSvgDocument, sanitiseSvg } from './svg-sanitiser';

/** A file as Strapi's upload plugin receives it (formidable's fields), before anything is stored. */
export interface IncomingFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
  detectedMimeType?: string;
}

/** Refused: why, in the panel's two languages (the upload service answers in the editor's). */
export type Admission = { admitted: true; mime: string } | { admitted: false; reason: Bilingual };

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
  const types = describeAcceptedTypes(accepted);
  const refused = (en: string, ru: string) =>
    refuse({
      en: `"${name}" was not uploaded: ${en}. The media library takes these types: ${types.en}.`,
      ru: `«${file.originalFilename || 'Файл'}» не загружен: ${ru}. Медиабиблиотека принимает такие типы: ${types.ru}.`,
    });

  if (nameType && !accepted.includes(nameType)) {
    const label = typeLabel(nameType);
    return refused(`${label.en} files are not taken`, `файлы типа «${label.ru}» не принимаются`);
  }
  if (nameType && contentType !== nameType) {
    const label = typeLabel(nameType);
    const content = contentType ? contentPhrase(contentType) : { en: `not a ${label.en}`, ru: `не ${label.ru}` };
    return refused(
      `its name says ${label.en}, but its content is ${content.en}`,
      `по имени это ${label.ru}, а по содержимому — ${content.ru}`,
    );
  }
  if (!contentType || !accepted.includes(contentType)) {
    const content = contentType
      ? contentPhrase(contentType)
      : { en: 'of no type it takes', ru: 'файл типа, который не распознан' };
    return refused(`its content is ${content.en}`, `по содержимому это ${content.ru}`);
  }
  if (contentType === SVG_TYPE && !(await sanitiseInPlace(file))) {
    return refused(
      'nothing of an SVG image is left once scripts are removed',
      'после удаления скриптов от изображения SVG ничего не остаётся',
    );
  }
  return { admitted: true, mime: contentType };
}

function refuse(reason: Bilingual): Admission {
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
