/**
 * The locale to serve: the requested one if the release is published in it, else the first of the
 * fallback chain that is. `fallback` is a comma-separated list (`?locale=az&fallbackLocale=ru,en`).
 */
export function resolveLocale(requested: string, fallback: string | undefined, available: string[]): string | null {
  const chain = [
    requested,
    ...(fallback ?? '')
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean),
  ];
  return chain.find((code) => available.includes(code)) ?? null;
}
