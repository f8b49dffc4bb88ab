import { openAdminClient, type AdminClient } from './admin-client.ts'
import type { CommandOptions } from './command.ts'
import { CliError, positiveInt, type CliIo } from './output.ts'

// What the operator commands (reseller, key, customer, promo, gateway, order, numbers) share: one
// admin client per command, query strings, paging options and a plain table for people.

/** Runs `work` with an admin client (direct or through the running server) for a run's `io`, closing it after. */
export async function withAdminClient<T>(io: CliIo, work: (client: AdminClient) => Promise<T>): Promise<T> {
  const client = await openAdminClient(io)
  try {
    return await work(client)
  } finally {
    await client.close()
  }
}

/** `?a=1&b=x` of the given values (undefined ones left out). */
export function queryOf(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(values)) if (v !== undefined) q.set(k, String(v))
  const text = q.toString()
  return text ? `?${text}` : ''
}

/** `--limit` and `--offset` of a list command. */
export const PAGE_OPTIONS = {
  limit: { type: 'string', value: 'N', description: 'rows to show, 1 to 500 (default 50)' },
  offset: { type: 'string', value: 'N', description: 'rows to skip (default 0)' },
} as const satisfies CommandOptions

/** The checked paging values of a list command. */
export function pageOf(values: { limit?: string; offset?: string }): { limit?: number; offset?: number } {
  const limit = positiveInt('limit', values.limit)
  if (limit !== undefined && limit > 500) throw new CliError('--limit must be at most 500')
  let offset: number | undefined
  if (values.offset !== undefined) {
    if (!/^[0-9]{1,10}$/.test(values.offset)) throw new CliError('--offset must be a whole number of at least 0')
    offset = Number(values.offset)
  }
  return { limit, offset }
}

/** One of `allowed`, or a CliError naming them. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined
  if (!allowed.includes(value as T)) throw new CliError(`--${name} must be one of: ${allowed.join(', ')}`)
  return value as T
}

/** The id positional argument as a positive integer. */
export function idArgument(name: string, value: string | undefined): number {
  if (value === undefined || !/^[0-9]{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) throw new CliError(`<${name}> must be a positive integer`)
  return Number(value)
}

/** Rows under a header, columns padded to their widest cell; `empty` when there are none. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[], empty: string, total?: number): string {
  if (!rows.length) return empty
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)))
  const lines = cells.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd())
  if (total !== undefined && total > rows.length) lines.push(`(${rows.length} of ${total}; --offset for more)`)
  return lines.join('\n')
}

/** A page of a native collection. */
export interface ListPage<T> { items: T[]; total: number }
