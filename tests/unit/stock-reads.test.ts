import { stockPublicReads } from '../../src/read-side/stock-reads';

describe("NEWSROOM_PUBLIC_READS (the tests' stock mode)", () => {
  it('is off unless set to stock', () => {
    expect(stockPublicReads({})).toBe(false);
    expect(stockPublicReads({ NEWSROOM_PUBLIC_READS: 'newsroom' })).toBe(false);
    expect(stockPublicReads({ NEWSROOM_PUBLIC_READS: 'stock', NODE_ENV: 'test' })).toBe(true);
  });

  it(
    'is refused outside tests (production, development, NODE_ENV unset), ' +
      'and a value it does not know stops the app',
    () => {
      for (const NODE_ENV of ['production', 'development', undefined]) {
        expect(() => stockPublicReads({ NEWSROOM_PUBLIC_READS: 'stock', NODE_ENV })).toThrow(/for tests only/);
      }
      expect(() => stockPublicReads({ NEWSROOM_PUBLIC_READS: 'off' })).toThrow(
        /NEWSROOM_PUBLIC_READS: "off" is not one of/,
      );
    },
  );
});
