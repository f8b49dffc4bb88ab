// The static region / number-type catalogue of spec/delacon.md §7, and the national length of the
// tracking numbers generated for each pool (a project decision: docs/decisions/delacon.md).

export interface NumberType {
  /** The key partners send as `numberType`; every number of the type begins with it. */
  readonly key: string
  /** The text after the key in the §7 table (it repeats the key). */
  readonly desc: string
  /** Total digits of a number of this type in national format, key included. */
  readonly length: number
}

export interface Region {
  readonly name: string
  /** Locale-style code (`en-au`), the `Region` of getnumbertypes. */
  readonly code: string
  /** ISO 3166-1 alpha-2. */
  readonly alpha2: string
  readonly numberTypes: readonly NumberType[]
}

const t = (key: string, desc: string, length: number): NumberType => ({ key, desc, length })

/** Every region in §7 table order, number types in table order. */
export const REGIONS: readonly Region[] = [
  {
    // Australia: every service number and geographic number has 10 digits (1300 123 456, 02 9000 1234).
    name: 'Australia', code: 'en-au', alpha2: 'AU', numberTypes: [
      t('1300', '1300 Local Rate Number', 10), t('1800', '1800 Toll Free Number', 10),
      t('02', '02 Sydney / NSW & ACT', 10), t('03', '03 Melbourne / VIC & TAS', 10),
      t('07', '07 Brisbane / QLD', 10), t('08', '08 Adelaide & Perth / SA, WA & NT', 10),
    ],
  },
  {
    // China: 400/800 service numbers have 10 digits; the big-city trunk codes 010/020/021 take 8 local digits (11).
    name: 'China', code: 'zh-cn', alpha2: 'CN', numberTypes: [
      t('400', '400 National Service Number', 10), t('800', '800 Toll Free Number', 10),
      t('010', '010 Beijing', 11), t('020', '020 Guangzhou', 11), t('021', '021 Shanghai', 11),
    ],
  },
  {
    // Hong Kong: a closed 8-digit plan (800 12345 is 8 digits too).
    name: 'Hong Kong', code: 'zh-hk', alpha2: 'HK', numberTypes: [
      t('800', '800 Hong Kong Toll Free Number', 8), t('2', '2 Hong Kong Fixed Line', 8), t('3', '3 Hong Kong Fixed Line', 8),
    ],
  },
  {
    // Japan: 0120 xxx xxx and 03 xxxx xxxx, both 10 digits with the trunk 0.
    name: 'Japan', code: 'ja-jp', alpha2: 'JP', numberTypes: [
      t('0120', '0120 Japan Toll Free Number', 10), t('03', '03 Tokyo', 10),
    ],
  },
  {
    // New Zealand: 0800/0508 xxx xxx (10 digits); landlines 0 + area digit + 7 digits (9).
    name: 'New Zealand', code: 'en-nz', alpha2: 'NZ', numberTypes: [
      t('0800', '0800 New Zealand Toll Free Number', 10), t('0508', '0508 New Zealand Toll Free Number', 10),
      t('09', '09 Auckland & Northland', 9), t('04', '04 Wellington', 9), t('03', '03 Canterbury & South Island', 9),
      t('07', '07 Waikato & Bay of Plenty', 9), t('06', "06 Taranaki, Hawke's Bay & Manawatu", 9),
    ],
  },
  {
    // Singapore: 1800 xxx xxxx (11 digits); fixed lines 6xxx xxxx (8).
    name: 'Singapore', code: 'en-sg', alpha2: 'SG', numberTypes: [
      t('1800', '1800 Singapore Toll Free Number', 11), t('6', '6 Singapore Fixed Line', 8),
    ],
  },
  {
    // United Kingdom: 11 digits with the trunk 0 (020 7946 0001, 0121 496 0001, 0800 123 4567).
    name: 'United Kingdom', code: 'en-gb', alpha2: 'GB', numberTypes: [
      t('0800', '0800 Freephone Number', 11), t('0808', '0808 Freephone Number', 11),
      t('0330', '0330 National Rate Number', 11), t('0345', '0345 National Rate Number', 11),
      t('020', '020 London', 11), t('0121', '0121 Birmingham', 11), t('0161', '0161 Manchester', 11),
      t('0113', '0113 Leeds', 11), t('0141', '0141 Glasgow', 11),
    ],
  },
  {
    // United States: NANP, 10 digits (area code + exchange 2–9xx + 4-digit line).
    name: 'United States', code: 'en-us', alpha2: 'US', numberTypes: [
      t('800', '800 Toll Free Number', 10), t('888', '888 Toll Free Number', 10), t('877', '877 Toll Free Number', 10),
      t('866', '866 Toll Free Number', 10), t('212', '212 New York, NY', 10), t('213', '213 Los Angeles, CA', 10),
      t('312', '312 Chicago, IL', 10), t('415', '415 San Francisco, CA', 10), t('617', '617 Boston, MA', 10),
      t('202', '202 Washington, DC', 10), t('305', '305 Miami, FL', 10), t('512', '512 Austin, TX', 10),
    ],
  },
]

const byForm = new Map<string, Region>()
for (const r of REGIONS) {
  byForm.set(r.name.toLowerCase(), r)
  byForm.set(r.code, r)
  byForm.set(r.alpha2.toLowerCase(), r)
}
byForm.set('uk', REGIONS.find((r) => r.alpha2 === 'GB')!)

/**
 * The region a location names: its name, code or alpha-2 (`UK` too), case-insensitive, `+` for a
 * space and `_` for `-` (§7). Null when unknown.
 */
export function findRegion(location: string): Region | null {
  const norm = location.trim().replace(/\+/g, ' ').replace(/_/g, '-').replace(/\s+/g, ' ').toLowerCase()
  return byForm.get(norm) ?? null
}

/** The number type of a region by its key (exact), or null. */
export function findNumberType(region: Region, key: string): NumberType | null {
  return region.numberTypes.find((nt) => nt.key === key.trim()) ?? null
}
