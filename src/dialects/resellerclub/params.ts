/**
 * Request parameters of a ResellerClub call (spec §2.2): the query string first, then a form body,
 * in order of appearance. `name[]` and `name[<digits>]` are aliases of `name` (PHP clients).
 */
export class RcParams {
  private readonly values = new Map<string, string[]>()

  /** From the raw query string (without `?`) and a form body (null when none or not a form). */
  static from(rawQuery: string, formBody: string | null): RcParams {
    const p = new RcParams()
    if (rawQuery) p.addForm(rawQuery)
    if (formBody) p.addForm(formBody)
    return p
  }

  private addForm(encoded: string): void {
    // URLSearchParams: UTF-8, `+` = space, malformed %-escapes kept literally (never throws).
    for (const [rawName, value] of new URLSearchParams(encoded)) {
      const name = baseName(rawName)
      const list = this.values.get(name)
      if (list) list.push(value)
      else this.values.set(name, [value])
    }
  }

  /** The first value (trimmed, except secrets); undefined when absent or empty. */
  get(name: string): string | undefined {
    const first = this.values.get(name)?.[0]
    if (first === undefined) return undefined
    const v = UNTRIMMED.has(name) ? first : first.trim()
    return v === '' ? undefined : v
  }

  /** Whether the parameter has a (non-empty) value. */
  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  /** Whether the parameter was sent at all, even empty (`customers/modify`: empty clears). */
  sent(name: string): boolean {
    return this.values.has(name)
  }

  /** Every non-empty value of a repeatable parameter, trimmed. */
  all(name: string): string[] {
    const list = this.values.get(name) ?? []
    const out: string[] = []
    for (const raw of list) {
      const v = UNTRIMMED.has(name) ? raw : raw.trim()
      if (v !== '') out.push(v)
    }
    return out
  }
}

/** Secrets are taken exactly as sent (spec §2.2). */
const UNTRIMMED: ReadonlySet<string> = new Set(['passwd', 'new-passwd', 'api-key'])

const PHP_ARRAY = /^(.+)\[[0-9]*\]$/

function baseName(name: string): string {
  const m = PHP_ARRAY.exec(name)
  return m ? m[1]! : name
}

/** The query part of a request URL, without the `?`. */
export function rawQueryOf(url: string): string {
  const i = url.indexOf('?')
  return i < 0 ? '' : url.slice(i + 1)
}
