/** The largest value of a PostgreSQL `integer` column, and so the largest row id. */
export const MAX_ID = 2_147_483_647

/** Whether `id` can name a row: a whole number from 1 to MAX_ID. Anything else names nothing (NotFound). */
export function validId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_ID
}
