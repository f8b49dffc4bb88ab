import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// design.md's "never" rules as import boundaries (issue 12 point 3). Patterns are matched against
// the import specifier, relative ones included ('../../dialects/x.ts' holds a `dialects` segment).
const DIALECTS = ['ictcore', 'packetera', 'resellerclub', 'porta', 'delacon', 'native']
const restrict = (...groups) => ({ 'no-restricted-imports': ['error', { patterns: groups.map(({ group, message }) => ({ group, message })) }] })
const CORE_BOUNDARY = {
  group: ['**/dialects/**', '**/http/**', '**/dispatch/**', '**/gateways/**', '**/cli/**', '**/app.ts', '**/config.ts', 'fastify', '@fastify/*'],
  message: 'src/core knows nothing of HTTP, dialects, the dispatcher, gateways or the environment (design.md): take what you need as an argument.',
}
const DIALECT_BOUNDARY = {
  group: ['**/dispatch/**', '**/gateways/**', '**/db/**', '**/cli/**', '**/app.ts'],
  message: 'A dialect translates and calls core, nothing more (design.md): no dispatcher, gateway, database or CLI.',
}

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'drizzle', 'bench/results*', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['src/cli/**', 'bench/**', 'bin/**', 'scripts/**', 'test/**'], rules: { 'no-console': 'off' } },
  { files: ['src/core/**'], rules: restrict(CORE_BOUNDARY) },
  { files: ['src/dialects/*.ts'], rules: restrict(DIALECT_BOUNDARY) },
  ...DIALECTS.map((d) => ({
    files: [`src/dialects/${d}/**`],
    rules: restrict(DIALECT_BOUNDARY, {
      group: DIALECTS.filter((o) => o !== d).map((o) => `**/${o}/**`),
      message: 'Two dialects never import each other (design.md): what both need belongs in core or in src/dialects/*.ts.',
    }),
  })),
  // Gateways sit behind their port (src/gateways/gateway.ts) and import nothing of the rest (design.md "Gateways").
  {
    files: ['src/gateways/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(\\.\\./)+(core|dialects|dispatch|db)(/|$)', message: 'A gateway imports nothing from core, dialects, dispatch or db: what it needs comes through its port (gateway.ts).' }],
      }],
    },
  },
  // Only the dispatcher (and app.ts, the composition root) talks to gateways (design.md "Delivery").
  {
    files: ['src/**'],
    // core and the dialects carry this ban in their own boundaries above (one rule object per file set).
    ignores: ['src/dispatch/**', 'src/gateways/**', 'src/app.ts', 'src/core/**', 'src/dialects/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^\\.{1,2}/(\\.\\./)*gateways(/|$)', message: 'Only src/dispatch (and src/app.ts) may import src/gateways.' }],
      }],
    },
  },
)
