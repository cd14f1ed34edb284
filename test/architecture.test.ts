import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') })

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(import.meta.dirname, '..', file) })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('architecture rules', () => {
  it('a service importing another service is rejected', async () => {
    expect(await lint('src/services/identity/x.ts', "import { notification } from '../notification/index.ts'\nexport const y = notification\n")).toContain(
      'emporium/no-cross-service-imports',
    )
  })

  it('a service importing platform, contracts and its own files is allowed', async () => {
    const code = [
      "import { on } from '../../platform/bus/consumer.ts'",
      "import { userRegistered } from '../../contracts/identity.events.ts'",
      "import { helper } from './helper.ts'",
      'export const x = [on, userRegistered, helper]',
      '',
    ].join('\n')
    expect(await lint('src/services/identity/x.ts', code)).toEqual([])
  })

  it('platform code importing a service is rejected', async () => {
    expect(await lint('src/platform/x.ts', "import { SERVICES } from '../services/index.ts'\nexport const y = SERVICES\n")).toContain(
      'emporium/no-service-imports-from-shared',
    )
  })
})
