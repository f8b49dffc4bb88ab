import { DELACON_OPERATIONS } from './delacon/operations.ts'
import { ICTCORE_OPERATIONS } from './ictcore/operations.ts'
import { NATIVE_OPERATIONS } from './native/operations.ts'
import { tableEntries, type OperationEntry, type OperationTable } from './operation.ts'

/**
 * The operation table of every dialect that follows the one shape (src/dialects/operation.ts).
 * Packetera, ResellerClub and Porta still route their own way (issue 12 point 4).
 */
export const OPERATION_TABLES: readonly OperationTable<unknown>[] = [ICTCORE_OPERATIONS, DELACON_OPERATIONS, NATIVE_OPERATIONS]

/** Every operation of every table: wire id, methods and path, for tests that enumerate the wire. */
export function listDialectOperations(): OperationEntry[] {
  return OPERATION_TABLES.flatMap(tableEntries)
}
