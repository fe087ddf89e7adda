import sharp from 'sharp';
import { photoRightsXmp, readPhotoRights, type PhotoRights } from '../../src/editorial/media-library/photo-rights';

const picture = () => sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 40, b: 40 } } });

describe('photo rights', () => {
  it('round-trip through the XMP they are written as, markup characters and all', async () => {
    const rights: PhotoRights = {
      creators: ['Amina Otieno', 'Ильхам Алиев & <Co>'],
      creditLine: 'Press office "PGO" / A. Otieno',
      copyrightNotice: "© 2026 Prosecutor General's Office",
      licenseUrl: 'https://press.example/licence?kind=editorial&lang=en',
      source: 'Press office',
    };
    const file = await picture().jpeg().withXmp(photoRightsXmp(rights)).toBuffer();
    expect(await readPhotoRights(file)).toEqual(rights);
  });

  it('are written with nothing the photo did not have', async () => {
    const xmp = photoRightsXmp({ creators: [], creditLine: 'Press office' });
    expect(xmp).toContain('<photoshop:Credit>Press office</photoshop:Credit>');
    expect(xmp).not.toMatch(/dc:creator|dc:rights|WebStatement|photoshop:Source/);
  });

  it('are none for a photo without them', async () => {
    expect(await readPhotoRights(await picture().png().toBuffer())).toBeNull();
    expect(await readPhotoRights(Buffer.from('not an image'))).toBeNull();
  });
});
