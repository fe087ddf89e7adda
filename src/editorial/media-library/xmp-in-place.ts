import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * A stored photo's XMP packet replaced without touching its pixels: when an editor corrects a credit, the original and
 * every rendition are written again, and decoding and encoding them each time would lose a little of a JPEG's or a
 * lossy WebP's quality with every edit. Each container keeps XMP in a place of its own (JPEG: an APP1 segment; PNG: an
 * iTXt chunk; WebP: an `XMP ` chunk flagged in VP8X), so the packet is swapped there and every other byte is kept.
 */

export class XmpContainerError extends Error {}

const JPEG_XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const JPEG_EXTENDED_XMP_HEADER = Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1');
const APP0 = 0xe0;
const APP1 = 0xe1;
const START_OF_SCAN = 0xda;
const END_OF_IMAGE = 0xd9;

function jpegSegment(marker: number, payload: Buffer): Buffer {
  // The length counts its own two bytes; a segment holds at most 65,535.
  if (payload.length + 2 > 0xffff) throw new XmpContainerError('The XMP packet is too long for one JPEG segment.');
  const head = Buffer.alloc(4);
  head.writeUInt8(0xff, 0);
  head.writeUInt8(marker, 1);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** JPEG: every XMP APP1 segment (main and extended) dropped, the new one placed after SOI and any JFIF APP0. */
function jpegWithXmp(input: Buffer, xmp: Buffer): Buffer {
  if (input.readUInt16BE(0) !== 0xffd8) throw new XmpContainerError('Not a JPEG file.');
  const kept: Buffer[] = [];
  let insertAt = 0;
  let offset = 2;
  for (;;) {
    if (offset + 4 > input.length || input[offset] !== 0xff)
      throw new XmpContainerError('The JPEG file ends early or is damaged.');
    // A marker may be preceded by fill bytes (0xFF).
    if (input[offset + 1] === 0xff) {
      offset += 1;
      continue;
    }
    const marker = input[offset + 1];
    if (marker === START_OF_SCAN || marker === END_OF_IMAGE) break;
    const length = input.readUInt16BE(offset + 2);
    const segment = input.subarray(offset, offset + 2 + length);
    const payload = segment.subarray(4);
    const isXmp =
      marker === APP1 &&
      (payload.subarray(0, JPEG_XMP_HEADER.length).equals(JPEG_XMP_HEADER) ||
        payload.subarray(0, JPEG_EXTENDED_XMP_HEADER.length).equals(JPEG_EXTENDED_XMP_HEADER));
    if (!isXmp) {
      kept.push(segment);
      if (marker === APP0 && kept.length === insertAt + 1) insertAt = kept.length;
    }
    offset += 2 + length;
  }
  kept.splice(insertAt, 0, jpegSegment(APP1, Buffer.concat([JPEG_XMP_HEADER, xmp])));
  return Buffer.concat([input.subarray(0, 2), ...kept, input.subarray(offset)]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_XMP_KEYWORD = 'XML:com.adobe.xmp';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** PNG: the XMP iTXt chunk (uncompressed, as the XMP specification asks) replaced, placed before the image data. */
function pngWithXmp(input: Buffer, xmp: Buffer): Buffer {
  if (!input.subarray(0, 8).equals(PNG_SIGNATURE)) throw new XmpContainerError('Not a PNG file.');
  const chunks: Buffer[] = [];
  let offset = 8;
  let beforeData = -1;
  while (offset + 12 <= input.length) {
    const length = input.readUInt32BE(offset);
    const type = input.toString('latin1', offset + 4, offset + 8);
    const chunk = input.subarray(offset, offset + 12 + length);
    if (chunk.length !== 12 + length) throw new XmpContainerError('The PNG file ends early or is damaged.');
    const keyword =
      type === 'iTXt' ? input.toString('latin1', offset + 8, offset + 8 + PNG_XMP_KEYWORD.length + 1) : '';
    if (keyword !== `${PNG_XMP_KEYWORD}\0`) {
      if (type === 'IDAT' && beforeData < 0) beforeData = chunks.length;
      chunks.push(chunk);
    }
    offset += 12 + length;
  }
  if (beforeData < 0) throw new XmpContainerError('The PNG file has no image data.');
  // Keyword, compression flag and method (none), empty language tag and translated keyword, then the packet.
  const data = Buffer.concat([Buffer.from(`${PNG_XMP_KEYWORD}\0\0\0\0\0`, 'latin1'), xmp]);
  chunks.splice(beforeData, 0, pngChunk('iTXt', data));
  return Buffer.concat([PNG_SIGNATURE, ...chunks]);
}

const VP8X_XMP_FLAG = 0x04;

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  // Chunks are padded to an even length.
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** WebP: the `XMP ` chunk replaced and flagged in VP8X (added, with the canvas size, to a simple-format file). */
async function webpWithXmp(input: Buffer, xmp: Buffer): Promise<Buffer> {
  if (input.toString('latin1', 0, 4) !== 'RIFF' || input.toString('latin1', 8, 12) !== 'WEBP')
    throw new XmpContainerError('Not a WebP file.');
  const chunks: { fourcc: string; bytes: Buffer }[] = [];
  let offset = 12;
  while (offset + 8 <= input.length) {
    const fourcc = input.toString('latin1', offset, offset + 4);
    const size = input.readUInt32LE(offset + 4);
    const bytes = input.subarray(offset, offset + 8 + size + (size % 2));
    if (bytes.length < 8 + size) throw new XmpContainerError('The WebP file ends early or is damaged.');
    if (fourcc !== 'XMP ') chunks.push({ fourcc, bytes });
    offset += 8 + size + (size % 2);
  }
  let vp8x = chunks.find((chunk) => chunk.fourcc === 'VP8X');
  if (!vp8x) {
    const { width, height } = await sharp(input).metadata();
    if (!width || !height) throw new XmpContainerError('The WebP file has no size.');
    const data = Buffer.alloc(10);
    data.writeUIntLE(width - 1, 4, 3);
    data.writeUIntLE(height - 1, 7, 3);
    vp8x = { fourcc: 'VP8X', bytes: riffChunk('VP8X', data) };
    chunks.unshift(vp8x);
  }
  vp8x.bytes = Buffer.from(vp8x.bytes);
  vp8x.bytes[8] |= VP8X_XMP_FLAG;
  const body = Buffer.concat([...chunks.map((chunk) => chunk.bytes), riffChunk('XMP ', xmp)]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

const WRITERS: Record<string, (input: Buffer, xmp: Buffer) => Buffer | Promise<Buffer>> = {
  'image/jpeg': jpegWithXmp,
  'image/png': pngWithXmp,
  'image/webp': webpWithXmp,
};

/** The file with this XMP packet in place of its own; every other byte as it was. */
export async function withXmpPacket(input: Buffer, mime: string, xmp: string): Promise<Buffer> {
  const write = WRITERS[mime];
  if (!write) throw new XmpContainerError(`A ${mime} file carries no XMP here.`);
  return write(input, Buffer.from(xmp, 'utf8'));
}
