import { describe, expect, it } from 'vitest'
import { namesOf } from '../../src/chat/message.js'

describe('namesOf: the names a person goes by in a chat', () => {
  it('is the WeChat name, then the group alias where there is one', () => {
    expect(namesOf({ puppetId: 'wx-1', name: '王芳', roomAlias: '王芳（教育界）' })).toEqual(['王芳', '王芳（教育界）'])
  })

  it('leaves out a missing or empty group alias', () => {
    expect(namesOf({ puppetId: 'wx-1', name: '王芳' })).toEqual(['王芳'])
    expect(namesOf({ puppetId: 'wx-1', name: '王芳', roomAlias: '' })).toEqual(['王芳'])
  })
})
