import { normalizeWhitespace } from './text/index.js';

/** How a source line reads as a heading: markdown marks and HTML tags dropped, whitespace collapsed. */
export function headingText(line: string): string {
  return normalizeWhitespace(line.replace(/<[^>]+>/gu, ' ').replace(/^\s*#{1,6}\s+/u, ''));
}

/** A declared heading found in its source: where it stands and what text stands under it. */
export interface OutlineEntry {
  readonly heading: string;
  /** 1-based line in the source. */
  readonly line: number;
  /** The text between this heading and the next declared one, whitespace-normalised. */
  readonly body: string;
}

export type OutlineResult =
  | {
      readonly ok: true;
      readonly entries: readonly OutlineEntry[];
      /** The text before the first declared heading, whitespace-normalised. */
      readonly opening: string;
    }
  | { readonly ok: false; readonly index: number; readonly message: string };

/**
 * Finds each declared heading as a line of the source, in order, and cuts the source into the
 * sections between them.
 */
export function resolveOutline(sourceText: string, headings: readonly string[]): OutlineResult {
  const lines = sourceText.split(/\r?\n/u);
  const found: number[] = [];
  let from = 0;
  for (const [index, heading] of headings.entries()) {
    const wanted = normalizeWhitespace(heading);
    let at = -1;
    for (let line = from; line < lines.length; line += 1) {
      if (headingText(lines[line]!) === wanted) {
        at = line;
        break;
      }
    }
    if (at < 0) {
      const anywhere = lines.findIndex((line) => headingText(line) === wanted);
      const message =
        anywhere < 0
          ? `rubriken "${heading}" finns inte som en egen rad i källan`
          : `rubriken "${heading}" står på rad ${anywhere + 1} i källan, före rubriken innan den: lista rubrikerna i dokumentets ordning`;
      return { ok: false, index, message };
    }
    found.push(at);
    from = at + 1;
  }
  const entries = found.map((line, index) => {
    const end = found[index + 1] ?? lines.length;
    return { heading: headings[index]!, line: line + 1, body: normalizeWhitespace(lines.slice(line + 1, end).join('\n')) };
  });
  return { ok: true, entries, opening: normalizeWhitespace(lines.slice(0, found[0] ?? lines.length).join('\n')) };
}

/**
 * Resolves a heading path: the first occurrence of its first heading, then of each next heading
 * after the previous one. Returns the entry of the last heading (-1 for the empty path, the text
 * before the first heading), or a reason.
 */
export function resolveHeadingPath(
  entries: readonly OutlineEntry[],
  path: readonly string[],
): { entryIndex: number } | { error: string } {
  let position = -1;
  for (const heading of path) {
    const wanted = normalizeWhitespace(heading);
    const next = entries.findIndex((entry, index) => index > position && normalizeWhitespace(entry.heading) === wanted);
    if (next < 0) {
      const known = entries.some((entry) => normalizeWhitespace(entry.heading) === wanted);
      return {
        error: known
          ? `rubriken "${heading}" kommer inte efter "${path[path.indexOf(heading) - 1] ?? ''}" i dokumentet`
          : `rubriken "${heading}" finns inte i document.headings`,
      };
    }
    position = next;
  }
  return { entryIndex: position };
}

/** Lines of a source that look like headings by their form (markdown, or numbered "1.2 Title"). */
export function headingLikeLines(sourceText: string): Array<{ line: number; text: string }> {
  const result: Array<{ line: number; text: string }> = [];
  for (const [index, raw] of sourceText.split(/\r?\n/u).entries()) {
    if (/^\s*#{1,6}\s+\S/u.test(raw) || /^\s*\d+(\.\d+)+\s+\p{Lu}[^.!?]{0,80}$/u.test(raw)) {
      result.push({ line: index + 1, text: headingText(raw) });
    }
  }
  return result;
}

/** How a heading path reads in a citation: section numbers dropped, parts joined with " › ". */
export function displayHeading(path: readonly string[]): string {
  return path
    .map((heading) => normalizeWhitespace(heading.replace(/^\d+(\.\d+)*\.?\s+/u, '')).replace(/:$/u, ''))
    .join(' › ');
}
