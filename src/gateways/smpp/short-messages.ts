import { blankShortMessage, TLV, tlvText, tlvValue, type ShortMessage } from './pdu.ts'
import type { SmppSettings } from './smpp-settings.ts'
import { chooseCoding, DATA_CODING, decodeText, encodeText, splitText } from './text-coding.ts'

/**
 * What goes into and comes out of short_message (spec/gateways.md §2): the submit_sm PDUs of one
 * text (split under one reference as UDH, SAR TLVs or one message_payload), addresses with their
 * TON/NPI, delivery receipts and the parts of mobile-originated messages.
 */

const ESM_UDHI = 0x40
/** esm_class bit 2 (SMPP 3.4 §5.2.12: xx0001xx SMSC delivery receipt). */
const ESM_RECEIPT = 0x04

/** An address with its TON/NPI: digits (a leading + dropped) are international/E.164 (1/1), anything else alphanumeric (5/0). */
export function sourceAddress(addr: string, s: Pick<SmppSettings, 'sourceTon' | 'sourceNpi'>): { addr: string; ton: number; npi: number } {
  const digits = /^\+?[0-9]+$/.test(addr)
  return { addr: digits ? addr.replace(/^\+/, '') : addr, ton: s.sourceTon ?? (digits ? 1 : 5), npi: s.sourceNpi ?? (digits ? 1 : 0) }
}

/** The submit_sm PDUs carrying `text` to `destination` (segments in order). `ref` is the concatenation reference (0-255 for UDH). */
export function submitsFor(text: string, from: string, destination: string, s: SmppSettings, ref: number): ShortMessage[] {
  const coding = chooseCoding(text, s.dataCoding)
  const src = sourceAddress(from, s)
  const base = (): ShortMessage => ({
    ...blankShortMessage(), sourceTon: src.ton, sourceNpi: src.npi, source: src.addr,
    destTon: s.destTon, destNpi: s.destNpi, destination: destination.replace(/^\+/, ''), registeredDelivery: s.registeredDelivery,
    dataCoding: DATA_CODING[coding], tlvs: new Map(),
  })
  if (s.longMessages === 'payload') {
    const m = base()
    m.tlvs.set(TLV.message_payload, encodeText(text, coding))
    return [m]
  }
  const parts = splitText(text, coding)
  if (parts.length === 1) {
    const m = base()
    m.shortMessage = encodeText(text, coding)
    return [m]
  }
  return parts.map((part, i) => {
    const m = base()
    const body = encodeText(part, coding)
    if (s.longMessages === 'udh') {
      // 3GPP TS 23.040 §9.2.3.24.1: IE 00, concatenated short messages, 8-bit reference.
      m.esmClass |= ESM_UDHI
      m.shortMessage = Buffer.concat([Uint8Array.of(0x05, 0x00, 0x03, ref & 0xff, parts.length, i + 1), body])
    } else {
      m.shortMessage = body
      m.tlvs.set(TLV.sar_msg_ref_num, tlvValue.u16(ref))
      m.tlvs.set(TLV.sar_total_segments, tlvValue.u8(parts.length))
      m.tlvs.set(TLV.sar_segment_seqnum, tlvValue.u8(i + 1))
    }
    return m
  })
}

/** The final and intermediate receipt states (§2) by `stat:` word and by message_state TLV value. */
const STATS: Readonly<Record<string, DeliveryState>> = {
  DELIVRD: 'delivered', UNDELIV: 'undeliverable', EXPIRED: 'expired', REJECTD: 'rejected', DELETED: 'deleted', UNKNOWN: 'unknown',
  ACCEPTD: 'accepted', ENROUTE: 'enroute',
}
const MESSAGE_STATES: Readonly<Record<number, DeliveryState>> = {
  1: 'enroute', 2: 'delivered', 3: 'expired', 4: 'deleted', 5: 'undeliverable', 6: 'accepted', 7: 'unknown', 8: 'rejected',
}

export type DeliveryState = 'delivered' | 'undeliverable' | 'expired' | 'rejected' | 'deleted' | 'unknown' | 'accepted' | 'enroute'

/** Whether a state is final (ACCEPTD and ENROUTE are intermediate, §2). */
export const isFinalState = (s: DeliveryState): boolean => s !== 'accepted' && s !== 'enroute'

export interface Receipt { messageId: string; state: DeliveryState }

/** Whether a deliver_sm is a delivery receipt (esm_class bit 2). */
export const isReceipt = (sm: ShortMessage): boolean => (sm.esmClass & 0x3c) === ESM_RECEIPT

/**
 * Reads a delivery receipt (§2): the message id from the receipted_message_id TLV, else the `id:`
 * field of the text; the state from `stat:`, else the message_state TLV. Null when either is missing.
 */
export function parseReceipt(sm: ShortMessage): Receipt | null {
  const text = Buffer.from(sm.shortMessage.length > 0 ? sm.shortMessage : (sm.tlvs.get(TLV.message_payload) ?? new Uint8Array(0))).toString('latin1')
  const messageId = tlvText(sm.tlvs.get(TLV.receipted_message_id)) || /(?:^|\s)id:(\S+)/i.exec(text)?.[1]
  const stat = /(?:^|\s)stat:(\w+)/i.exec(text)?.[1]?.toUpperCase()
  const tlvState = sm.tlvs.get(TLV.message_state)
  const state = (stat !== undefined ? STATS[stat] : undefined) ?? (tlvState && tlvState.length > 0 ? MESSAGE_STATES[tlvState[0]!] : undefined)
  if (!messageId || !state) return null
  return { messageId, state }
}

/** One part of a mobile-originated message: its text and, for a part of a concatenated one, its place. */
export interface MoPart {
  from: string
  to: string
  text: string
  concat?: { ref: number; total: number; seq: number }
}

const address = (addr: string, ton: number): string => (ton === 1 && /^[0-9]+$/.test(addr) ? `+${addr}` : addr)

/** Reads a mobile-originated deliver_sm: UDH (IE 00 or 08) or SAR TLVs mark a part of a concatenated message. */
export function moPart(sm: ShortMessage): MoPart {
  let body = sm.shortMessage.length > 0 ? sm.shortMessage : (sm.tlvs.get(TLV.message_payload) ?? new Uint8Array(0))
  let concat: MoPart['concat']
  if ((sm.esmClass & ESM_UDHI) !== 0 && body.length > 0) {
    const udhl = body[0]!
    const udh = body.subarray(1, 1 + udhl)
    for (let i = 0; i + 1 < udh.length;) {
      const iei = udh[i]!
      const len = udh[i + 1]!
      const v = udh.subarray(i + 2, i + 2 + len)
      if (iei === 0x00 && len === 3) concat = { ref: v[0]!, total: v[1]!, seq: v[2]! }
      if (iei === 0x08 && len === 4) concat = { ref: (v[0]! << 8) | v[1]!, total: v[2]!, seq: v[3]! }
      i += 2 + len
    }
    body = body.subarray(1 + udhl)
  }
  const sarRef = sm.tlvs.get(TLV.sar_msg_ref_num)
  const sarTotal = sm.tlvs.get(TLV.sar_total_segments)
  const sarSeq = sm.tlvs.get(TLV.sar_segment_seqnum)
  if (!concat && sarRef?.length === 2 && sarTotal?.length === 1 && sarSeq?.length === 1) {
    concat = { ref: (sarRef[0]! << 8) | sarRef[1]!, total: sarTotal[0]!, seq: sarSeq[0]! }
  }
  if (concat && (concat.total < 2 || concat.seq < 1 || concat.seq > concat.total)) concat = undefined
  return { from: address(sm.source, sm.sourceTon), to: address(sm.destination, sm.destTon), text: decodeText(body, sm.dataCoding), ...(concat ? { concat } : {}) }
}

/**
 * Reassembles concatenated mobile-originated messages (§2: parts up to 10 minutes apart). `add`
 * answers the whole message once its last part is in, else null; parts older than the limit are
 * dropped by `sweep` (it returns how many).
 */
export class MoAssembler {
  private readonly open = new Map<string, { parts: (string | undefined)[]; firstAt: number }>()

  constructor(private readonly maxAgeMs = 10 * 60_000) {}

  add(part: MoPart, now = Date.now()): { from: string; to: string; text: string } | null {
    if (!part.concat) return { from: part.from, to: part.to, text: part.text }
    const key = `${part.from}\0${part.to}\0${part.concat.ref}\0${part.concat.total}`
    let entry = this.open.get(key)
    if (!entry) {
      entry = { parts: new Array<string | undefined>(part.concat.total).fill(undefined), firstAt: now }
      this.open.set(key, entry)
    }
    entry.parts[part.concat.seq - 1] = part.text
    if (entry.parts.some((p) => p === undefined)) return null
    this.open.delete(key)
    return { from: part.from, to: part.to, text: entry.parts.join('') }
  }

  /** Drops the messages whose first part came more than the limit ago; returns how many. */
  sweep(now = Date.now()): number {
    let dropped = 0
    for (const [key, e] of this.open) {
      if (now - e.firstAt > this.maxAgeMs) {
        this.open.delete(key)
        dropped++
      }
    }
    return dropped
  }

  get size(): number {
    return this.open.size
  }
}
