// @ts-check
import path from 'node:path'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * A service may import only `platform/`, `contracts/` and its own folder: never another
 * service. The launcher (src/launch.ts, src/main.ts, src/services/index.ts) is the one place
 * that knows every service.
 */
const noCrossServiceImports = {
  meta: { type: 'problem', messages: { cross: 'Service "{{from}}" imports from service "{{to}}": share through src/contracts or src/platform instead.' }, schema: [] },
  create(context) {
    const file = context.filename
    const servicesDir = path.resolve('src/services') + path.sep
    if (!file.startsWith(servicesDir)) return {}
    const from = file.slice(servicesDir.length).split(path.sep)[0]
    if (!from || from.endsWith('.ts')) return {}
    const check = (node) => {
      const spec = node.source?.value
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const target = path.resolve(path.dirname(file), spec)
      if (!target.startsWith(servicesDir)) return
      const to = target.slice(servicesDir.length).split(path.sep)[0]
      if (to && to !== from) context.report({ node, messageId: 'cross', data: { from, to } })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}

/** platform/ and contracts/ hold no business logic and know no service. */
const noServiceImportsFromShared = {
  meta: { type: 'problem', messages: { up: '{{dir}}/ must not import from services/.' }, schema: [] },
  create(context) {
    const file = context.filename
    const dir = ['platform', 'contracts'].find((d) => file.startsWith(path.resolve('src', d) + path.sep))
    if (!dir) return {}
    const check = (node) => {
      const spec = node.source?.value
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      if (path.resolve(path.dirname(file), spec).startsWith(path.resolve('src/services') + path.sep)) {
        context.report({ node, messageId: 'up', data: { dir } })
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', '.data/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { emporium: { rules: { 'no-cross-service-imports': noCrossServiceImports, 'no-service-imports-from-shared': noServiceImportsFromShared } } },
    rules: {
      'emporium/no-cross-service-imports': 'error',
      'emporium/no-service-imports-from-shared': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['bench/**', 'scripts/**', 'test/**', '**/*.test.ts', 'src/main.ts', 'src/cluster.ts', 'src/seed/main.ts'],
    rules: { 'no-console': 'off' },
  },
)
