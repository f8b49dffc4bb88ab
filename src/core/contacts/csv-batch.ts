// Rows of a CSV import waiting to be written, kept as the elements of PostgreSQL array literals of
// text (one per column, each the parameter of one `unnest`), so a statement has 9 parameters however
// many rows it carries. The values of each slice of input are turned into literal text as soon as
// the slice has been read and that text is kept outside the JavaScript heap, in buffers reused from
// batch to batch: the per-field strings die young and nothing of a batch lives long enough on the heap
// to be promoted, which keeps the heap (and the RSS) flat however long the import runs.

/** JSON escapes that a PostgreSQL array literal reads differently (`\n` is `n` there). */
const JSON_ONLY_ESCAPE = /\\[bfnrtu]/

/** `"a","b\"c",NULL`: the elements of an array literal (a quoted element escapes `"` and `\` with `\`). */
function elements(values: (string | null)[]): string {
  // JSON.stringify is native and, but for control characters, quotes strings as an array literal does
  // (`null` is read as NULL there too); a false alarm on a literal `\n` only takes the slow path.
  const json = JSON.stringify(values)
  if (!JSON_ONLY_ESCAPE.test(json)) return json.slice(1, -1)
  return values.map((v) => v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')
}

/** Rows of `width` text columns, as array literals. */
export class TextColumns {
  /** Rows added since the last `take`. */
  rows = 0
  /** Bytes of literal text sealed since the last `take`. */
  bytes = 0
  private readonly sealed: Buffer[]
  private readonly lengths: number[]
  private readonly open: (string | null)[][]

  constructor(private readonly width: number) {
    this.sealed = Array.from({ length: width }, () => Buffer.allocUnsafe(64 * 1024))
    this.lengths = new Array<number>(width).fill(0)
    this.open = Array.from({ length: width }, () => [])
  }

  /** Adds a row (`width` values, null for NULL). */
  add(row: readonly (string | null)[]): void {
    for (let k = 0; k < this.width; k++) this.open[k]!.push(row[k]!)
    this.rows++
  }

  /** Turns the rows added since the last call into literal text. */
  seal(): void {
    if (!this.open[0]!.length) return
    for (let k = 0; k < this.width; k++) {
      const text = elements(this.open[k]!)
      this.open[k]!.length = 0
      let buf = this.sealed[k]!
      let at = this.lengths[k]!
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (at + 1 + 3 * text.length > buf.length) {
        const grown = Buffer.allocUnsafe(Math.max(2 * buf.length, at + 1 + 3 * text.length))
        buf.copy(grown, 0, 0, at)
        this.sealed[k] = buf = grown
      }
      if (at) buf[at++] = 0x2c // ,
      const written = buf.write(text, at, 'utf8')
      this.lengths[k] = at + written
      this.bytes += written + 1
    }
  }

  /** One array literal per column holding every row so far; starts again empty. */
  take(): string[] {
    this.seal()
    const out = this.sealed.map((buf, k) => `{${buf.toString('utf8', 0, this.lengths[k])}}`)
    this.lengths.fill(0)
    this.rows = 0
    this.bytes = 0
    return out
  }
}
