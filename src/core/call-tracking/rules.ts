// Field rules of call-tracking companies and orders (spec/delacon.md §8, §6.1). Each returns the
// reason a value fails, phrased to follow the field name ("is required"), or null when it passes.
// The Delacon dialect composes its wire fragments from them; core re-checks with the same rules.
import type { CallTrack } from './call-tracking.table.ts'

export type Feature = 'CallRecording' | 'CallFeedbackSurvey'

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

// PostgreSQL text cannot hold NUL; the spec's fragments have no word for it, so it is "is invalid".
function tooLong(v: string | undefined, max: number): string | null {
  if (v !== undefined && v.includes('\u0000')) return 'is invalid'
  return v !== undefined && [...v].length > max ? `must be at most ${max} characters` : null
}

export function nameProblem(v: string | undefined, required: boolean): string | null {
  if (v === undefined) return required ? 'is required' : null
  return tooLong(v, 100)
}

export function categoryProblem(v: string | undefined): string | null {
  return tooLong(v, 50)
}

export function referenceProblem(v: string | undefined): string | null {
  return tooLong(v, 50)
}

/** `local@domain`, no white space, a dot in the domain, at most 254 characters. */
export function isEmail(v: string): boolean {
  return v.length <= 254 && EMAIL.test(v)
}

export function emailProblem(v: string | undefined, required: boolean): string | null {
  if (v === undefined) return required ? 'is required' : null
  return isEmail(v) ? null : 'is invalid'
}

/** The termination number without spaces, `-`, `.`, `(`, `)`; null unless `+`? then 8–15 digits. */
export function normalizeTerminationNumber(v: string): string | null {
  const s = v.replace(/[\s\-.()]/g, '')
  return /^\+?\d{8,15}$/.test(s) ? s : null
}

export function terminationNumberProblem(v: string | undefined, required: boolean): string | null {
  if (v === undefined) return required ? 'is required' : null
  return normalizeTerminationNumber(v) === null ? 'is invalid' : null
}

/**
 * The features of a comma-separated list (case-insensitive, white space around commas ignored,
 * the upstream misspelling `CallFeedbackSurevy` accepted, duplicates collapsed); null if any item is
 * not a feature.
 */
export function parseFeatures(v: string): Feature[] | null {
  const out = new Set<Feature>()
  for (const raw of v.split(',')) {
    const item = raw.trim().toLowerCase()
    if (item === 'callrecording') out.add('CallRecording')
    else if (item === 'callfeedbacksurvey' || item === 'callfeedbacksurevy') out.add('CallFeedbackSurvey')
    else return null
  }
  return [...out]
}

/** Order quantity: digits only, 1–10. */
export function parseQuantity(v: string): number | null {
  if (!/^\d{1,9}$/.test(v)) return null
  const n = Number(v)
  return n >= 1 && n <= 10 ? n : null
}

/** A positive integer id (digits only); null when not one. */
export function parsePositiveId(v: string): number | null {
  if (!/^\d+$/.test(v)) return null
  const n = Number(v)
  return n >= 1 ? n : null
}

/** `Y`/`N` (case-insensitive) → boolean; null when neither. */
export function parseYesNo(v: string): boolean | null {
  const s = v.toUpperCase()
  return s === 'Y' ? true : s === 'N' ? false : null
}

const CALL_TRACK: readonly CallTrack[] = ['GooglePaid', 'AllPaidOnly', 'All', 'Selected', 'AllUtmMediumCpc']

/** A CallTrack value (case-insensitive) in canonical spelling; null when not one. */
export function parseCallTrack(v: string): CallTrack | null {
  return CALL_TRACK.find((c) => c.toLowerCase() === v.toLowerCase()) ?? null
}

/** xfertype 1, 2 or 3. */
export function parseXferType(v: string): 1 | 2 | 3 | null {
  return v === '1' ? 1 : v === '2' ? 2 : v === '3' ? 3 : null
}

/** xfertime: at most 3 digits (0–999). */
export function parseXferTime(v: string): number | null {
  return /^\d{1,3}$/.test(v) ? Number(v) : null
}

/** SMS text: at most 160 Unicode code points. */
export function smsMessageProblem(v: string | undefined): string | null {
  return tooLong(v, 160)
}

/** A tracking number as a partner may write it (spaces and `-` ignored). */
export function normalizeTrackingNumber(v: string): string {
  return v.replace(/[\s-]/g, '')
}
