// The sandbox gateway's send log (spec/ictcore.md §5.12): written through the dispatcher, read by the native API.
export { listSandboxSends, recordSandboxSends, type NewSandboxSend, type SandboxSend } from './sandbox-log.ts'
export { sandboxSends } from './sandbox-sends.table.ts'
