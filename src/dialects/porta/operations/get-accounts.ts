import { listCustomerAccounts } from '../../../core/accounts/account-directory.ts'
import { listAccounts } from '../account-list.ts'
import { echo, portaOperation } from '../product-operation.ts'
import { argumentFault } from '../servicestack/index.ts'

/**
 * ACCT-C `GetAccounts` (spec/porta.md §3 row 38, §4.3): the accounts of `ICustomer` (required
 * subject), restricted to main product `IProduct` when non-zero (a filter id: unknown matches nothing).
 */
export const getAccounts = portaOperation({
  wireId: 'GetAccounts',
  methods: ['GET'],
  path: '/GetAccounts/:License/:ICustomer',
  summary: 'Accounts of a customer (Porta ACCT-C GetAccounts, §3 row 38)',
  serve: async ({ core, actor, dto }) => {
    if (!dto.ICustomer) throw argumentFault('ICustomer')
    const base = await listCustomerAccounts(core, actor, dto.ICustomer)
    return { ...listAccounts(base, dto, dto.IProduct ?? 0), ...echo(dto) }
  },
})
