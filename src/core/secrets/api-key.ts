import { createHash, randomInt } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
/** 20 base62 characters ≈ 119 bits: fits Packetera's 20-character WebUserPassword. */
export const API_KEY_LENGTH = 20

/** A new random API key (uniform base62, crypto RNG). */
export function newApiKey(): string {
  let key = ''
  for (let i = 0; i < API_KEY_LENGTH; i++) key += BASE62[randomInt(62)]
  return key
}

/**
 * The lookup digest of a key (SHA-256 hex). Dialects such as Porta and Delacon send the key alone,
 * so the row must be found from the key; verification is still by scrypt (docs/decisions.md).
 */
export function apiKeyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}
