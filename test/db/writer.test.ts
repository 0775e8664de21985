import { spawn, spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { WriterTakenError, claimWriter } from '../../src/db/writer.js'
import { freshDb } from '../helpers.js'

const claim = (over: Partial<{ pid: number; host: string; heartbeatAt: Date }>) => ({
  slot: 'sqlite',
  pid: process.ppid,
  host: hostname(),
  command: 'npm start',
  startedAt: new Date('2026-12-01T08:00:00Z'),
  heartbeatAt: new Date(),
  ...over,
})

describe('one writer per database', () => {
  it('refuses while another live process on this host holds the file, naming the file and the process', async () => {
    const { db, file } = await freshDb()
    await db.writerClaim.create({ data: claim({}) })
    const error = await claimWriter(db, `file:${file}`, 'cppcc-bot', 'npm start').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WriterTakenError)
    expect((error as Error).message).toContain(`数据库文件 ${file} 已有另一个机器人进程在用（进程 ${process.ppid}，主机 ${hostname()}`)
    await db.$disconnect()
  })

  it('takes over from a process that is gone (a SIGKILL, a container restart), and gives the claim back at stop', async () => {
    const { db, file } = await freshDb()
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
    await db.writerClaim.create({ data: claim({ pid: Number(gone.stdout.trim()) }) })
    const lease = await claimWriter(db, `file:${file}`, 'cppcc-bot', 'npm start')
    expect(await db.writerClaim.findUniqueOrThrow({ where: { slot: 'sqlite' } })).toMatchObject({ pid: process.pid })
    await lease.release()
    expect(await db.writerClaim.count()).toBe(0)
    await db.$disconnect()
  })

  it('takes over what the dead writer left: a row it was sending goes back to the queue, rooms and rows of an earlier BOT_NAME are the new one\'s', async () => {
    const { db, file } = await freshDb()
    const room = await db.room.create({ data: { name: '甲会客厅', kind: '会客厅', topic: '甲群', account: 'old-name' } })
    const row = (status: string, account: string) => ({ targetKind: 'room', roomId: room.id, text: status, status, account })
    await db.outboxMessage.createMany({ data: [row('sending', 'cppcc-bot'), row('pending', 'old-name'), row('sent', 'old-name'), row('pending', '')] })
    const lease = await claimWriter(db, `file:${file}`, 'cppcc-bot', 'npm start')
    expect((await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.text, r.status, r.account])).toEqual([
      ['sending', 'pending', 'cppcc-bot'],
      ['pending', 'pending', 'cppcc-bot'],
      ['sent', 'sent', 'old-name'],
      ['pending', 'pending', 'cppcc-bot'],
    ])
    expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).account).toBe('cppcc-bot')
    await lease.release()
  })

  it('on another host, trusts the heartbeat: fresh refuses, a minute old is stale', async () => {
    const { db, file } = await freshDb()
    await db.writerClaim.create({ data: claim({ host: 'other-container', pid: 1 }) })
    await expect(claimWriter(db, `file:${file}`, 'cppcc-bot', 'npm start')).rejects.toThrow(WriterTakenError)
    await db.writerClaim.update({ where: { slot: 'sqlite' }, data: { heartbeatAt: new Date(Date.now() - 61_000) } })
    await (await claimWriter(db, `file:${file}`, 'cppcc-bot', 'npm start')).release()
    await db.$disconnect()
  })

  it('a second replay on the file of a running one exits at once with the Chinese message', async () => {
    const { db, file } = await freshDb()
    await db.$disconnect()
    const first = spawn(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', '-', '--db', file], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } })
    const printed = new Promise<void>((resolve) => first.stdout.once('data', () => resolve()))
    first.stdin.write(`${JSON.stringify({ time: '2022-09-19T09:00:00+08:00', from: '王芳', text: '#帮助' })}\n`)
    await printed // the first one holds the claim now
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', '-', '--db', file], {
      input: `${JSON.stringify({ time: '2022-09-19T09:01:00+08:00', from: '李明', text: '#帮助' })}\n`,
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent' },
    })
    first.stdin.end()
    await new Promise((resolve) => first.on('exit', resolve))
    expect(second.status).toBe(2)
    expect(second.stdout).toBe('')
    expect(second.stderr).toContain(`数据库文件 ${file} 已有另一个机器人进程在用（进程 ${first.pid}`)
  }, 60_000)
})

describe('durability', () => {
  it('commits with synchronous=FULL on SQLite', async () => {
    const { db } = await freshDb()
    expect(await db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 2n }])
    await db.$disconnect()
  })
})
