import diagnostics from 'node:diagnostics_channel'
import { Writable } from 'node:stream'
import { after } from 'node:test'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

// Issue 13 point 11, "no secret anywhere": every test process of `npm test` loads this module
// (`--import`, test/run.ts). It learns every secret the suite uses — each password, API key and
// admin token a client sends (Basic, opaque Bearer, Delacon `Auth`, secret fields of queries and
// bodies) and each server secret key a test config makes — and looks for them in every reply body
// and header of every app built in the process, and in every log line (test loggers log at trace
// into it). A find is recorded with where it was; the process's last hook fails the run listing them.
//
// A secret is learned when a request the server accepts carries it (the reply to that request is
// swept for it too), so the one reply that hands out a new API key (its creation) is not a find;
// every later reply that shows it is. Values in refused requests are not learned: bad-input tests
// send ordinary text (`Not Applicable`) in secret fields. Values shorter than 6 characters are not
// learned (PINs, `admin`): they would match ordinary text.

/** Field names (query, form, JSON at any depth) whose values are login secrets in some dialect. */
const SECRET_FIELD = /pass(word|wd)|api[-_]?key|^auth$|secret|^token$/i
const MIN_LENGTH = 6

const secrets = new Set<string>()
/** Device credentials (an extension's SIP password): Porta hands them back by spec (porta.md, `SIPPassword`). */
const deviceSecrets = new Set<string>()
/** Values some request sent as ordinary data: a test secret equal to one cannot be told from it. */
const openValues = new Set<string>()
const finds: string[] = []

/** Registers a secret the suite made itself (a config's secret key, an admin token). */
export function sweepSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= MIN_LENGTH) secrets.add(value)
}

/** Looks for every learned secret in `text`; records a find naming `where`. Under `/porta/`, device secrets may show. */
export function sweepText(where: string, text: string, path = ''): void {
  const report = (s: string) => finds.push(`${where}: shows a secret (${process.env.SWEEP_SHOW ? JSON.stringify(s) : `${s.slice(0, 2)}…, ${s.length} characters`})`)
  for (const s of secrets) if (text.includes(s) && !openValues.has(s)) report(s)
  if (!path.startsWith('/porta/')) for (const s of deviceSecrets) if (text.includes(s) && !openValues.has(s)) report(s)
}

/** The finds so far, removed: for the sweep's own test, which makes one on purpose. */
export function takeSweepFinds(): string[] {
  return finds.splice(0)
}

/** Where test loggers write: every line is swept, and echoed to stderr when LOG_LEVEL asks for logs. */
export function sweepLogSink(): Writable {
  const echo = process.env.LOG_LEVEL !== undefined
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      const line = chunk.toString()
      sweepText('log line', line)
      if (echo) process.stderr.write(line)
      done()
    },
  })
}

/** The secrets a request carries, learned only if the server accepts it, and its other (public) values. */
const carried = new WeakMap<FastifyRequest, { secrets: string[]; devices: string[]; open: Set<string> }>()
/** While above 0, nothing is learned: fuzz tests send random text in secret fields (`sweepUnlearned`). */
let unlearning = 0

function carriedBy(req: FastifyRequest): { secrets: string[]; devices: string[]; open: Set<string> } {
  let c = carried.get(req)
  if (!c) carried.set(req, (c = { secrets: [], devices: [], open: new Set() }))
  return c
}

/**
 * ICTCore accounts (`/api/accounts…`, and the same rows under `/api/extensions…` and `/api/dids…`,
 * spec/ictcore.md §4.3) are extensions and DIDs: their `passwd` is a device credential; so is the
 * `secret` of a service account made through the native API (`/native/service-accounts`, Porta's SIPPassword).
 */
const DEVICE_PATH = /^\/(api\/(accounts|extensions|dids)|native\/service-accounts)\b/

function carry(req: FastifyRequest, value: string | undefined): void {
  if (typeof value !== 'string' || value.length < MIN_LENGTH) return
  const c = carriedBy(req)
  if (DEVICE_PATH.test(req.url)) c.devices.push(value)
  else c.secrets.push(value)
}

function carryFields(req: FastifyRequest, value: unknown, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') {
      if (SECRET_FIELD.test(k)) carry(req, v)
      else carriedBy(req).open.add(v)
    } else carryFields(req, v, depth + 1)
  }
}

/**
 * Runs `work` (a fuzz or bad-input property) without learning what its requests carry: random text
 * in a secret field that some route ignores and accepts is not a secret. Replies are still swept.
 */
export async function sweepUnlearned<T>(work: () => Promise<T>): Promise<T> {
  unlearning++
  try { return await work() } finally { unlearning-- }
}

function carryCredentials(req: FastifyRequest): void {
  const auth = req.headers.authorization
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString()
    carry(req, decoded.slice(decoded.indexOf(':') + 1))
  } else if (auth?.startsWith('Bearer ')) {
    const token = auth.slice(7).trim()
    // A JWT is handed out in replies by design; an opaque bearer (admin token, reseller key) is a secret.
    if (token.split('.').length !== 3) carry(req, token)
  }
  const delaconAuth = req.headers.auth
  if (typeof delaconAuth === 'string') carry(req, delaconAuth.trim())
  carryFields(req, req.query)
}

function sweepReply(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : ''
  // Packetera, ResellerClub and Delacon answer some refusals with 200: their envelopes say so.
  const refused = reply.statusCode >= 400 || /^Status=Failure|"status":\s*"ERROR"|<status>ERROR<|"RESULT":\s*"(FAIL|LOGIN_FAILED)"/i.test(text.slice(0, 200))
  const c = carried.get(req)
  if (c) for (const v of c.open) openValues.add(v)
  if (c && !refused && !unlearning) {
    for (const s of c.secrets) secrets.add(s)
    for (const s of c.devices) deviceSecrets.add(s)
  }
  const path = req.url.split('?')[0]!
  const where = `${req.method} ${path} → ${reply.statusCode}`
  sweepText(`${where} headers`, JSON.stringify(reply.getHeaders()), path)
  if (text) sweepText(`${where} body`, text, path)
}

diagnostics.subscribe('fastify.initialization', (message) => {
  const { fastify } = message as { fastify: FastifyInstance }
  fastify.addHook('onRequest', async (req) => { carryCredentials(req) })
  fastify.addHook('preValidation', async (req) => { carryFields(req, req.body) })
  fastify.addHook('onSend', async (req, reply, payload) => {
    sweepReply(req, reply, payload)
    return payload
  })
})

after(() => {
  if (finds.length) {
    throw new Error(`secrets shown in ${finds.length} places (issue 13 point 11):\n${[...new Set(finds)].slice(0, 50).join('\n')}`)
  }
})
