import { describe, expect, it } from 'vitest'
import * as wechaty from 'wechaty'
import { ScanStatus, buildWechaty, types, wechatyLog } from '../../src/bot/wechaty.js'

describe('the light Wechaty entry points', () => {
  it('give the same objects as the main entry, so WECHATY_LOG still sets Wechaty’s own log level', () => {
    // Only true while npm installs one wechaty-puppet for both Wechaty and us.
    expect(wechatyLog).toBe(wechaty.log)
    expect(types.Message.Text).toBe(wechaty.types.Message.Text)
    expect(ScanStatus).toBe(wechaty.ScanStatus)
  })

  it('builds what WechatyBuilder builds', () => {
    const ours = buildWechaty({ puppet: 'wechaty-puppet-mock' })
    const theirs = wechaty.WechatyBuilder.build({ puppet: 'wechaty-puppet-mock' })
    expect(Object.getPrototypeOf(ours)).toBe(Object.getPrototypeOf(theirs))
    expect(wechaty.WechatyBuilder.valid(ours)).toBe(true)
  })
})
