import { describe, expect, it } from 'vitest'
import { splitNames } from '../../src/parsing/mod.js'

describe('splitNames', () => {
  it.each([
    ['张三、李四', ['张三', '李四']],
    ['@张三 @李四', ['张三', '李四']],
    ['王芳 李明', ['王芳', '李明']],
    ['张三、李四等8人', ['张三', '李四']],
    // 和/及/与 between names of a name's length separates them, spaced or not.
    ['张三和李四', ['张三', '李四']],
    ['张三 和 李四', ['张三', '李四']],
    ['张三和李四和王五', ['张三', '李四', '王五']],
    ['张三与李四委员', ['张三', '李四']],
    // …and is part of a name or a description otherwise.
    ['王和平、李四', ['王和平', '李四']],
    ['欧阳和平', ['欧阳和平']],
    ['市政协教科卫体委员会全体委员和相关部门负责同志', ['市政协教科卫体委员会全体委员和相关部门负责']],
    // A surname spaced from its given name is one person.
    ['张 三、李 四', ['张三', '李四']],
    ['王芳和李明等5位委员', ['王芳', '李明']],
    ['委员王芳和李明', ['王芳', '李明']],
    // A group's names in brackets are the names; a member's title in brackets goes.
    ['5人（张三、李四、王五）', ['张三', '李四', '王五']],
    ['调研组（张三、李四）', ['张三', '李四']],
    ['张三（市政协委员）、李四', ['张三', '李四']],
    // A pasted confirmation's note in brackets holds a comma, which separates nothing.
    ['张三、李四（群里没找到：李四，按原文记录）', ['张三', '李四']],
  ])('%s → %j', (written, names) => {
    expect(splitNames(written)).toEqual(names)
  })
})
