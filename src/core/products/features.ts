import { Invalid } from '../errors.ts'

// Service features (spec/porta.md §10 "service features"): a fixed catalogue of feature names, each
// with its attributes and their ids. A feature is set (enabled or not, with attribute values) on a
// main product, on an add-on product or on an account; the effective value of a feature or of an
// attribute is the account's own, else that of the current add-on with the highest priority that
// sets it, else the main product's; a feature set nowhere is off.

/** Feature name → attribute name → attribute id. */
export const FEATURE_CATALOGUE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  call_forwarding: { forward_to: 1 },
  cli: { presentation_number: 2 },
  cli_translation: { rule: 3 },
  clir: {},
  follow_me: { numbers: 4 },
  voice_dialing: {},
  voice_mail: { email: 5 },
}

/** A feature as set on one subject. */
export interface FeatureSetting {
  name: string
  enabled: boolean
  attributes: Record<string, string[]>
}

/** An effective feature of an account. */
export interface EffectiveFeature {
  name: string
  enabled: boolean
  /** By attribute name (catalogue order): id and effective values. */
  attributes: { name: string; id: number; values: string[] }[]
}

/** Checks a feature setting against the catalogue. */
export function checkFeature(f: FeatureSetting): FeatureSetting {
  const attrs = FEATURE_CATALOGUE[f.name]
  if (!attrs) throw new Invalid('feature', `must be one of ${Object.keys(FEATURE_CATALOGUE).join(', ')}`)
  for (const [name, values] of Object.entries(f.attributes)) {
    if (!(name in attrs)) throw new Invalid('attributes', `${f.name} has no attribute ${name}`)
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v.length > 255)) throw new Invalid('attributes', `${name} must be a list of texts`)
  }
  return f
}

/**
 * Effective features from layers, lowest precedence first (main product, add-ons by ascending
 * priority, account): for each feature set anywhere, the top-most `enabled`, and per attribute the
 * top-most layer that gives it. Ordered by feature name.
 */
export function effectiveFeatures(layers: FeatureSetting[][]): EffectiveFeature[] {
  const byName = new Map<string, { enabled: boolean; attributes: Map<string, string[]> }>()
  for (const layer of layers) {
    for (const f of layer) {
      const e = byName.get(f.name) ?? { enabled: false, attributes: new Map<string, string[]>() }
      e.enabled = f.enabled
      for (const [a, v] of Object.entries(f.attributes)) e.attributes.set(a, v)
      byName.set(f.name, e)
    }
  }
  return [...byName.keys()].sort().map((name) => {
    const e = byName.get(name)!
    const catalogue = FEATURE_CATALOGUE[name] ?? {}
    const attributes = Object.entries(catalogue).filter(([a]) => e.attributes.has(a)).map(([a, id]) => ({ name: a, id, values: e.attributes.get(a)! }))
    return { name, enabled: e.enabled, attributes }
  })
}

/** The effective feature `name`, if enabled. */
export function enabledFeature(features: EffectiveFeature[], name: string): EffectiveFeature | null {
  const f = features.find((x) => x.name === name)
  return f && f.enabled ? f : null
}
