/**
 * Parses a press release written as plain text, the way agencies send them:
 *
 *   [kicker line]            optional rubric above the headline
 *   headline line
 *   paragraph … paragraph    separated by blank lines
 *   [signature line]         optional short line naming the source, e.g. «БР»
 *
 * Blocks are separated by blank lines; lines inside one block are joined with a space.
 * Text is kept exactly as written, apart from surrounding whitespace.
 */
export interface ParsedRelease {
  kicker?: string;
  headline: string;
  paragraphs: string[];
  signature?: string;
}

export class ReleaseTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseTextError';
  }
}

export const HEADLINE_MAX_LENGTH = 300;
export const KICKER_MAX_LENGTH = 200;
const SIGNATURE_MAX_LENGTH = 60;

interface Block {
  text: string;
  lineCount: number;
}

function splitBlocks(text: string): Block[] {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return normalized
    .split(/\n[ \t\u00A0]*\n/)
    .map((raw) =>
      raw
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => ({ text: lines.join(' ').replace(/\s+/g, ' '), lineCount: lines.length }));
}

/** A title-like block: one line that does not end a sentence with a full stop. */
function isTitleLine(block: Block, maxLength: number): boolean {
  return block.lineCount === 1 && block.text.length <= maxLength && !/[.;,]$/.test(block.text);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function parseReleaseText(text: string): ParsedRelease {
  if (text.includes('\u0000')) {
    throw new ReleaseTextError('The file is not plain text (it contains NUL bytes).');
  }
  if (LONE_SURROGATE.test(text)) {
    throw new ReleaseTextError('The text is not valid Unicode (it contains a lone surrogate code unit).');
  }
  const blocks = splitBlocks(text);
  if (blocks.length === 0) {
    throw new ReleaseTextError('The file is empty: expected a headline line followed by paragraphs.');
  }

  const leadingTitles: Block[] = [];
  for (const block of blocks.slice(0, 2)) {
    if (!isTitleLine(block, Math.max(HEADLINE_MAX_LENGTH, KICKER_MAX_LENGTH))) break;
    leadingTitles.push(block);
  }
  if (leadingTitles.length === 0) {
    throw new ReleaseTextError(
      `No headline: the first block must be a single line of at most ${HEADLINE_MAX_LENGTH} characters ` +
        'not ending with a full stop (optionally preceded by a kicker line), followed by the paragraphs.',
    );
  }

  let rest = blocks.slice(leadingTitles.length);
  let kicker: string | undefined;
  let headline: string;
  if (leadingTitles.length === 2 && rest.length > 0) {
    [kicker, headline] = [leadingTitles[0].text, leadingTitles[1].text];
  } else {
    headline = leadingTitles[0].text;
    rest = blocks.slice(1);
  }
  if (headline.length > HEADLINE_MAX_LENGTH) {
    throw new ReleaseTextError(`The headline is longer than ${HEADLINE_MAX_LENGTH} characters.`);
  }
  if (kicker !== undefined && kicker.length > KICKER_MAX_LENGTH) {
    throw new ReleaseTextError(`The kicker is longer than ${KICKER_MAX_LENGTH} characters.`);
  }

  let signature: string | undefined;
  const last = rest[rest.length - 1];
  if (rest.length > 1 && last && isTitleLine(last, SIGNATURE_MAX_LENGTH) && !/[.!?…]$/.test(last.text)) {
    signature = last.text;
    rest = rest.slice(0, -1);
  }
  if (rest.length === 0) {
    throw new ReleaseTextError(`The release "${headline}" has a headline but no paragraphs.`);
  }

  return {
    ...(kicker !== undefined ? { kicker } : {}),
    headline,
    paragraphs: rest.map((block) => block.text),
    ...(signature !== undefined ? { signature } : {}),
  };
}
