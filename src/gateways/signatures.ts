import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signatures of peers' callbacks (spec/gateways.md §1 "Callbacks from peers"): HMAC-SHA256 in
 * lowercase hex, compared in constant time.
 */

export function hmacHex(key: Buffer | string, data: Buffer | string): string {
  return createHmac('sha256', key).update(data).digest('hex')
}

/** Whether `given` is the HMAC-SHA256 of `data` under `key` (a missing or malformed one is not). */
export function signatureMatches(key: Buffer | string, data: Buffer | string, given: string | undefined | null): boolean {
  if (!given || !/^[0-9a-f]{64}$/.test(given)) return false
  return timingSafeEqual(Buffer.from(hmacHex(key, data), 'hex'), Buffer.from(given, 'hex'))
}
