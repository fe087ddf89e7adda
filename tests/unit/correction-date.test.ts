import {
  correctedAtOnPublish,
  releaseCorrectedAt,
  releaseModifiedAt,
} from '../../src/read-side/read-model/correction-date';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const EARLIER = '2026-11-01T08:00:00.000Z';

describe('correctedAtOnPublish', () => {
  it.each([
    ['no note', { correction: null }, { correction: null }, null],
    ['a blank note', { correction: '  ' }, { correction: null }, null],
    ['a new note on a published release', { correction: 'Fixed.' }, { correction: null }, NOW.toISOString()],
    [
      'a changed note',
      { correction: 'Fixed twice.' },
      { correction: 'Fixed.', correctedAt: EARLIER },
      NOW.toISOString(),
    ],
    ['the same note', { correction: 'Fixed. ' }, { correction: 'Fixed.', correctedAt: EARLIER }, EARLIER],
    ['a note removed', { correction: '' }, { correction: 'Fixed.', correctedAt: EARLIER }, null],
    ['published again after an unpublish', { correction: 'Fixed.', correctedAt: EARLIER }, null, EARLIER],
    ['a first publication with a note', { correction: 'Fixed.' }, null, NOW.toISOString()],
  ])('%s', (_, draft, published, expected) => {
    expect(correctedAtOnPublish(draft, published, NOW)?.toISOString() ?? null).toBe(expected);
  });
});

describe('releaseModifiedAt', () => {
  it('is the later of the last save and the correction', () => {
    expect(releaseModifiedAt({ updatedAt: EARLIER }).toISOString()).toBe(EARLIER);
    expect(releaseModifiedAt({ updatedAt: EARLIER, correctedAt: NOW.toISOString() })).toEqual(NOW);
    expect(releaseModifiedAt({ updatedAt: NOW, correctedAt: EARLIER })).toEqual(NOW);
  });
});

describe('releaseCorrectedAt', () => {
  it('is the date of a note the public is shown, and none without a note', () => {
    expect(releaseCorrectedAt({ correction: 'Fixed.', correctedAt: EARLIER })?.toISOString()).toBe(EARLIER);
    expect(releaseCorrectedAt({ correction: '  ', correctedAt: EARLIER })).toBeNull();
    expect(releaseCorrectedAt({ correction: 'Fixed.', correctedAt: null })).toBeNull();
  });
});
