import type { FastifyReply, FastifyRequest } from 'fastify'
import { resellerActor } from '../../core/actor.ts'
import { getMember } from '../../core/click-to-call/index.ts'
import type { Core } from '../../core/core.ts'
import { isDomainError } from '../../core/errors.ts'
import { authenticateMember, authenticatePartner, mandatoryFields } from './auth.ts'
import { failureOf, failures, PacketeraFailure } from './errors.ts'
import { effectiveReplyConfig, failurePairs, requestReplyConfig, sendPairs, successPairs, type ReplyConfig } from './reply.ts'
import { parseRequest, type PacketeraInput } from './request.ts'
import { TRANSACTIONS, type Transaction, type TransactionContext } from './transactions/index.ts'

export interface EndpointOptions {
  core: Core
  prefix: string
  /** Configured public base URL (scheme://host[:port]); else taken from the request. */
  publicBaseUrl?: string
}

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

/** The `<prefix>/cbc_APIs.aspx` handler: every reply is HTTP 200 with Name/Value pairs (spec §3). */
export function transactionHandler(options: EndpointOptions) {
  const { core } = options
  return async function handle(req: FastifyRequest, reply: FastifyReply) {
    let config: ReplyConfig | undefined
    try {
      const input = parseRequest(req)
      const early = requestReplyConfig(input)
      config = early.config
      if (early.failure) throw early.failure
      const tx = transactionOf(input)
      const ctx: TransactionContext = {
        core, input, partner: null, actor: null, customerId: null, member: null,
        // Only a few transactions print links: the request's host is read when one does.
        get linkBase() { return `${options.publicBaseUrl ?? `${req.protocol}://${req.host}`}${options.prefix}` },
        useReplyDefaultsOf: (settings) => { config = effectiveReplyConfig(early.overrides, settings) },
      }
      if (tx.auth !== 'none') {
        const credentials = mandatoryFields(input)
        ctx.partner = await authenticatePartner(core, credentials)
        ctx.actor = resellerActor(ctx.partner.id)
        ctx.useReplyDefaultsOf(ctx.partner.settings)
        if (tx.auth === 'member') {
          ctx.customerId = await authenticateMember(core, ctx.partner, credentials)
          if (!tx.inactiveAllowed) {
            ctx.member = await getMember(core, ctx.actor, ctx.customerId)
            if (!ctx.member.active) throw failures.inactive()
          }
        }
      }
      const pairs = await tx.run(ctx)
      return sendPairs(reply, successPairs(pairs), config)
    } catch (e) {
      return sendPairs(reply, failurePairs(toFailure(e, req)), config ?? { format: 'namevalue', delimiter: '&', separator: '=', encapsulator: '' })
    }
  }
}

function toFailure(e: unknown, req: FastifyRequest): PacketeraFailure {
  if (e instanceof PacketeraFailure) return e
  if (isDomainError(e)) return failureOf(e)
  // Never the message text: it may hold input or SQL.
  req.log.error({ err: { name: (e as Error)?.name, code: (e as { code?: string })?.code } }, 'packetera transaction failed')
  return failures.internal()
}
