import type { DirectoryAccount } from '../../core/accounts/account-directory.ts'
import { toPortaAccount } from './account-codec.ts'
import { argumentFault, type PortaAccountValue, type ProductRequest } from './servicestack/index.ts'

// The shared steps 2–5 of the account-list families (spec/porta.md §4.3): flag filters (global:
// they apply whichever route bound them), the count, paging and the projection.

const MAX_PAGE_SIZE = 1000

/** §4.1 "Set" for strings, and "unset or `*` means no filter" for text terms. */
function termOf(s: string | null | undefined): string | null {
  return s === null || s === undefined || s === '' || s === '*' ? null : s.toLowerCase()
}

/** §4.1 account text fields: `AccountId`, `ExtensionNumber`, `fullname`, `Email`. */
function accountMatches(p: PortaAccountValue, term: string): boolean {
  return [p.AccountId, p.ExtensionNumber, p.fullname, p.Email].some((t) => !!t && t.toLowerCase().includes(term))
}

/**
 * Steps 2–5 of §4.3 over a base set (ordered by IAccount): Accounts and NumberOfAccounts.
 * `mainProduct` (non-zero) restricts the base set to accounts of that main product (ACCT-C IProduct).
 */
export function listAccounts(base: DirectoryAccount[], dto: ProductRequest, mainProduct = 0): { Accounts: PortaAccountValue[]; NumberOfAccounts: number } {
  const pageSize = dto.PageOffset ?? 0
  const pageNumber = dto.PageNumber ?? 0
  if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) throw argumentFault('PageOffset', `PageOffset must be between 0 and ${MAX_PAGE_SIZE}`)
  if (pageNumber < 0) throw argumentFault('PageNumber', 'PageNumber must not be negative')
  const term = termOf(dto.SearchTerm)
  const rows = base.map((a) => ({ a, p: toPortaAccount(a, 'list') })).filter(({ p }) => {
    if (mainProduct && p.IProduct !== mainProduct) return false
    if (p.Type === 'Alias' && !dto.Aliases) return false
    if (dto.GetDIDS && p.Type !== 'DID') return false
    if (dto.getNonDIDAccbySearchTerm && p.Type === 'DID') return false
    if (dto.GetBlockedAccounts && !p.Blocked) return false
    if (dto.getaccountsforCLI && (p.Blocked || p.hideCLI)) return false
    if (dto.getZTPAccounts && !p.i_ua) return false
    if (term !== null && !accountMatches(p, term)) return false
    return true
  })
  const count = rows.length
  const page = pageSize > 0 ? rows.slice((Math.max(pageNumber, 1) - 1) * pageSize, Math.max(pageNumber, 1) * pageSize) : rows
  const accounts = page.map(({ a, p }) => {
    const out = dto.forACL ? toPortaAccount(a, 'summary') : p
    out.ServiceFeatures = dto.GetAccountServiceFeatures ? [] : null
    return out
  })
  return { Accounts: accounts, NumberOfAccounts: count }
}
