import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Encrypts device credentials that a spec must hand back (Porta's SIP password) with AES-256-GCM.
 * Stored form: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export class Keyring {
  private readonly derived = new Map<string, Buffer>()

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes')
  }

  /**
   * A 32-byte key for one purpose, derived from the secret key (HKDF-SHA256) and a salt that may be
   * stored anywhere: without the secret key the salt is worthless, and a new salt gives a new key.
   * The same (purpose, salt) gives the same Buffer object (callers key caches by it).
   */
  derive(purpose: string, salt: string): Buffer {
    const id = `${purpose}\u0000${salt}`
    let key = this.derived.get(id)
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.key, Buffer.from(salt, 'utf8'), Buffer.from(`switchboard/${purpose}`, 'utf8'), 32))
      this.derived.set(id, key)
    }
    return key
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  decrypt(stored: string): string {
    const [v, iv, tag, body] = stored.split('.')
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable encrypted value')
    const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    d.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
  }
}
