/**
 * Renders letter documents to PDF with pdfkit: A4, Roboto embedded (subset), QR codes drawn as vector
 * modules (crisp at any print resolution). One letter per file for previews, or a whole print batch in
 * one file, each letter starting on a new page.
 *
 * Speed (bench/letters.bench.ts): fonts are parsed once per process and handed to pdfkit as fontkit
 * objects (pdfkit ≥ 0.20 accepts them); words are shaped and measured once per process (pdfkit's
 * layout cache is shared by consecutive documents), and each document's font subset starts with the
 * same seeded glyphs, so the embedded font file is encoded and compressed once per distinct subset
 * rather than once per document. A letter then costs its line breaking, its QR code and its content
 * streams. Text is left-aligned (justified text is laid out word by word and costs 2–3× more).
 * The seeded subset makes a one-letter file about 13 KiB larger (≈ 45 KiB); a print batch embeds it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LetterRenderer, RenderedBatch } from '../../application/ports/letter-renderer.ts';
import type { Block, LetterDocument } from '../../domain/letters/document.ts';

const fontDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fonts');
type Doc = InstanceType<typeof PDFDocument>;
type FontSource = Parameters<Doc['registerFont']>[1];

interface GlyphRunLike {
  readonly glyphs: readonly unknown[];
  readonly positions: readonly { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}

/** Distinct words shaped and kept per font; past it the memo starts afresh (bounded memory). */
const MAX_SHAPED_WORDS = 50_000;
/** Distinct font subsets kept encoded per font (a handful in practice: see SEED_TEXT). */
const MAX_ENCODED_SUBSETS = 32;

/**
 * Every glyph a French or English letter commonly needs, put into each document's font subset first,
 * in this order: the subset (hence its encoded TrueType file) is then the same for almost every letter
 * and is encoded once per process, not once per document. Letters needing another glyph (a name in
 * another script, say) append it and get a subset of their own. Ligatures are laid out as words.
 */
const SEED_TEXT = [
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~',
  '\u00A0«»°§€’‘“”–—…•·×', 'àâäçéèêëîïôöùûüÿñ', 'ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÑ', 'œŒæÆ', 'fi fl ff ffi ffl',
].join(' ');

interface FontkitSubset {
  readonly glyphs: readonly number[];
  encode(): Uint8Array;
}

/**
 * A parsed font whose costly per-document work is remembered across documents:
 * - text shaping (OpenType GSUB/GPOS lookups): letters repeat the same words, and pdfkit's own cache
 *   lives only as long as one document. pdfkit scales the positions it gets in place, so each call
 *   returns fresh position objects; the glyphs are shared (pdfkit only reads them);
 * - the encoded font subset embedded at the end of each document (fontkit re-reads and re-encodes every
 *   glyph each time): the same glyph list, in the same order, gives the same bytes.
 */
function withSharedWork(font: fontkit.Font): FontSource {
  const memo = new Map<string, GlyphRunLike>();
  const layout = (text: string, features?: unknown) => {
    if (features !== undefined) return font.layout(text, features as never);
    let run = memo.get(text);
    if (!run) {
      if (memo.size >= MAX_SHAPED_WORDS) memo.clear();
      run = font.layout(text) as unknown as GlyphRunLike;
      memo.set(text, run);
    }
    const positions = run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset }));
    return {
      glyphs: run.glyphs, positions,
      // Read after pdfkit has scaled the positions in place: a getter, not a sum taken now.
      get advanceWidth() {
        let width = 0;
        for (const p of positions) width += p.xAdvance;
        return width;
      },
    };
  };
  const encoded = new Map<string, Uint8Array>();
  const createSubset = () => {
    const subset = font.createSubset() as unknown as FontkitSubset;
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      // The key is taken before encoding: fontkit appends the components of composite glyphs while it
      // encodes, which only matters inside the font file, and that is what is remembered.
      const key = subset.glyphs.join(',');
      let bytes = encoded.get(key);
      if (!bytes) {
        if (encoded.size >= MAX_ENCODED_SUBSETS) encoded.clear();
        bytes = encode();
        encoded.set(key, bytes);
      }
      return bytes;
    };
    return subset;
  };
  return new Proxy(font, {
    get: (target, property) => (property === 'layout' ? layout : property === 'createSubset' ? createSubset : Reflect.get(target, property, target)),
  }) as unknown as FontSource;
}

/** What this renderer touches of pdfkit's per-document objects (pdfkit 0.20: EmbeddedFont, PDFReference). */
interface PdfkitReference {
  compress: boolean;
  readonly data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
}
interface PdfkitRun {
  readonly glyphs: readonly unknown[];
  readonly positions: readonly unknown[];
  readonly advanceWidth: number;
}
interface PdfkitEmbeddedFont {
  readonly name: string;
  readonly document: { compress: boolean; ref(data?: Record<string, unknown>): PdfkitReference };
  layoutCache?: Record<string, unknown>;
  encode(text: string): unknown;
  embed(): void;
  layoutRun(text: string, features?: unknown): PdfkitRun;
  layoutCached(text: string): PdfkitRun;
  layout(text: string, features?: unknown, onlyWidth?: boolean): { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number };
}

/**
 * pdfkit's EmbeddedFont.layout, same result, written for speed: it cuts the text into words after
 * each space or tab and lays each word out through the (shared) cache, but scans with char codes and
 * appends glyphs in place where pdfkit tests each character against an array and concatenates arrays
 * word after word. A word's advance width is summed once, when it is laid out (pdfkit's run sums its
 * positions again on every read).
 */
function fasterLayout(embedded: PdfkitEmbeddedFont): void {
  const layoutRun = embedded.layoutRun.bind(embedded);
  embedded.layoutRun = (text, features) => {
    const run = layoutRun(text, features);
    Object.defineProperty(run, 'advanceWidth', { value: run.advanceWidth, configurable: true, enumerable: true });
    return run;
  };
  const layout = embedded.layout.bind(embedded);
  embedded.layout = (text, features, onlyWidth) => {
    if (features) return layout(text, features, onlyWidth);
    const glyphs: unknown[] | null = onlyWidth ? null : [];
    const positions: unknown[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    const add = (word: string) => {
      const run = embedded.layoutCached(word);
      if (glyphs && positions) {
        for (const glyph of run.glyphs) glyphs.push(glyph);
        for (const position of run.positions) positions.push(position);
      }
      advanceWidth += run.advanceWidth;
    };
    let last = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 32 || code === 9) {
        add(text.slice(last, index + 1));
        last = index + 1;
      }
    }
    if (last < text.length) add(text.slice(last));
    return { glyphs, positions, advanceWidth };
  };
}

/** The font files already compressed, by the (remembered, hence identical) encoded subset they hold. */
const deflatedFontFiles = new WeakMap<Uint8Array, Uint8Array>();

/**
 * pdfkit embeds a font by writing its file into a new stream object, compressed with zlib's defaults.
 * The first object `embed` creates is that stream: it receives the same bytes, compressed the same way
 * (FlateDecode, zlib defaults), but compressed once per distinct subset rather than once per document.
 */
function embedWithRememberedCompression(embedded: PdfkitEmbeddedFont): void {
  const embed = embedded.embed.bind(embedded);
  embedded.embed = () => {
    const document = embedded.document;
    if (!document.compress) return embed();
    const ref = document.ref;
    document.ref = (data) => {
      document.ref = ref;
      const fontFile = ref.call(document, data);
      const end = fontFile.end.bind(fontFile);
      fontFile.end = (chunk) => {
        if (!chunk) return end();
        let deflated = deflatedFontFiles.get(chunk);
        if (!deflated) {
          deflated = zlib.deflateSync(chunk);
          deflatedFontFiles.set(chunk, deflated);
        }
        fontFile.compress = false;
        fontFile.data.Filter = 'FlateDecode';
        return end(deflated);
      };
      return fontFile;
    };
    try {
      embed();
    } finally {
      document.ref = ref;
    }
  };
}

/** Documents that share one layout cache before it starts afresh (each letter adds a few dozen words). */
const LAYOUT_CACHE_DOCUMENTS = 2_000;
const sharedLayout = { documents: 0, caches: new Map<string, Record<string, unknown>>() };

/**
 * Gives the document's fonts the layout cache of the documents before it (pdfkit keeps one per
 * document: words already measured and shaped, scaled to the font's units, never modified afterwards,
 * which a print batch already relies on), and seeds each font's subset with SEED_TEXT.
 */
function shareFontWork(doc: Doc): void {
  if (++sharedLayout.documents > LAYOUT_CACHE_DOCUMENTS) {
    sharedLayout.documents = 1;
    sharedLayout.caches.clear();
  }
  const families = (doc as unknown as { _fontFamilies: Record<string, PdfkitEmbeddedFont> })._fontFamilies;
  for (const embedded of new Set(Object.values(families))) {
    if (!embedded.layoutCache) continue;
    let cache = sharedLayout.caches.get(embedded.name);
    if (!cache) {
      cache = Object.create(null) as Record<string, unknown>;
      sharedLayout.caches.set(embedded.name, cache);
    }
    embedded.layoutCache = cache;
    fasterLayout(embedded);
    embedded.encode(SEED_TEXT);
    embedWithRememberedCompression(embedded);
  }
}

let fonts: { regular: FontSource; medium: FontSource } | null = null;
function loadFonts() {
  const load = (file: string) => withSharedWork(fontkit.create(fs.readFileSync(path.join(fontDir, file))) as fontkit.Font);
  fonts ??= { regular: load('Roboto-Regular.ttf'), medium: load('Roboto-Medium.ttf') };
  return fonts;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const BOTTOM = 72;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const INK = '#111111';
const MUTED = '#555555';

/** Roboto has no narrow no-break space (U+202F, French thousands separator): print a no-break space. */
const printable = (text: string) => text.replace(/\u202F/g, '\u00A0');
const REGULAR = 'Roboto-Regular';
const MEDIUM = 'Roboto-Medium';

export class PdfkitLetterRenderer implements LetterRenderer {
  constructor(private readonly info: { readonly producer: string } = { producer: 'Amiable' }) {}

  /** One letter, in memory (preview, download). */
  async renderOne(letter: LetterDocument): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const doc = this.open(letter.title);
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    this.drawLetter(doc, letter);
    doc.end();
    await ended;
    return Buffer.concat(chunks);
  }

  /** Many letters in one PDF file; returns the number of pages of each letter, in order. */
  async renderBatch(letters: readonly LetterDocument[], filePath: string, title: string): Promise<RenderedBatch> {
    const doc = this.open(title);
    const out = fs.createWriteStream(filePath);
    const finished = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
      doc.on('error', reject);
    });
    doc.pipe(out);
    const pages: number[] = [];
    for (const letter of letters) pages.push(this.drawLetter(doc, letter));
    doc.end();
    await finished;
    return { pages, bytes: fs.statSync(filePath).size };
  }

  private open(title: string): Doc {
    const { regular, medium } = loadFonts();
    const doc = new PDFDocument({
      size: 'A4', bufferPages: true, margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM }, autoFirstPage: false,
      font: regular as unknown as string, lang: 'fr-FR', displayTitle: true,
      info: { Title: title, Producer: this.info.producer, Creator: this.info.producer },
    });
    // Open both fonts once; later switches by PostScript name hit pdfkit's per-document font cache
    // (a registered alias would re-open the font, and build a new subset, on every switch).
    doc.font(medium as unknown as string).font(regular as unknown as string);
    shareFontWork(doc);
    return doc;
  }

  /**
   * Draws one letter starting on a new page and returns its page count. Pages stay buffered until the
   * letter is complete, so each footer can say "page i/n"; they are then flushed, which keeps a batch
   * of thousands of letters in bounded memory.
   */
  private drawLetter(doc: Doc, letter: LetterDocument): number {
    doc.addPage();
    const firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
    this.drawHeader(doc, letter);
    for (const block of letter.blocks) this.drawBlock(doc, block);
    const range = doc.bufferedPageRange();
    const pages = range.start + range.count - firstPage;
    for (let index = 0; index < pages; index += 1) {
      doc.switchToPage(firstPage + index);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font(REGULAR).fontSize(7).fillColor(MUTED)
        .text(printable(`${letter.footer} · ${index + 1}/${pages}`), MARGIN, A4.height - 40, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.fillColor(INK);
    doc.flushPages();
    return pages;
  }

  private drawHeader(doc: Doc, letter: LetterDocument): void {
    const [name, ...rest] = letter.sender;
    doc.font(MEDIUM).fontSize(11).fillColor(INK).text(printable(name ?? ''), MARGIN, MARGIN);
    doc.font(REGULAR).fontSize(8.5).fillColor(MUTED).text(printable(rest.join('\n')));
    // Recipient in the window of a French DL/C5 envelope (right, about 45 mm from the top).
    doc.font(REGULAR).fontSize(10.5).fillColor(INK).text(printable(letter.recipient.join('\n')), 320, 140, { width: 220 });
    doc.fontSize(10).text(printable(letter.dateLine), MARGIN, 230, { width: CONTENT_WIDTH, align: 'right' });
    doc.moveDown(1.2);
    doc.font(MEDIUM).fontSize(13).text(printable(letter.title), MARGIN, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.6);
  }

  private ensureSpace(doc: Doc, height: number): void {
    if (doc.y + height > A4.height - BOTTOM) doc.addPage();
  }

  private drawBlock(doc: Doc, block: Block): void {
    doc.x = MARGIN;
    switch (block.kind) {
      case 'heading':
        this.ensureSpace(doc, 40);
        doc.moveDown(0.4).font(MEDIUM).fontSize(10.5).fillColor(INK).text(printable(block.text), { width: CONTENT_WIDTH });
        doc.moveDown(0.3);
        return;
      case 'paragraph':
        doc.font(REGULAR).fontSize(block.small ? 8 : 10).fillColor(block.small ? MUTED : INK)
          .text(printable(block.text), { width: CONTENT_WIDTH, lineGap: 1.5 });
        doc.fillColor(INK).moveDown(block.small ? 0.4 : 0.6);
        return;
      case 'fields':
        for (const row of block.rows) {
          this.ensureSpace(doc, 16);
          const y = doc.y;
          doc.font(MEDIUM).fontSize(9.5).text(printable(row.label), MARGIN, y, { width: 170 });
          const afterLabel = doc.y;
          doc.font(REGULAR).text(printable(row.value), MARGIN + 175, y, { width: CONTENT_WIDTH - 175 });
          doc.y = Math.max(afterLabel, doc.y);
        }
        doc.x = MARGIN;
        doc.moveDown(0.6);
        return;
      case 'amounts': {
        this.ensureSpace(doc, 20 * block.rows.length);
        for (const row of block.rows) {
          const y = doc.y;
          const total = row.part === 'total' || row.part === 'balance';
          if (total) doc.moveTo(MARGIN + 200, y - 2).lineTo(MARGIN + CONTENT_WIDTH, y - 2).lineWidth(0.5).stroke();
          doc.font(total ? MEDIUM : REGULAR).fontSize(10).text(printable(row.label), MARGIN + 200, y, { width: 150 });
          doc.text(printable(row.text), MARGIN + 350, y, { width: CONTENT_WIDTH - 350, align: 'right' });
          doc.y += 2;
        }
        doc.x = MARGIN;
        doc.moveDown(0.6);
        return;
      }
      case 'payment': {
        const qrSize = 120;
        this.ensureSpace(doc, qrSize + 30);
        const top = doc.y;
        doc.rect(MARGIN, top, CONTENT_WIDTH, qrSize + 16).lineWidth(0.6).strokeColor('#999999').stroke().strokeColor(INK);
        let y = top + 10;
        for (const line of block.lines) {
          doc.font(MEDIUM).fontSize(9).text(printable(line.label), MARGIN + 10, y, { width: 120 });
          doc.font(REGULAR).text(printable(line.value), MARGIN + 130, y, { width: CONTENT_WIDTH - qrSize - 150 });
          y = doc.y + 3;
        }
        doc.font(REGULAR).fontSize(7.5).fillColor(MUTED).text(printable(block.caption), MARGIN + 10, y + 2, { width: CONTENT_WIDTH - qrSize - 30 });
        doc.fillColor(INK);
        drawQr(doc, block.epcPayload, MARGIN + CONTENT_WIDTH - qrSize - 4, top + 8, qrSize);
        doc.x = MARGIN;
        doc.y = top + qrSize + 26;
        return;
      }
      case 'qr': {
        const size = 110;
        this.ensureSpace(doc, size + 20);
        const top = doc.y;
        drawQr(doc, block.payload, MARGIN, top, size);
        doc.font(REGULAR).fontSize(9).text(printable(block.caption), MARGIN + size + 12, top + 20, { width: CONTENT_WIDTH - size - 12 });
        doc.x = MARGIN;
        doc.y = Math.max(doc.y, top + size) + 10;
        return;
      }
      case 'schedule': {
        const columns = [MARGIN, MARGIN + 60, MARGIN + 260];
        const row = (cells: readonly string[], bold: boolean) => {
          this.ensureSpace(doc, 16);
          const y = doc.y;
          cells.forEach((cell, i) => doc.font(bold ? MEDIUM : REGULAR).fontSize(9.5).text(printable(cell), columns[i]!, y, { width: i === 2 ? 120 : 190, align: i === 2 ? 'right' : 'left' }));
          doc.y = y + 15;
        };
        row(block.header, true);
        for (const cells of block.rows) row(cells, false);
        doc.x = MARGIN;
        doc.moveDown(0.6);
        return;
      }
    }
  }
}

/**
 * A QR code as filled rectangles, one per horizontal run of dark modules, with the 4-module quiet
 * zone ISO/IEC 18004 requires. Error correction M, as EPC069-12 requires for payment codes.
 */
function drawQr(doc: Doc, payload: string, x: number, y: number, size: number): void {
  // One byte-mode segment: EPC069-12 payloads are UTF-8 text, and it spares the encoder's search for
  // the cheapest mix of numeric/alphanumeric/byte segments on every letter.
  const qr = QRCode.create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const module = size / (count + 8);
  doc.save();
  doc.rect(x, y, size, size).fill('#FFFFFF');
  for (let row = 0; row < count; row += 1) {
    let column = 0;
    while (column < count) {
      if (!qr.modules.get(row, column)) {
        column += 1;
        continue;
      }
      let end = column;
      while (end < count && qr.modules.get(row, end)) end += 1;
      doc.rect(x + (column + 4) * module, y + (row + 4) * module, (end - column) * module, module);
      column = end;
    }
  }
  doc.fill('#000000');
  doc.restore();
}
