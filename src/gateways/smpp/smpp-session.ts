import { connect as netConnect, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import {
  CMD, decodePdu, encodeBind, encodeHeaderOnly, encodeShortMessage, encodeTextResponse, ESME_RINVCMDID, ESME_RX_T_APPN, PduFramer, statusReason,
  type Pdu, type ShortMessage,
} from './pdu.ts'

/**
 * One ESME session with an SMSC (spec/gateways.md §2): connects (TCP or TLS), binds, keeps the link
 * alive with enquire_link (a reply missed within `enquire_link_s` closes it), reconnects with a
 * backoff of 1 s doubling to `reconnect_max_s`, answers every deliver_sm, enquire_link and unbind
 * from the peer, and carries up to `window` outstanding submit_sm. Unbinds on stop.
 */

export type SessionState = 'connecting' | 'up' | 'down'
export type BindMode = 'transceiver' | 'transmitter' | 'receiver'

export interface SessionConfig {
  host: string
  port: number
  tls: boolean
  systemId: string
  password: string
  systemType: string
  mode: BindMode
  window: number
  enquireLinkMs: number
  reconnectMaxMs: number
  /** How long a submit_sm may wait for its response before the session is deemed broken. */
  responseTimeoutMs: number
}

export interface SessionHandlers {
  /** The session's state changed; `detail` says why (never a secret). */
  state(state: SessionState, detail: string): void
  /** A deliver_sm from the peer; resolves to the command_status to answer it with. */
  deliver(sm: ShortMessage): Promise<number>
  /** The session can take a submit_sm (bound, or its window has room again). */
  room(): void
}

/** The session closed while a request waited for its response: whether the peer took it is unknown. */
export class ConnectionLost extends Error {
  constructor(detail: string) {
    super(detail)
    this.name = 'ConnectionLost'
  }
}

interface Waiting { resolve: (pdu: Pdu) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; submit: boolean }

const FIRST_RECONNECT_MS = 1000
const UNBIND_WAIT_MS = 1000

export class SmppSession {
  state: SessionState = 'down'
  private socket: Socket | null = null
  private seq = 0
  private readonly waiting = new Map<number, Waiting>()
  private submitsOut = 0
  private reconnectMs = FIRST_RECONNECT_MS
  private reconnectTimer: NodeJS.Timeout | null = null
  private enquireTimer: NodeJS.Timeout | null = null
  private stopped = false
  /** PDUs written in this turn of the event loop, sent together (one system call instead of one each). */
  private outbox: Buffer[] = []
  private flushScheduled = false

  constructor(private readonly config: SessionConfig, private readonly on: SessionHandlers) {}

  /** Whether a submit_sm can go now (bound for sending, window not full). */
  get canSubmit(): boolean {
    return this.state === 'up' && this.config.mode !== 'receiver' && this.submitsOut < this.config.window
  }

  /** Outstanding submit_sm. */
  get inUse(): number {
    return this.submitsOut
  }

  get sends(): boolean {
    return this.config.mode !== 'receiver'
  }

  start(): void {
    this.stopped = false
    this.connect()
  }

  /** Submits one short message; resolves with the peer's status and message id. Rejects ConnectionLost. */
  async submit(sm: ShortMessage): Promise<{ status: number; messageId: string }> {
    const seq = this.nextSeq()
    const pdu = encodeShortMessage('submit_sm', seq, sm)
    const resp = await this.request(seq, pdu, this.config.responseTimeoutMs, true)
    return { status: resp.status, messageId: 'text' in resp ? resp.text : '' }
  }

  /** Unbinds (waiting briefly for the reply) and closes; no reconnect follows. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
    const socket = this.socket
    if (!socket) return
    if (this.state === 'up') {
      const seq = this.nextSeq()
      await this.request(seq, encodeHeaderOnly('unbind', seq), UNBIND_WAIT_MS, false).catch(() => {})
    }
    this.close('stopped')
  }

  /** Queues a PDU for the socket; everything queued in one turn of the event loop goes out in one write. */
  private write(socket: Socket, pdu: Buffer): void {
    if (socket !== this.socket) {
      if (!socket.destroyed) socket.write(pdu)
      return
    }
    this.outbox.push(pdu)
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      const out = this.outbox
      this.outbox = []
      if (out.length === 0 || socket.destroyed || socket !== this.socket) return
      socket.write(out.length === 1 ? out[0]! : Buffer.concat(out))
    })
  }

  private nextSeq(): number {
    this.seq = this.seq >= 0x7fffffff ? 1 : this.seq + 1
    return this.seq
  }

  private setState(state: SessionState, detail: string): void {
    this.state = state
    this.on.state(state, detail)
  }

  private connect(): void {
    if (this.stopped) return
    this.setState('connecting', `connecting to ${this.config.host}:${this.config.port}`)
    const { host, port } = this.config
    const socket = this.config.tls ? tlsConnect({ host, port, servername: host }) : netConnect({ host, port })
    this.socket = socket
    socket.setNoDelay(true)
    const framer = new PduFramer()
    socket.on(this.config.tls ? 'secureConnect' : 'connect', () => void this.bind(socket))
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return
      let pdus: Buffer[]
      try {
        pdus = framer.push(chunk)
      } catch (e) {
        return this.close(`broken stream: ${(e as Error).message}`)
      }
      for (const raw of pdus) {
        let pdu: Pdu
        try {
          pdu = decodePdu(raw)
        } catch (e) {
          return this.close(`malformed PDU: ${(e as Error).message}`)
        }
        this.received(socket, pdu)
      }
    })
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (this.socket === socket) this.close(`connection error: ${e.code ?? e.message}`)
    })
    socket.on('close', () => {
      if (this.socket === socket) this.close('connection closed by peer')
    })
  }

  private async bind(socket: Socket): Promise<void> {
    const seq = this.nextSeq()
    const command = this.config.mode === 'transceiver' ? 'bind_transceiver' : this.config.mode === 'transmitter' ? 'bind_transmitter' : 'bind_receiver'
    const pdu = encodeBind(command, seq, {
      systemId: this.config.systemId, password: this.config.password, systemType: this.config.systemType, interfaceVersion: 0x34, addrTon: 0, addrNpi: 0, addressRange: '',
    })
    let resp: Pdu
    try {
      resp = await this.request(seq, pdu, Math.max(this.config.responseTimeoutMs, 1000), false)
    } catch {
      return
    }
    if (this.socket !== socket) return
    if (resp.status !== 0) return this.close(`bind refused: ${statusReason(resp.status)}`)
    this.reconnectMs = FIRST_RECONNECT_MS
    this.setState('up', `bound as ${this.config.mode}`)
    this.enquireTimer = setInterval(() => this.enquire(socket), this.config.enquireLinkMs)
    this.on.room()
  }

  private enquire(socket: Socket): void {
    if (this.socket !== socket || this.state !== 'up') return
    const seq = this.nextSeq()
    // A reply missed within the interval closes the session (§2 `enquire_link_s`); close() reconnects.
    this.request(seq, encodeHeaderOnly('enquire_link', seq), this.config.enquireLinkMs, false).catch(() => {})
  }

  /** Sends a request and waits for the response of the same sequence number; a timeout closes the session. */
  private request(seq: number, pdu: Buffer, timeoutMs: number, submit: boolean): Promise<Pdu> {
    const socket = this.socket
    if (!socket || socket.destroyed) return Promise.reject(new ConnectionLost('not connected'))
    return new Promise<Pdu>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.waiting.has(seq)) return
        this.close(`no response to ${this.commandOf(pdu)} within ${timeoutMs} ms`)
      }, timeoutMs)
      this.waiting.set(seq, { resolve, reject, timer, submit })
      if (submit) this.submitsOut++
      this.write(socket, pdu)
    })
  }

  private commandOf(pdu: Buffer): string {
    const id = pdu.readUInt32BE(4)
    return Object.entries(CMD).find(([, v]) => v === id)?.[0] ?? 'request'
  }

  private settle(seq: number): Waiting | undefined {
    const w = this.waiting.get(seq)
    if (!w) return undefined
    this.waiting.delete(seq)
    clearTimeout(w.timer)
    if (w.submit) {
      this.submitsOut--
      if (this.state === 'up') this.on.room()
    }
    return w
  }

  private received(socket: Socket, pdu: Pdu): void {
    if ((pdu.id & 0x80000000) !== 0) {
      // A response (generic_nack included): it settles the request of its sequence number.
      this.settle(pdu.seq)?.resolve(pdu)
      return
    }
    switch (pdu.command) {
      case 'enquire_link': this.write(socket, encodeHeaderOnly('enquire_link_resp', pdu.seq)); return
      case 'unbind':
        // Written at once: the session closes right after.
        socket.write(encodeHeaderOnly('unbind_resp', pdu.seq))
        this.close('unbound by peer')
        return
      case 'deliver_sm':
        // Every deliver_sm is answered (§2), also when handling it fails (temporary: the SMSC retries).
        this.on.deliver(pdu.sm).then((status) => status, () => ESME_RX_T_APPN).then((status) => {
          if (!socket.destroyed) this.write(socket, encodeTextResponse('deliver_sm_resp', pdu.seq, status, ''))
        })
        return
      default:
        this.write(socket, encodeHeaderOnly('generic_nack', pdu.seq, ESME_RINVCMDID))
    }
  }

  /** Closes the connection, fails what waited for a response, and reconnects unless stopped. */
  private close(detail: string): void {
    const socket = this.socket
    this.socket = null
    this.outbox = []
    this.state = 'down'
    if (this.enquireTimer) clearInterval(this.enquireTimer)
    this.enquireTimer = null
    if (socket && !socket.destroyed) socket.destroy()
    for (const seq of [...this.waiting.keys()]) this.settle(seq)?.reject(new ConnectionLost(detail))
    this.setState('down', detail)
    if (this.stopped || this.reconnectTimer) return
    const wait = this.reconnectMs
    this.reconnectMs = Math.min(this.reconnectMs * 2, this.config.reconnectMaxMs)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      this.connect()
    }, wait)
  }
}
