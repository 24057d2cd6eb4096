// ESLint flat config: typescript-eslint's strict type-checked rules over src/ and test/, plus the
// habits DESIGN.md asks for (named exports, type-only imports, exhaustive switches).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', '.stryker-tmp/', 'reports/', 'test/fixtures/', 'test/data/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // vitest.config.ts at the root is outside every tsconfig: type-check it on its own.
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // A `default:` that handles the rest on purpose is exhaustive; a switch without one must name every case.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Counts and line numbers in messages are what users read: numbers print as themselves.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void x` and `(c) => c.cleanup()` as callbacks are clear; statements stay checked.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { origin: _origin, ...rest } = r` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports (DESIGN.md §14).' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // In a test, a wrong `!` throws and fails the test, which is what an assertion would do.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Tests build the broken variant of a record by deleting one field of a valid one.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Tests look for terminal escapes (ESC) in output on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Plain JavaScript (the benchmark scripts, this file): recommended rules, no type information.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    // The hostile corpus builds terminal escapes (ESC, BEL) and exact spacing on purpose.
    files: ['test/**/*.mjs'],
    rules: { 'no-control-regex': 'off', 'no-regex-spaces': 'off' },
  },
  {
    // Tool configuration files are loaded by their tools, which want a default export.
    files: ['eslint.config.js', 'vitest.config.ts', 'test/mutation/vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
