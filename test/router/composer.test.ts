import { describe, expect, it } from 'vitest'
import { Composer } from '../../src/router/composer.js'
import { buildAliasTable } from '../../src/router/router.js'
import { allCommands } from '../../src/commands/index.js'

describe('Composer', () => {
  it('runs middleware in order, around next()', async () => {
    const seen: string[] = []
    await new Composer<string[]>()
      .use(async (ctx, next) => {
        ctx.push('a>')
        await next()
        ctx.push('<a')
      })
      .use((ctx, next) => {
        ctx.push('b')
        return next()
      })
      .run(seen)
    expect(seen).toEqual(['a>', 'b', '<a'])
  })

  it('stops when a middleware does not call next', async () => {
    const seen: string[] = []
    await new Composer<string[]>().use(() => undefined).use((ctx) => void ctx.push('never')).run(seen)
    expect(seen).toEqual([])
  })

  it('rejects next() called twice', async () => {
    const composer = new Composer<null>().use(async (_ctx, next) => {
      await next()
      await next()
    })
    await expect(composer.run(null)).rejects.toThrow('next() called twice')
  })
})

describe('buildAliasTable', () => {
  it('adds deployment aliases and refuses one that points nowhere', () => {
    const table = buildAliasTable(allCommands(), [['绑群', '绑定']])
    expect(table.get('绑群')).toBe('绑定')
    expect(table.get('help')).toBe('帮助')
    expect(() => buildAliasTable(allCommands(), [['x', '不存在']])).toThrow('没有「#不存在」这个命令')
  })
})
