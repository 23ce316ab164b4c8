// ESLint for the whole monorepo: typescript-eslint's type-aware rules on every TypeScript file (each
// package's own tsconfig.json, found by the project service), plain rules on the few JavaScript scripts,
// and no formatting rules at all: Prettier owns the layout (`npm run lint` runs both).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The packages' own code, where the strictest rules apply; test/ may assert with `!`. */
const sourceFolders = [
  'protocol/src/**/*.ts',
  'host/src/**/*.ts',
  'host/dashboard/src/**/*.{ts,tsx}',
  'handler-sdk/src/**/*.ts',
  'sample-handlers/src/**/*.ts',
];

export default tseslint.config(
  {
    // Build output, and the validators module compile-validators.js writes into host/dist at build time.
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '.demo/**', 'test/.readme-example-*/**', 'test/.library-examples-*/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // tsc already reports unused locals and parameters (noUnusedLocals, noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: sourceFolders,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // The dashboard page runs in a browser, not in Node.
    files: ['host/dashboard/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    // jest's asymmetric matchers (expect.any, expect.stringMatching, expect.objectContaining) are typed
    // `any` by @types/jest, so every `toEqual({ text: expect.any(String) })` would count as unsafe.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // The build scripts, the CLI's launcher and the jest configuration are in no tsconfig: plain rules only.
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
