import { DEFAULT_ACCEPTED_TYPES, parseAcceptedTypes } from '../../src/editorial/media-library/accepted-types';
import { servedUploadHeaders } from '../../src/editorial/media-library/served-upload-headers';
import { assertAcceptedTypesRecognisable } from '../../src/editorial/media-library/upload-admission';

describe('UPLOAD_ALLOWED_TYPES', () => {
  it('defaults to the newsroom image types and PDF', () => {
    expect(parseAcceptedTypes(undefined)).toEqual(DEFAULT_ACCEPTED_TYPES);
    expect(parseAcceptedTypes(' ')).toEqual(DEFAULT_ACCEPTED_TYPES);
    expect(DEFAULT_ACCEPTED_TYPES).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/avif',
      'image/gif',
      'application/pdf',
    ]);
  });

  it('reads a comma-separated list, case-insensitively, without repeats', () => {
    expect(parseAcceptedTypes('image/PNG, image/svg+xml,,image/png')).toEqual(['image/png', 'image/svg+xml']);
  });

  it('stops the app, naming the variable, for wildcards, non-types and types a browser runs', () => {
    expect(() => parseAcceptedTypes('image/*')).toThrow(/UPLOAD_ALLOWED_TYPES: "image\/\*" is not a MIME type/);
    expect(() => parseAcceptedTypes('png')).toThrow(/UPLOAD_ALLOWED_TYPES: "png" is not a MIME type/);
    for (const type of ['text/html', 'application/javascript', 'text/javascript', 'application/xhtml+xml']) {
      expect(() => parseAcceptedTypes(`image/png,${type}`)).toThrow(
        new RegExp(`UPLOAD_ALLOWED_TYPES: "${type.replace('+', '\\+')}" can never be taken`),
      );
    }
  });

  it('stops the app at start for a type no content check could recognise', async () => {
    await expect(assertAcceptedTypesRecognisable(DEFAULT_ACCEPTED_TYPES)).resolves.toBeUndefined();
    await expect(assertAcceptedTypesRecognisable(['image/svg+xml', 'video/mp4'])).resolves.toBeUndefined();
    await expect(assertAcceptedTypesRecognisable(['image/png', 'text/plain'])).rejects.toThrow(
      /UPLOAD_ALLOWED_TYPES: "text\/plain" cannot be recognised/,
    );
  });
});

describe('headers of a served upload', () => {
  const accepted = [...DEFAULT_ACCEPTED_TYPES, 'image/svg+xml'];
  it.each([
    ['image/png', 'a.png', 'image/png', 'inline'],
    ['image/jpeg', 'a.jpg', 'image/jpeg', 'inline'],
    ['application/pdf', 'kit.pdf', 'application/pdf', 'attachment; filename="kit.pdf"'],
    ['image/svg+xml', 'logo.svg', 'image/svg+xml', 'attachment; filename="logo.svg"'],
    ['text/html; charset=utf-8', 'page.html', 'application/octet-stream', 'attachment; filename="page.html"'],
    [
      'application/javascript; charset=utf-8',
      'steal.js',
      'application/octet-stream',
      'attachment; filename="steal.js"',
    ],
    ['image/x-icon', 'favicon.ico', 'application/octet-stream', 'attachment; filename="favicon.ico"'],
  ])('%s (%s) goes out as %s, %s', (served, name, type, disposition) => {
    expect(servedUploadHeaders(served, name, accepted)).toEqual({
      'Content-Type': type,
      'Content-Disposition': disposition,
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('downloads an SVG already in the library even when SVG is no longer accepted', () => {
    expect(servedUploadHeaders('image/svg+xml', 'old.svg', DEFAULT_ACCEPTED_TYPES)['Content-Type']).toBe(
      'application/octet-stream',
    );
  });
});
