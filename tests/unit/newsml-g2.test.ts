import { releaseToNewsItem, releasesToNewsMessage } from '../../src/channels/structured-data/newsml-g2';
import { releaseToNinjs } from '../../src/channels/structured-data/ninjs';
import type { PublicRelease } from '../../src/read-side/public-shape';
import { rightsStatement } from '../../src/channels/structured-data/wire-terms';
import type { Settings } from '../../src/platform/settings/newsroom-settings';
import { newsmlSchemaErrors } from '../helpers/newsml-schema';
import { validateNinjs } from '../helpers/ninjs-schema';

const API = 'https://api.newsroom.test';

/** A release with every field the formats read, and a cover in two sizes. */
const release: PublicRelease = {
  id: 7,
  documentId: 'doc7',
  locale: 'ru',
  slug: 'baku-nairobi',
  kicker: 'Перспективы & <сотрудничества>',
  headline: 'Баку и Найроби',
  lead: 'Лид',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Текст с "кавычками" & <угловыми> скобками' }] }],
  dateline: 'Баку, 7 декабря',
  embargoUntil: null,
  issuedAt: '2026-12-01',
  publishedAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  createdAt: '2026-12-06T10:00:00.000Z',
  source: { documentId: 'src1', name: 'БР', shortName: 'БР', url: 'https://br.example' },
  topics: [
    { documentId: 't1', name: 'Коррупция', slug: 'korruptsiya', locale: 'ru', mediaTopic: 'medtop:20000568' },
    { documentId: 't2', name: 'Сотрудничество', slug: null, locale: 'ru', mediaTopic: null },
  ],
  entities: [
    {
      documentId: 'e1',
      name: 'Ильхам Алиев',
      kind: 'person',
      uri: 'https://www.wikidata.org/wiki/Q36354',
      locale: 'ru',
    },
    { documentId: 'e2', name: 'Баку', kind: 'place', uri: null, locale: 'ru' },
  ],
  cover: {
    id: 3,
    url: '/uploads/cover.jpg',
    mime: 'image/jpeg',
    width: 1600,
    height: 900,
    alternativeText: 'Министры',
    formats: {
      thumbnail: { url: '/uploads/thumb.jpg', mime: 'image/jpeg', width: 245, height: 138, sizeInBytes: 9000 },
    },
  },
  seo: null,
  localizations: [{ id: 8, documentId: 'doc7', locale: 'en', slug: 'baku-nairobi-en', headline: 'Baku and Nairobi' }],
  correction: 'Исправлена дата.',
  correctedAt: '2026-12-07T11:00:00.000Z',
};

const settings = {
  siteUrl: 'https://newsroom.test',
  apiUrl: API,
  publicationName: 'Newsroom',
  rights: { copyrightNotice: '© 2026 БР', usageTerms: 'Free for editorial use', url: 'https://newsroom.test/terms' },
};

describe('NewsML-G2 from a release with every field', () => {
  it('is a valid News Item, with an embargo, a correction and a withdrawal status', () => {
    const embargoed = { embargoed: new Date('2026-12-08T00:00:00Z') };
    const canceled = { status: { pubStatus: 'canceled' as const, note: 'Отозван.' } };
    for (const options of [{}, embargoed, canceled]) {
      const xml = releaseToNewsItem(release, settings, options);
      expect(newsmlSchemaErrors(xml)).toBe('');
    }
  });

  it('is a valid News Message: text items, and the picture item of a cover with its renditions', () => {
    const xml = releasesToNewsMessage([release, { ...release, cover: null, source: null, topics: [] }], settings);
    expect(newsmlSchemaErrors(xml)).toBe('');
    expect(xml).toContain('<itemClass qcode="ninat:picture"/>');
    expect(xml).toContain(
      '<remoteContent href="https://api.newsroom.test/uploads/thumb.jpg" rendition="rnd:thumbnail"',
    );
  });

  it('stays valid when the text carries characters XML does not allow (pasted control characters)', () => {
    const pasted = 'Текст\u000Bс\u0001управляющими\uFFFEсимволами';
    const body = [{ type: 'paragraph', children: [{ type: 'text', text: pasted }] }];
    const xml = releaseToNewsItem({ ...release, headline: pasted, body }, settings);
    expect(newsmlSchemaErrors(xml)).toBe('');
    expect(xml).toContain('<headline>Текстсуправляющимисимволами</headline>');
  });

  it('fails validation when the document is not NewsML-G2 (the check can fail)', () => {
    expect(newsmlSchemaErrors('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>')).not.toBe('');
  });
});

describe('ninjs from the same release', () => {
  it('is valid with the rights, genre, note and media topic', () => {
    const ninjs = releaseToNinjs(release, settings);
    expect(validateNinjs(ninjs)).toBe(true);
    expect(ninjs).toMatchObject({
      copyrightHolder: 'БР',
      copyrightNotice: '© 2026 БР',
      usageTerms: 'Free for editorial use',
      rightsInfo: { linkedRights: 'https://newsroom.test/terms' },
      edNote: 'Исправлена дата.',
    });
    expect(ninjs.subjects).toContainEqual({
      name: 'Коррупция',
      rel: 'about',
      uri: 'http://cv.iptc.org/newscodes/mediatopic/20000568',
      literal: 'medtop:20000568',
    });
  });
});

describe('the rights statement', () => {
  it('comes from the RIGHTS_* settings, each left out while empty', () => {
    const values = { RIGHTS_COPYRIGHT_NOTICE: '© 2026 БР', RIGHTS_USAGE_TERMS: '', RIGHTS_URL: 'https://x.test/terms' };
    expect(rightsStatement(values as Settings)).toEqual({
      copyrightNotice: '© 2026 БР',
      url: 'https://x.test/terms',
    });
    expect(
      rightsStatement({ RIGHTS_COPYRIGHT_NOTICE: '', RIGHTS_USAGE_TERMS: '', RIGHTS_URL: '' } as Settings),
    ).toEqual({});
  });
});
