/**
 * JSON Lines records. Amounts must never pass through a float (DESIGN.md §3.1), but JSON.parse reads
 * every number as one; so each number token outside strings is first turned into a string token
 * ("1234.56"), and the exact money parser reads it afterwards.
 */

/** Wraps every JSON number that stands outside a string in quotes: `{"a":12.50}` → `{"a":"12.50"}`. */
export function quoteJsonNumbers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i += 1;
      else if (code === 34 /* " */) inString = false;
      continue;
    }
    if (code === 34) {
      inString = true;
      continue;
    }
    if (code === 45 /* - */ || (code >= 48 && code <= 57)) {
      let end = i + 1;
      while (end < text.length && /[0-9eE+\-.]/.test(text[end]!)) end += 1;
      out += `${text.slice(last, i)}"${text.slice(i, end)}"`;
      last = end;
      i = end - 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

export type JsonLineResult =
  | { readonly ok: true; readonly fields: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly error: string };

/** One line → its fields as text (null → absent; booleans as "true"/"false"); nested values are refused. */
export function readJsonLine(line: string): JsonLineResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(quoteJsonNumbers(line));
  } catch (error) {
    return { ok: false, error: jsonError(line, (error as Error).message) };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, error: 'the line is not an object' };
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null) continue;
    if (typeof value === 'string') fields[key] = value;
    else if (typeof value === 'boolean') fields[key] = String(value);
    else return { ok: false, error: `field "${key}" holds a nested value` };
  }
  return { ok: true, fields };
}

/**
 * JSON.parse's message, made about the line the user wrote: the position V8 gives is in the text with
 * quoted numbers, so it is mapped back and given as a 1-based column; the echo of the whole line that
 * V8 appends ("…" is not valid JSON) is dropped.
 */
function jsonError(line: string, message: string): string {
  const position = /(in|after) JSON at position (\d+)/.exec(message);
  if (position) {
    const what = message.slice(0, position.index).trim();
    return `${what}${position[1] === 'after' ? ' after the JSON value' : ''} at column ${originalOffset(line, Number(position[2])) + 1}`;
  }
  if (/Unexpected end of JSON input/.test(message)) return `unexpected end of the line at column ${line.length + 1}`;
  return message.replace(/, .*is not valid JSON$/s, '').replace(/^Unexpected token/, 'unexpected character');
}

/** The offset in `line` of offset `quotedOffset` in quoteJsonNumbers(line): the inserted quotes are not counted. */
function originalOffset(line: string, quotedOffset: number): number {
  let inserted = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (i + inserted >= quotedOffset) return Math.max(0, quotedOffset - inserted);
    const code = line.charCodeAt(i);
    if (inString) {
      if (code === 92) i += 1;
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) {
      inString = true;
      continue;
    }
    if (code === 45 || (code >= 48 && code <= 57)) {
      let end = i + 1;
      while (end < line.length && /[0-9eE+\-.]/.test(line[end]!)) end += 1;
      // `"` + number + `"`: an offset inside the number maps into it, one after it past its closing quote.
      if (quotedOffset <= i + inserted + (end - i) + 1) return Math.min(end, Math.max(i, quotedOffset - inserted - 1));
      inserted += 2;
      i = end - 1;
    }
  }
  return Math.min(line.length, Math.max(0, quotedOffset - inserted));
}
