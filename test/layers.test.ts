import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT as projectRoot } from '../src/project-root.js'
import type { ScheduleServices } from '../src/schedule/services.js'
import { startChat } from './helpers.js'
import { runFile } from './exec.js'


/**
 * The layering rules of .dependency-cruiser.cjs (`npm run lint:layers`) run on a small made-up
 * src/ with one deliberate violation per rule and a few allowed imports, so a rule that stopped
 * matching (a renamed folder, a wrong regex) shows here instead of passing silently.
 */
const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', verbatimModuleSyntax: true, noEmit: true } }),
  'src/generated/prisma/client.ts': 'export class PrismaClient {}\nexport interface Member { id: number }\n',
  'src/db/client.ts': "import { PrismaClient } from '../generated/prisma/client.js'\nexport type Db = PrismaClient\nexport const db = new PrismaClient()\n",
  'src/chat/message.ts': 'export interface IncomingMessage { text: string }\n',
  'src/parsing/mod.ts': 'export const parse = (text: string) => text.trim()\n',
  'src/parsing/impure.ts': "import type { IncomingMessage } from '../chat/message.js'\nexport const f = (m: IncomingMessage) => m.text\n",
  'src/services/members.ts':
    "import type { Db } from '../db/client.js'\nimport type { Member } from '../generated/prisma/client.js'\nexport const find = (db: Db, id: number): Member => ({ id })\n",
  'src/services/upward.ts': "import { routerName } from '../router/router.js'\nexport const x = routerName\n",
  'src/router/command.ts': 'export interface Command { name: string }\n',
  'src/router/router.ts': "import type { Command } from './command.js'\nexport const routerName = 'router'\nexport const route = (c: Command) => c.name\n",
  'src/router/knows-commands.ts': "import { ok } from '../commands/ok.js'\nexport const y = ok\n",
  'src/texts/records.ts': "import type { Member } from '../generated/prisma/client.js'\nexport const line = (m: Member) => `#${m.id}`\n",
  // Allowed: types of the generated models, services, texts, the router's Command.
  'src/commands/ok.ts':
    "import type { Member } from '../generated/prisma/client.js'\nimport type { Db } from '../db/client.js'\nimport type { Command } from '../router/command.js'\nimport { find } from '../services/members.js'\nimport { line } from '../texts/records.js'\nexport const ok: Command = { name: 'ok' }\nexport const show = (db: Db): string => line(find(db, 1) satisfies Member)\n",
  // The one this suite is mainly about: a handler using the Prisma client itself.
  'src/commands/bad-prisma.ts': "import { PrismaClient } from '../generated/prisma/client.js'\nexport const client = new PrismaClient()\n",
  'src/commands/bad-db.ts': "import { db } from '../db/client.js'\nexport const client = db\n",
  'src/commands/bad-wechaty.ts': "import { WechatyBuilder } from 'wechaty'\nexport const b = WechatyBuilder\n",
  'src/bot/wechaty.ts': "import { WechatyBuilder } from 'wechaty'\nexport const b = WechatyBuilder\n",
  'src/schedule/jobs.ts': "import { show } from '../commands/ok.js'\nexport const j = show\n",
  // The schedule may not even name a type that carries the client, type-only or not, so that
  // `services.db.room.findMany` cannot compile there; model types and services are fine.
  'src/generated/prisma/models.ts': 'export interface PlanModel { code: string }\n',
  'src/router/context.ts': "import type { Db } from '../db/client.js'\nexport interface AppServices { db: Db }\n",
  'src/schedule/services.ts':
    "import type { PlanModel } from '../generated/prisma/models.js'\nimport { find } from '../services/members.js'\nexport interface ScheduleServices { plans(): Promise<PlanModel[]> }\nexport const f = find\n",
  'src/schedule/holds-db.ts': "import type { Db } from '../db/client.js'\nexport interface Sneaky { db: Db }\n",
  'src/schedule/holds-client.ts': "import type { PrismaClient } from '../generated/prisma/client.js'\nexport interface Sneaky { db: PrismaClient }\n",
  'src/schedule/holds-app-services.ts': "import type { AppServices } from '../router/context.js'\nexport const rooms = (s: AppServices) => s.db\n",
  // Field tables are pure data that may use the parsers; the registry that wires them is above services.
  'src/domain/research.ts': "import { parse } from '../parsing/mod.js'\nexport const table = { read: parse }\n",
  'src/domain/impure.ts': "import { find } from '../services/members.js'\nexport const f = find\n",
  'src/parsing/reads-domain.ts': "import { table } from '../domain/research.js'\nexport const t = table\n",
  'src/records/research.ts': "import { table } from '../domain/research.js'\nimport { find } from '../services/members.js'\nexport const kind = { table, find }\n",
  'src/services/knows-registry.ts': "import { kind } from '../records/research.js'\nexport const k = kind\n",
  'src/texts/knows-registry.ts': "import { kind } from '../records/research.js'\nexport const k = kind\n",
  'src/cycle/a.ts': "import { b } from './b.js'\nexport const a = () => b\n",
  'src/cycle/b.ts': "import { a } from './a.js'\nexport const b = () => a\n",
}

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'layers-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function violations(): Promise<string[]> {
  const cli = join(projectRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
  const args = [cli, 'src', '--config', join(projectRoot, '.dependency-cruiser.cjs'), '--output-type', 'json']
  // Exit code = number of errors: a non-zero exit is expected here, the JSON says which.
  const out = await runFile(process.execPath, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch((e: { stdout: string }) => e)
  const result = JSON.parse(out.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
}

describe('the layering rules', () => {
  it('catch each deliberate violation, and only those', async () => {
    const found = await violations()
    expect(found).toContain('database-only-through-services: src/commands/bad-prisma.ts → src/generated/prisma/client.ts')
    expect(found).toContain('database-only-through-services: src/commands/bad-db.ts → src/db/client.ts')
    expect(found).toContain('router-does-not-know-commands: src/router/knows-commands.ts → src/commands/ok.ts')
    expect(found).toContain('services-below-callers: src/services/upward.ts → src/router/router.ts')
    expect(found).toContain('parsing-is-pure: src/parsing/impure.ts → src/chat/message.ts')
    expect(found).toContain('domain-is-pure: src/domain/impure.ts → src/services/members.ts')
    expect(found).toContain('services-below-callers: src/services/knows-registry.ts → src/records/research.ts')
    expect(found).toContain('texts-are-leaves: src/texts/knows-registry.ts → src/records/research.ts')
    expect(found.filter((v) => /src\/(domain\/research|parsing\/reads-domain|records\/research)\.ts →/.test(v))).toEqual([])
    expect(found).toContain('schedule-does-not-import-commands: src/schedule/jobs.ts → src/commands/ok.ts')
    expect(found).toContain('schedule-holds-no-database-client: src/schedule/holds-db.ts → src/db/client.ts')
    expect(found).toContain('schedule-holds-no-database-client: src/schedule/holds-client.ts → src/generated/prisma/client.ts')
    expect(found).toContain('schedule-holds-no-database-client: src/schedule/holds-app-services.ts → src/router/context.ts')
    expect(found.filter((v) => v.includes('src/schedule/services.ts →'))).toEqual([])
    expect(found.some((v) => v.startsWith('wechaty-only-in-bot: src/commands/bad-wechaty.ts → '))).toBe(true)
    expect(found.some((v) => v.startsWith('no-circular: src/cycle/'))).toBe(true)
    // Type-only model imports, services, texts and the router's Command are all a handler needs.
    expect(found.filter((v) => v.includes('src/commands/ok.ts →') || v.includes('src/texts/records.ts') || v.includes('src/bot/'))).toEqual([])
  }, 60_000)

  it('keep every database call in src/services, src/db and the outbox’s own queue: commands, the app, the CLI, scoring and the simulator call services', () => {
    // An import rule cannot see a call on a `Db` handed in as a type: the calls themselves are
    // looked for, on any receiver: raw SQL, transactions, and every model of the schema.
    const schema = readFileSync(join(projectRoot, 'prisma/schema.prisma'), 'utf8')
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]![0]!.toLowerCase() + m[1]!.slice(1))
    const call = new RegExp(`\\.\\$(queryRaw|executeRaw|transaction)|\\.(${models.join('|')})\\.(find|create|update|upsert|delete|count|aggregate|groupBy)`)
    // The outbox keeps its own queue (OutboxMessage, with its raw pick): any other table goes through services.
    const otherThanQueue = new RegExp(`\\.(${models.filter((m) => m !== 'outboxMessage').join('|')})\\.(find|create|update|upsert|delete|count|aggregate|groupBy)`)
    const outside = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) return /src\/(services|db|generated)$/.test(path) ? [] : outside(path)
        const looked = /src\/outbox$/.test(dir) ? otherThanQueue : call
        return entry.name.endsWith('.ts') ? readFileSync(path, 'utf8').split('\n').flatMap((line, i) => (looked.test(line) ? [`${relative(projectRoot, path)}:${i + 1}`] : [])) : []
      })
    expect(models).toContain('activityParticipant')
    expect(call.test('await ctx.services.db.room.findMany({})')).toBe(true)
    expect(call.test('await client.activityParticipant.deleteMany({})')).toBe(true)
    expect(call.test('await tx.$executeRaw(sql)')).toBe(true)
    expect(call.test('this.mocker.MessageMock.create({})')).toBe(false)
    expect(outside(join(projectRoot, 'src'))).toEqual([])
  })

  it('give the schedule no database client: not in its type, and not in what the app hands it', async () => {
    // @ts-expect-error ScheduleServices has no `db`, so `services.db.room.findMany` in src/schedule does not compile (tsc in npm test)
    const noClient: ScheduleServices['db'] = undefined
    expect(noClient).toBeUndefined()
    // AppServices has a `db` and would fit the type structurally: the app must not pass it.
    const chat = await startChat()
    expect(Object.keys(chat.app.scheduler.services).sort()).toEqual(['clock', 'config', 'data', 'log', 'outbox'])
    await chat.stop()
  })
})
