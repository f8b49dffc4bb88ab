import { Invalid } from '../errors.ts'

/**
 * A visitor's phone (spec/packetera.md §9 check 3): spaces, `-`, `.`, `(`, `)` removed; valid is
 * `+` then 8–15 digits, the first not zero (E.164), or 7–15 digits without `+` (national, dialled
 * as given). Else Invalid('phone').
 */
export function visitorPhone(raw: string | undefined): string {
  const n = (raw ?? '').trim().replace(/[ \-.()]/g, '')
  if (/^\+[1-9][0-9]{7,14}$/.test(n) || /^[0-9]{7,15}$/.test(n)) return n
  throw new Invalid('phone', 'is not a phone number')
}

/** A visitor's name: at most 50 characters, no control characters; empty → null. Else Invalid('name'). */
export function checkVisitorName(raw: string | undefined): string | null {
  const name = (raw ?? '').trim()
  if (name === '') return null
  // C0, DEL and C1 controls: the name is shown in pages and replies.
  if ([...name].length > 50 || /\p{Cc}/u.test(name)) throw new Invalid('name', 'is not a valid name')
  return name
}
