// Lint: typescript-eslint's recommended rules on the server, tests and web UI, and the layers of
// ARCHITECTURE.md: each folder of src/ imports only from the layers below it.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// domain → store → mail, jobs (the outbox and the queue) → commands → adapters, seed → server.
// `security` (crypto building blocks) and `config` (reading the environment) sit beside the domain.
const layers = [
  {
    files: ['src/domain/**'],
    forbidden: ['store', 'security', 'mail', 'jobs', 'commands', 'adapters', 'seed', 'config', 'server'],
  },
  { files: ['src/security/**'], forbidden: ['store', 'mail', 'jobs', 'commands', 'adapters', 'seed', 'server'] },
  { files: ['src/store/**'], forbidden: ['mail', 'jobs', 'commands', 'adapters', 'seed', 'server'] },
  { files: ['src/mail/**', 'src/jobs/**'], forbidden: ['commands', 'adapters', 'seed', 'server'] },
  { files: ['src/commands/**'], forbidden: ['adapters', 'seed', 'server'] },
  // The CLI (`lockstep serve`) is the one adapter that starts the whole server.
  {
    files: ['src/adapters/http/**', 'src/adapters/mail/**', 'src/adapters/jobs/**', 'src/seed/**'],
    forbidden: ['server'],
  },
]

const layerRules = layers.map(({ files, forbidden }) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            // Relative imports only climb out of the folder: `../store/db.js`, `../../commands/x.js`.
            regex: `^(\\.\\./)+(${forbidden.join('|')})(/|\\.js$)`,
            message: `An upward import: ${files[0].replace('/**', '')} sits below this layer (see ARCHITECTURE.md).`,
          },
        ],
      },
    ],
  },
}))

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  ...layerRules,
)
