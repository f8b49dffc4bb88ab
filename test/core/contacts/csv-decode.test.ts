import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, test } from 'node:test'
import { CsvTextDecoder } from '../../../src/core/contacts/csv-decode.ts'

async function decode(chunks: Buffer[]): Promise<string> {
  let out = ''
  for await (const s of Readable.from(chunks).pipe(new CsvTextDecoder())) out += s as string
  return out
}

describe('CSV upload decoding (UTF-8, BOM, Windows-1252 fallback)', () => {
  test('valid UTF-8 passes unchanged and a leading BOM is dropped', async () => {
    assert.equal(await decode([Buffer.from('\uFEFFZoë,Ñandú,日本,😀\n')]), 'Zoë,Ñandú,日本,😀\n')
    assert.equal(await decode([Buffer.from('a\uFEFFb')]), 'a\uFEFFb', 'only a leading BOM goes')
  })

  test('a multi-byte sequence split across chunks is joined, whatever the split point', async () => {
    const bytes = Buffer.from('x€y😀z\uFEFF')
    for (let i = 0; i <= bytes.length; i++) {
      assert.equal(await decode([bytes.subarray(0, i), bytes.subarray(i)]), 'x€y😀z\uFEFF')
    }
    const bom = Buffer.from('\uFEFFabc')
    assert.equal(await decode([bom.subarray(0, 1), bom.subarray(1, 2), bom.subarray(2)]), 'abc')
  })

  test('bytes that are not valid UTF-8 read as Windows-1252, including a truncated sequence at the end', async () => {
    assert.equal(await decode([Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x80, 0x93, 0x94, 0xa3])]), 'José,€“”£')
    assert.equal(await decode([Buffer.from([0x61, 0xe2, 0x82])]), 'aâ‚')
    assert.equal(await decode([Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80])]), 'À¯í\u00a0€', 'overlong and surrogate encodings are not UTF-8')
    assert.equal(await decode([Buffer.from([0x81, 0x8d])]), '\u0081\u008d', 'undefined Windows-1252 bytes keep their code point')
  })
})
