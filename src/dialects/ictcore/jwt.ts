import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

/** Claims of an ICTCore login token (spec/ictcore.md §2.1), plus `jti` so a token can be revoked. */
export interface IctcoreClaims {
  iss: string
  iat: number
  nbf: number
  exp: number
  jti: string
  user_id: number
  username: string
  is_admin: 0 | 1
  'api-version': '1.0'
}

const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

function b64(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url')
}

function mac(secret: Buffer, input: string): Buffer {
  return createHmac('sha256', secret).update(input).digest()
}

/** Signs a compact JWS (HS256). */
export function signToken(secret: Buffer, claims: Omit<IctcoreClaims, 'jti'> & { jti?: string }): { token: string; claims: IctcoreClaims } {
  const full: IctcoreClaims = { ...claims, jti: claims.jti ?? randomUUID() }
  const body = `${HEADER}.${b64(JSON.stringify(full))}`
  return { token: `${body}.${mac(secret, body).toString('base64url')}`, claims: full }
}

/**
 * Verifies signature (HS256 only), `nbf` and `exp`; returns the claims or null. Constant-time
 * signature comparison; any malformed part is simply invalid.
 */
export function verifyToken(secret: Buffer, token: string, nowSeconds: number): IctcoreClaims | null {
  const c = verifySignature(secret, token)
  return c && inTime(c, nowSeconds) ? c : null
}

/** Signature and shape: what does not change with time. */
function verifySignature(secret: Buffer, token: string): IctcoreClaims | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [h, p, s] = parts as [string, string, string]
  // Compared as text: only the canonical base64url of the MAC is the token (a decoder would also take
  // it with padding or stray characters appended, making one token many strings).
  const expected = Buffer.from(mac(secret, `${h}.${p}`).toString('base64url'))
  const given = Buffer.from(s)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string }
    if (header.alg !== 'HS256') return null
    const c = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as IctcoreClaims
    if (typeof c !== 'object' || c === null || !Number.isSafeInteger(c.user_id) || typeof c.jti !== 'string') return null
    if (typeof c.exp !== 'number') return null
    return Object.freeze(c)
  } catch {
    return null
  }
}

function inTime(c: IctcoreClaims, nowSeconds: number): boolean {
  return c.exp > nowSeconds && !(typeof c.nbf === 'number' && c.nbf > nowSeconds + 5)
}

/**
 * `verifyToken` for tokens presented again and again: the signature and claims of a token are
 * checked once and remembered by the token's text (bounded, oldest first out); `exp` and `nbf` are
 * checked on every use. Revocation is not decided here: callers still ask for it each time.
 */
export class VerifiedTokens {
  private readonly byToken = new Map<string, IctcoreClaims>()

  constructor(private readonly secret: Buffer, private readonly maxEntries = 10_000) {}

  verify(token: string, nowSeconds: number): IctcoreClaims | null {
    let c = this.byToken.get(token)
    if (c === undefined) {
      const verified = verifySignature(this.secret, token)
      if (!verified) return null
      c = verified
      if (this.byToken.size >= this.maxEntries) this.byToken.delete(this.byToken.keys().next().value!)
      this.byToken.set(token, c)
    }
    if (inTime(c, nowSeconds)) return c
    if (c.exp <= nowSeconds) this.byToken.delete(token)
    return null
  }
}
