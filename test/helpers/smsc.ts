import { createServer, type Server, type Socket } from 'node:net'
import {
  blankShortMessage, decodePdu, encodeHeaderOnly, encodeShortMessage, encodeTextResponse, ESME_ROK, PduFramer, TLV, tlvValue, type Pdu, type ShortMessage,
} from '../../src/gateways/smpp/pdu.ts'

/**
 * An SMSC simulator (issue 18 point 6): a real SMPP 3.4 server on a local port that binds ESMEs,
 * acknowledges submit_sm, sends delivery receipts and mobile-originated messages, and can be told to
 * throttle or answer with errors, hold its responses (a full window), send a receipt before the
 * submit response or twice, delay receipts, ignore enquire_link, and drop every connection.
 */

/** What the simulator does; change it while it runs. */
export interface SmscBehaviour {
  /** The command_status a submit_sm gets (default ESME_ROK); `n` counts submits from 1. */
  submitStatus?: (sm: ShortMessage, n: number) => number
  /** Keep submit responses back until release() (the ESME's window fills). */
  holdResponses?: boolean
  /** Receipts for accepted submits with registered_delivery: none, after the response (default), before it, or twice after it. */
  receipts?: 'none' | 'after' | 'before' | 'twice'
  /** The receipt's `stat:` (default DELIVRD). */
  receiptStat?: (sm: ShortMessage) => string
  /** Put the message id in a receipted_message_id TLV as well as in the text (default false: text only). */
  receiptTlv?: boolean
  /** Leave enquire_link unanswered. */
  ignoreEnquireLink?: boolean
  /** Refuse every bind (ESME_RBINDFAIL): the provider is down until this is cleared. */
  refuseBinds?: boolean
}

export interface SmscSubmit { sm: ShortMessage; messageId: string; status: number }

interface Held { socket: Socket; seq: number; messageId: string; sm: ShortMessage; status: number }

export class Smsc {
  behaviour: SmscBehaviour = {}
  readonly submits: SmscSubmit[] = []
  /** Statuses of the deliver_sm_resp the ESME sent. */
  readonly deliverResponses: number[] = []
  bindCount = 0
  enquireLinks = 0
  unbinds = 0
  private readonly bound = new Map<Socket, string>()
  private readonly sockets = new Set<Socket>()
  private held: Held[] = []
  private nextId = 1000
  private seq = 0

  private constructor(private readonly server: Server, private readonly credentials: { systemId: string; password: string }) {}

  /** Starts a simulator on a free local port accepting `systemId` / `password`. */
  static async start(credentials: { systemId: string; password: string }): Promise<Smsc> {
    const server = createServer()
    const smsc = new Smsc(server, credentials)
    server.on('connection', (socket) => smsc.accept(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return smsc
  }

  get port(): number {
    const a = this.server.address()
    return typeof a === 'object' && a ? a.port : 0
  }

  /** Sessions bound now, by bind command. */
  get sessions(): string[] {
    return [...this.bound.values()]
  }

  /** Submit responses held back by `holdResponses`. */
  get heldCount(): number {
    return this.held.length
  }

  /** Sends the held submit responses (and their receipts). */
  release(): void {
    const held = this.held
    this.held = []
    for (const h of held) this.answerSubmit(h)
  }

  /** Drops every connection at once (an SMSC crash or a network cut). */
  drop(): void {
    this.held = []
    for (const s of this.sockets) s.destroy()
  }

  /** Unbinds every bound session from the SMSC's side (a planned SMSC restart). */
  unbindAll(): void {
    for (const socket of this.bound.keys()) socket.write(encodeHeaderOnly('unbind', this.nextSeq()))
  }

  /** Sends a mobile-originated deliver_sm to a bound receiver or transceiver. */
  sendMo(fields: Partial<ShortMessage>): void {
    const socket = [...this.bound].find(([, mode]) => mode !== 'bind_transmitter')?.[0]
    if (!socket) throw new Error('no receiving session bound')
    socket.write(encodeShortMessage('deliver_sm', this.nextSeq(), { ...blankShortMessage(), ...fields }))
  }

  /** Sends a delivery receipt for `messageId` (as the SMSC would). */
  sendReceipt(messageId: string, stat = 'DELIVRD', socket?: Socket): void {
    const to = socket && !socket.destroyed && this.bound.get(socket) !== 'bind_transmitter' ? socket : [...this.bound].find(([, mode]) => mode !== 'bind_transmitter')?.[0]
    if (!to) return
    const text = `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2612071530 done date:2612071531 stat:${stat} err:000 text:`
    const tlvs = new Map<number, Uint8Array>()
    if (this.behaviour.receiptTlv) tlvs.set(TLV.receipted_message_id, tlvValue.cstr(messageId))
    to.write(encodeShortMessage('deliver_sm', this.nextSeq(), { ...blankShortMessage(), esmClass: 0x04, shortMessage: Buffer.from(text, 'latin1'), tlvs }))
  }

  async stop(): Promise<void> {
    this.drop()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private nextSeq(): number {
    return ++this.seq
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket)
    const framer = new PduFramer()
    socket.on('data', (chunk: Buffer) => {
      let pdus: Buffer[]
      try {
        pdus = framer.push(chunk)
      } catch {
        socket.destroy()
        return
      }
      // What one read answers goes out in one write.
      socket.cork()
      for (const raw of pdus) this.received(socket, decodePdu(raw))
      process.nextTick(() => socket.uncork())
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      this.sockets.delete(socket)
      this.bound.delete(socket)
    })
  }

  private received(socket: Socket, pdu: Pdu): void {
    switch (pdu.command) {
      case 'bind_transceiver':
      case 'bind_transmitter':
      case 'bind_receiver': {
        const ok = !this.behaviour.refuseBinds && pdu.bind.systemId === this.credentials.systemId && pdu.bind.password === this.credentials.password
        if (ok) {
          this.bound.set(socket, pdu.command)
          this.bindCount++
        }
        // ESME_RBINDFAIL (0x0D) for wrong credentials.
        socket.write(encodeTextResponse(`${pdu.command}_resp`, pdu.seq, ok ? ESME_ROK : 0x0d, 'smsc-sim'))
        return
      }
      case 'enquire_link':
        this.enquireLinks++
        if (!this.behaviour.ignoreEnquireLink) socket.write(encodeHeaderOnly('enquire_link_resp', pdu.seq))
        return
      case 'unbind':
        this.unbinds++
        this.bound.delete(socket)
        socket.write(encodeHeaderOnly('unbind_resp', pdu.seq))
        socket.end()
        return
      case 'deliver_sm_resp':
        this.deliverResponses.push(pdu.status)
        return
      case 'unbind_resp':
        this.bound.delete(socket)
        socket.end()
        return
      case 'submit_sm': {
        const n = this.submits.length + 1
        const status = this.behaviour.submitStatus?.(pdu.sm, n) ?? ESME_ROK
        const messageId = status === ESME_ROK ? `${(this.nextId++).toString(16)}` : ''
        this.submits.push({ sm: pdu.sm, messageId, status })
        const held: Held = { socket, seq: pdu.seq, messageId, sm: pdu.sm, status }
        if (this.behaviour.holdResponses) this.held.push(held)
        else this.answerSubmit(held)
        return
      }
      default:
        return
    }
  }

  private answerSubmit(h: Held): void {
    if (h.socket.destroyed) return
    const receipts = h.status === ESME_ROK && h.sm.registeredDelivery !== 0 ? (this.behaviour.receipts ?? 'after') : 'none'
    const stat = this.behaviour.receiptStat?.(h.sm) ?? 'DELIVRD'
    if (receipts === 'before') this.sendReceipt(h.messageId, stat, h.socket)
    h.socket.write(encodeTextResponse('submit_sm_resp', h.seq, h.status, h.messageId))
    if (receipts === 'after' || receipts === 'twice') this.sendReceipt(h.messageId, stat, h.socket)
    if (receipts === 'twice') this.sendReceipt(h.messageId, stat, h.socket)
  }
}
