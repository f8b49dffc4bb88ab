import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The 32-byte key that encrypts device secrets: SWITCHBOARD_SECRET_KEY (base64 or hex), else
 * `<dataDir>/secret.key`, created (mode 0600) on first start. Every process on the same
 * database must use the same key.
 */
export function loadSecretKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) {
    const key = /^[0-9a-fA-F]{64}$/.test(configured) ? Buffer.from(configured, 'hex') : Buffer.from(configured, 'base64')
    if (key.length !== 32) throw new Error('SWITCHBOARD_SECRET_KEY must be 32 bytes, base64 or hex')
    return key
  }
  const path = join(dataDir, 'secret.key')
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
  } catch {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    const key = randomBytes(32)
    try {
      writeFileSync(path, key.toString('base64'), { mode: 0o600, flag: 'wx' })
      return key
    } catch {
      // Another process created it first: use theirs.
      return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
    }
  }
}
