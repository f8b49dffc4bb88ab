import { domainErrorOf } from '../../core/kernel/index.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { resellerActor } from '../../core/actor.ts'
import { getMember } from '../../core/click-to-call/index.ts'
import type { Core } from '../../core/core.ts'
import { authenticateMember, authenticatePartner, mandatoryFields } from './auth.ts'
import { failureOf, failures, PacketeraFailure } from './errors.ts'
import { loginAttempt, publicBaseUrl, setRetryAfter } from '../dialect.ts'
import { BUILTIN_REPLY, effectiveReplyConfig, failurePairs, requestReplyConfig, sendPairs, successPairs, type ReplyConfig } from './reply.ts'
import { parseRequest, type PacketeraInput } from './request.ts'
import { PACKETERA_OPERATIONS } from './operations.ts'
import type { Transaction, TransactionContext } from './transaction.ts'

export interface EndpointOptions {
  core: Core
  prefix: string
  /** Configured public base URL (scheme://host[:port]); else taken from the request. */
  publicBaseUrl?: string
}

/** The operation table by wire id (the TransactionType code). */
const TRANSACTIONS: ReadonlyMap<string, Transaction> = new Map(PACKETERA_OPERATIONS.operations.map((op) => [op.wireId, op.serve]))

/** Step 2 of §3.2: which transaction the request names (1006; absent → 2203 with ActivationId, else 1003). */
function transactionOf(input: PacketeraInput): Transaction {
  const code = input.get('TransactionType')
  if (code === undefined) {
    if (input.get('ActivationId') !== undefined) return TRANSACTIONS.get('2203')!
    throw failures.missing('TransactionType')
  }
  const tx = TRANSACTIONS.get(code)
  if (!tx) throw failures.unknownTransaction(code)
  return tx
}

/** One request's transaction context; the reply configuration it settles is read by the endpoint. */
class RequestContext implements TransactionContext {
  partner: TransactionContext['partner'] = null
  actor: TransactionContext['actor'] = null
  customerId: number | null = null
  member: TransactionContext['member'] = null

  constructor(
    readonly core: Core,
    readonly input: PacketeraInput,
    private readonly options: EndpointOptions,
    private readonly req: FastifyRequest,
    private readonly overrides: Partial<ReplyConfig>,
    public config: ReplyConfig,
  ) {}

  // Only a few transactions print links: the request's host is read when one does.
  get linkBase(): string {
    return `${publicBaseUrl(this.options, this.req)}${this.options.prefix}`
  }

  useReplyDefaultsOf(settings: Record<string, unknown>): void {
    this.config = effectiveReplyConfig(this.overrides, settings)
  }
}

/** The `<prefix>/cbc_APIs.aspx` handler: every reply is HTTP 200 with Name/Value pairs (spec §3). */
export function transactionHandler(options: EndpointOptions) {
  const { core } = options
  return async function handle(req: FastifyRequest, reply: FastifyReply) {
    let config: ReplyConfig | undefined
    let ctx: RequestContext | undefined
    try {
      const input = parseRequest(req)
      const early = requestReplyConfig(input)
      config = early.config
      if (early.failure) throw early.failure
      const tx = transactionOf(input)
      ctx = new RequestContext(core, input, options, req, early.overrides, early.config)
      if (tx.auth !== 'none') {
        const credentials = mandatoryFields(input)
        ctx.partner = await authenticatePartner(core, credentials, loginAttempt(req))
        ctx.actor = resellerActor(ctx.partner.id)
        ctx.useReplyDefaultsOf(ctx.partner.settings)
        if (tx.auth === 'member') {
          ctx.customerId = await authenticateMember(core, ctx.partner, credentials, loginAttempt(req))
          if (!tx.inactiveAllowed) {
            ctx.member = await getMember(core, ctx.actor, ctx.customerId)
            if (!ctx.member.active) throw failures.inactive()
          }
        }
      }
      const pairs = await tx.run(ctx)
      return sendPairs(reply, successPairs(pairs), ctx.config)
    } catch (e) {
      setRetryAfter(reply, e)
      return sendPairs(reply, failurePairs(toFailure(e, req)), ctx?.config ?? config ?? BUILTIN_REPLY)
    }
  }
}

function toFailure(e: unknown, req: FastifyRequest): PacketeraFailure {
  if (e instanceof PacketeraFailure) return e
  const domain = domainErrorOf(e)
  if (domain) return failureOf(domain)
  // Never the message text: it may hold input or SQL.
  req.log.error({ err: { name: (e as Error)?.name, code: (e as { code?: string })?.code } }, 'packetera transaction failed')
  return failures.internal()
}
