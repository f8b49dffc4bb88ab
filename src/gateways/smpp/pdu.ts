/**
 * SMPP 3.4 PDUs (the specification's §4 and §5): the commands an ESME needs — binds, submit_sm,
 * deliver_sm, enquire_link, unbind, generic_nack and their responses — encoded to and decoded from
 * octets, with optional parameters (TLVs). Our own codec (docs/decisions/gateways.md "SMPP codec").
 */

export const CMD = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
} as const

export type CommandName = keyof typeof CMD
const NAMES = new Map<number, CommandName>(Object.entries(CMD).map(([k, v]) => [v, k as CommandName]))

/** The name of a command id, or `0x…` for one this codec does not know. */
export function commandName(id: number): string {
  return NAMES.get(id) ?? `0x${id.toString(16).padStart(8, '0')}`
}

/** Optional parameter tags used here (SMPP 3.4 §5.3.2). */
export const TLV = {
  receipted_message_id: 0x001e,
  sar_msg_ref_num: 0x020c,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  message_payload: 0x0424,
  message_state: 0x0427,
} as const

/** command_status values (SMPP 3.4 §5.1.3) by name. */
export const STATUS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'ESME_ROK'], [0x01, 'ESME_RINVMSGLEN'], [0x02, 'ESME_RINVCMDLEN'], [0x03, 'ESME_RINVCMDID'], [0x04, 'ESME_RINVBNDSTS'],
  [0x05, 'ESME_RALYBND'], [0x06, 'ESME_RINVPRTFLG'], [0x07, 'ESME_RINVREGDLVFLG'], [0x08, 'ESME_RSYSERR'], [0x0a, 'ESME_RINVSRCADR'],
  [0x0b, 'ESME_RINVDSTADR'], [0x0c, 'ESME_RINVMSGID'], [0x0d, 'ESME_RBINDFAIL'], [0x0e, 'ESME_RINVPASWD'], [0x0f, 'ESME_RINVSYSID'],
  [0x11, 'ESME_RCANCELFAIL'], [0x13, 'ESME_RREPLACEFAIL'], [0x14, 'ESME_RMSGQFUL'], [0x15, 'ESME_RINVSERTYP'], [0x33, 'ESME_RINVNUMDESTS'],
  [0x34, 'ESME_RINVDLNAME'], [0x40, 'ESME_RINVDESTFLAG'], [0x42, 'ESME_RINVSUBREP'], [0x43, 'ESME_RINVESMCLASS'], [0x44, 'ESME_RCNTSUBDL'],
  [0x45, 'ESME_RSUBMITFAIL'], [0x48, 'ESME_RINVSRCTON'], [0x49, 'ESME_RINVSRCNPI'], [0x50, 'ESME_RINVDSTTON'], [0x51, 'ESME_RINVDSTNPI'],
  [0x53, 'ESME_RINVSYSTYP'], [0x54, 'ESME_RINVREPFLAG'], [0x55, 'ESME_RINVNUMMSGS'], [0x58, 'ESME_RTHROTTLED'], [0x61, 'ESME_RINVSCHED'],
  [0x62, 'ESME_RINVEXPIRY'], [0x63, 'ESME_RINVDFTMSGID'], [0x64, 'ESME_RX_T_APPN'], [0x65, 'ESME_RX_P_APPN'], [0x66, 'ESME_RX_R_APPN'],
  [0x67, 'ESME_RQUERYFAIL'], [0xc0, 'ESME_RINVOPTPARSTREAM'], [0xc1, 'ESME_ROPTPARNOTALLWD'], [0xc2, 'ESME_RINVPARLEN'],
  [0xc3, 'ESME_RMISSINGOPTPARAM'], [0xc4, 'ESME_RINVOPTPARAMVAL'], [0xfe, 'ESME_RDELIVERYFAILURE'], [0xff, 'ESME_RUNKNOWNERR'],
])

export const ESME_ROK = 0x00
export const ESME_RTHROTTLED = 0x58
export const ESME_RMSGQFUL = 0x14
export const ESME_RINVCMDID = 0x03
export const ESME_RX_T_APPN = 0x64
export const ESME_RX_R_APPN = 0x66

/** A peer's reason for a status (§2): `smpp 0x<hex> <name>`. */
export function statusReason(status: number): string {
  return `smpp 0x${status.toString(16).padStart(8, '0')} ${STATUS_NAMES.get(status) ?? 'unknown'}`
}

/** The fields of submit_sm and deliver_sm, which share their layout (SMPP 3.4 §4.4.1, §4.6.1). */
export interface ShortMessage {
  serviceType: string
  sourceTon: number
  sourceNpi: number
  source: string
  destTon: number
  destNpi: number
  destination: string
  esmClass: number
  protocolId: number
  priority: number
  scheduleDeliveryTime: string
  validityPeriod: string
  registeredDelivery: number
  replaceIfPresent: number
  dataCoding: number
  smDefaultMsgId: number
  shortMessage: Uint8Array
  /** Optional parameters by tag, in the order they came or are to be written. */
  tlvs: Map<number, Uint8Array>
}

export interface BindBody { systemId: string; password: string; systemType: string; interfaceVersion: number; addrTon: number; addrNpi: number; addressRange: string }

/** One decoded PDU: the header and, for the commands that have one, the body. */
export type Pdu =
  | { command: 'submit_sm' | 'deliver_sm'; id: number; status: number; seq: number; sm: ShortMessage }
  | { command: 'bind_transceiver' | 'bind_transmitter' | 'bind_receiver'; id: number; status: number; seq: number; bind: BindBody }
  /** submit_sm_resp, deliver_sm_resp and the bind responses carry one C-string (message_id, system_id). */
  | { command: 'submit_sm_resp' | 'deliver_sm_resp' | 'bind_transceiver_resp' | 'bind_transmitter_resp' | 'bind_receiver_resp'; id: number; status: number; seq: number; text: string }
  | { command: 'enquire_link' | 'enquire_link_resp' | 'unbind' | 'unbind_resp' | 'generic_nack'; id: number; status: number; seq: number }
  /** A command this codec does not decode (it is answered generic_nack ESME_RINVCMDID). */
  | { command: 'unknown'; id: number; status: number; seq: number }

/** PDUs larger than this are refused (a broken or hostile peer; SMPP messages are far smaller). */
export const MAX_PDU = 65_536

export class PduError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PduError'
  }
}

// ---- encoding ----

class Writer {
  buf: Buffer
  pos = 16
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size)
  }
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
    this.buf.copy(bigger, 0, 0, this.pos)
    this.buf = bigger
  }
  u8(v: number): void {
    this.room(1)
    this.buf[this.pos++] = v & 0xff
  }
  u16(v: number): void {
    this.room(2)
    this.buf.writeUInt16BE(v & 0xffff, this.pos)
    this.pos += 2
  }
  cstr(s: string): void {
    const n = Buffer.byteLength(s, 'latin1')
    this.room(n + 1)
    this.buf.write(s, this.pos, 'latin1')
    this.pos += n
    this.buf[this.pos++] = 0
  }
  bytes(b: Uint8Array): void {
    this.room(b.length)
    this.buf.set(b, this.pos)
    this.pos += b.length
  }
  finish(id: number, status: number, seq: number): Buffer {
    this.buf.writeUInt32BE(this.pos, 0)
    this.buf.writeUInt32BE(id >>> 0, 4)
    this.buf.writeUInt32BE(status >>> 0, 8)
    this.buf.writeUInt32BE(seq >>> 0, 12)
    return this.buf.subarray(0, this.pos)
  }
}

/** A PDU with a header only (enquire_link, unbind, their responses, generic_nack). */
export function encodeHeaderOnly(command: 'enquire_link' | 'enquire_link_resp' | 'unbind' | 'unbind_resp' | 'generic_nack', seq: number, status = 0): Buffer {
  return new Writer(16).finish(CMD[command], status, seq)
}

export function encodeBind(command: 'bind_transceiver' | 'bind_transmitter' | 'bind_receiver', seq: number, b: BindBody): Buffer {
  const w = new Writer(64)
  w.cstr(b.systemId)
  w.cstr(b.password)
  w.cstr(b.systemType)
  w.u8(b.interfaceVersion)
  w.u8(b.addrTon)
  w.u8(b.addrNpi)
  w.cstr(b.addressRange)
  return w.finish(CMD[command], 0, seq)
}

/** A response carrying one C-string: message_id (submit_sm_resp, deliver_sm_resp) or system_id (bind responses). */
export function encodeTextResponse(command: 'submit_sm_resp' | 'deliver_sm_resp' | 'bind_transceiver_resp' | 'bind_transmitter_resp' | 'bind_receiver_resp', seq: number, status: number, text: string): Buffer {
  const w = new Writer(32 + text.length)
  // A submit_sm_resp with an error carries no body (SMPP 3.4 §4.4.2).
  if (!(command === 'submit_sm_resp' && status !== 0)) w.cstr(text)
  return w.finish(CMD[command], status, seq)
}

export function encodeShortMessage(command: 'submit_sm' | 'deliver_sm', seq: number, m: ShortMessage): Buffer {
  const w = new Writer(64 + m.source.length + m.destination.length + m.shortMessage.length)
  w.cstr(m.serviceType)
  w.u8(m.sourceTon)
  w.u8(m.sourceNpi)
  w.cstr(m.source)
  w.u8(m.destTon)
  w.u8(m.destNpi)
  w.cstr(m.destination)
  w.u8(m.esmClass)
  w.u8(m.protocolId)
  w.u8(m.priority)
  w.cstr(m.scheduleDeliveryTime)
  w.cstr(m.validityPeriod)
  w.u8(m.registeredDelivery)
  w.u8(m.replaceIfPresent)
  w.u8(m.dataCoding)
  w.u8(m.smDefaultMsgId)
  if (m.shortMessage.length > 254) throw new PduError('short_message longer than 254 octets')
  w.u8(m.shortMessage.length)
  w.bytes(m.shortMessage)
  for (const [tag, value] of m.tlvs) {
    w.u16(tag)
    w.u16(value.length)
    w.bytes(value)
  }
  return w.finish(CMD[command], 0, seq)
}

/** A short message with every field at SMPP's default, to be filled in. */
export function blankShortMessage(): ShortMessage {
  return {
    serviceType: '', sourceTon: 0, sourceNpi: 0, source: '', destTon: 0, destNpi: 0, destination: '', esmClass: 0, protocolId: 0, priority: 0,
    scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, replaceIfPresent: 0, dataCoding: 0, smDefaultMsgId: 0,
    shortMessage: new Uint8Array(0), tlvs: new Map(),
  }
}

// ---- decoding ----

class Reader {
  constructor(private readonly buf: Buffer, public pos: number, private readonly end: number) {}
  get left(): number {
    return this.end - this.pos
  }
  u8(): number {
    if (this.pos >= this.end) throw new PduError('truncated PDU')
    return this.buf[this.pos++]!
  }
  u16(): number {
    if (this.pos + 2 > this.end) throw new PduError('truncated PDU')
    const v = this.buf.readUInt16BE(this.pos)
    this.pos += 2
    return v
  }
  cstr(max: number): string {
    const z = this.buf.indexOf(0, this.pos)
    if (z < 0 || z >= this.end) throw new PduError('unterminated C-octet string')
    if (z - this.pos > max) throw new PduError('C-octet string too long')
    const s = this.buf.toString('latin1', this.pos, z)
    this.pos = z + 1
    return s
  }
  bytes(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new PduError('truncated PDU')
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
}

/** Decodes one whole PDU (its 16-octet header included). Throws PduError on malformed input. */
export function decodePdu(buf: Buffer): Pdu {
  if (buf.length < 16) throw new PduError('PDU shorter than its header')
  const length = buf.readUInt32BE(0)
  if (length !== buf.length) throw new PduError('command_length does not match the PDU')
  const id = buf.readUInt32BE(4)
  const status = buf.readUInt32BE(8)
  const seq = buf.readUInt32BE(12)
  const command = NAMES.get(id)
  const r = new Reader(buf, 16, length)
  switch (command) {
    case 'submit_sm':
    case 'deliver_sm':
      return { command, id, status, seq, sm: readShortMessage(r) }
    case 'bind_transceiver':
    case 'bind_transmitter':
    case 'bind_receiver':
      return { command, id, status, seq, bind: { systemId: r.cstr(64), password: r.cstr(64), systemType: r.cstr(64), interfaceVersion: r.u8(), addrTon: r.u8(), addrNpi: r.u8(), addressRange: r.cstr(40) } }
    case 'submit_sm_resp':
    case 'deliver_sm_resp':
    case 'bind_transceiver_resp':
    case 'bind_transmitter_resp':
    case 'bind_receiver_resp':
      // The body may be absent on an error response.
      return { command, id, status, seq, text: r.left > 0 ? r.cstr(64) : '' }
    case 'enquire_link':
    case 'enquire_link_resp':
    case 'unbind':
    case 'unbind_resp':
    case 'generic_nack':
      return { command, id, status, seq }
    default:
      return { command: 'unknown', id, status, seq }
  }
}

function readShortMessage(r: Reader): ShortMessage {
  const m: ShortMessage = {
    serviceType: r.cstr(5), sourceTon: r.u8(), sourceNpi: r.u8(), source: r.cstr(64), destTon: r.u8(), destNpi: r.u8(), destination: r.cstr(64),
    esmClass: r.u8(), protocolId: r.u8(), priority: r.u8(), scheduleDeliveryTime: r.cstr(16), validityPeriod: r.cstr(16),
    registeredDelivery: r.u8(), replaceIfPresent: r.u8(), dataCoding: r.u8(), smDefaultMsgId: r.u8(), shortMessage: new Uint8Array(0), tlvs: new Map(),
  }
  m.shortMessage = r.bytes(r.u8())
  while (r.left > 0) {
    const tag = r.u16()
    const len = r.u16()
    m.tlvs.set(tag, r.bytes(len))
  }
  return m
}

/** A TLV value holding a C-string (receipted_message_id): its text without the terminating NUL. */
export function tlvText(value: Uint8Array | undefined): string | undefined {
  if (!value) return undefined
  const end = value.indexOf(0)
  return Buffer.from(value.buffer, value.byteOffset, end < 0 ? value.length : end).toString('latin1')
}

/** TLV value encoders. */
export const tlvValue = {
  u8: (v: number): Uint8Array => Uint8Array.of(v & 0xff),
  u16: (v: number): Uint8Array => Uint8Array.of((v >> 8) & 0xff, v & 0xff),
  cstr: (s: string): Uint8Array => Buffer.from(`${s}\0`, 'latin1'),
}

/**
 * Splits a byte stream into PDUs: feed it what the socket reads, get back whole PDUs (undecoded).
 * A command_length below 16 or above MAX_PDU is a broken stream (PduError: the session closes).
 */
export class PduFramer {
  private pending: Buffer | null = null

  push(chunk: Buffer): Buffer[] {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk
    this.pending = null
    const out: Buffer[] = []
    while (data.length >= 4) {
      const length = data.readUInt32BE(0)
      if (length < 16 || length > MAX_PDU) throw new PduError(`command_length ${length} out of range`)
      if (data.length < length) break
      out.push(data.subarray(0, length))
      data = data.subarray(length)
    }
    if (data.length > 0) this.pending = Buffer.from(data)
    return out
  }
}
