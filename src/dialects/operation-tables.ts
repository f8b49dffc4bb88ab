import { DELACON_OPERATIONS } from './delacon/operations.ts'
import { ICTCORE_OPERATIONS } from './ictcore/operations.ts'
import { NATIVE_OPERATIONS } from './native/operations.ts'
import { PACKETERA_OPERATIONS } from './packetera/operations.ts'
import { PORTA_OPERATIONS } from './porta/operations.ts'
import { RESELLERCLUB_OPERATIONS } from './resellerclub/operations.ts'
import { tableEntries, type OperationEntry, type OperationTable } from './operation.ts'

/**
 * The operation table of every dialect: each follows the one shape of src/dialects/operation.ts.
 */
export const OPERATION_TABLES: readonly OperationTable<unknown>[] = [
  ICTCORE_OPERATIONS,
  DELACON_OPERATIONS,
  NATIVE_OPERATIONS,
  PACKETERA_OPERATIONS,
  PORTA_OPERATIONS,
  RESELLERCLUB_OPERATIONS,
]

/** Every operation of every table: wire id, methods and path, for tests that enumerate the wire. */
export function listDialectOperations(): OperationEntry[] {
  return OPERATION_TABLES.flatMap(tableEntries)
}
