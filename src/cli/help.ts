import type { Command } from './command.ts'

/** `name --a A [--b B] [--flag]`: required options bare, the rest in brackets. */
export function synopsis(command: Command): string {
  const parts = Object.entries(command.options).map(([name, o]) => {
    const text = o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`
    return o.required ? text : o.multiple ? `[${text} …]` : `[${text}]`
  })
  return [command.name, ...(command.arguments ?? []).map((a) => `<${a.name}>`), ...parts].join(' ')
}

/** What `switchboard <command> --help` prints. */
export function commandHelp(command: Command): string {
  const width = Math.max(...Object.entries(command.options).map(([n, o]) => n.length + (o.type === 'string' ? (o.value ?? 'VALUE').length + 1 : 0)), 0) + 4
  const options = Object.entries(command.options).map(([name, o]) => {
    const left = `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`
    return `  ${left.padEnd(width)}${o.description}${o.required ? ' (required)' : ''}${o.multiple ? ' (repeatable)' : ''}`
  })
  const args = (command.arguments ?? []).map((a) => `  ${`<${a.name}>`.padEnd(width)}${a.description}`)
  return [
    `usage: switchboard ${synopsis(command)}`, '', command.summary,
    ...(command.details ? ['', command.details] : []),
    ...(args.length ? ['', 'Arguments:', ...args] : []),
    ...(options.length ? ['', 'Options:', ...options, `  ${'--help'.padEnd(width)}this help`] : ['', 'Options:', `  ${'--help'.padEnd(width)}this help`]),
    ...(command.examples.length ? ['', 'Examples:', ...command.examples.map((e) => `  ${e}`)] : []),
    '', 'Every command honours DATA_DIR and DATABASE_URL (see the README).',
  ].join('\n')
}

/** What `switchboard --help` prints: every command with its summary. */
export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4
  return [
    'usage: switchboard <command> [options]', '',
    'Commands:', ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`), '',
    '`switchboard <command> --help` or `switchboard help <command>` shows a command\'s options and examples;',
    '`switchboard --version` the version. Every command honours DATA_DIR and DATABASE_URL; --json prints',
    'one JSON object on stdout.',
  ].join('\n')
}
