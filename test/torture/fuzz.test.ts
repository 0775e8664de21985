import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GROUP, boundChat } from '../helpers.js'
import { TWO_REPLIES, fuzzMessage, prng } from './fuzz-cases.js'

const COUNT = Number(process.env.FUZZ_COUNT ?? 250)
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)

describe('fuzz', () => {
  it(`answers each of ${COUNT} generated tagged messages exactly once and stays silent on chatter (seed ${SEED})`, async () => {
    const chat = await boundChat({ env: { DATA_DIR: join(process.env.TEST_TMP_DIR!, `fuzz-${SEED}`) } })
    const rng = prng(SEED)
    let time = Date.parse('2022-09-21T10:00:00+08:00')
    for (let i = 0; i < COUNT; i++) {
      const m = fuzzMessage(rng)
      time += 60_000 // a minute apart: identical texts are not re-deliveries
      const out = await chat.say({ from: m.from, text: m.text, time: new Date(time), ...(m.private ? {} : { room: GROUP }) })
      const context = `#${i} from ${m.from}${m.private ? ' (private)' : ''}: ${JSON.stringify(m.text.slice(0, 120))}`
      if (!m.tagged && !m.private) expect(out, context).toEqual([])
      else if (TWO_REPLIES.includes(m.tag)) expect(out.length, context).toBeGreaterThanOrEqual(1)
      else expect(out.length, context).toBe(1)
      if (TWO_REPLIES.includes(m.tag)) expect(out.length, context).toBeLessThanOrEqual(2)
      for (const reply of out) expect(reply.text ?? reply.file, context).toBeTruthy()
      for (const reply of out) expect(reply.text ?? '', context).not.toMatch(/undefined|NaN|\[object Object\]/)
    }
    const [help] = await chat.say({ room: GROUP, from: '王芳', text: '#帮助', time: new Date(time + 60_000) })
    expect(help!.text).toContain('可用命令')
    const errors = await chat.app.services.db.messageLog.count({ where: { outcome: { startsWith: 'error:' } } })
    expect(errors).toBe(0)
  }, Math.max(120_000, COUNT * 200))
})
