import assert from 'node:assert/strict'
import { afterEach, describe, test } from 'node:test'
import type { AttemptEvent, GatewayLog, InboundMessage, OutboundAttempt } from '../../../src/gateways/gateway.ts'
import { ESME_RTHROTTLED, TLV } from '../../../src/gateways/smpp/pdu.ts'
import { SmppGateway } from '../../../src/gateways/smpp/smpp-gateway.ts'
import { encodeText } from '../../../src/gateways/smpp/text-coding.ts'
import { holdsFor, until } from '../../helpers/poll.ts'
import { Smsc } from '../../helpers/smsc.ts'

// The SMPP gateway against a real SMPP peer: the SMSC simulator of test/helpers/smsc.ts on a local
// port. No database: the gateway imports nothing from core, so its reports are collected here.

const PASSWORD = 'pw-7Hq2'
const smscs: Smsc[] = []
const gateways: SmppGateway[] = []

interface Harness {
  smsc: Smsc
  gateway: SmppGateway
  events: Map<number, AttemptEvent[]>
  inbound: InboundMessage[]
  logs: string[]
  send(spoolId: number, text: string, over?: Partial<OutboundAttempt>): Promise<void>
  eventsOf(spoolId: number): AttemptEvent[]
}

async function harness(settings: Record<string, unknown> = {}, opts: { refuseInbound?: boolean; password?: string } = {}): Promise<Harness> {
  const smsc = await Smsc.start({ systemId: 'switchboard', password: PASSWORD })
  smscs.push(smsc)
  const logs: string[] = []
  const log: GatewayLog = { info: (o, m) => logs.push(`${m} ${JSON.stringify(o)}`), warn: (o, m) => logs.push(`${m} ${JSON.stringify(o)}`) }
  const gateway = new SmppGateway(log)
  gateways.push(gateway)
  const inbound: InboundMessage[] = []
  await gateway.start(async (e) => {
    if (opts.refuseInbound) return { accepted: false, reason: 'no account for the recipient' }
    inbound.push(e.message)
    return { accepted: true }
  })
  const events = new Map<number, AttemptEvent[]>()
  const provider = {
    id: 5, type: 'smpp' as const, host: '127.0.0.1', port: smsc.port, username: 'switchboard', password: opts.password ?? PASSWORD, prefix: null,
    dialstring: '15550009999', tenantId: null, settings: JSON.stringify({ retry_backoff_ms: 10, ...settings }),
  }
  const h: Harness = {
    smsc, gateway, events, inbound, logs,
    send: (spoolId, text, over = {}) => gateway.send({
      spoolId, transmissionId: spoolId, tenantId: null, serviceFlag: 4, attempt: 1, destination: '+15550001111', origin: '+15550002222',
      steps: ['sms_send'], content: { ref: 'text:1', text }, provider, ...over,
    }, async (event) => {
      const list = events.get(spoolId) ?? []
      list.push(event)
      events.set(spoolId, list)
    }),
    eventsOf: (spoolId) => events.get(spoolId) ?? [],
  }
  await gateway.configure([provider])
  await until('the gateway bound', () => (gateway.health(5)?.state === 'up' ? true : undefined), { timeoutMs: 10_000 })
  return h
}

const kinds = (events: AttemptEvent[]) => events.map((e) => (e.kind === 'report' ? `report:${e.state}` : e.kind === 'failed' ? `failed:${e.cause}` : e.kind))

afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.stop()))
  await Promise.all(smscs.splice(0).map((s) => s.stop()))
})

describe('The SMPP gateway against an SMSC simulator, spec/gateways.md §2', () => {
  test('a short message is submitted with its addresses, accepted with its message id, and its receipt is reported; stop unbinds', async () => {
    const h = await harness()
    await h.send(1, 'Hello {world} €5')
    await until('accepted, delivered and the receipt', () => kinds(h.eventsOf(1)), (k) => k.length === 3)
    const [submit] = h.smsc.submits
    assert.equal(submit!.sm.source, '15550002222', 'the account\'s phone, + dropped')
    assert.deepEqual([submit!.sm.sourceTon, submit!.sm.sourceNpi, submit!.sm.destTon, submit!.sm.destNpi], [1, 1, 1, 1])
    assert.equal(submit!.sm.destination, '15550001111')
    assert.equal(submit!.sm.dataCoding, 0)
    assert.equal(submit!.sm.registeredDelivery, 1)
    assert.deepEqual([...submit!.sm.shortMessage], [...encodeText('Hello {world} €5', 'gsm')])
    assert.deepEqual(h.eventsOf(1), [{ kind: 'accepted', peerIds: [submit!.messageId] }, { kind: 'delivered' }, { kind: 'report', state: 'delivered', final: true }])
    await h.gateway.stop()
    assert.equal(h.smsc.unbinds, 1)
  })

  test('an alphanumeric source_addr goes as TON 5 / NPI 0', async () => {
    const h = await harness({ source_addr: 'Shop' })
    await h.send(1, 'hi')
    await until('the submit', () => h.smsc.submits[0])
    assert.deepEqual([h.smsc.submits[0]!.sm.source, h.smsc.submits[0]!.sm.sourceTon, h.smsc.submits[0]!.sm.sourceNpi], ['Shop', 5, 0])
  })

  test('a long Unicode SMS goes as UCS-2 segments under one UDH reference, accepted when every segment is and delivered when every receipt says so', async () => {
    const h = await harness({ complete_on: 'delivery' })
    const text = 'Привет, мир! '.repeat(12)
    await h.send(1, text)
    await until('three submits', () => h.smsc.submits.length, (n) => n === 3)
    const parts = h.smsc.submits.map((s) => s.sm)
    assert.ok(parts.every((p) => p.dataCoding === 8 && (p.esmClass & 0x40) !== 0))
    const udh = parts.map((p) => [...p.shortMessage.subarray(0, 6)])
    assert.ok(udh.every((u) => u[0] === 5 && u[1] === 0 && u[2] === 3 && u[3] === udh[0]![3] && u[4] === 3), 'one reference, three parts')
    assert.deepEqual(udh.map((u) => u[5]), [1, 2, 3])
    const body = Buffer.concat(parts.map((p) => p.shortMessage.subarray(6)))
    assert.equal(body.swap16().toString('utf16le'), text)
    await until('delivered', () => kinds(h.eventsOf(1)), (k) => k.includes('delivered'))
    assert.deepEqual(kinds(h.eventsOf(1)).filter((k) => k === 'report:delivered').length, 3)
    assert.equal(kinds(h.eventsOf(1)).at(-1), 'delivered', 'delivered only after the third receipt')
    assert.deepEqual(h.eventsOf(1)[0], { kind: 'accepted', peerIds: h.smsc.submits.map((s) => s.messageId) })
  })

  test('long_messages sar puts the reference in TLVs; payload sends one message_payload', async () => {
    const sar = await harness({ long_messages: 'sar' })
    await sar.send(1, 'x'.repeat(200))
    await until('two submits', () => sar.smsc.submits.length, (n) => n === 2)
    assert.deepEqual(sar.smsc.submits.map((s) => [...s.sm.tlvs.get(TLV.sar_segment_seqnum)!]), [[1], [2]])
    assert.deepEqual(sar.smsc.submits.map((s) => [...s.sm.tlvs.get(TLV.sar_total_segments)!]), [[2], [2]])
    assert.equal(sar.smsc.submits[0]!.sm.shortMessage.length, 153)
    const payload = await harness({ long_messages: 'payload' })
    await payload.send(1, 'y'.repeat(400))
    await until('accepted', () => kinds(payload.eventsOf(1)), (k) => k.includes('accepted'))
    assert.equal(payload.smsc.submits.length, 1)
    assert.equal(payload.smsc.submits[0]!.sm.tlvs.get(TLV.message_payload)!.length, 400)
  })

  test('no more submits are outstanding than the window; the rest wait for responses', async () => {
    const h = await harness({ window: 3 })
    h.smsc.behaviour.holdResponses = true
    for (let i = 1; i <= 8; i++) await h.send(i, `m${i}`)
    await until('the window full', () => h.smsc.heldCount, (n) => n === 3)
    await holdsFor('no submit beyond the window', () => h.smsc.submits.length, (n) => n === 3, { forMs: 200 })
    assert.equal(h.gateway.health(5)!.windowInUse, 3)
    h.smsc.behaviour.holdResponses = false
    h.smsc.release()
    await until('all eight accepted', () => [...h.events.values()].filter((e) => kinds(e).includes('accepted')).length, (n) => n === 8)
    assert.equal(h.smsc.submits.length, 8)
  })

  test('throttling is retried with backoff and then accepted; retries used up fail the attempt as temporary', async () => {
    const h = await harness({ retry_max: 2 })
    h.smsc.behaviour.submitStatus = (sm, n) => (n <= 2 ? ESME_RTHROTTLED : 0)
    await h.send(1, 'once throttled twice')
    await until('accepted', () => kinds(h.eventsOf(1)), (k) => k.includes('accepted'))
    assert.equal(h.smsc.submits.length, 3)
    h.smsc.behaviour.submitStatus = () => ESME_RTHROTTLED
    await h.send(2, 'always throttled')
    await until('failed', () => h.eventsOf(2)[0])
    assert.deepEqual(h.eventsOf(2), [{ kind: 'failed', cause: 'smpp 0x00000058 ESME_RTHROTTLED', permanent: false }])
    assert.equal(h.smsc.submits.length, 6, 'the first try and two retries')
    assert.ok(h.gateway.health(5)!.errorsLast5m >= 5)
  })

  test('a throttled submit pauses the whole link for the backoff, not only its own retry', async () => {
    const h = await harness({ retry_backoff_ms: 300 })
    h.smsc.behaviour.submitStatus = (_sm, n) => (n === 1 ? ESME_RTHROTTLED : 0)
    await h.send(1, 'throttled')
    await until('the throttled submit', () => h.smsc.submits.length, (n) => n === 1)
    const throttledAt = Date.now()
    await h.send(2, 'waits for the pause')
    await until('both accepted', () => [1, 2].every((i) => kinds(h.eventsOf(i)).includes('accepted')), (ok) => ok)
    assert.ok(Date.now() - throttledAt >= 250, 'the second message waited for the pause')
  })

  test('any other error status fails the attempt at once, permanently, with the peer\'s reason', async () => {
    const h = await harness()
    h.smsc.behaviour.submitStatus = () => 0x45
    await h.send(1, 'refused')
    await until('failed', () => h.eventsOf(1)[0])
    assert.deepEqual(h.eventsOf(1), [{ kind: 'failed', cause: 'smpp 0x00000045 ESME_RSUBMITFAIL', permanent: true }])
    assert.equal(h.smsc.submits.length, 1)
  })

  test('the SMSC dropping the connection mid-campaign: the gateway reconnects, nothing is lost, nothing is sent twice beyond the window', async () => {
    const h = await harness({ window: 5, retry_max: 5 })
    h.smsc.behaviour.holdResponses = true
    for (let i = 1; i <= 40; i++) await h.send(i, `campaign ${i}`, { destination: `+1555000${String(i).padStart(4, '0')}` })
    await until('the window full', () => h.smsc.heldCount, (n) => n === 5)
    h.smsc.release()
    await until('more of the campaign in flight', () => h.smsc.heldCount, (n) => n === 5)
    h.smsc.drop()
    await until('the provider down', () => h.gateway.health(5)!.state, (s) => s !== 'up')
    h.smsc.behaviour.holdResponses = false
    await until('bound again', () => h.smsc.bindCount, (n) => n === 2, { timeoutMs: 10_000 })
    await until('every message accepted', () => [...h.events.values()].filter((e) => kinds(e).includes('accepted')).length, (n) => n === 40)
    const destinations = h.smsc.submits.map((s) => s.sm.destination)
    assert.equal(new Set(destinations).size, 40, 'nothing lost')
    assert.ok(destinations.length <= 40 + 5, `sent twice only what was in the window: ${destinations.length} submits`)
    assert.ok([...h.events.values()].every((e) => kinds(e).filter((k) => k === 'accepted').length === 1), 'each attempt accepted once')
    assert.equal(h.gateway.health(5)!.state, 'up')
  })

  test('sessions binds that many sessions, each with its own window', async () => {
    const h = await harness({ sessions: 2, window: 2 })
    await until('two sessions', () => h.smsc.sessions.length, (n) => n === 2)
    h.smsc.behaviour.holdResponses = true
    for (let i = 1; i <= 6; i++) await h.send(i, `m${i}`)
    await until('both windows full', () => h.smsc.heldCount, (n) => n === 4)
    await holdsFor('no submit beyond the two windows', () => h.smsc.submits.length, (n) => n === 4, { forMs: 150 })
    h.smsc.behaviour.holdResponses = false
    h.smsc.release()
    await until('all six accepted', () => [...h.events.values()].filter((e) => kinds(e).includes('accepted')).length, (n) => n === 6)
  })

  test('an unbind from the SMSC is answered, and the gateway binds again', async () => {
    const h = await harness()
    h.smsc.unbindAll()
    await until('bound again', () => h.smsc.bindCount, (n) => n === 2, { timeoutMs: 10_000 })
    await h.send(1, 'after the SMSC restarted')
    await until('accepted', () => kinds(h.eventsOf(1)), (k) => k.includes('accepted'))
  })

  test('a missed enquire_link reply closes the session and the gateway binds again', async () => {
    const h = await harness({ enquire_link_s: 1 })
    h.smsc.behaviour.ignoreEnquireLink = true
    await until('bound again', () => h.smsc.bindCount, (n) => n >= 2, { timeoutMs: 10_000 })
    assert.ok(h.smsc.enquireLinks >= 1)
  })

  test('a receipt that arrives before its submit_sm_resp is applied after the acceptance', async () => {
    const h = await harness({ complete_on: 'delivery' })
    h.smsc.behaviour.receipts = 'before'
    await h.send(1, 'early')
    await until('delivered', () => kinds(h.eventsOf(1)), (k) => k.includes('delivered'))
    assert.deepEqual(kinds(h.eventsOf(1)), ['accepted', 'report:delivered', 'delivered'])
  })

  test('a receipt sent twice is applied once; every deliver_sm is answered', async () => {
    const h = await harness({ complete_on: 'delivery' })
    h.smsc.behaviour.receipts = 'twice'
    h.smsc.behaviour.receiptTlv = true
    await h.send(1, 'twice')
    await until('both receipts answered', () => h.smsc.deliverResponses.length, (n) => n === 2)
    assert.deepEqual(h.smsc.deliverResponses, [0, 0])
    await holdsFor('one report only', () => kinds(h.eventsOf(1)), (k) => k.length === 3, { forMs: 100 })
    assert.deepEqual(kinds(h.eventsOf(1)), ['accepted', 'report:delivered', 'delivered'])
  })

  test('complete_on delivery: an UNDELIV receipt fails the attempt; no receipt within dlr_timeout_s fails it "dlr timeout"', async () => {
    const h = await harness({ complete_on: 'delivery', dlr_timeout_s: 1 })
    h.smsc.behaviour.receiptStat = () => 'UNDELIV'
    await h.send(1, 'lost')
    await until('failed', () => kinds(h.eventsOf(1)), (k) => k.some((x) => x.startsWith('failed')))
    assert.deepEqual(h.eventsOf(1).slice(1), [{ kind: 'report', state: 'undeliverable', final: true }, { kind: 'failed', cause: 'delivery undeliverable', permanent: true }])
    h.smsc.behaviour.receipts = 'none'
    await h.send(2, 'silent')
    await until('dlr timeout', () => kinds(h.eventsOf(2)), (k) => k.length === 2, { timeoutMs: 5000 })
    assert.deepEqual(kinds(h.eventsOf(2)), ['accepted', 'failed:dlr timeout'])
  })

  test('an ENROUTE receipt is intermediate: reported, never final', async () => {
    const h = await harness({ complete_on: 'delivery' })
    h.smsc.behaviour.receipts = 'none'
    await h.send(1, 'on its way')
    await until('accepted', () => h.smsc.submits[0]?.messageId)
    h.smsc.sendReceipt(h.smsc.submits[0]!.messageId, 'ENROUTE')
    await until('the intermediate report', () => kinds(h.eventsOf(1)), (k) => k.length === 2)
    h.smsc.sendReceipt(h.smsc.submits[0]!.messageId, 'DELIVRD')
    await until('delivered', () => kinds(h.eventsOf(1)), (k) => k.includes('delivered'))
    assert.deepEqual(h.eventsOf(1).slice(1), [{ kind: 'report', state: 'enroute', final: false }, { kind: 'report', state: 'delivered', final: true }, { kind: 'delivered' }])
  })

  test('tps caps the submits per second', async () => {
    const h = await harness({ tps: 20 })
    const times: number[] = []
    const started = Date.now()
    for (let i = 1; i <= 6; i++) await h.send(i, `paced ${i}`)
    await until('six submits', () => h.smsc.submits.length, (n) => n === 6)
    times.push(Date.now() - started)
    assert.ok(times[0]! >= 5 * 50 - 10, `six submits at 20/s take at least 250 ms (${times[0]} ms)`)
  })

  test('mobile-originated messages become inbound SMS, concatenated parts reassembled in any order, GSM and UCS-2', async () => {
    const h = await harness()
    h.smsc.sendMo({ source: '15550003333', sourceTon: 1, destination: '15550002222', destTon: 1, shortMessage: encodeText('Hi {there}', 'gsm') })
    const ucs = encodeText('Привет из СМС, часть вторая', 'ucs2')
    const half = 20
    h.smsc.sendMo({ source: '15550004444', sourceTon: 1, destination: '15550002222', destTon: 1, esmClass: 0x40, dataCoding: 8, shortMessage: Buffer.concat([Uint8Array.of(5, 0, 3, 77, 2, 2), ucs.subarray(half)]) })
    h.smsc.sendMo({ source: '15550004444', sourceTon: 1, destination: '15550002222', destTon: 1, esmClass: 0x40, dataCoding: 8, shortMessage: Buffer.concat([Uint8Array.of(5, 0, 3, 77, 2, 1), ucs.subarray(0, half)]) })
    h.smsc.sendMo({ source: 'Bank', sourceTon: 5, destination: '15550002222', destTon: 1, tlvs: new Map([[TLV.sar_msg_ref_num, Uint8Array.of(1, 2)], [TLV.sar_total_segments, Uint8Array.of(2)], [TLV.sar_segment_seqnum, Uint8Array.of(1)]]), shortMessage: encodeText('first ', 'gsm') })
    h.smsc.sendMo({ source: 'Bank', sourceTon: 5, destination: '15550002222', destTon: 1, tlvs: new Map([[TLV.sar_msg_ref_num, Uint8Array.of(1, 2)], [TLV.sar_total_segments, Uint8Array.of(2)], [TLV.sar_segment_seqnum, Uint8Array.of(2)]]), shortMessage: encodeText('second', 'gsm') })
    await until('three inbound messages', () => h.inbound.length, (n) => n === 3)
    assert.deepEqual(h.inbound, [
      { service: 'sms', from: '+15550003333', to: '+15550002222', text: 'Hi {there}', tenantId: null },
      { service: 'sms', from: '+15550004444', to: '+15550002222', text: 'Привет из СМС, часть вторая', tenantId: null },
      { service: 'sms', from: 'Bank', to: '+15550002222', text: 'first second', tenantId: null },
    ])
    await until('every part answered', () => h.smsc.deliverResponses.length, (n) => n === 5)
    assert.deepEqual(h.smsc.deliverResponses, [0, 0, 0, 0, 0])
  })

  test('a mobile-originated message core refuses is answered ESME_RX_R_APPN', async () => {
    const h = await harness({}, { refuseInbound: true })
    h.smsc.sendMo({ source: '15550003333', sourceTon: 1, destination: '15550000000', destTon: 1, shortMessage: encodeText('who?', 'gsm') })
    await until('answered', () => h.smsc.deliverResponses[0])
    assert.equal(h.smsc.deliverResponses[0], 0x66)
  })

  test('transmitter_receiver binds a transmitter and a receiver; receipts come on the receiver', async () => {
    const h = await harness({ bind: 'transmitter_receiver', complete_on: 'delivery' })
    await until('two sessions', () => h.smsc.sessions.length, (n) => n === 2)
    assert.deepEqual(h.smsc.sessions.sort(), ['bind_receiver', 'bind_transmitter'])
    await h.send(1, 'split binds')
    await until('delivered', () => kinds(h.eventsOf(1)), (k) => k.includes('delivered'))
  })

  test('a refused bind leaves the provider down with the peer\'s reason, and the password is never logged', async () => {
    const smsc = await Smsc.start({ systemId: 'switchboard', password: PASSWORD })
    smscs.push(smsc)
    const logs: string[] = []
    const gateway = new SmppGateway({ info: (o, m) => logs.push(`${m} ${JSON.stringify(o)}`), warn: (o, m) => logs.push(`${m} ${JSON.stringify(o)}`) })
    gateways.push(gateway)
    await gateway.start(async () => ({ accepted: true }))
    const wrong = 'wrong-Secret-99'
    await gateway.configure([{ id: 8, type: 'smpp', host: '127.0.0.1', port: smsc.port, username: 'switchboard', password: wrong, prefix: null, dialstring: null, settings: null }])
    await until('down', () => gateway.health(8), (hl) => hl?.state === 'down' && hl.detail.startsWith('bind refused'))
    assert.equal(gateway.health(8)!.detail, 'bind refused: smpp 0x0000000d ESME_RBINDFAIL')
    assert.ok(logs.length > 0 && logs.every((l) => !l.includes(wrong)))
  })
})
