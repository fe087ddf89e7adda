import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReleaseText } from '../../src/editorial/release-text/parse-release-text';
import {
  cutToDescription,
  DESCRIPTION_TARGET_LENGTH,
  firstParagraphText,
  releaseDescription,
  sentenceEnds,
} from '../../src/read-side/read-model/release-description';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';
import { PROJECT_ROOT } from '../helpers/source-files';

const seedParagraphs = (locale: string) =>
  parseReleaseText(readFileSync(path.join(PROJECT_ROOT, 'database/seeds', `baku-nairobi.${locale}.txt`), 'utf8'))
    .paragraphs;

describe('sentence ends', () => {
  it('end at a stop before a capital letter, or at the end of the text', () => {
    const text = 'Первое предложение. Второе! Третье? «Четвёртое». Пятое…';
    expect(sentenceEnds(text).map((end) => text.slice(0, end))).toEqual([
      'Первое предложение.',
      'Первое предложение. Второе!',
      'Первое предложение. Второе! Третье?',
      'Первое предложение. Второе! Третье? «Четвёртое».',
      text,
    ]);
  });

  it('are not after initials, "г." or other abbreviations, nor before a lower-case word or a digit', () => {
    for (const text of [
      'Генеральный прокурор К.Алиев отметил расширение сотрудничества',
      'Генеральный прокурор К. Алиев отметил расширение сотрудничества',
      'Посольство открыто в ноябре 2022 г. в Найроби',
      'Встреча прошла в г. Баку при участии сторон',
      'Prosecutor General K. Aliyev noted the steady expansion',
      'Dr. Smith and Mr. Jones met in St. Petersburg',
      'Ст. 5 и т. д. без конца',
      'The 20th anniversary vs. the 30th one',
    ]) {
      expect({ text, ends: sentenceEnds(text) }).toEqual({ text, ends: [] });
    }
  });

  it('are after a number or an acronym that ends a sentence', () => {
    const text = 'The war of 2020. It ended. The summit is COP29. Kenya will take part.';
    expect(sentenceEnds(text).map((end) => text.slice(0, end).split(' ').pop())).toEqual([
      '2020.',
      'ended.',
      'COP29.',
      'part.',
    ]);
  });
});

describe('cutting a paragraph to a description', () => {
  it('keeps a short paragraph whole, exactly as written', () => {
    expect(cutToDescription('  Коротко: «Баку и Найроби» — вместе.  ')).toBe('Коротко: «Баку и Найроби» — вместе.');
  });

  it('takes whole sentences up to the limit', () => {
    const first = 'Стороны провели плодотворный обмен мнениями о сотрудничестве в сфере борьбы с преступностью.';
    const second = 'Он также пригласил гостей совершить поездку в Агдамский район.';
    const third = 'Гость напомнил, что последний Африканский климатический саммит был проведен в Кении.';
    expect(cutToDescription(`${first} ${second} ${third}`)).toBe(`${first} ${second}`);
    expect(cutToDescription(`${first} ${second} ${third}`, 100)).toBe(first);
  });

  it('cuts a first sentence longer than the limit after a whole word, with "…"', () => {
    const [ru] = seedParagraphs('ru');
    const cut = cutToDescription(ru);
    expect(cut.length).toBeLessThanOrEqual(DESCRIPTION_TARGET_LENGTH);
    expect(cut.length).toBeGreaterThan(DESCRIPTION_TARGET_LENGTH - 20);
    expect(cut.endsWith('…')).toBe(true);
    const start = cut.slice(0, -1);
    expect(ru.startsWith(start)).toBe(true);
    expect(ru[start.length]).toBe(' '); // the next character starts a new word
    expect(cut).toBe(
      'В соответствии с указаниями и рекомендациями Президента Азербайджана Ильхама Алиева Генеральная прокуратура ' +
        'придает особую важность расширению сотрудничества с…',
    );
  });

  it('cuts the English seed paragraph the same way, and leaves no dangling comma', () => {
    const [en] = seedParagraphs('en');
    const cut = cutToDescription(en);
    expect(cut).toBe(
      'In accordance with the instructions and recommendations of the President of Azerbaijan, Ilham Aliyev, the ' +
        "Prosecutor General's Office attaches particular…",
    );
    expect(cutToDescription('One, two, three', 10)).toBe('One, two…');
  });

  it('never cuts inside a word, even one longer than the limit', () => {
    expect(cutToDescription('Сверхдлинноесловобезпробелов и дальше', 10)).toBe('Сверхдлинноесловобезпробелов…');
    expect(cutToDescription('Слово\u00a0неразрывно связано с другим словом здесь', 20)).toBe('Слово\u00a0неразрывно…');
  });

  it('ends after the last sentence that fits even when abbreviations come before it', () => {
    const text = 'Генеральный прокурор К.Алиев встретился с гостями в г. Баку. Стороны обсудили многое и ещё больше.';
    expect(cutToDescription(text, 70)).toBe('Генеральный прокурор К.Алиев встретился с гостями в г. Баку.');
  });
});

describe('the description of a release', () => {
  const body = paragraphsToBlocks(['Первый абзац. Второе предложение.', 'Второй абзац.']);

  it('is, for search and link previews, the SEO description, then the lead, then the first paragraph', () => {
    const use = 'search-and-previews';
    expect(releaseDescription({ lead: 'Лид', body, seo: { metaDescription: 'Для поисковиков' } }, use)).toBe(
      'Для поисковиков',
    );
    expect(releaseDescription({ lead: 'Лид', body, seo: { metaDescription: '  ' } }, use)).toBe('Лид');
    expect(releaseDescription({ lead: null, body, seo: null }, use)).toBe('Первый абзац. Второе предложение.');
    expect(releaseDescription({ lead: '', body: [], seo: null }, use)).toBe('');
  });

  it('is, as a summary (feeds, ninjs), the lead, then the first paragraph: never the SEO description', () => {
    const use = 'summary';
    expect(releaseDescription({ lead: 'Лид', body, seo: { metaDescription: 'Для поисковиков' } }, use)).toBe('Лид');
    expect(releaseDescription({ lead: null, body, seo: { metaDescription: 'Для поисковиков' } }, use)).toBe(
      'Первый абзац. Второе предложение.',
    );
  });

  it('comes from the first paragraph, not a heading or a picture before it', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Заголовок' }] },
      { type: 'image', image: { url: '/uploads/a.png' }, children: [{ type: 'text', text: '' }] },
      { type: 'paragraph', children: [{ type: 'text', text: ' ' }] },
      ...body,
    ];
    expect(firstParagraphText(blocks)).toBe('Первый абзац. Второе предложение.');
  });
});
