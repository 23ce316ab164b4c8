// Tests are TypeScript compiled by `tsc -b` (npm test builds first); jest runs the ES modules in test/dist.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/dist/src'],
  testMatch: ['**/*.test.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/closing-line-reporter.cjs'],
};
