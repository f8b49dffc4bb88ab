// The partner-callback sender: POSTs one callback body to a partner's URL and reports what came
// back — the HTTP status and the start of the reply body, or why there was no usable answer
// (network error, timeout). Deciding what the answer means is core's (spec/delacon.md §9).

/** One POST to make. */
export interface CallbackRequest {
  url: string
  body: string
  headers: Readonly<Record<string, string>>
}

/** What the peer answered, or why it did not. */
export type CallbackReply = { status: number; body: string } | { error: string }

/** The most of a reply body read (the rest is discarded): enough for any `{"RESULT":…}` answer. */
const MAX_READ_BYTES = 64 * 1024

/** Sends callbacks over HTTP(S) with Node's fetch (keep-alive connections are pooled per origin). */
export class HttpCallbackSender {
  constructor(private readonly timeoutMs: number) {}

  /** POSTs the request; never rejects. A redirect is not followed (its 3xx is the answer). */
  async send(req: CallbackRequest): Promise<CallbackReply> {
    const signal = AbortSignal.timeout(this.timeoutMs)
    try {
      const res = await fetch(req.url, { method: 'POST', body: req.body, headers: { ...req.headers }, redirect: 'manual', signal })
      return { status: res.status, body: await readSome(res, MAX_READ_BYTES) }
    } catch (e) {
      return { error: describe(e, signal.aborted, this.timeoutMs) }
    }
  }
}

async function readSome(res: Response, max: number): Promise<string> {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.length
    if (size >= max) {
      await reader.cancel().catch(() => {})
      break
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8')
}

/** A short reason without the URL (it may carry partner data) or a stack. */
function describe(e: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timeout after ${timeoutMs} ms`
  const err = e as Error & { cause?: { code?: string; message?: string } }
  const cause = err.cause?.code ?? err.cause?.message
  return cause ? `${err.message}: ${cause}` : err.message || err.name || 'request failed'
}
