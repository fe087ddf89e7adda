import type createDOMPurifyType from 'dompurify';
import type { JSDOM as JSDOMType } from 'jsdom';

interface Dom {
  JSDOM: typeof JSDOMType;
  createDOMPurify: typeof createDOMPurifyType;
}
let dom: Dom | undefined;

/**
 * jsdom and DOMPurify, loaded when the first SVG arrives rather than when the app starts: jsdom alone takes about
 * 0.6 s to load, a tenth of the app's start, and most instances never receive an SVG.
 */
function loadDom(): Dom {
  /* eslint-disable @typescript-eslint/no-require-imports -- a require on first use is what defers the load */
  dom ??= {
    JSDOM: (require('jsdom') as typeof import('jsdom')).JSDOM,
    createDOMPurify: require('dompurify') as typeof createDOMPurifyType,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return dom;
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** Whether the text is an XML document whose root element is <svg> in the SVG namespace. */
export function isSvgDocument(text: string): boolean {
  const { window } = new (loadDom().JSDOM)('');
  const parsed = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  return root?.localName === 'svg' && root.namespaceURI === SVG_NAMESPACE;
}

/**
 * The SVG without scripts, event handlers, foreign HTML or script URLs (DOMPurify's SVG profile), as standalone XML;
 * undefined when nothing of an SVG image is left.
 */
export function sanitiseSvg(text: string): string | undefined {
  const { JSDOM, createDOMPurify } = loadDom();
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
