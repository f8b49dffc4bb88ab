import { lt, sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { addressRequests } from './login-limits.table.ts'
import { limitKey, pruneLoginFailures } from './login-limits.ts'

/**
 * Adds `n` requests of a client address to its count in the fixed window starting at `windowStart`
 * and returns the count of every process in that window (a row of an older window starts afresh).
 */
export async function countAddressRequests(core: Core, address: string, windowStart: Date, n: number): Promise<number> {
  const key = limitKey(core, 'address', address)
  const [row] = await core.db.insert(addressRequests).values({ key, windowStart, requests: n })
    .onConflictDoUpdate({
      target: addressRequests.key,
      set: {
        requests: sql`case when "address_requests"."window_start" = excluded.window_start then "address_requests"."requests" + excluded.requests
          when "address_requests"."window_start" < excluded.window_start then excluded.requests
          else "address_requests"."requests" end`,
        windowStart: sql`greatest("address_requests"."window_start", excluded.window_start)`,
      },
    })
    .returning({ requests: addressRequests.requests })
  return row?.requests ?? n
}

/** Deletes the counts of windows that started before `before`. */
export async function pruneAddressRequests(core: Core, before: Date): Promise<void> {
  await core.db.delete(addressRequests).where(lt(addressRequests.windowStart, before))
}

/**
 * Deletes the limit records nobody needs any more: request counts of windows over two minutes old
 * (a window is one minute) and failures whose longest lock is over. The dispatcher's upkeep runs it
 * (every deployment has one), whichever limits are switched on.
 */
export async function pruneLoginLimits(core: Core): Promise<void> {
  await pruneAddressRequests(core, new Date(core.now().getTime() - 120_000))
  await pruneLoginFailures(core)
}
