import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', {
        object: 'Math', property: 'random',
        message: 'Use the seeded Rng from src/core/rng.ts: runs must be reproducible.',
      }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bench/**', 'test/setup/**'],
    rules: { 'no-console': 'off' },
  },
);
