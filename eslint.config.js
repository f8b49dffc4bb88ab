import js from '@eslint/js'
import tseslint from 'typescript-eslint'

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
    ignores: ['src/dispatch/**', 'src/gateways/**', 'src/app.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^\\.{1,2}/(\\.\\./)*gateways(/|$)', message: 'Only src/dispatch (and src/app.ts) may import src/gateways.' }],
      }],
    },
  },
)
