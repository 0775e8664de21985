import { describe, expect, it } from 'vitest'
import type { Command } from '../../src/router/command.js'
import { buildAliasTable } from '../../src/router/router.js'

const command = (name: string, aliases?: string[]): Command => ({
  name,
  ...(aliases ? { aliases } : {}),
  summary: name,
  usage: `#${name}`,
  needsRoom: false,
  async run() {},
})

describe('buildAliasTable', () => {
  it('maps every name and alias to its command, and nothing else', () => {
    const table = buildAliasTable([command('帮助', ['help', '菜单']), command('活动')], [['活动记录', '活动']])
    expect([...table]).toEqual([
      ['帮助', '帮助'],
      ['help', '帮助'],
      ['菜单', '帮助'],
      ['活动', '活动'],
      ['活动记录', '活动'],
    ])
  })

  it('lets a deployment alias point at an alias, to the command behind it', () => {
    expect(buildAliasTable([command('帮助', ['help'])], [['h', 'help']]).get('h')).toBe('帮助')
  })
})
