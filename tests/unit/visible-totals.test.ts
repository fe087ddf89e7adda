import { VisibleTotals } from '../../src/public-access/public-release-sql';

/** The list's kept totals: forgotten on a write (generation), after the maximum age, and at the next embargo end. */
describe('VisibleTotals', () => {
  let now = 1_000_000;
  let generation: number | undefined = 1;
  const totals = () => new VisibleTotals(() => generation, 1000, () => now);

  beforeEach(() => {
    now = 1_000_000;
    generation = 1;
  });

  it('keeps a total per locale for at most the maximum age', () => {
    const kept = totals();
    kept.set('ru', 42, null, 1);
    expect(kept.get('ru')).toBe(42);
    expect(kept.get('en')).toBeUndefined();
    now += 999;
    expect(kept.get('ru')).toBe(42);
    now += 1;
    expect(kept.get('ru')).toBeUndefined();
  });

  it('forgets a total when the content generation moves (a write, here or on another instance)', () => {
    const kept = totals();
    kept.set('ru', 42, null, 1);
    generation = 2;
    expect(kept.get('ru')).toBeUndefined();
  });

  it('does not keep a total counted before a write that finished after it', () => {
    const kept = totals();
    const countedAt = kept.generation();
    generation = 2;
    kept.set('ru', 42, null, countedAt);
    expect(kept.get('ru')).toBeUndefined();
  });

  it('keeps nothing while the generation is unknown (shared cache unreachable)', () => {
    generation = undefined;
    const kept = totals();
    kept.set('ru', 42, null, undefined);
    expect(kept.get('ru')).toBeUndefined();
  });

  it('forgets a total when the next embargo ends, even within the maximum age', () => {
    const kept = totals();
    kept.set('ru', 42, now + 300, 1);
    now += 299;
    expect(kept.get('ru')).toBe(42);
    now += 1;
    expect(kept.get('ru')).toBeUndefined();
  });
});
