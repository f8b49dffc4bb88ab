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
  {
    // Node 20's V8 (11.3) adds a property to an object made by spreading in its slow runtime path:
    // `{ ...a, b }` and `{ ...a, ...c }` cost about 1-3 µs each, `{ b, ...a }` or Object.assign
    // about 0.1 µs (measured; docs/decisions/platform.md). A spread is therefore last in a literal.
    files: ['src/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'ObjectExpression > SpreadElement ~ *',
        message: 'Nothing may follow a spread in an object literal: on Node 20 it takes V8\'s slow path (1-3 µs). Put the spread last or use Object.assign.',
      }],
    },
  },
  { files: ['src/cli/**', 'bench/**', 'bin/**', 'scripts/**', 'test/**'], rules: { 'no-console': 'off' } },
)
