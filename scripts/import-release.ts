/**
 * npm run import -- FILE --locale ru [--publish] [--translation-of SLUG_OR_DOCUMENT_ID]
 *
 * Imports a plain-text press release (kicker, headline, paragraphs, signature line; see
 * src/editorial/release-text/parse-release-text.ts). The file is read and checked before anything is started, and
 * the release is written in one transaction: on any error nothing is stored and the exit code is non-zero.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importPressRelease } from '../src/editorial/release-import/import-press-release';
import { parseReleaseText } from '../src/editorial/release-text/parse-release-text';
import { runCli, runWithNewsroom, UsageError } from './run-with-newsroom';

const USAGE = 'usage: npm run import -- FILE --locale LOCALE [--publish] [--translation-of SLUG_OR_DOCUMENT_ID]';

function readOptions(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        locale: { type: 'string' },
        publish: { type: 'boolean', default: false },
        'translation-of': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(`expected exactly one FILE.\n${USAGE}`);
  const locale = parsed.values.locale;
  if (!locale) throw new UsageError(`--locale is required.\n${USAGE}`);
  return { file, locale, publish: parsed.values.publish ?? false, translationOf: parsed.values['translation-of'] };
}

runCli(async () => {
  const options = readOptions(process.argv.slice(2));
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const release = parseReleaseText(text);
  const result = await runWithNewsroom((strapi) =>
    importPressRelease(strapi, release, {
      locale: options.locale,
      publish: options.publish,
      translationOf: options.translationOf,
    }),
  );
  console.log(
    `Imported "${release.headline}" as ${result.documentId} (locale ${result.locale}, slug ${result.slug}, ` +
      `${result.published ? 'published' : 'draft'}).`,
  );
});
