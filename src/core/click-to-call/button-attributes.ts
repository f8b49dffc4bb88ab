import { Invalid } from '../errors.ts'
import type { TeleformAttributes } from './click-to-call.table.ts'
import { DEFAULT_BUTTON } from './defaults.ts'
import type { Template } from './templates.ts'

/** Button attributes (spec packetera §4), by their canonical spelling. */
export type ButtonAttribute = 'Type' | 'URL' | 'LinkText' | 'ToolTips'
export type TeleformAttribute = keyof TeleformAttributes

const BUTTON_NAMES: Record<string, ButtonAttribute> = { type: 'Type', url: 'URL', linktext: 'LinkText', tooltips: 'ToolTips' }
const TELEFORM_NAMES: Record<string, TeleformAttribute> = {
  width: 'width', height: 'height', headerimage: 'headerimage', footerimage: 'footerimage',
  backgroundcolour: 'backgroundcolour', backgroundcolor: 'backgroundcolour',
}

/** The canonical name of a button attribute (any case), else Invalid('attributeName'). */
export function buttonAttributeName(name: string): ButtonAttribute {
  const a = BUTTON_NAMES[name.toLowerCase()]
  if (!a) throw new Invalid('attributeName', 'is not a button attribute')
  return a
}

/** The canonical name of a teleform attribute (any case, `backgroundcolor` too), else Invalid('attributeName'). */
export function teleformAttributeName(name: string): TeleformAttribute {
  const a = TELEFORM_NAMES[name.toLowerCase()]
  if (!a) throw new Invalid('attributeName', 'is not a teleform attribute')
  return a
}

/** Whether a value is an absolute http(s) URL. */
export function isHttpUrl(v: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(v)) return false
  try {
    const u = new URL(v)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
  } catch {
    return false
  }
}

export interface ButtonLook {
  type: number
  url: string
  linkText: string
  toolTips: string
}

/**
 * The button columns an attribute value sets; `null` resets the attribute to its default. An
 * empty LinkText is `Call me`; ToolTips may be empty. Bad value → Invalid('attributeValue').
 */
export function buttonAttributeValue(attr: ButtonAttribute, value: string | null): Partial<ButtonLook> {
  switch (attr) {
    case 'Type':
      if (value === null) return { type: DEFAULT_BUTTON.type }
      if (value !== '1' && value !== '2') throw new Invalid('attributeValue', 'must be 1 or 2')
      return { type: Number(value) }
    case 'URL':
      if (value === null) return { url: '' }
      if (!isHttpUrl(value)) throw new Invalid('attributeValue', 'must be an absolute http(s) URL')
      return { url: value }
    case 'LinkText':
      return { linkText: value ?? DEFAULT_BUTTON.linkText }
    case 'ToolTips':
      return { toolTips: value ?? '' }
  }
}

/** The value a button attribute shows. */
export function buttonAttributeOf(look: ButtonLook, attr: ButtonAttribute): string {
  switch (attr) {
    case 'Type': return String(look.type)
    case 'URL': return look.url
    case 'LinkText': return look.linkText
    case 'ToolTips': return look.toolTips
  }
}

/** A teleform attribute's stored form; `null` resets it (removes the override). Bad → Invalid('attributeValue'). */
export function teleformAttributeValue(attr: TeleformAttribute, value: string | null): number | string | null {
  if (value === null) return null
  switch (attr) {
    case 'width':
    case 'height': {
      const [min, max] = attr === 'width' ? [200, 1200] : [150, 1200]
      if (!/^[0-9]{1,4}$/.test(value) || Number(value) < min || Number(value) > max) throw new Invalid('attributeValue', `must be an integer ${min}-${max}`)
      return Number(value)
    }
    case 'headerimage':
    case 'footerimage':
      if (!isHttpUrl(value)) throw new Invalid('attributeValue', 'must be an absolute http(s) URL')
      return value
    case 'backgroundcolour': {
      const m = /^#?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$/.exec(value)
      if (!m) throw new Invalid('attributeValue', 'must be #RGB or #RRGGBB')
      return `#${m[1]!.toUpperCase()}`
    }
  }
}

/** The effective teleform look: the button's overrides over its template. */
export function teleformLook(template: Template, set: TeleformAttributes): Required<TeleformAttributes> {
  return {
    width: set.width ?? template.width,
    height: set.height ?? template.height,
    backgroundcolour: set.backgroundcolour ?? template.backgroundcolour,
    headerimage: set.headerimage ?? '',
    footerimage: set.footerimage ?? '',
  }
}
