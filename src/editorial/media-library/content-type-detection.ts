import type * as FileTypeModule from 'file-type';

type FileTypeApi = typeof FileTypeModule;

/**
 * file-type is ESM only. TypeScript compiles `import()` to `require()` for CommonJS output, which Jest cannot resolve
 * for an ESM-only package; a real dynamic import works in Node and (with --experimental-vm-modules) in Jest. The
 * comment makes the source unique per load: V8 reuses a compiled `new Function` of the same source across Jest's test
 * contexts, and with it the first context's import hook, gone once that test file ends.
 */
const importEsm = new Function('specifier', `return import(specifier); // ${Math.random()}`) as (
  specifier: string,
) => Promise<FileTypeApi>;

let fileType: Promise<FileTypeApi> | undefined;

function loadFileType(): Promise<FileTypeApi> {
  fileType ??= importEsm('file-type');
  return fileType;
}

/** The MIME type a file's first bytes say it is (magic numbers), or undefined when they say nothing known. */
export async function detectContentType(filePath: string): Promise<string | undefined> {
  const { fileTypeFromFile } = await loadFileType();
  return (await fileTypeFromFile(filePath))?.mime;
}

/** Whether file-type can recognise this MIME type from content at all. */
export async function isDetectableType(mime: string): Promise<boolean> {
  const { supportedMimeTypes } = await loadFileType();
  return (supportedMimeTypes as ReadonlySet<string>).has(mime);
}
