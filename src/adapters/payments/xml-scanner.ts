/**
 * A one-pass XML 1.0 scanner for bank files: it reports elements, attributes and text to a handler as
 * it reads, and refuses what is not well-formed (the first fault ends the scan with an `XmlSyntaxError`
 * naming its line). What it checks: characters allowed by XML 1.0, names, attribute syntax and
 * uniqueness, quoting, entity and character references (only the five predefined entities: there is
 * no DTD), comments, CDATA sections, processing instructions, the XML declaration, one root element,
 * every element closed in order, nothing but white space, comments and PIs around the root.
 * Document type declarations are refused, and so is `<!DOCTYPE` or `<!ENTITY` in a comment, a CDATA
 * section or a processing instruction (what bank files never have; entity declarations are how XML
 * bombs work).
 * Namespaces are not resolved: names come with their prefix, as written.
 *
 * Why not a general-purpose parser: the camt reader reads files of 100,000 entries (60 MB), where the
 * per-character state machine of a general parser cost more than the whole budget of the import. This
 * one jumps from `<` to `<` with `indexOf` and looks at characters one by one only in names.
 * The tests compare what it accepts with saxes (a conformant parser) on fuzzed files.
 */

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`${message} (line ${String(line)})`);
  }
}

export interface XmlHandler {
  /**
   * `start` is the offset of the element's `<`; attributes come as names and values in turn
   * (`[name1, value1, name2, value2…]`, no name twice), null when there are none.
   */
  openElement(name: string, attributes: string[] | null, start: number): void;
  /** `end` is the offset just after the element's last `>`. */
  closeElement(end: number): void;
  /**
   * A run of character data between two pieces of markup, from its first character that is not XML
   * white space (runs of white space only are not reported), references decoded, line ends normalised.
   */
  text(value: string): void;
  /** The content of a CDATA section, as written (line ends normalised). */
  cdata(value: string): void;
}

// ASCII name characters (the common case), looked up in a table; other names go through the full regex.
const NAME_START = 1;
const NAME_CHAR = 2;
const asciiName = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) asciiName[c] = NAME_START | NAME_CHAR;
  else if (/[0-9.-]/.test(ch)) asciiName[c] = NAME_CHAR;
}
const nameStartRange = 'A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
// XML's name characters include joiners and combining marks, on purpose.
// eslint-disable-next-line no-misleading-character-class
const NAME = new RegExp(`[${nameStartRange}][${nameStartRange}0-9.\\-\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`, 'uy');
/** A character XML 1.0 does not allow anywhere, or a surrogate (allowed only as a high-low pair). */
// Control characters are what this looks for.
// eslint-disable-next-line no-control-regex
const SUSPECT_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const TEXT_TO_LOOK_AT = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF&\r\]]/;
const XML_DECLARATION = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/y;
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const predefinedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isWhiteSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function isXmlChar(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function scanXml(xml: string, handler: XmlHandler): void {
  new XmlScanner(xml, handler).scanTo(Infinity);
}

/**
 * The same scan in steps, so that a caller can use what was read so far before reading on (the bank
 * importer stages entries while it reads the next ones): `scanTo(limit)` reads on until the markup that
 * starts at or after `limit`, and returns true once the whole document is read (and checked).
 */
export function steppedXmlScan(xml: string, handler: XmlHandler): { scanTo(limit: number): boolean } {
  return new XmlScanner(xml, handler);
}

class XmlScanner {
  private readonly open: string[] = [];
  private rootSeen = false;

  constructor(private readonly xml: string, private readonly handler: XmlHandler) {}

  private fail(message: string, at: number): never {
    let line = 1;
    for (let i = this.xml.indexOf('\n'); i !== -1 && i < at; i = this.xml.indexOf('\n', i + 1)) line++;
    throw new XmlSyntaxError(message, line);
  }

  /** Where the scan goes on (-1: not started); the scan stops only between two pieces of markup. */
  private resumeAt = -1;

  scanTo(limit: number): boolean {
    const xml = this.xml;
    let i = this.resumeAt;
    if (i === -1) {
      i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
      if (xml.startsWith('<?xml', i) && isWhiteSpace(xml.charCodeAt(i + 5))) {
        XML_DECLARATION.lastIndex = i;
        if (!XML_DECLARATION.test(xml)) this.fail('malformed XML declaration', i);
        i = XML_DECLARATION.lastIndex;
      }
    }
    for (;;) {
      if (i >= limit) {
        this.resumeAt = i;
        return false;
      }
      const lt = xml.indexOf('<', i);
      const textEnd = lt === -1 ? xml.length : lt;
      if (textEnd > i) this.characterData(i, textEnd);
      if (lt === -1) break;
      const next = xml.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) i = this.endTag(lt);
      else if (next === 0x21 /* ! */) i = this.commentOrCdata(lt);
      else if (next === 0x3f /* ? */) i = this.processingInstruction(lt);
      else i = this.startTag(lt);
    }
    if (this.open.length > 0) this.fail(`unclosed element ${this.open[this.open.length - 1]!}`, xml.length);
    if (!this.rootSeen) this.fail('no root element', xml.length);
    this.resumeAt = xml.length;
    return true;
  }

  /**
   * Characters XML 1.0 does not allow, surrogates only as a high-low pair. Checked where free text can be
   * (character data, attribute values, comments, CDATA, PIs): everywhere else, the scanner accepts only
   * name characters, white space and markup.
   */
  private checkCharacters(text: string, offset: number): void {
    if (!SUSPECT_CHAR.test(text)) return;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          i++;
          continue;
        }
      }
      if (!isXmlChar(code)) this.fail('a character XML does not allow', offset + i);
    }
  }

  /** The content of a comment, a CDATA section or a processing instruction. */
  private checkMarkupBody(body: string, offset: number): void {
    this.checkCharacters(body, offset);
    if (DECLARATION.test(body)) this.fail('a DOCTYPE or entity declaration', offset + body.search(DECLARATION));
  }

  /** The end of the name starting at `at`, or a failure. */
  private nameEnd(at: number): number {
    const xml = this.xml;
    const first = xml.charCodeAt(at);
    if (first < 128 && (asciiName[first]! & NAME_START) !== 0) {
      let end = at + 1;
      for (let code = xml.charCodeAt(end); code < 128 && (asciiName[code]! & NAME_CHAR) !== 0; code = xml.charCodeAt(++end));
      const stop = xml.charCodeAt(end);
      if (!(stop >= 128)) return end; // an ASCII character (or the end) that is not a name character: the name ends here
    }
    NAME.lastIndex = at;
    if (!NAME.test(xml)) this.fail('a name was expected', at);
    return NAME.lastIndex;
  }

  private skipWhiteSpace(at: number): number {
    let i = at;
    while (isWhiteSpace(this.xml.charCodeAt(i))) i++;
    return i;
  }

  /** Runs of XML white space only are not reported (between elements, they are layout). */
  private characterData(start: number, end: number): void {
    const first = this.skipWhiteSpace(start);
    if (first >= end) return;
    if (this.open.length === 0) this.fail(this.rootSeen ? 'text after the root element' : 'text before the root element', first);
    const raw = this.xml.slice(first, end);
    // One search for anything that needs a closer look (most runs have none): a character to check, a
    // reference, a carriage return, a `]` that could start `]]>`.
    if (!TEXT_TO_LOOK_AT.test(raw)) {
      this.handler.text(raw);
      return;
    }
    this.checkCharacters(raw, first);
    if (raw.includes(']]>')) this.fail('"]]>" in text', first + raw.indexOf(']]>'));
    this.handler.text(this.decode(raw, first, false));
  }

  /** References replaced, line ends normalised; in attribute values, white space characters become spaces. */
  private decode(raw: string, offset: number, attribute: boolean): string {
    let value = raw;
    if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
    if (attribute && /[\t\n]/.test(value)) value = value.replace(/[\t\n]/g, ' ');
    if (!value.includes('&')) return value;
    return value.replace(/&([^;]*)(;?)/g, (_, reference: string, semicolon: string) => {
      if (semicolon === '') this.fail('"&" that does not start a reference', offset);
      const named = predefinedEntities[reference];
      if (named !== undefined && Object.hasOwn(predefinedEntities, reference)) return named;
      const numeric = /^#(?:([0-9]+)|x([0-9A-Fa-f]+))$/.exec(reference);
      if (!numeric) this.fail(`undefined entity &${reference};`, offset);
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 10) : Number.parseInt(numeric[2]!, 16);
      if (!isXmlChar(code)) this.fail(`a character reference to a character XML does not allow: &${reference};`, offset);
      return String.fromCodePoint(code);
    });
  }

  private startTag(lt: number): number {
    const xml = this.xml;
    if (this.open.length === 0 && this.rootSeen) this.fail('a second root element', lt);
    const nameEnd = this.nameEnd(lt + 1);
    const name = xml.slice(lt + 1, nameEnd);
    let attributes: string[] | null = null;
    let i = nameEnd;
    for (;;) {
      const afterSpace = this.skipWhiteSpace(i);
      const code = xml.charCodeAt(afterSpace);
      if (code === 0x3e /* > */) {
        this.rootSeen = true;
        this.open.push(name);
        this.handler.openElement(name, attributes, lt);
        return afterSpace + 1;
      }
      if (code === 0x2f /* / */ && xml.charCodeAt(afterSpace + 1) === 0x3e) {
        this.rootSeen = true;
        this.handler.openElement(name, attributes, lt);
        this.handler.closeElement(afterSpace + 2);
        return afterSpace + 2;
      }
      if (afterSpace === i) this.fail(Number.isNaN(code) ? `unclosed tag ${name}` : `unexpected character in tag ${name}`, afterSpace);
      const attributeEnd = this.nameEnd(afterSpace);
      const attribute = xml.slice(afterSpace, attributeEnd);
      const equals = this.skipWhiteSpace(attributeEnd);
      if (xml.charCodeAt(equals) !== 0x3d /* = */) this.fail(`attribute ${attribute} without a value`, equals);
      const open = this.skipWhiteSpace(equals + 1);
      const quote = xml[open];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${attribute} without quotes`, open);
      const close = xml.indexOf(quote, open + 1);
      if (close === -1) this.fail(`unclosed value of attribute ${attribute}`, open);
      const raw = xml.slice(open + 1, close);
      if (raw.includes('<')) this.fail(`"<" in the value of attribute ${attribute}`, open);
      this.checkCharacters(raw, open + 1);
      attributes ??= [];
      for (let a = 0; a < attributes.length; a += 2) if (attributes[a] === attribute) this.fail(`attribute ${attribute} repeated`, afterSpace);
      attributes.push(attribute, this.decode(raw, open, true));
      i = close + 1;
    }
  }

  private endTag(lt: number): number {
    const xml = this.xml;
    // The usual case, `</Name>` closing `<Name>`: compared in place, no name read character by character.
    const open = this.open[this.open.length - 1];
    if (open !== undefined && xml.charCodeAt(lt + 2 + open.length) === 0x3e && xml.startsWith(open, lt + 2)) {
      this.open.pop();
      this.handler.closeElement(lt + 3 + open.length);
      return lt + 3 + open.length;
    }
    const nameEnd = this.nameEnd(lt + 2);
    const close = this.skipWhiteSpace(nameEnd);
    if (xml.charCodeAt(close) !== 0x3e) this.fail('malformed end tag', close);
    const expected = this.open.pop();
    // Compared in place: slicing every end tag's name cost as much as the comparison.
    if (expected === undefined || nameEnd - lt - 2 !== expected.length || !xml.startsWith(expected, lt + 2)) {
      const name = xml.slice(lt + 2, nameEnd);
      this.fail(expected === undefined ? `end tag ${name} without a start` : `end tag ${name} where ${expected} was open`, lt);
    }
    this.handler.closeElement(close + 1);
    return close + 1;
  }

  private commentOrCdata(lt: number): number {
    const xml = this.xml;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) this.fail('unclosed comment', lt);
      if (xml.indexOf('--', lt + 4) !== end) this.fail('"--" in a comment', lt);
      this.checkMarkupBody(xml.slice(lt + 4, end), lt + 4);
      return end + 3;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      if (this.open.length === 0) this.fail('CDATA outside the root element', lt);
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) this.fail('unclosed CDATA section', lt);
      const raw = xml.slice(lt + 9, end);
      this.checkMarkupBody(raw, lt + 9);
      this.handler.cdata(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
      return end + 3;
    }
    return this.fail('a document type declaration or unknown markup', lt);
  }

  private processingInstruction(lt: number): number {
    const xml = this.xml;
    const nameEnd = this.nameEnd(lt + 2);
    if (xml.slice(lt + 2, nameEnd).toLowerCase() === 'xml') this.fail('an XML declaration not at the start of the file', lt);
    const end = xml.indexOf('?>', nameEnd);
    if (end === -1) this.fail('unclosed processing instruction', lt);
    // White space between the target and the data; like saxes, a `?` right after the target is taken as data.
    const afterTarget = xml.charCodeAt(nameEnd);
    if (end !== nameEnd && !isWhiteSpace(afterTarget) && afterTarget !== 0x3f) this.fail('malformed processing instruction', nameEnd);
    this.checkMarkupBody(xml.slice(nameEnd, end), nameEnd);
    return end + 2;
  }
}
