import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  blankShortMessage, decodePdu, encodeBind, encodeHeaderOnly, encodeShortMessage, encodeTextResponse, PduError, PduFramer, statusReason, TLV, tlvText, tlvValue,
} from '../../../src/gateways/smpp/pdu.ts'

describe('SMPP 3.4 PDU codec', () => {
  test('enquire_link is a bare 16-octet header (SMPP 3.4 §4.11.1)', () => {
    assert.equal(encodeHeaderOnly('enquire_link', 7).toString('hex'), '00000010000000150000000000000007')
    assert.deepEqual(decodePdu(encodeHeaderOnly('enquire_link_resp', 7)), { command: 'enquire_link_resp', id: 0x80000015, status: 0, seq: 7 })
  })

  test('bind_transceiver is laid out as §4.1.5 says', () => {
    const pdu = encodeBind('bind_transceiver', 1, { systemId: 'sb', password: 'pw', systemType: '', interfaceVersion: 0x34, addrTon: 0, addrNpi: 0, addressRange: '' })
    assert.equal(pdu.toString('hex'), `0000001b000000090000000000000001${Buffer.from('sb\0pw\0\0', 'latin1').toString('hex')}34000000`)
    const back = decodePdu(pdu)
    assert.ok(back.command === 'bind_transceiver')
    assert.equal(back.bind.systemId, 'sb')
    assert.equal(back.bind.password, 'pw')
  })

  test('submit_sm and deliver_sm round-trip with their TLVs; responses carry message_id', () => {
    const sm = { ...blankShortMessage(), sourceTon: 5, source: 'Shop', destTon: 1, destNpi: 1, destination: '15550001111', esmClass: 0x40, registeredDelivery: 1, dataCoding: 8, shortMessage: Uint8Array.of(5, 0, 3, 9, 2, 1, 0, 0x41), tlvs: new Map([[TLV.sar_msg_ref_num, tlvValue.u16(300)], [TLV.receipted_message_id, tlvValue.cstr('ab12')]]) }
    for (const command of ['submit_sm', 'deliver_sm'] as const) {
      const back = decodePdu(encodeShortMessage(command, 42, sm))
      assert.ok(back.command === command)
      assert.equal(back.seq, 42)
      assert.deepEqual({ ...back.sm, shortMessage: [...back.sm.shortMessage], tlvs: [...back.sm.tlvs].map(([k, v]) => [k, [...v]]) },
        { ...sm, shortMessage: [...sm.shortMessage], tlvs: [...sm.tlvs].map(([k, v]) => [k, [...v]]) })
      assert.equal(tlvText(back.sm.tlvs.get(TLV.receipted_message_id)), 'ab12')
    }
    const resp = decodePdu(encodeTextResponse('submit_sm_resp', 3, 0, 'msg-1'))
    assert.ok(resp.command === 'submit_sm_resp')
    assert.equal(resp.text, 'msg-1')
    const error = encodeTextResponse('submit_sm_resp', 4, 0x58, 'ignored')
    assert.equal(error.length, 16, 'an error submit_sm_resp has no body')
    assert.equal(statusReason(0x58), 'smpp 0x00000058 ESME_RTHROTTLED')
    assert.equal(statusReason(0x45), 'smpp 0x00000045 ESME_RSUBMITFAIL')
  })

  test('the framer cuts a byte stream into PDUs however it arrives, and refuses an impossible length', () => {
    const a = encodeHeaderOnly('enquire_link', 1)
    const b = encodeTextResponse('submit_sm_resp', 2, 0, 'x1')
    const stream = Buffer.concat([a, b])
    const framer = new PduFramer()
    const out: Buffer[] = []
    for (let i = 0; i < stream.length; i += 3) out.push(...framer.push(stream.subarray(i, i + 3)))
    assert.deepEqual(out.map((p) => decodePdu(p).seq), [1, 2])
    assert.throws(() => new PduFramer().push(Buffer.from('0000000400000015', 'hex')), PduError)
    assert.throws(() => decodePdu(Buffer.concat([encodeHeaderOnly('enquire_link', 1).subarray(0, 16)]).fill(0xff, 0, 4)), PduError)
  })

  test('a truncated body or an unterminated string is a PduError, never a crash', () => {
    const sm = encodeShortMessage('submit_sm', 1, { ...blankShortMessage(), destination: '1555' })
    const cut = Buffer.from(sm.subarray(0, 20))
    cut.writeUInt32BE(20, 0)
    assert.throws(() => decodePdu(cut), PduError)
  })
})
