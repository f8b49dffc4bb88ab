import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

// The profile keeps a phone as country calling code + national number (ResellerClub `phone-cc` and
// `phone`); ICTCore users and Packetera members show one international number. The split of an
// international number into the two uses the ITU calling-code table of libphonenumber-js.

/** `+<cc><national>` from the two parts; the national number alone without a code; null without one. */
export function joinPhone(cc: string | null | undefined, national: string | null | undefined): string | null {
  if (!national) return null
  return cc ? `+${cc}${national}` : national
}

/**
 * A phone as given (digits, an optional leading `+`, separators already removed) split into calling
 * code and national number. Only a `+` number is split: without it the digits may be national
 * (`0290001234`) or international (`14155550100`) and guessing would misplace them, so the whole
 * number is kept as the national part and shown back as given.
 */
export function splitPhone(phone: string): { phoneCc: string | null; phone: string } {
  if (!phone.startsWith('+')) return { phoneCc: null, phone }
  const parsed = parsePhoneNumberFromString(phone)
  if (parsed?.countryCallingCode && parsed.nationalNumber) return { phoneCc: parsed.countryCallingCode, phone: parsed.nationalNumber }
  return { phoneCc: null, phone: phone.slice(1) }
}
