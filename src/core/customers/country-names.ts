import { countryCodes, isCountryCode } from './customer-rules.ts'

// Dialects that take a country as free text (Packetera `Country`) and dialects that show an ISO
// 3166-1 alpha-2 code (ResellerClub `country`) read one profile: the code is stored, and the text as
// given is kept beside it for the dialect that round-trips it. English names come from the runtime's
// CLDR data (Intl.DisplayNames), so no country list is kept here besides a few common aliases.

const englishNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

/** Upper case, accents and punctuation folded: "Côte d’Ivoire" and "COTE D'IVOIRE" compare equal. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toUpperCase()
}

const ALIASES: Record<string, string> = {
  USA: 'US', 'UNITED STATES OF AMERICA': 'US', AMERICA: 'US', UK: 'GB', 'GREAT BRITAIN': 'GB', BRITAIN: 'GB', ENGLAND: 'GB',
  SCOTLAND: 'GB', WALES: 'GB', 'NORTHERN IRELAND': 'GB', UAE: 'AE', RUSSIA: 'RU', 'SOUTH KOREA': 'KR', KOREA: 'KR',
  'NORTH KOREA': 'KP', 'IVORY COAST': 'CI', HOLLAND: 'NL', 'THE NETHERLANDS': 'NL', 'CZECH REPUBLIC': 'CZ', VIETNAM: 'VN',
  BURMA: 'MM', SWAZILAND: 'SZ', MACEDONIA: 'MK', TURKEY: 'TR', 'HONG KONG': 'HK', MACAU: 'MO', 'VATICAN CITY': 'VA',
}

let byName: Map<string, string> | null = null
function namesToCodes(): Map<string, string> {
  if (!byName) {
    byName = new Map(Object.entries(ALIASES))
    for (const code of countryCodes()) {
      const name = englishNames.of(code)
      if (name) byName.set(fold(name), code)
    }
  }
  return byName
}

/** The ISO 3166-1 alpha-2 code a country text names (a code in any case, or an English name), else null. */
export function countryCodeOf(text: string | null | undefined): string | null {
  if (!text) return null
  const t = text.trim()
  if (isCountryCode(t)) return t.toUpperCase()
  return namesToCodes().get(fold(t)) ?? null
}

/** The English short name of a code ("CA" → "Canada"), else null. */
export function countryNameOf(code: string | null | undefined): string | null {
  return code && isCountryCode(code) ? englishNames.of(code.toUpperCase()) ?? null : null
}
