import { isValueType, type ObjectType } from './dto-types.ts'
import { writeJsv } from './jsv.ts'

// CSV writer, spec/porta.md §7.5: a header row of the declared property names and one row of values
// (null → empty cell; everything else as its JSV text), RFC 4180 quoting, CRLF line ends.

/** Writes one DTO as a two-row CSV document. */
export function writeCsv(value: Record<string, unknown>, type: ObjectType): string {
  const header = type.fields.map((f) => csvCell(f.name)).join(',')
  const row = type.fields.map((f) => {
    const v = value[f.name]
    return (v === null || v === undefined) && !isValueType(f.type) ? '' : csvCell(writeJsv(v, f.type))
  }).join(',')
  return `${header}\r\n${row}\r\n`
}

/** One RFC 4180 cell: quoted (with `"` doubled) when it holds `,` `"` CR or LF. */
export function csvCell(s: string): string {
  return /[,"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}
