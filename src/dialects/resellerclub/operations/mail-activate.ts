import { Conflict, Locked, NotFound } from '../../../core/errors.ts'
import { activateFreeEmail } from '../../../core/orders/index.ts'
import { rcCall } from '../call.ts'
import { freeEmailActionMap } from '../catalog-codec.ts'
import { RcError } from '../errors.ts'
import { canonicalInteger, idOf, positiveInteger } from '../validation.ts'
import { ActionMap } from '../wire-schemas.ts'

/** `mail/activate` (spec §4.3): turns on an order's free email service. */
export const mailActivate = rcCall({
  name: 'mail/activate', method: 'POST',
  summary: 'Turns on the free email service of an order',
  reply: ActionMap,
  params: [{ name: 'order-id', required: true, check: positiveInteger, description: 'Order id' }],
  async handle({ core, actor, params: p }) {
    const raw = p.get('order-id')!
    const shown = canonicalInteger(raw)
    const id = idOf(raw)
    if (id === null) throw new RcError(`Invalid order-id: ${shown}`)
    try {
      return freeEmailActionMap(await activateFreeEmail(core, actor, id))
    } catch (e) {
      if (e instanceof NotFound) throw new RcError(`Invalid order-id: ${shown}`)
      if (e instanceof Locked) throw new RcError(`Order ${shown} is suspended`)
      if (e instanceof Conflict) throw new RcError(`Free Email Service is already active for order-id: ${shown}`)
      throw e
    }
  },
})
