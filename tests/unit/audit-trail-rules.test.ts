import { csvField } from '../../src/editorial/audit-trail/audit-export';
import { blankOut, secretValuesOf, withoutSecrets } from '../../src/editorial/audit-trail/audit-secrets';

describe('audit trail rules', () => {
  it('drops every secret-named property, at any depth', () => {
    expect(
      withoutSecrets({
        name: 'hook',
        password: 'p',
        headers: { Authorization: 'Bearer x' },
        nested: [{ accessKey: 'k', apiToken: 't', kept: 1 }],
      }),
    ).toEqual({ name: 'hook', nested: [{ kept: 1 }] });
  });

  it('blanks out what a request carried under secret names', () => {
    const secrets = secretValuesOf({ email: 'a@b.c', password: 'Hunter-22', deep: { newPassword: 'Other-33' } });
    expect(secrets.sort()).toEqual(['Hunter-22', 'Other-33']);
    expect(blankOut('password Hunter-22 is too weak', secrets)).toBe('password [redacted] is too weak');
  });

  it('writes CSV fields by RFC 4180, formulas as text', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\nthen')).toBe('"say ""hi""\nthen"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});
