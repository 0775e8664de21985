import { describe, expect, it, vi } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { privateRecipients, roomKeepers, tellAdmins } from '../../src/services/recipients.js'
import { startChat } from '../helpers.js'

/** Two rooms; admins from BOT_ADMINS and from claimed grants; keyed secretaries of various kinds. */
async function people(chat: MockChat) {
  const { db } = chat.app.services
  const a = await db.room.create({ data: { name: '甲会客厅', kind: '会客厅', topic: '甲群' } })
  const b = await db.room.create({ data: { name: '乙会客厅', kind: '会客厅', topic: '乙群' } })
  const claimed = { expiresAt: new Date('2030-01-01T00:00:00Z'), claimedAt: new Date('2022-09-01T00:00:00Z') }
  await db.adminGrant.create({ data: { codeHash: 'h1', ...claimed, claimedByName: '老周', key: 'w:wxid_zhou' } })
  await db.adminGrant.create({ data: { codeHash: 'h2', ...claimed, label: '办公室主任', claimedByName: '老钱', key: 'r:办公室' } })
  await db.adminGrant.create({ data: { codeHash: 'h3', ...claimed, key: 't:tok3', remark: '令牌3' } })
  // A token key without a remark cannot be reached privately: left out.
  await db.adminGrant.create({ data: { codeHash: 'h4', ...claimed, label: '无备注', key: 't:tok4' } })
  // Revoked and unclaimed grants are no admins.
  await db.adminGrant.create({ data: { codeHash: 'h5', ...claimed, label: '已撤销', key: 'w:wxid_gone', revokedAt: new Date('2022-09-02T00:00:00Z') } })
  await db.adminGrant.create({ data: { codeHash: 'h6', expiresAt: claimed.expiresAt, label: '未认领' } })
  const member = async (data: { name: string; realName?: string; key?: string; remark?: string }, roles: [number, string][]) => {
    const m = await db.member.create({ data })
    for (const [roomId, role] of roles) await db.roomMembership.create({ data: { roomId, memberId: m.id, role } })
    return m
  }
  await member({ name: 'wf', realName: '王芳', key: 'w:wxid_wf' }, [[a.id, 'secretary'], [b.id, 'secretary']])
  await member({ name: '李明', key: 't:tok-lm', remark: '令牌李明' }, [[b.id, 'secretary']])
  await member({ name: '张三' }, [[a.id, 'secretary']]) // not verified: no key
  await member({ name: '赵六', key: 'w:wxid_zl' }, [[a.id, 'member']])
  // The BOT_ADMINS admin is also a secretary of room b: still one recipient, all rooms once.
  await member({ name: '管理员', key: 'r:管理员' }, [[b.id, 'secretary']])
  return { a: a.id, b: b.id }
}

describe('private recipients', () => {
  it('lists admins for all rooms and verified secretaries for their rooms, each once, reachable by remark or id', async () => {
    const chat = await startChat()
    const { a, b } = await people(chat)
    const { db, keys } = chat.app.services
    expect(await privateRecipients(db, keys)).toEqual([
      { name: '管理员', key: 'r:管理员', target: { kind: 'contact', name: '管理员', remark: '管理员' }, roomIds: [a, b], isAdmin: true },
      { name: '老周', key: 'w:wxid_zhou', target: { kind: 'contact', name: '老周', puppetId: 'wxid_zhou' }, roomIds: [a, b], isAdmin: true },
      { name: '办公室主任', key: 'r:办公室', target: { kind: 'contact', name: '办公室主任', remark: '办公室' }, roomIds: [a, b], isAdmin: true },
      { name: '管理员', key: 't:tok3', target: { kind: 'contact', name: '管理员', remark: '令牌3' }, roomIds: [a, b], isAdmin: true },
      { name: '王芳', key: 'w:wxid_wf', target: { kind: 'contact', name: '王芳', puppetId: 'wxid_wf' }, roomIds: [a, b], isAdmin: false },
      { name: '李明', key: 't:tok-lm', target: { kind: 'contact', name: '李明', remark: '令牌李明' }, roomIds: [b], isAdmin: false },
    ])
  })

  it('gives a room’s follow-ups to its verified secretaries, or to the admins when it has none', async () => {
    const chat = await startChat()
    const { db, keys } = chat.app.services
    const { a, b } = await people(chat)
    const c = (await db.room.create({ data: { name: '丙工作室', kind: '工作室', topic: '丙群' } })).id
    expect((await roomKeepers(db, keys, a)).map((r) => r.key)).toEqual(['w:wxid_wf'])
    expect((await roomKeepers(db, keys, b)).map((r) => r.key)).toEqual(['r:管理员', 'w:wxid_wf', 't:tok-lm'])
    expect((await roomKeepers(db, keys, c)).map((r) => r.key)).toEqual(['r:管理员', 'w:wxid_zhou', 'r:办公室', 't:tok3'])
  })

  it('tells every admin once under its own key, and no secretary', async () => {
    const chat = await startChat()
    await people(chat)
    const { db, keys } = chat.app.services
    const enqueue = vi.fn(async () => true)
    await tellAdmins({ db, keys, outbox: { enqueue } }, '发送失败', 'alert:1')
    expect(enqueue.mock.calls).toEqual([
      [{ kind: 'contact', name: '管理员', remark: '管理员' }, { text: '发送失败' }, 'alert:1:r:管理员'],
      [{ kind: 'contact', name: '老周', puppetId: 'wxid_zhou' }, { text: '发送失败' }, 'alert:1:w:wxid_zhou'],
      [{ kind: 'contact', name: '办公室主任', remark: '办公室' }, { text: '发送失败' }, 'alert:1:r:办公室'],
      [{ kind: 'contact', name: '管理员', remark: '令牌3' }, { text: '发送失败' }, 'alert:1:t:tok3'],
    ])
  })
})
