import { Type } from 'typebox'
import { FEATURE_CATALOGUE, type EffectiveFeature, type FeatureSetting, type ProductGroup, type SubscriptionPlan } from '../../core/products/index.ts'
import { Id } from './schemas.ts'

// The native API's view of the rest of the service catalogue (spec/porta.md §10): product groups,
// subscription plans and service features, shared by their routes.

const Time = Type.String({ format: 'date-time', examples: ['2026-12-07T10:00:00.000Z'] })
const Fee = Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,5})?$', examples: ['5.5'] })
/** Decimal text without trailing zeros (`"9.99"`, `"0"`, `"-2.5"`). */
export const decimal = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v)
const iso = (d: Date) => d.toISOString()

export const ProductGroupView = Type.Object({ id: Type.Integer({ description: 'IProductGroup' }), resellerId: Type.Integer(), name: Type.String(), createdAt: Time },
  { examples: [{ id: 3, resellerId: 2, name: 'Voice', createdAt: '2026-12-07T10:00:00.000Z' }] })
export const productGroupView = (g: ProductGroup) => ({ ...g, createdAt: iso(g.createdAt) })

/** The body of `POST /product-groups` (`resellerId`: the platform admin names the reseller). */
export const ProductGroupCreate = Type.Object({ resellerId: Type.Optional(Id), name: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false, examples: [{ name: 'Voice' }] })

export const SubscriptionPlanView = Type.Object({
  id: Type.Integer({ description: 'i_subscription' }), resellerId: Type.Integer(), name: Type.String(), fee: Fee, createdAt: Time,
}, { examples: [{ id: 4, resellerId: 2, name: 'Monthly', fee: '5.5', createdAt: '2026-12-07T10:00:00.000Z' }] })
export const subscriptionPlanView = (p: SubscriptionPlan) => ({ ...p, fee: decimal(p.fee), createdAt: iso(p.createdAt) })

/** The body of `POST /subscription-plans`. */
export const SubscriptionPlanCreate = Type.Object({ resellerId: Type.Optional(Id), name: Type.String({ minLength: 1, maxLength: 255 }), fee: Fee },
  { additionalProperties: false, examples: [{ name: 'Monthly', fee: '5.5' }] })

/** `?resellerId=` and paging of the catalogue's collections. */
export const ResellerQuery = { resellerId: Type.Optional(Id) }

/** A feature name of the catalogue, in a path. */
export const FeatureParams = Type.Object({ id: Id, name: Type.Union(Object.keys(FEATURE_CATALOGUE).map((n) => Type.Literal(n)), { description: 'the service feature' }) })

const Attributes = Type.Record(Type.String({ maxLength: 64 }), Type.Array(Type.String({ maxLength: 255 }), { maxItems: 50 }), {
  description: 'attribute name → values (call_forwarding: forward_to; cli: presentation_number; cli_translation: rule; follow_me: numbers; voice_mail: email)',
})

/** The body of `PUT …/features/:name`: the feature on or off, with attribute values. */
export const FeatureSettingBody = Type.Object({ enabled: Type.Boolean(), attributes: Type.Optional(Attributes) },
  { additionalProperties: false, examples: [{ enabled: true, attributes: { forward_to: ['441632960001'] } }] })

const FeatureSettingView = Type.Object({ name: Type.String(), enabled: Type.Boolean(), attributes: Attributes })

/** The features set on a product. */
export const ProductFeaturesView = Type.Object({ productId: Type.Integer(), features: Type.Array(FeatureSettingView) },
  { examples: [{ productId: 7, features: [{ name: 'voice_mail', enabled: true, attributes: { email: ['vm@example.com'] } }] }] })

const EffectiveFeatureView = Type.Object({
  name: Type.String(), enabled: Type.Boolean(),
  attributes: Type.Array(Type.Object({ name: Type.String(), id: Type.Integer({ description: 'ServiceAttributeId' }), values: Type.Array(Type.String()) })),
})

/** An account's own feature settings and its effective features (account over add-ons over product). */
export const AccountFeaturesView = Type.Object({ accountId: Type.Integer(), own: Type.Array(FeatureSettingView), effective: Type.Array(EffectiveFeatureView) },
  { examples: [{ accountId: 12, own: [{ name: 'clir', enabled: true, attributes: {} }], effective: [{ name: 'clir', enabled: true, attributes: [] }] }] })

export const featureSettingView = (f: FeatureSetting) => ({ name: f.name, enabled: f.enabled, attributes: f.attributes })
export const effectiveFeatureView = (f: EffectiveFeature) => ({ name: f.name, enabled: f.enabled, attributes: f.attributes })

