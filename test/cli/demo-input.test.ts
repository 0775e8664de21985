import { describe, expect, it } from 'vitest'
import { LineAssembler, type DemoInput } from '../../src/cli/demo-input.js'

/** Typed lines, in order; what the demo would do after all of them. */
function typed(lines: string[], input = new LineAssembler()): DemoInput[] {
  return lines.flatMap((line) => input.line(line))
}

/** A bracketed paste of `text` (lines split as the terminal sends them). */
function paste(input: LineAssembler, text: string): DemoInput[] {
  const lines = text.split('\n')
  // The part after the last line break stays in the input line until Enter; only full lines arrive.
  const full = lines.slice(0, -1)
  return [...full.flatMap((line) => input.line(line, true)), ...input.pasteEnd()]
}

const say = (text: string): DemoInput => ({ kind: 'say', text })

describe('the demo’s input lines', () => {
  it('sends a one-liner at once, runs demo commands, ignores empty lines', () => {
    expect(typed(['#活动 9月19日 健康义诊，委员王芳参加'])).toEqual([say('#活动 9月19日 健康义诊，委员王芳参加')])
    expect(typed(['  /as 王芳 '])).toEqual([{ kind: 'demo', line: '/as 王芳' }])
    expect(typed(['', '   '])).toEqual([])
    expect(typed(['你好'])).toEqual([say('你好')])
  })

  it('holds a tag alone on its line only until it is clear nothing was pasted behind it', () => {
    const input = new LineAssembler()
    expect(input.line('#帮助')).toEqual([])
    expect(input.waiting).toBe(true)
    expect(input.quiet()).toEqual([say('#帮助')])
    expect(input.waiting).toBe(false)
    // From a pipe the next line is already there: a demo command or another tag is no field line.
    expect(typed(['#帮助', '/as 王芳'])).toEqual([say('#帮助'), { kind: 'demo', line: '/as 王芳' }])
    expect(typed(['#最近', '＃月报'])).toEqual([say('#最近')])
    expect(typed(['@会客厅助手 #月报', ''])).toEqual([say('@会客厅助手 #月报')])
  })

  it('takes a tag alone with field lines right behind it as one message, sent by an empty line', () => {
    const input = new LineAssembler()
    expect(typed(['#活动', '时间：9月19日 下午3点', '主题：健康义诊进社区', '#民意不是新命令'], input)).toEqual([])
    expect(input.inBlock).toBe(true)
    expect(input.line('')).toEqual([say('#活动\n时间：9月19日 下午3点\n主题：健康义诊进社区\n#民意不是新命令')])
    expect(input.inBlock).toBe(false)
    expect(input.line('#最近')).toEqual([])
  })

  it('makes a multi-line paste one message, blank lines inside kept, whatever its first line', () => {
    const input = new LineAssembler()
    expect(paste(input, '9月19日在市爱卫中心开展健康义诊\n\n委员王芳、李明参加\n')).toEqual([])
    expect(input.inBlock).toBe(true)
    // The tag was pasted without a line break after it: Enter ends that line, another Enter sends.
    expect(input.line('#活动')).toEqual([])
    expect(input.line('')).toEqual([say('9月19日在市爱卫中心开展健康义诊\n\n委员王芳、李明参加\n#活动')])
  })

  it('treats a pasted single line like a typed one, and a paste into an open block as more of it', () => {
    const input = new LineAssembler()
    expect(paste(input, '\n#月报 上月\n\n')).toEqual([say('#月报 上月')])
    expect(paste(input, '#最近\n')).toEqual([])
    expect(input.quiet()).toEqual([say('#最近')])
    expect(typed(['/multi', '#提案'], input)).toEqual([])
    expect(paste(input, '案由：关于…的建议\n提案人：张三、李四\n')).toEqual([])
    expect(input.line('')).toEqual([say('#提案\n案由：关于…的建议\n提案人：张三、李四')])
  })

  it('takes a pasted field line behind a waiting tag into its block', () => {
    const input = new LineAssembler()
    expect(input.line('#活动')).toEqual([])
    expect(paste(input, '主题：义诊\n地点：市民中心\n')).toEqual([])
    expect(input.line('')).toEqual([say('#活动\n主题：义诊\n地点：市民中心')])
  })

  it('drops a block on /cancel, and on /quit before quitting; an empty /multi sends nothing', () => {
    expect(typed(['/multi', '#活动 不该记下', '/cancel', '#最近 3'])).toEqual([{ kind: 'dropped', lines: 1 }, say('#最近 3')])
    expect(typed(['#活动', '主题：义诊', '/quit'])).toEqual([{ kind: 'dropped', lines: 2 }, { kind: 'demo', line: '/quit' }])
    expect(typed(['/multi', '', '#最近 3'])).toEqual([say('#最近 3')])
  })

  it('sends what was started when the input ends', () => {
    const input = new LineAssembler()
    typed(['#活动', '主题：义诊'], input)
    expect(input.end()).toEqual([say('#活动\n主题：义诊')])
    const waiting = new LineAssembler()
    waiting.line('#帮助')
    expect(waiting.end()).toEqual([say('#帮助')])
    const pasting = new LineAssembler()
    pasting.line('第一行', true)
    pasting.line('第二行', true)
    expect(pasting.end()).toEqual([say('第一行\n第二行')])
  })
})
