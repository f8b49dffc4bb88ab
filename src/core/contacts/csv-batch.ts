// Rows of a CSV import waiting to be written, kept as PostgreSQL array literals of text (one per
// column, each the parameter of one `unnest`), so the statement has 9 parameters however many rows
// it carries, and the rows waiting take about as much memory as their text. The values of a chunk
// are turned into literal text when the chunk has been read: the per-field strings (slices of the
// chunk) then die young, which keeps the garbage collector's copying work small.

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
  /** Characters of literal text sealed since the last `take`. */
  chars = 0
  private readonly sealed: string[][]
  private readonly open: (string | null)[][]

  constructor(private readonly width: number) {
    this.sealed = Array.from({ length: width }, () => [])
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
      this.sealed[k]!.push(text)
      this.chars += text.length
      this.open[k]!.length = 0
    }
  }

  /** One array literal per column holding every row so far; starts again empty. */
  take(): string[] {
    this.seal()
    const out = this.sealed.map((parts) => `{${parts.join(',')}}`)
    for (const parts of this.sealed) parts.length = 0
    this.rows = 0
    this.chars = 0
    return out
  }
}
