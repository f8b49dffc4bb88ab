import { randomInt } from 'node:crypto'
import type { NumberType } from './catalogue.ts'

// Realistic national-format numbers: the number-type key, then random subscriber digits up to the
// type's national length (catalogue.ts). Geographic area codes (not toll-free / rate / service
// ranges) get a first subscriber digit 2–9, as real exchanges do (US NXX, AU 02 9xxx, UK 020 7xxx).

/** Whether the first subscriber digit must be 2–9. */
function exchangeRule(type: NumberType): boolean {
  return type.key.length >= 2 && !/Toll Free|Freephone|Rate|Service/.test(type.desc)
}

/** How many distinct numbers the type can hold. */
export function capacityOf(type: NumberType): number {
  const digits = type.length - type.key.length
  return exchangeRule(type) ? 8 * 10 ** (digits - 1) : 10 ** digits
}

/** One random number of the type. */
export function randomNumber(type: NumberType): string {
  const digits = type.length - type.key.length
  let s = type.key
  for (let i = 0; i < digits; i++) s += String(i === 0 && exchangeRule(type) ? randomInt(2, 10) : randomInt(0, 10))
  return s
}
