import { SettingsError } from '../gateway.ts'

/** One scripted outcome of the sandbox provider (spec/ictcore.md §5.12). */
export interface SandboxOutcome {
  outcome?: 'success' | 'fail' | 'busy' | 'no_answer'
  cause?: string
  delay_ms?: number
  fail_first?: number
  dtmf?: string
  pages?: number
  /** Two-leg calls (content `bridgeTo`): the second leg's outcome once the first answered (default success). */
  bridge_outcome?: 'success' | 'fail' | 'busy' | 'no_answer'
  /** Two-leg calls: how long the bridged call lasts before it ends (ms). */
  bridge_ms?: number
}

export interface SandboxRule extends SandboxOutcome {
  /** Regular expression on the destination phone or email. */
  match?: string
}

export interface SandboxSettings {
  default?: SandboxOutcome
  rules?: SandboxRule[]
}

const OUTCOMES = new Set(['success', 'fail', 'busy', 'no_answer'])
/** Delays are capped at one hour; counters at a sane bound. */
const MAX_DELAY_MS = 3_600_000
const MAX_COUNT = 10_000

const bad = (reason: string): SettingsError => new SettingsError(reason)

function checkOutcome(o: Record<string, unknown>, where: string): void {
  if (o.outcome !== undefined && (typeof o.outcome !== 'string' || !OUTCOMES.has(o.outcome))) throw bad(`${where}.outcome must be success, fail, busy or no_answer`)
  if (o.bridge_outcome !== undefined && (typeof o.bridge_outcome !== 'string' || !OUTCOMES.has(o.bridge_outcome))) throw bad(`${where}.bridge_outcome must be success, fail, busy or no_answer`)
  if (o.cause !== undefined && (typeof o.cause !== 'string' || o.cause.length > 255)) throw bad(`${where}.cause must be a string of at most 255 characters`)
  if (o.dtmf !== undefined && (typeof o.dtmf !== 'string' || !/^[0-9*#A-Da-d]{0,64}$/.test(o.dtmf))) throw bad(`${where}.dtmf must be DTMF digits`)
  for (const [key, max] of [['delay_ms', MAX_DELAY_MS], ['bridge_ms', MAX_DELAY_MS], ['fail_first', MAX_COUNT], ['pages', MAX_COUNT]] as const) {
    const v = o[key]
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)) throw bad(`${where}.${key} must be an integer 0-${max}`)
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Parses and validates the sandbox provider's `settings` text: JSON
 * `{"default": Outcome, "rules": [{"match": regex, ...Outcome}]}`, every key optional.
 * Any violation is a SettingsError naming the key (the API answers it 412 `settings`).
 */
export function parseSandboxSettings(text: string | null | undefined): SandboxSettings {
  if (text === null || text === undefined || text.trim() === '') return {}
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    throw bad('is not JSON')
  }
  if (!isObject(v)) throw bad('must be a JSON object')
  if (v.default !== undefined) {
    if (!isObject(v.default)) throw bad('default must be an object')
    checkOutcome(v.default, 'default')
  }
  if (v.rules !== undefined) {
    if (!Array.isArray(v.rules)) throw bad('rules must be an array')
    v.rules.forEach((rule: unknown, i) => {
      if (!isObject(rule)) throw bad(`rules[${i}] must be an object`)
      if (rule.match !== undefined) {
        if (typeof rule.match !== 'string' || rule.match.length > 1000) throw bad(`rules[${i}].match must be a string`)
        try {
          new RegExp(rule.match)
        } catch {
          throw bad(`rules[${i}].match is not a regular expression`)
        }
      }
      checkOutcome(rule, `rules[${i}]`)
    })
  }
  return v as SandboxSettings
}
