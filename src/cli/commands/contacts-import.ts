import { createReadStream, statSync } from 'node:fs'
import { Transform } from 'node:stream'
import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { CliError, positiveInt } from '../output.ts'
import { Progress } from '../progress.ts'

interface ImportReport { groupId: number; recordTotal: number; contactCreated: number; errorTotal: number; errors: { line: number; reason: string; data: string }[] }

const command = defineCommand({
  name: 'contacts import',
  summary: 'import contacts from a CSV file into a user\'s group (ICTCore CSV: phone, first_name, last_name, email, …)',
  details: 'The contacts belong to the group\'s user, as if that user had uploaded the file through ICTCore\n' +
    '(POST /api/groups/{id}/csv): the same columns, rules and report. Progress shows how much of the file\n' +
    'has been read; the import is one transaction (all valid rows or, on an error, none).',
  options: {
    group: { type: 'string', value: 'ID', description: 'the group (ICTCore group_id)', required: true },
    file: { type: 'string', value: 'FILE', description: 'the CSV file', required: true },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard contacts import --group 1 --file contacts.csv', 'npx switchboard contacts import --group 1 --file contacts.csv --json'],
  async run(values, out) {
    const groupId = positiveInt('group', values.group)!
    let size: number
    try {
      size = statSync(values.file!).size
    } catch {
      throw new CliError(`--file ${values.file} cannot be read`)
    }
    if (size === 0) throw new CliError(`--file ${values.file} is empty`)
    const client = await openAdminClient(out.io)
    const progress = new Progress('bytes read', out.io.stderr, size)
    let sent = 0
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        sent += chunk.length
        progress.update(sent)
        done(null, chunk)
      },
    })
    try {
      const report = await client.upload<ImportReport>(`/groups/${groupId}/contacts.csv`, createReadStream(values.file!).pipe(counted), 'text/csv')
      progress.finish()
      const refused = report.errors.slice(0, 5).map((e) => `\n  line ${e.line}: ${e.reason}`).join('')
      out.result({ ...report }, `${report.contactCreated} contacts imported into group ${groupId} (${report.recordTotal} records, ${report.errorTotal} refused)${refused}`)
    } finally {
      progress.finish()
      await client.close()
    }
  },
})
export default command
