import type { LetterDocument } from '../../domain/letters/document.ts';

export interface RenderedBatch {
  /** Pages of each letter, in the order given (the mailing house's manifest lists them). */
  readonly pages: readonly number[];
  readonly bytes: number;
}

/** Turns checked letter documents into PDF (the linter has already run: renderers never decide content). */
export interface LetterRenderer {
  renderOne(letter: LetterDocument): Promise<Buffer>;
  renderBatch(letters: readonly LetterDocument[], filePath: string, title: string): Promise<RenderedBatch>;
}
