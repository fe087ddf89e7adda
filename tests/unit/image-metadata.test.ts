import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { stripImageMetadata } from '../../src/editorial/media-library/image-metadata';

const dir = mkdtempSync(path.join(os.tmpdir(), 'newsroom-metadata-'));

async function saved(name: string, image: Sharp): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, await image.toBuffer());
  return file;
}

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 60 } } });

describe('stripImageMetadata', () => {
  it('leaves a picture without metadata byte for byte', async () => {
    const file = await saved('plain.png', picture(40, 30).png());
    const before = readFileSync(file);
    expect(await stripImageMetadata(file, 'image/png')).toBeUndefined();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each(['jpeg', 'webp', 'png'] as const)('removes EXIF with GPS from a %s, reporting the new size', async (kind) => {
    const file = await saved(
      `gps.${kind}`,
      picture(40, 30)
        .toFormat(kind)
        .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 24/1 0/1' } }),
    );
    expect((await sharp(readFileSync(file)).metadata()).exif).toBeDefined();
    const size = await stripImageMetadata(file, `image/${kind}`);
    expect(size).toBe(readFileSync(file).length);
    const metadata = await sharp(readFileSync(file)).metadata();
    expect({ exif: metadata.exif, format: metadata.format, width: metadata.width }).toEqual({
      exif: undefined,
      format: kind,
      width: 40,
    });
  });

  it('turns a photo upright before its orientation tag goes with the EXIF', async () => {
    const file = await saved('rotated.jpeg', picture(40, 30).jpeg().withMetadata({ orientation: 6 }));
    await stripImageMetadata(file, 'image/jpeg');
    const metadata = await sharp(readFileSync(file)).metadata();
    expect({ width: metadata.width, height: metadata.height, orientation: metadata.orientation }).toEqual({
      width: 30,
      height: 40,
      orientation: undefined,
    });
  });

  it('keeps the colour profile', async () => {
    const file = await saved(
      'profile.jpeg',
      picture(40, 30)
        .jpeg()
        .withIccProfile('p3')
        .withExif({ IFD0: { Make: 'TestCam' } }),
    );
    await stripImageMetadata(file, 'image/jpeg');
    const metadata = await sharp(readFileSync(file)).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.icc).toBeDefined();
  });

  it('does not touch a PDF', async () => {
    const file = path.join(dir, 'kit.pdf');
    writeFileSync(file, '%PDF-1.4\n%%EOF\n');
    expect(await stripImageMetadata(file, 'application/pdf')).toBeUndefined();
  });
});
