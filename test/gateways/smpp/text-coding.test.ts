import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { chooseCoding, decodeText, encodeText, fitsGsm, splitText } from '../../../src/gateways/smpp/text-coding.ts'

describe('SMS text coding, spec/gateways.md §2 data_coding', () => {
  test('the GSM 03.38 default alphabet is carried one septet per octet, the extension table through ESC', () => {
    assert.deepEqual([...encodeText('@£$A a', 'gsm')], [0x00, 0x01, 0x02, 0x41, 0x20, 0x61])
    assert.deepEqual([...encodeText('€[]{}\\^~|', 'gsm')], [0x1b, 0x65, 0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x2f, 0x1b, 0x14, 0x1b, 0x3d, 0x1b, 0x40])
    const all = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà€[]{}\\^~|\f'
    assert.equal(decodeText(encodeText(all, 'gsm'), 0), all, 'every character of the alphabet and its extension survives a round trip')
  })

  test('auto picks GSM when every character fits, else UCS-2; UCS-2 is UTF-16 big endian with surrogate pairs', () => {
    assert.equal(chooseCoding('Hello {world} €5', 'auto'), 'gsm')
    assert.equal(fitsGsm('Привет'), false)
    assert.equal(chooseCoding('Привет', 'auto'), 'ucs2')
    assert.equal(chooseCoding('ça va', 'auto'), 'ucs2', 'ç is not in the default alphabet (Ç is)')
    assert.equal(chooseCoding('Привет', 'latin1'), 'latin1', 'a fixed coding is kept')
    assert.deepEqual([...encodeText('Я😀', 'ucs2')], [0x04, 0x2f, 0xd8, 0x3d, 0xde, 0x00])
    assert.equal(decodeText(encodeText('Я😀', 'ucs2'), 8), 'Я😀')
    assert.equal(decodeText(encodeText('café', 'latin1'), 3), 'café')
  })

  test('a text is one message up to 160 septets / 70 UCS-2 units, else segments of 153 / 67', () => {
    assert.equal(splitText('a'.repeat(160), 'gsm').length, 1)
    const gsm = splitText('a'.repeat(161), 'gsm')
    assert.deepEqual(gsm.map((p) => p.length), [153, 8])
    assert.equal(splitText('€'.repeat(80), 'gsm').length, 1, '80 extension characters are 160 septets')
    assert.equal(splitText('ж'.repeat(70), 'ucs2').length, 1)
    assert.deepEqual(splitText('ж'.repeat(71), 'ucs2').map((p) => p.length), [67, 4])
  })

  test('a split never cuts an escape sequence or a surrogate pair', () => {
    const gsm = splitText(`${'a'.repeat(152)}€bbb${'c'.repeat(20)}`, 'gsm')
    assert.equal(gsm[0], 'a'.repeat(152), '€ takes two septets: it moves to the next segment')
    assert.ok(gsm[1]!.startsWith('€'))
    const ucs = splitText(`${'ж'.repeat(66)}😀${'ж'.repeat(10)}`, 'ucs2')
    assert.equal(ucs[0], 'ж'.repeat(66))
    assert.ok(ucs[1]!.startsWith('😀'))
    assert.equal(ucs.join(''), `${'ж'.repeat(66)}😀${'ж'.repeat(10)}`)
  })
})
