import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** Whether the text is an XML document whose root element is <svg> in the SVG namespace. */
export function isSvgDocument(text: string): boolean {
  const { window } = new JSDOM('');
  const parsed = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  return root?.localName === 'svg' && root.namespaceURI === SVG_NAMESPACE;
}

/**
 * The SVG without scripts, event handlers, foreign HTML or script URLs (DOMPurify's SVG profile), as standalone XML;
 * undefined when nothing of an SVG image is left.
 */
export function sanitiseSvg(text: string): string | undefined {
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  const fragment = purify.sanitize(text, {
    USE_PROFILES: { svg: true, svgFilters: true },
    RETURN_DOM_FRAGMENT: true,
  }) as unknown as DocumentFragment;
  const svg = fragment.firstElementChild;
  if (!svg || svg.localName !== 'svg' || svg.namespaceURI !== SVG_NAMESPACE) return undefined;
  return new window.XMLSerializer().serializeToString(svg);
}
