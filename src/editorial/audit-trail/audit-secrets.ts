/**
 * What an audit entry must never hold: passwords, tokens, keys, secrets, webhook headers. One owner for the rule,
 * applied to every entry whoever records it (src/editorial/audit-trail/audit-event.ts).
 */
const SECRET_KEY = /pass(word)?|token|secret|key|salt|hash|authorization|headers|cookie|credential/i;

export const isSecretKey = (name: string): boolean => SECRET_KEY.test(name);

/** A copy without any property whose name says it holds a secret, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([name]) => !isSecretKey(name))
      .map(([name, inner]) => [name, withoutSecrets(inner)]),
  );
}

/** The strings a request body holds under secret names (a password typed), to be blanked out of any text kept. */
export function secretValuesOf(value: unknown, underSecret = false): string[] {
  if (typeof value === 'string') return underSecret && value.length >= 4 ? [value] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, inner]) =>
    secretValuesOf(inner, underSecret || isSecretKey(name)),
  );
}

export function blankOut(text: string, secrets: readonly string[]): string {
  return secrets.reduce((kept, secret) => kept.split(secret).join('[redacted]'), text);
}
