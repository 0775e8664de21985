import { describe, expect, it } from 'vitest'
import { GROUP, startChat } from '../helpers.js'

describe('smoke', () => {
  it('answers #帮助 in a group', async () => {
    const chat = await startChat()
    const out = await chat.say({ room: GROUP, from: '张三', text: '#帮助' })
    expect(out).toHaveLength(1)
    expect(out[0]!.to).toBe(GROUP)
    expect(out[0]!.text).toContain('#绑定')
  })
})
