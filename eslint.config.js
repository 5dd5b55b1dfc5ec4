// Type-aware lint: the rules that catch real bugs, plus the layering of DESIGN §6.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'migrations/**', 'web/**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'User and admin text is never rendered as HTML (DESIGN §7.4).' },
        { selector: "AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'User and admin text is never rendered as HTML (DESIGN §7.4).' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'User and admin text is never rendered as HTML (DESIGN §7.4).' },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  layer(['src/domain/**'], ['**/store/**', '**/security/**', '**/commands/**', '**/queries/**', '**/http/**', '**/channels/**', '**/jobs/**', '**/config*', 'pg', 'fastify', 'drizzle-orm*', 'node:*'], 'domain is pure: it imports nothing of ours and no I/O (DESIGN §6).'),
  layer(['src/store/**', 'src/security/**'], ['**/commands/**', '**/queries/**', '**/http/**', '**/channels/**', '**/jobs/**'], 'store and security sit below commands and queries (DESIGN §6).'),
  layer(['src/commands/**', 'src/queries/**'], ['**/http/**', '**/channels/**', '**/jobs/**'], 'commands and queries never import the edges (DESIGN §6).'),
  layer(['src/channels/**', 'src/jobs/**'], ['**/http/**'], 'nothing imports http (DESIGN §6).'),
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
