// Splitting a raw request URL the way spec/porta.md §3, §6 and §7.1 describe: the route suffix is
// read from the raw (undecoded) path, segments are percent-decoded after splitting, query values
// bind with `+` as space, names ignore case and the last occurrence wins.

export type Format = 'json' | 'jsv' | 'xml' | 'csv'

/** Query values by lower-cased name (last occurrence wins), keeping the name as sent. */
export type QueryValues = Map<string, { name: string; value: string }>

export interface SplitRequest {
  /** Decoded path segments after the mount prefix, empty segments dropped. */
  segments: string[]
  /** `.json`/`.xml`/`.jsv`/`.csv` at the end of the raw path (already stripped from `segments`). */
  suffix: Format | null
  query: QueryValues
  /** The path after the prefix, as sent (for diagnostics only). */
  rawPath: string
}

const SUFFIX = /\.(json|xml|jsv|csv)$/

/** Splits `rawUrl` (as received, prefix included) below the mount `prefix`. */
export function splitRequest(rawUrl: string, prefix: string): SplitRequest {
  const q = rawUrl.indexOf('?')
  let path = q < 0 ? rawUrl : rawUrl.slice(0, q)
  const search = q < 0 ? '' : rawUrl.slice(q + 1)
  if (prefix && path.startsWith(prefix)) path = path.slice(prefix.length)
  const rawPath = path
  let suffix: Format | null = null
  const m = SUFFIX.exec(path)
  if (m) {
    suffix = m[1] as Format
    path = path.slice(0, -m[0].length)
  }
  const segments = path.split('/').filter((s) => s !== '').map(percentDecode)
  return { segments, suffix, query: parseQuery(search), rawPath }
}

/** `a=1&B=2&c` → names lower-cased; `+` is a space; `?X` without `=` binds the empty value. */
export function parseQuery(search: string): QueryValues {
  const out: QueryValues = new Map()
  for (const part of search.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = percentDecode((eq < 0 ? part : part.slice(0, eq)).replaceAll('+', ' '))
    const value = eq < 0 ? '' : percentDecode(part.slice(eq + 1).replaceAll('+', ' '))
    if (name === '') continue
    out.set(name.toLowerCase(), { name, value })
  }
  return out
}

/** Percent-decoding that keeps malformed escapes as they are instead of failing. */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s
  try {
    return decodeURIComponent(s)
  } catch {
    return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
}
