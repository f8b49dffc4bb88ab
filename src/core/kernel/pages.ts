import { Invalid } from '../errors.ts'

/** One page of an operator's collection: its rows and how many match in all. */
export interface Page<T> { items: T[]; total: number }

/** `limit` (1–500, default 50) and `offset` (≥ 0, default 0) of an operator's collection. */
export interface PageRequest { limit?: number; offset?: number }

export const PAGE_MAX = 500

/** Checked paging: Invalid('limit') / Invalid('offset') for values out of range. */
export function pageWindow(req: PageRequest): { limit: number; offset: number } {
  const limit = req.limit ?? 50
  const offset = req.offset ?? 0
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) throw new Invalid('limit', `must be an integer from 1 to ${PAGE_MAX}`)
  if (!Number.isInteger(offset) || offset < 0 || offset > 2_147_483_647) throw new Invalid('offset', 'must be an integer of at least 0')
  return { limit, offset }
}
