import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, test } from 'node:test'
import { parse, type CsvError } from 'csv-parse'
import fc from 'fast-check'
import { CsvRecordReader } from '../../../src/core/contacts/csv-records.ts'

interface Read { line: number; fields: string[]; raw: string }
interface Result { records: Read[]; unterminated?: { line: number; raw: string } }

/** Reads `chunks` with CsvRecordReader; records whose fields are all empty are left out (the import skips them). */
function read(chunks: string[]): Result {
  const out: Result = { records: [] }
  const reader: CsvRecordReader = new CsvRecordReader({
    record(fields, line) {
      if (fields.some((f) => f !== '')) out.records.push({ line, fields: [...fields], raw: reader.raw() })
    },
    unterminated(line, raw) { out.unterminated = { line, raw } },
  })
  for (const c of chunks) reader.write(c)
  reader.end()
  return out
}

/** `text` cut at the given offsets. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b)
  const out: string[] = []
  let from = 0
  for (const p of points) { out.push(text.slice(from, p)); from = p }
  out.push(text.slice(from))
  return out
}

const stripEol = (raw: string) => raw.replace(/\r?\n$|\r$/, '')
const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0

/**
 * The same through csv-parse with the options and the line / raw bookkeeping the import used before
 * the reader replaced it (commit 490ca40), as the reference.
 */
async function readWithCsvParse(text: string): Promise<Result> {
  const out: Result = { records: [] }
  const skipped: { after: number; raw: string }[] = []
  const parser = parse({
    relax_column_count: true, relax_quotes: true, ltrim: true, skip_empty_lines: false, skip_records_with_error: true,
    record_delimiter: ['\r\n', '\n', '\r'], raw: true,
  })
  parser.on('skip', (err: CsvError & { raw?: string }) => { skipped.push({ after: parser.info.records, raw: stripEol(err.raw ?? '') }) })
  const feeding = pipeline(Readable.from([Buffer.from(text)]), parser)
  let prevEnd = 0
  let emitted = 0
  const takeSkipped = (upTo: number) => {
    while (skipped.length && skipped[0]!.after <= upTo) {
      const { raw } = skipped.shift()!
      out.unterminated = { line: prevEnd + 1, raw }
      prevEnd += 1 + lineBreaks(raw)
    }
  }
  for await (const r of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    takeSkipped(emitted++)
    const raw = stripEol(r.raw)
    const line = prevEnd + 1
    prevEnd = line + lineBreaks(raw)
    const fields = r.record.map((f) => f.trim())
    if (fields.some((f) => f !== '')) out.records.push({ line, fields, raw })
  }
  await feeding
  takeSkipped(Number.MAX_SAFE_INTEGER)
  return out
}

describe('CSV record reader (RFC 4180 with the relaxed rules of spec/ictcore.md §8 imports)', () => {
  test('fields are split on commas and trimmed, quoted fields keep commas, line breaks and "" as one quote', () => {
    const r = read([' a , b ,"c, d"\r\n"e ""f""","g\r\nh",\n'])
    assert.deepEqual(r.records, [
      { line: 1, fields: ['a', 'b', 'c, d'], raw: ' a , b ,"c, d"' },
      { line: 2, fields: ['e "f"', 'g\r\nh', ''], raw: '"e ""f""","g\r\nh",' },
    ])
    assert.equal(r.unterminated, undefined)
  })

  test('LF, CRLF and CR all end records; blank lines count as lines', () => {
    assert.deepEqual(read(['1\n\n2\r\n\r\n3\r\r4']).records.map((x) => [x.line, x.fields[0]]), [[1, '1'], [3, '2'], [5, '3'], [7, '4']])
  })

  test('quoted line breaks move the line of the records after them: CRLF, CR and LF each count once', () => {
    const r = read(['"a\r\nb\rc\nd",x\ny\n'])
    assert.deepEqual(r.records.map((x) => x.line), [1, 5])
  })

  test('relaxed quotes: text after a closing quote keeps the quotes, a quote inside an unquoted field is a character', () => {
    assert.deepEqual(read(['"closed" tail,a"b"c, "x" ,"y"\0z\n']).records[0]!.fields, ['"closed" tail', 'a"b"c', '"x"', 'y\0z'])
  })

  test('leading white space before a quote still opens a quoted field', () => {
    assert.deepEqual(read(['  \t"a,b"  ,c']).records[0]!.fields, ['"a,b"', 'c'])
    assert.deepEqual(read(['\u00a0\u3000"a,b",c']).records[0]!.fields, ['a,b', 'c'])
  })

  test('an unterminated quote makes the rest of the body one record, without its last line end', () => {
    const r = read(['ok\n923,"open\nstill\n', 'more,x\r\n'])
    assert.deepEqual(r.records.map((x) => x.fields), [['ok']])
    assert.deepEqual(r.unterminated, { line: 2, raw: '923,"open\nstill\nmore,x' })
  })

  test('the raw text of a record is exactly its input, multi-byte white space included', () => {
    assert.equal(read(['\u00a0 12 ,\u2003x\r\n']).records[0]!.raw, '\u00a0 12 ,\u2003x')
  })

  test('a record cut by chunk boundaries at any point reads the same', () => {
    const text = 'p1, "q ""1"" ",r\r\n"s\r\nt",u\rv,"w"\n'
    const whole = read([text])
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) assert.deepEqual(read([text.slice(0, i), text.slice(i, j), text.slice(j)]), whole, `cut at ${i}, ${j}`)
    }
  })

  test('generated input reads as csv-parse read it (fields, raw text, lines, unterminated record), however it is chunked', async () => {
    const char = fc.constantFrom('a', 'b', '7', ' ', '\t', ',', ',', '"', '"', '"', '\r', '\n', '\n', 'é', '€', '\0')
    const text = fc.array(char, { maxLength: 60 }).map((cs) => cs.join(''))
    await fc.assert(fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 4 }), async (t, at) => {
      assert.deepEqual(read(cut(t, at)), await readWithCsvParse(t))
    }), { numRuns: 3000 })
  })
})
