import { describe, expect, it } from 'vitest'
import { isListedAdmin, newToken, personKey, remarkBase, remarkWithToken, tokenInRemark } from '../../src/identity/keys.js'

describe('isListedAdmin', () => {
  const admins = ['市政协办公室', '王主任']
  it('accepts a remark the operator listed, also with the bot’s token after it', () => {
    expect(isListedAdmin(admins, '市政协办公室')).toBe(true)
    expect(isListedAdmin(admins, '市政协办公室#K7Q2M9')).toBe(true)
  })
  it('never takes a missing or other remark: names and group aliases never reach it', () => {
    expect(isListedAdmin(admins, undefined)).toBe(false)
    expect(isListedAdmin(admins, '')).toBe(false)
    expect(isListedAdmin(admins, '市政协办公室 ')).toBe(false)
    expect(isListedAdmin(admins, '王主任的朋友')).toBe(false)
  })
})

describe('remark tokens', () => {
  it('are 6 characters of an alphabet without look-alikes, and found again at the end of a remark', () => {
    for (let i = 0; i < 200; i++) {
      const token = newToken()
      expect(token).toMatch(/^[2-9A-HJ-KM-NP-Z]{6}$/)
      expect(tokenInRemark(remarkWithToken(undefined, '王芳', token))).toBe(token)
    }
  })
  it('keep the name readable, clipped to 10 characters without spaces', () => {
    expect(remarkWithToken(undefined, '王芳', 'K7Q2M9')).toBe('王芳#K7Q2M9')
    expect(remarkWithToken(undefined, '平湖 健康家园政协委员会客厅秘书', 'K7Q2M9')).toBe('平湖健康家园政协委员#K7Q2M9')
  })
  it('keep a remark the operator wrote as it is, so BOT_ADMINS still matches it', () => {
    const remark = remarkWithToken('市政协 办公室（老周，负责全市会客厅）', '老周', 'K7Q2M9')
    expect(remark).toBe('市政协 办公室（老周，负责全市会客厅）#K7Q2M9')
    expect(isListedAdmin(['市政协 办公室（老周，负责全市会客厅）'], remark)).toBe(true)
    expect(remarkWithToken('市政协办公室#AAAAAA', '老周', 'K7Q2M9')).toBe('市政协办公室#K7Q2M9')
  })
  it('are not read from text that only looks like one', () => {
    expect(tokenInRemark('王芳#K7Q2M')).toBeUndefined()
    expect(tokenInRemark('王芳#K7Q2M0')).toBeUndefined()
    expect(tokenInRemark('王芳#k7q2m9')).toBeUndefined()
    expect(tokenInRemark('王芳#K7Q2M9 ')).toBeUndefined()
    expect(remarkBase('王芳#K7Q2M9')).toBe('王芳')
  })
})

describe('personKey', () => {
  const settings = { admins: ['市政协办公室'], stableIds: false }
  it('is the remark token first, then a listed remark; a name alone has none', () => {
    expect(personKey({ puppetId: '@a', remark: '王芳#K7Q2M9' }, settings)).toBe('t:K7Q2M9')
    expect(personKey({ puppetId: '@a', remark: '市政协办公室' }, settings)).toBe('r:市政协办公室')
    expect(personKey({ puppetId: '@a', remark: '老同学' }, settings)).toBeUndefined()
    expect(personKey({ puppetId: '@a' }, settings)).toBeUndefined()
  })
  it('is the contact id only where the puppet’s ids are stable', () => {
    expect(personKey({ puppetId: 'wxid_abc', remark: '王芳#K7Q2M9' }, { ...settings, stableIds: true })).toBe('w:wxid_abc')
  })
})
