import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReleaseText, ReleaseTextError } from '../../src/editorial/release-text/parse-release-text';
import { blocksToParagraphs, paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';
import { PROJECT_ROOT, SHARED_SEED_FILE } from '../helpers/newsroom-app';

describe('parseReleaseText', () => {
  it('reads the shared Baku–Nairobi file: kicker, headline, six paragraphs, signature', () => {
    const release = parseReleaseText(readFileSync(SHARED_SEED_FILE, 'utf8'));
    expect(release.kicker).toBe('Перспективы сотрудничества');
    expect(release.headline).toBe('Баку и Найроби будут бороться против преступности совместными усилиями');
    expect(release.paragraphs).toHaveLength(6);
    expect(release.paragraphs[0]).toMatch(/^В соответствии с указаниями/);
    expect(release.paragraphs[5]).toMatch(/Международную ассоциацию прокуроров\.$/);
    expect(release.signature).toBe('БР');
  });

  it('keeps the project seed identical to the shared original', () => {
    const project = readFileSync(path.join(PROJECT_ROOT, 'database/seeds/baku-nairobi.ru.txt'), 'utf8');
    expect(parseReleaseText(project)).toEqual(parseReleaseText(readFileSync(SHARED_SEED_FILE, 'utf8')));
  });

  it('has an English translation with the same shape', () => {
    const en = parseReleaseText(readFileSync(path.join(PROJECT_ROOT, 'database/seeds/baku-nairobi.en.txt'), 'utf8'));
    expect(en.kicker).toBe('Prospects for cooperation');
    expect(en.headline).toBe('Baku and Nairobi will fight crime through joint efforts');
    expect(en.paragraphs).toHaveLength(6);
    expect(en.signature).toBe('BR');
  });

  it('accepts a release without kicker or signature, CRLF line ends and a BOM', () => {
    const release = parseReleaseText(
      '\uFEFFHeadline only\r\n\r\nFirst paragraph,\r\nwrapped over lines.\r\n\r\nSecond one.\r\n',
    );
    expect(release).toEqual({
      headline: 'Headline only',
      paragraphs: ['First paragraph, wrapped over lines.', 'Second one.'],
    });
  });

  it.each([
    ['an empty file', '', /empty/],
    ['only whitespace', ' \n\t\n\n', /empty/],
    ['no headline line', 'This is a sentence that ends.\n\nAnother one.', /No headline/],
    ['a headline without paragraphs', 'Lonely headline', /no paragraphs/],
    ['binary content', 'Head\u0000line\n\nBody.', /not plain text/],
    ['a headline that is too long', `${'x'.repeat(301)}\n\nBody.`, /No headline|longer than/],
  ])('rejects %s with a readable message', (_name, text, message) => {
    expect(() => parseReleaseText(text)).toThrow(ReleaseTextError);
    expect(() => parseReleaseText(text)).toThrow(message);
  });
});

describe('paragraph blocks', () => {
  it('round-trips paragraphs through Strapi blocks', () => {
    const paragraphs = ['Один.', 'Two «quoted» — text.'];
    expect(blocksToParagraphs(paragraphsToBlocks(paragraphs))).toEqual(paragraphs);
  });
});
