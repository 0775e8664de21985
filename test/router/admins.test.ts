import { describe, expect, it } from 'vitest'
import { isListedAdmin } from '../../src/router/middleware.js'

describe('isListedAdmin', () => {
  const admins = ['市政协办公室', '王主任']
  it('accepts the bot account’s remark or the WeChat name', () => {
    expect(isListedAdmin(admins, { puppetId: 'x', name: '老周', remark: '市政协办公室' })).toBe(true)
    expect(isListedAdmin(admins, { puppetId: 'x', name: '王主任' })).toBe(true)
  })
  it('never trusts a group alias, which anyone can set for themselves', () => {
    expect(isListedAdmin(admins, { puppetId: 'x', name: '路人', roomAlias: '王主任' })).toBe(false)
  })
})
