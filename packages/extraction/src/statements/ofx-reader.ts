/**
 * OFX files as a tree of elements: OFX 1.x (a `KEY:VALUE` header, then SGML whose value elements
 * are never closed) and OFX 2.x (an XML declaration and an `<?OFX OFXHEADER="200" ...?>`
 * instruction, then XML). Both become the same `OfxElement` tree with the line each element starts
 * on. Checks the header and the nesting only; what the elements mean is ofx.ts's job.
 */
import { StatementFileError } from './statement-file-error';

export interface OfxElement {
  name: string;
  line: number;
  /** The text of a value element (`<TRNAMT>-12.50`); undefined for aggregates. */
  value: string | undefined;
  children: OfxElement[];
}

export function readOfx(text: string): { version: 1 | 2; root: OfxElement } {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new StatementFileError('EMPTY', 'the file is empty');
  const { version, bodyStart } = readHeader(source);
  const open = source.indexOf('<OFX>', bodyStart);
  if (open < 0) throw new StatementFileError('BAD_HEADER', 'no <OFX> element after the header', lineAt(source, bodyStart));
  return { version, root: readElements(source, open) };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function readHeader(source: string): { version: 1 | 2; bodyStart: number } {
  const start = source.search(/\S/);
  if (source.startsWith('<?xml', start) || source.startsWith('<?OFX', start)) {
    const instruction = /<\?OFX\s([^?]*)\?>/.exec(source);
    const line = instruction ? lineAt(source, instruction.index) : lineAt(source, start);
    if (!instruction) throw new StatementFileError('BAD_HEADER', 'XML file without an <?OFX OFXHEADER="200" ...?> instruction', line);
    const header = /\bOFXHEADER\s*=\s*"(\d+)"/.exec(instruction[1] ?? '');
    if (!header || !(header[1] ?? '').startsWith('2')) {
      throw new StatementFileError(
        'BAD_HEADER',
        `OFXHEADER should be "200" in <?OFX ...?>, found ${header ? `"${header[1]}"` : 'none'}`,
        line,
      );
    }
    return { version: 2, bodyStart: instruction.index + instruction[0].length };
  }
  const bodyStart = source.indexOf('<');
  const headerText = bodyStart < 0 ? source : source.slice(0, bodyStart);
  const fields = new Map<string, string>();
  let lineNumber = 0;
  for (const rawLine of headerText.split(/\r\n|\n|\r/)) {
    lineNumber++;
    for (const pair of rawLine
      .trim()
      .split(/\s+/)
      .filter((part) => part !== '')) {
      const match = /^([A-Z]+):(.*)$/.exec(pair);
      if (!match) throw new StatementFileError('BAD_HEADER', `header line "${rawLine.trim().slice(0, 40)}" is not KEY:VALUE`, lineNumber);
      if (fields.size === 0 && match[1] !== 'OFXHEADER') {
        throw new StatementFileError('BAD_HEADER', `the header must start with OFXHEADER:100, found "${pair}"`, lineNumber);
      }
      fields.set(match[1] ?? '', match[2] ?? '');
    }
  }
  if (fields.size === 0) throw new StatementFileError('BAD_HEADER', 'no OFXHEADER:100 header before the <OFX> element', 1);
  if (fields.get('OFXHEADER') !== '100')
    throw new StatementFileError('BAD_HEADER', `OFXHEADER should be 100, found "${fields.get('OFXHEADER')}"`, 1);
  const data = fields.get('DATA');
  if (data !== 'OFXSGML')
    throw new StatementFileError('BAD_HEADER', `DATA should be OFXSGML, found ${data === undefined ? 'none' : `"${data}"`}`, 1);
  if (bodyStart < 0) throw new StatementFileError('BAD_HEADER', 'no <OFX> element after the header', lineNumber);
  return { version: 1, bodyStart };
}

const TAG = /<(\/?)([A-Za-z][\w.]*)[^<>]*>|<!--[\s\S]*?-->/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One pass over the tags: an opening tag followed by text is a value element (its closing tag, in
 * XML, is skipped); otherwise it is an aggregate that stays open until its closing tag, which also
 * closes anything SGML left open inside it.
 */
function readElements(source: string, from: number): OfxElement {
  const root: OfxElement = { name: '#document', line: 1, value: undefined, children: [] };
  const stack: OfxElement[] = [root];
  let line = lineAt(source, from);
  let position = from;
  TAG.lastIndex = from;
  let closedOfx = false;
  for (let match = TAG.exec(source); match && !closedOfx; match = TAG.exec(source)) {
    for (let i = position; i < match.index; i++) if (source[i] === '\n') line++;
    position = match.index;
    const [tag, slash, name] = match;
    const parent = stack[stack.length - 1] ?? root;
    if (name === undefined) continue;
    const upper = name.toUpperCase();
    if (slash) {
      const depth = stack.map((element) => element.name).lastIndexOf(upper);
      if (depth > 0) stack.length = depth;
      if (upper === 'OFX' && depth > 0) closedOfx = true;
      continue;
    }
    const next = source.indexOf('<', match.index + tag.length);
    const text = source.slice(match.index + tag.length, next < 0 ? source.length : next);
    const element: OfxElement = { name: upper, line, value: undefined, children: [] };
    parent.children.push(element);
    if (text.trim() !== '') element.value = decode(text);
    else if (source.slice(next, next + upper.length + 3).toUpperCase() === `</${upper}>`) element.value = '';
    else stack.push(element);
  }
  if (!closedOfx) {
    throw new StatementFileError('TRUNCATED', 'the file ends before </OFX>; it may have been cut off', lineAt(source, source.length));
  }
  return root;
}

/** Every element with this name under `element`, depth first. */
export function findAll(element: OfxElement, name: string): OfxElement[] {
  const found: OfxElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...findAll(child, name));
  }
  return found;
}

/** The value of the first element with this name under `element` (a direct child first). */
export function valueOf(element: OfxElement, name: string): string | undefined {
  const direct = element.children.find((child) => child.name === name && child.value !== undefined);
  const value = direct?.value ?? findAll(element, name).find((child) => child.value !== undefined)?.value;
  return value === '' ? undefined : value;
}
