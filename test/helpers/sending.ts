import type { Actor } from '../../src/core/actor.ts'
import { createProgram } from '../../src/core/programs/index.ts'
import { createProvider } from '../../src/core/providers/index.ts'
import { actorForUser } from '../../src/core/users/index.ts'
import type { TestApp } from './app.ts'

/** What the core tests of sending start from: a platform admin and user, a sandbox provider and a voicetts program. */
export interface SendingFixture {
  admin: Actor
  /** A platform user with a phone (its calls have a caller id). */
  user: Actor
  providerId: number
  /** The user's voicetts program saying "Hello". */
  program: number
}

/** Creates the SendingFixture on `app`; `script` is the sandbox provider's outcome script (its settings). */
export async function sendingFixture(app: TestApp, script?: unknown): Promise<SendingFixture> {
  const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
  const user = await actorForUser(app.core, (await app.user(null, { phone: '+15550001111' })).id)
  const providerId = await createProvider(app.core, admin, { name: 'sandbox', type: 'sandbox', ...(script === undefined ? {} : { settings: JSON.stringify(script) }) })
  const program = await createProgram(app.core, user, 'voicetts', { text: 'Hello' })
  return { admin, user, providerId, program }
}
