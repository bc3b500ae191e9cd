/**
 * A renderer-neutral page description: positioned text runs and rules in PDF points, y measured
 * down from the top. Documents are laid out once with `Flow` and then drawn by the PDF writer
 * (text layer) or the SVG rasteriser (images), so both outputs carry the same text. Holds no
 * document knowledge.
 */

export type FontFamily = 'mono' | 'sans' | 'serif';
export type Align = 'left' | 'right' | 'center';

export interface TextRun {
  kind: 'text';
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  text: string;
  size: number;
  font: FontFamily;
  bold: boolean;
  align: Align;
}

export interface Rule {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  dashed: boolean;
}

export interface LayoutPage {
  width: number;
  height: number;
  items: Array<TextRun | Rule>;
}

export interface Layout {
  pages: LayoutPage[];
}

export interface Cell {
  text: string;
  x: number;
  align?: Align;
  bold?: boolean;
}

export interface LineStyle {
  size?: number;
  bold?: boolean;
  font?: FontFamily;
}

export interface FlowOptions {
  width: number;
  /** A fixed page height, or 'auto' for a till roll as long as its content. */
  height: number | 'auto';
  margin: { top: number; right: number; bottom: number; left: number };
  font: FontFamily;
  size: number;
  /** Line height as a multiple of the font size. */
  leading: number;
}

/** Lays text out top to bottom, starting a new page (and calling `onNewPage`) when one fills. */
export class Flow {
  readonly pages: LayoutPage[] = [];
  private page: LayoutPage;
  y: number;

  constructor(
    private readonly options: FlowOptions,
    private readonly onNewPage?: (flow: Flow, pageNumber: number) => void,
  ) {
    this.page = this.addPage();
    this.y = options.margin.top;
  }

  get left(): number {
    return this.options.margin.left;
  }

  get right(): number {
    return this.options.width - this.options.margin.right;
  }

  get center(): number {
    return (this.left + this.right) / 2;
  }

  get width(): number {
    return this.right - this.left;
  }

  get pageNumber(): number {
    return this.pages.length;
  }

  private addPage(): LayoutPage {
    const height = this.options.height === 'auto' ? 0 : this.options.height;
    const page: LayoutPage = { width: this.options.width, height, items: [] };
    this.pages.push(page);
    return page;
  }

  /** Whether `points` more fit on this page. */
  fits(points: number): boolean {
    return this.options.height === 'auto' || this.y + points <= this.options.height - this.options.margin.bottom;
  }

  /** Starts a new page unless `points` more fit on this one. */
  ensure(points: number): void {
    if (!this.fits(points)) this.newPage();
  }

  newPage(): void {
    this.page = this.addPage();
    this.y = this.options.margin.top;
    this.onNewPage?.(this, this.pages.length);
  }

  /** One line of cells sharing a baseline. */
  line(cells: Cell[], style: LineStyle = {}): void {
    const size = style.size ?? this.options.size;
    this.ensure(size * this.options.leading);
    const baseline = this.y + size;
    for (const cell of cells) {
      if (cell.text === '') continue;
      this.page.items.push({
        kind: 'text',
        x: cell.x,
        y: baseline,
        text: cell.text,
        size,
        font: style.font ?? this.options.font,
        bold: cell.bold ?? style.bold ?? false,
        align: cell.align ?? 'left',
      });
    }
    this.y += size * this.options.leading;
  }

  text(text: string, style: LineStyle & { align?: Align } = {}): void {
    const x = style.align === 'center' ? this.center : style.align === 'right' ? this.right : this.left;
    this.line([{ text, x, align: style.align ?? 'left' }], style);
  }

  /** A label on the left and a value flush right, the commonest receipt line. */
  pair(label: string, value: string, style: LineStyle = {}): void {
    this.line(
      [
        { text: label, x: this.left },
        { text: value, x: this.right, align: 'right' },
      ],
      style,
    );
  }

  rule(options: { dashed?: boolean; x1?: number; x2?: number; width?: number } = {}): void {
    const y = this.y + 3;
    this.page.items.push({
      kind: 'rule',
      x1: options.x1 ?? this.left,
      x2: options.x2 ?? this.right,
      y1: y,
      y2: y,
      width: options.width ?? 0.6,
      dashed: options.dashed ?? false,
    });
    this.y += 7;
  }

  gap(points: number): void {
    this.y += points;
  }

  /** Places text at an absolute position on the current page without moving the cursor. */
  place(run: Omit<TextRun, 'kind' | 'font' | 'bold' | 'align'> & Partial<Pick<TextRun, 'font' | 'bold' | 'align'>>): void {
    this.page.items.push({ kind: 'text', font: this.options.font, bold: false, align: 'left', ...run });
  }

  finish(): Layout {
    if (this.options.height === 'auto') this.page.height = Math.ceil(this.y + this.options.margin.bottom);
    return { pages: this.pages };
  }
}
