// The record reader of group CSV imports (spec/ictcore.md §8): RFC 4180 (comma, `"` quoting, `""`
// escape, LF / CRLF / CR record ends) read from text chunks as they arrive, with the relaxed rules
// the import has always used (it reproduces csv-parse with relax_quotes, relax_column_count, ltrim,
// skip_records_with_error and raw, which it replaces for speed; test/core/contacts/csv-records.test.ts
// compares the two on generated input):
// - leading white space of an unquoted field is skipped, so ` "a"` opens a quoted field;
// - a `"` inside an unquoted field is an ordinary character;
// - a closing `"` not followed by `,`, a line end, NUL or the end of the body is not a closing quote:
//   the field becomes the text with its opening quote (`"a" b` → `"a" b`) and goes on unquoted;
// - an opening quote never closed makes the rest of the body one unterminated record.
// It holds one record at a time: a record cut by a chunk boundary keeps its parts until its end.

const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13

/** The characters String.prototype.trim removes (csv-parse's `ltrim` set). */
function isBlank(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13)
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
}

/** Position of the next `ch` in `buf` from `from`, or buf.length. */
function find(buf: string, ch: string, from: number): number {
  const at = buf.indexOf(ch, from)
  return at < 0 ? buf.length : at
}

/** What a reader hands its records to, synchronously. */
export interface CsvRecordSink {
  /**
   * A record: its fields, trimmed (the array is reused: copy what you keep), and the 1-based
   * physical line it starts on. `reader.raw()` gives its text while this runs.
   */
  record(fields: readonly string[], line: number): void
  /** The body ended inside a quoted field: the record from `line` to the end, without its last line end. */
  unterminated(line: number, raw: string): void
}

/** Streaming CSV record reader: `write` text chunks, then `end`. */
export class CsvRecordReader {
  private readonly fields: string[] = []
  /** Text of the current field that is no longer in `buf` (earlier chunks, quote pieces). */
  private held = ''
  /** The current unquoted field has a non-blank character (a `"` then is an ordinary one). */
  private content = false
  private quoting = false
  /** Line breaks inside quoted fields of the current record, and whether the last character was CR. */
  private breaks = 0
  private afterCr = false
  /** Text of the current record from earlier chunks. */
  private rawHeld = ''
  /** Characters kept back for the next chunk because their meaning depends on the one after. */
  private carry = ''
  private line = 1
  private buf = ''
  private recordStart = 0
  private recordEnd = 0

  constructor(private readonly sink: CsvRecordSink) {}

  /** The text of the record being handed to `sink.record`, without its line end. */
  raw(): string {
    return this.rawHeld + this.buf.slice(this.recordStart, this.recordEnd)
  }

  /** Reads a chunk; records it completes go to the sink before it returns. */
  write(text: string): void {
    this.scan(this.carry ? this.carry + text : text, false)
  }

  /** The end of the body: the last record (or the unterminated one) goes to the sink. */
  end(): void {
    this.scan(this.carry, true)
    this.buf = ''
  }

  private scan(buf: string, final: boolean): void {
    this.carry = ''
    this.buf = buf
    this.recordStart = 0
    const n = buf.length
    let seg = 0 // start of the current field's text in buf
    let i = 0
    // Where the next `,` LF CR `"` at or after i are (n: none), searched natively and again only once passed.
    let comma = -1
    let lf = -1
    let cr = -1
    let quote = -1
    while (i < n) {
      if (this.quoting) {
        if (quote < i) quote = find(buf, '"', i)
        if (lf < i) lf = find(buf, '\n', i)
        if (cr < i) cr = find(buf, '\r', i)
        if (lf < quote || cr < quote) this.countBreaks(buf, i, quote)
        else if (quote > i) this.afterCr = false
        i = quote
        if (i === n || (i + 1 === n && !final)) break
        const next = i + 1 < n ? buf.charCodeAt(i + 1) : -1
        this.afterCr = false
        if (next === QUOTE) {
          // `""`: one quote, the second one starts the rest of the field.
          this.held += buf.slice(seg, i)
          seg = i + 1
          i += 2
        } else if (next <= 0 || next === COMMA || next === LF || next === CR) {
          this.held += buf.slice(seg, i)
          this.quoting = false
          seg = ++i
        } else {
          // Not a closing quote (relaxed): the field keeps its opening quote and goes on unquoted.
          this.held = '"' + this.held + buf.slice(seg, i)
          this.quoting = false
          this.content = true
          seg = i++
        }
        continue
      }
      if (!this.content) {
        const c = buf.charCodeAt(i)
        if (c === QUOTE) {
          this.quoting = true
          this.afterCr = false
          seg = ++i
          continue
        }
        if (c !== COMMA && c !== LF && c !== CR) {
          if (isBlank(c)) { i++; continue }
          this.content = true
        }
      }
      // An unquoted field runs to the next `,` or line end.
      if (comma < i) comma = find(buf, ',', i)
      if (lf < i) lf = find(buf, '\n', i)
      if (cr < i) cr = find(buf, '\r', i)
      i = Math.min(comma, lf, cr)
      if (i === n) break
      if (i === comma) {
        this.fields.push(this.take(buf, seg, i))
        seg = ++i
        continue
      }
      const isCr = i === cr
      if (isCr && i + 1 === n && !final) break
      this.fields.push(this.take(buf, seg, i))
      this.recordEnd = i
      this.emit()
      i += isCr && i + 1 < n && buf.charCodeAt(i + 1) === LF ? 2 : 1
      this.recordStart = seg = i
    }
    if (!final) {
      // Keep the unread rest (at most one character) for the next chunk, and the record so far.
      this.carry = buf.slice(i)
      // Blanks before an unquoted field's first character are not part of it (a quote may still open it).
      if (this.quoting || this.content) this.held += buf.slice(seg, i)
      this.rawHeld += buf.slice(this.recordStart, i)
      return
    }
    const rest = this.rawHeld + buf.slice(this.recordStart)
    if (this.quoting) {
      this.sink.unterminated(this.line, rest.replace(/\r?\n$|\r$/, ''))
    } else if (rest !== '') {
      this.fields.push(this.take(buf, seg, n))
      this.recordEnd = n
      this.emit()
    }
  }

  /** Counts the line breaks of buf[from, to), inside a quoted field (CRLF is one; CR, LF alone one each). */
  private countBreaks(buf: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i)
      if (c === CR) { this.breaks++; this.afterCr = true } else {
        if (c === LF && !this.afterCr) this.breaks++
        this.afterCr = false
      }
    }
  }

  /** The current field (held text + buf[seg, end)), trimmed, and a fresh field after it. */
  private take(buf: string, seg: number, end: number): string {
    const text = this.held === '' ? buf.slice(seg, end) : this.held + buf.slice(seg, end)
    this.held = ''
    this.content = false
    return text.trim()
  }

  private emit(): void {
    const line = this.line
    this.line += 1 + this.breaks
    this.breaks = 0
    this.sink.record(this.fields, line)
    this.fields.length = 0
    this.rawHeld = ''
  }
}
