import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { startAttempts } from '../delivery/attempt-start.ts'
import { Invalid, Locked, NotFound } from '../errors.ts'
import { requirePermission } from '../kernel/guard.ts'
import { lockTransmission, refusalOf } from './transmissions.ts'

/**
 * `POST /transmissions/{id}/send` and `…/retry` (§7.1): refuses by state (423), then starts an
 * attempt; a data failure is committed as `invalid` and answered Invalid for that field; no
 * provider → NotFound `No provider available`, nothing changed. Returns the new spool id.
 */
export async function sendTransmission(core: Core, actor: Actor, id: number, mode: 'send' | 'retry' = 'send'): Promise<number> {
  requirePermission(actor, 'transmission_send')
  const outcome = await core.db.transaction(async (tx) => {
    const row = await lockTransmission(tx, actor, id)
    if (mode === 'retry' && !(row.status === 'failed' || (row.status === 'pending' && row.tryDone >= 1))) throw new Locked('Transmission is not failed')
    const refusal = refusalOf(row.status)
    if (refusal) throw refusal
    const result = (await startAttempts(core, tx, [id], { now: core.now(), automatic: false })).get(id)
    if (!result) throw new NotFound('Transmission', id)
    if (result.kind === 'no_provider') throw new NotFound('Provider', undefined, 'No provider available')
    return result
  })
  if (outcome.kind === 'invalid') throw new Invalid(outcome.field, outcome.reason, 'reference')
  return outcome.spoolId
}
