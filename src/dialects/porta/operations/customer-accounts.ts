import { listCustomerAccounts } from '../../../core/accounts/account-directory.ts'
import { argumentFault } from '../errors.ts'
import { listAccounts } from './account-list.ts'
import { echo, type Operation } from './operation.ts'

/**
 * ACCT-C (spec/porta.md §4.3): the accounts of `ICustomer` (required subject), restricted to main
 * product `IProduct` when non-zero (a filter id: unknown matches nothing).
 */
export const getCustomerAccounts: Operation = async ({ core, actor, dto }) => {
  if (!dto.ICustomer) throw argumentFault('ICustomer')
  const base = await listCustomerAccounts(core, actor, dto.ICustomer)
  return { ...listAccounts(base, dto, dto.IProduct ?? 0), ...echo(dto) }
}
