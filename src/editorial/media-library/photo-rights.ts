import { decodeXML } from 'entities';
import { parse as parseExif, sidecar as parseXmpSidecar } from 'exifr';
import sharp from 'sharp';
import { create } from 'xmlbuilder2';

/**
 * The rights of a photo that a picture desk needs before it may use it (IPTC Photo Metadata: Creator, Credit Line,
 * Copyright Notice, Web Statement of Rights, Source). They are the only embedded metadata an upload keeps
 * (image-metadata.ts strips the rest: location, camera, lens, serial numbers, software, thumbnails), and they are
 * written into the stored original and every rendition as XMP, the form IPTC Core defines them in.
 */
export interface PhotoRights {
  creators: string[];
  creditLine?: string;
  copyrightNotice?: string;
  /** Web Statement of Rights: the URL of the licence or of the rights statement. */
  licenseUrl?: string;
  source?: string;
}

/** Types whose files carry XMP through sharp (JPEG's APP1, PNG's iTXt, WebP's XMP chunk). */
export const RIGHTS_CARRYING_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

interface ParsedSegments {
  iptc?: { Byline?: unknown; Credit?: unknown; CopyrightNotice?: unknown; Source?: unknown };
  dc?: { creator?: unknown; rights?: unknown };
  photoshop?: { Credit?: unknown; Source?: unknown };
  xmpRights?: { WebStatement?: unknown };
}

/** Text values of one field, whichever form the reader gave them in (a string, a list, a language alternative). */
function texts(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value === 'object') return 'value' in value ? texts((value as { value: unknown }).value) : [];
  // exifr leaves XMP's character references as they are in the packet.
  const text = decodeXML(String(value)).trim();
  return text ? [text] : [];
}

const first = (...values: unknown[]): string | undefined => values.flatMap(texts)[0];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An IPTC-IIM text as exifr gives it, one character per byte: UTF-8 when its bytes are (what IIM's coded character
 * set 1:90 declares in today's files, and what a reader can tell for sure), else Latin-1 as read.
 */
function iimTexts(value: unknown): string[] {
  return texts(value).map((text) => {
    if ([...text].some((character) => character.charCodeAt(0) > 0xff)) return text;
    try {
      return strictUtf8.decode(Buffer.from(text, 'latin1'));
    } catch {
      return text;
    }
  });
}

/** A JPEG's XMP and IPTC-IIM segments as exifr reads them (it finds no XMP in PNG or WebP files). */
async function embeddedSegments(input: Buffer): Promise<ParsedSegments> {
  const segments = await parseExif(input, {
    xmp: true,
    iptc: true,
    tiff: false,
    exif: false,
    gps: false,
    ifd1: false,
    interop: false,
    icc: false,
    jfif: false,
    ihdr: false,
    mergeOutput: false,
  }).catch(() => undefined);
  return (segments ?? {}) as ParsedSegments;
}

/** A PNG's or WebP's XMP packet, taken out by libvips (sharp) and read by exifr's XMP parser; none for a JPEG. */
async function xmpOutsideJpeg(input: Buffer): Promise<ParsedSegments> {
  // Told by their first bytes: a JPEG (exifr's) is not opened a second time.
  const png = input.subarray(1, 4).toString('latin1') === 'PNG';
  const webp = input.subarray(8, 12).toString('latin1') === 'WEBP';
  if (!png && !webp) return {};
  const { format, xmp } = await sharp(input)
    .metadata()
    .catch(() => ({ format: undefined, xmp: undefined }));
  if (!xmp || (format !== 'png' && format !== 'webp')) return {};
  return ((await parseXmpSidecar(xmp, { mergeOutput: false }, 'xmp').catch(() => undefined)) ?? {}) as ParsedSegments;
}

/**
 * The rights a file carries, from its XMP (IPTC Core) and else its IPTC-IIM record; null when it carries none.
 * XMP comes first: it is the newer of the two, and what IPTC's guidelines have applications write.
 */
export async function readPhotoRights(input: Buffer): Promise<PhotoRights | null> {
  const segments = { ...(await embeddedSegments(input)), ...(await xmpOutsideJpeg(input)) };
  const { iptc = {}, dc = {}, photoshop = {}, xmpRights = {} } = segments;
  const xmpCreators = texts(dc.creator);
  const iim = (field: unknown) => iimTexts(field)[0];
  const rights: PhotoRights = {
    creators: xmpCreators.length > 0 ? xmpCreators : iimTexts(iptc.Byline),
    creditLine: first(photoshop.Credit) ?? iim(iptc.Credit),
    copyrightNotice: first(dc.rights) ?? iim(iptc.CopyrightNotice),
    licenseUrl: first(xmpRights.WebStatement),
    source: first(photoshop.Source) ?? iim(iptc.Source),
  };
  const kept = Object.fromEntries(Object.entries(rights).filter(([, value]) => value !== undefined)) as PhotoRights;
  return kept.creators.length > 0 || Object.keys(kept).length > 1 ? kept : null;
}

const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
};

/** The XMP packet that carries these rights (and nothing else), as sharp's withXmp writes it into a file. */
export function photoRightsXmp(rights: PhotoRights): string {
  const description = create()
    .ele(NS.x, 'x:xmpmeta')
    .ele(NS.rdf, 'rdf:RDF')
    .ele(NS.rdf, 'rdf:Description')
    .att(NS.rdf, 'rdf:about', '');
  for (const [prefix, uri] of Object.entries(NS).slice(2)) description.att(`xmlns:${prefix}`, uri);
  if (rights.creators.length > 0) {
    const list = description.ele(NS.dc, 'dc:creator').ele(NS.rdf, 'rdf:Seq');
    for (const creator of rights.creators) list.ele(NS.rdf, 'rdf:li').txt(creator);
  }
  if (rights.copyrightNotice)
    description
      .ele(NS.dc, 'dc:rights')
      .ele(NS.rdf, 'rdf:Alt')
      .ele(NS.rdf, 'rdf:li')
      .att('xml:lang', 'x-default')
      .txt(rights.copyrightNotice);
  if (rights.creditLine) description.ele(NS.photoshop, 'photoshop:Credit').txt(rights.creditLine);
  if (rights.source) description.ele(NS.photoshop, 'photoshop:Source').txt(rights.source);
  if (rights.licenseUrl) description.ele(NS.xmpRights, 'xmpRights:WebStatement').txt(rights.licenseUrl);
  return description.doc().end({ headless: true });
}
