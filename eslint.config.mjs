import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.local/**', '.nx/**', '**/dist/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // The architecture's boundaries, enforced: apps use libs, libs never use apps, and
      // the scopes below say which libs may use which.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:spotify',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:spotify'],
            },
            {
              sourceTag: 'scope:streaming',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:streaming'],
            },
            { sourceTag: 'scope:lake', onlyDependOnLibsWithTags: ['scope:shared', 'scope:lake'] },
            {
              sourceTag: 'scope:warehouse',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:warehouse'],
            },
            {
              sourceTag: 'scope:ingestion',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:streaming',
                'scope:lake',
                'scope:spotify',
                'scope:sources',
                'scope:warehouse',
                'scope:ingestion',
              ],
            },
            {
              sourceTag: 'scope:consumer',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:ingestion'],
            },
            {
              sourceTag: 'scope:spotify-sim',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:spotify'],
            },
            {
              sourceTag: 'scope:sources',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:spotify', 'scope:sources'],
            },
            {
              sourceTag: 'scope:quality',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:quality'],
            },
            {
              sourceTag: 'scope:transform',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:lake',
                'scope:warehouse',
                'scope:quality',
                'scope:transform',
              ],
            },
            {
              sourceTag: 'scope:live',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:streaming',
                'scope:ingestion',
                'scope:live',
              ],
            },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  prettier,
);
