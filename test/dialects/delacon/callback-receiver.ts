import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the receiver answers one request. */
export type Answer = 'accept' | 'error500' | 'garbage' | 'reject' | 'hang' | 'accept-html'

/** One request the receiver got. */
export interface Received { at: number; method: string; path: string; headers: IncomingHttpHeaders; body: string }

/**
 * A partner's post-provisioning endpoint for tests (issue 17 point 6): a real HTTP server on
 * 127.0.0.1 that answers each request with the next scripted answer (the last one repeats):
 * `{"RESULT":"ACCEPTED"}`, HTTP 500, a non-JSON body, `{"RESULT":"FAIL",…}`, or never.
 */
export class CallbackReceiver {
  readonly received: Received[] = []
  private server: Server | null = null
  private readonly hanging = new Set<ServerResponse>()
  private script: Answer[] = ['accept']
  private served = 0

  /** Answers from now on: these in order, then the last one again and again. */
  answer(...script: Answer[]): this {
    this.script = script
    this.served = 0
    return this
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        this.received.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
        const answer = this.script[Math.min(this.served++, this.script.length - 1)]!
        switch (answer) {
          case 'accept': res.writeHead(200, { 'content-type': 'application/json' }).end('{"RESULT":"ACCEPTED"}'); break
          case 'accept-html': res.writeHead(200, { 'content-type': 'text/html' }).end('{"RESULT":"ACCEPTED"}'); break
          case 'error500': res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error'); break
          case 'garbage': res.writeHead(200, { 'content-type': 'application/json' }).end('<html>ok</html>'); break
          case 'reject': res.writeHead(200, { 'content-type': 'application/json' }).end('{"RESULT":"FAIL","MESSAGE":"unknown order"}'); break
          case 'hang': this.hanging.add(res); break
        }
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return this
  }

  /** The URL to set as the partner's callback URL. */
  url(path = '/delacon/callback'): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`
  }

  /** The requests for one order (by its OrderID field). */
  forOrder(orderId: number | string): Received[] {
    return this.received.filter((r) => new URLSearchParams(r.body).get('OrderID') === String(orderId))
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy()
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server ? this.server.close(() => resolve()) : resolve())
  }
}
