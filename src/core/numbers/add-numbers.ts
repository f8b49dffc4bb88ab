import { eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { inTransaction, type Core } from '../core.ts'
import { Forbidden, Invalid, Unavailable } from '../errors.ts'
import { serveWaitingOrders } from '../call-tracking/fulfilment.ts'
import { capacityOf, randomNumber } from './generate.ts'
import { trackingNumbers } from './numbers.table.ts'
import { lockPool, resolvePool } from './pools.ts'

export interface AddNumbersInput {
  /** Region in any §7 form (name, code, alpha-2). */
  region: string
  /** Number-type key of the region. */
  numberType: string
  count: number
}

export interface AddNumbersResult {
  added: number
  /** The new numbers, ascending. */
  numbers: string[]
  /** WAIT orders of the pool that the new stock completed, oldest first. */
  fulfilledOrders: number[]
}

/** Most numbers one call adds. */
export const MAX_ADD = 10_000
const MAX_ROUNDS = 50

/**
 * Adds `count` new random numbers of the type to the pool — deployment-wide stock for an actor
 * without a tenant (the platform, the CLI), else the actor's reseller's own stock — and, in the same
 * transaction, serves the pool's waiting orders. Numbers are unique deployment-wide.
 */
export async function addNumbers(core: Core, actor: Actor, input: AddNumbersInput): Promise<AddNumbersResult> {
  if (!actor.isAdmin) throw new Forbidden('numbers_add')
  const { region, numberType } = resolvePool(input.region, input.numberType)
  const count = input.count
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_ADD) throw new Invalid('count', `must be between 1 and ${MAX_ADD}`)
  const tenantId = actor.tenantId
  return inTransaction(core, async (txCore) => {
    const tx = txCore.db
    const pool = await lockPool(tx, region.name, numberType.key)
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(trackingNumbers).where(eq(trackingNumbers.poolId, pool.id))) as [{ n: number }]
    if (n + count > capacityOf(numberType)) throw new Invalid('count', `exceeds the ${capacityOf(numberType) - n} numbers left for ${region.name} ${numberType.key}`)
    const added: string[] = []
    for (let round = 0; added.length < count; round++) {
      if (round >= MAX_ROUNDS) throw new Unavailable('could not find enough unused numbers')
      const want = new Set<string>()
      while (want.size < count - added.length) want.add(randomNumber(numberType))
      const rows = await tx.insert(trackingNumbers)
        .values([...want].map((number) => ({ tenantId, poolId: pool.id, number })))
        .onConflictDoNothing({ target: trackingNumbers.number })
        .returning({ number: trackingNumbers.number })
      for (const r of rows) added.push(r.number)
    }
    const fulfilledOrders = await serveWaitingOrders(txCore, pool.id, core.now())
    added.sort()
    return { added: added.length, numbers: added, fulfilledOrders }
  })
}
