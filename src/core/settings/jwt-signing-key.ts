import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { requirePlatformAdmin } from '../platform/platform.ts'
import { serverSettings } from './server-settings.table.ts'

// The ICTCore JWT signing key is never stored: it is derived from the secret key (the 0600 key file
// or SWITCHBOARD_SECRET_KEY) and a salt kept in server_settings, so a database dump or a readable WAL
// hands out nothing that signs a token. Every process on the database derives the same key; a new
// salt (rotateJwtSigningKey) makes every token signed before it invalid, in every process at once
// (the salt is read through the exact read cache, which change notices keep current).

const SALT = 'jwt_salt'
const PURPOSE = 'ictcore-jwt'
const SETTINGS_TABLES = ['server_settings'] as const

/** A fresh salt value (not secret on its own). */
export function newJwtSalt(): string {
  return randomBytes(16).toString('base64url')
}

/** The HS256 key of ICTCore JWTs as of now (a cached read when warm). */
export async function jwtSigningKey(core: Core): Promise<Buffer> {
  const salt = await core.reads.get(`server_settings:${SALT}`, SETTINGS_TABLES, async () => {
    const [row] = await core.db.select({ value: serverSettings.value }).from(serverSettings).where(eq(serverSettings.name, SALT))
    if (!row) throw new Error('server_settings has no jwt_salt: the database is not migrated')
    return row.value
  })
  return core.keyring.derive(PURPOSE, salt)
}

/** Replaces the signing key: every JWT issued before is refused from now on. Platform admins only. */
export async function rotateJwtSigningKey(core: Core, actor: Actor): Promise<{ rotated: true }> {
  requirePlatformAdmin(actor)
  await core.db.update(serverSettings).set({ value: newJwtSalt() }).where(eq(serverSettings.name, SALT))
  return { rotated: true }
}
