import { describe, expect, it } from 'vitest'
import { matchCommand, normaliseText, parseAliasSetting, stripLeadingMentions, stripQuote } from '../../src/router/command-text.js'

const aliases = new Map([
  ['帮助', '帮助'],
  ['绑定', '绑定'],
  ['活动', '活动'],
  ['活动记录', '活动'],
  ['登记', '登记'],
])

describe('matchCommand', () => {
  it.each([
    ['#帮助', '帮助', ''],
    ['＃帮助', '帮助', ''],
    ['  #绑定 平湖健康家园政协委员会客厅 会客厅', '绑定', '平湖健康家园政协委员会客厅 会客厅'],
    ['# 登记 张三 教育', '登记', '张三 教育'],
    ['#登记张三', '登记', '张三'],
    ['@会客厅助手\u2005#帮助', '帮助', ''],
    ['@会客厅助手 @张三 #登记 李四', '登记', '李四'],
    ['#活动记录 9月19日 义诊', '活动', '9月19日 义诊'],
    ['#活动 主题：义诊\n地点：爱卫中心', '活动', '主题：义诊\n地点：爱卫中心'],
    ['9月19日开展义诊 #活动', '活动', '9月19日开展义诊'],
    ['今天的义诊\n#活动记录\n地点：爱卫中心', '活动', '今天的义诊\n地点：爱卫中心'],
  ])('%j → #%s', (text, name, args) => {
    const match = matchCommand(text, aliases)
    expect(match).toMatchObject({ kind: 'command', name })
    if (match.kind === 'command') expect(match.args).toBe(args)
  })

  it('prefers the longest tag', () => {
    expect(matchCommand('#活动记录 x', aliases)).toMatchObject({ name: '活动', tag: '活动记录', args: 'x' })
  })

  it('reports an unknown tag only at the start', () => {
    expect(matchCommand('#报名 明天', aliases)).toEqual({ kind: 'unknown-tag', tag: '报名' })
    expect(matchCommand('今天天气好 #周末愉快', aliases)).toEqual({ kind: 'none' })
  })

  it('treats plain chatter and a lone # as nothing', () => {
    expect(matchCommand('大家好，明天见', aliases)).toEqual({ kind: 'none' })
    expect(matchCommand('#', aliases)).toEqual({ kind: 'none' })
    expect(matchCommand('价格是100#', aliases)).toEqual({ kind: 'none' })
  })

  it('does not take a tag glued to a word in the middle of a sentence', () => {
    expect(matchCommand('见附件#活动', aliases)).toEqual({ kind: 'none' })
  })

  it('takes no tag from a # followed by punctuation', () => {
    expect(matchCommand('#！！大家好', aliases)).toEqual({ kind: 'none' })
  })

  it('drops the spaces that ended the line before a tag on a line of its own', () => {
    expect(matchCommand('今天的义诊  \n#活动\n地点：爱卫中心', aliases)).toMatchObject({ kind: 'command', args: '今天的义诊\n地点：爱卫中心' })
  })

  it('takes a later tag only at the start of a line or the end of the message', () => {
    expect(matchCommand('昨天的义诊 #活动 照片在群相册', aliases)).toEqual({ kind: 'none' })
    expect(matchCommand('昨天的义诊 #活动', aliases)).toMatchObject({ kind: 'command', args: '昨天的义诊' })
  })
})

describe('text helpers', () => {
  it('folds full-width hash, wechat mention spaces and CRLF', () => {
    expect(normaliseText('＃帮助\u2005a\r\nb\u3000')).toBe('#帮助 a\nb')
  })
  it('turns a lone carriage return (old Mac line end) into a line break', () => {
    expect(normaliseText('主题：义诊\r地点：爱卫中心')).toBe('主题：义诊\n地点：爱卫中心')
  })
  it('drops control and bidi-override characters but keeps tabs and line breaks', () => {
    expect(normaliseText('a\u0000b\u202ec\u0007\td\ne')).toBe('abc\td\ne')
  })
  it('strips only leading mentions', () => {
    expect(stripLeadingMentions('@甲 @乙 #秘书 @丙')).toBe('#秘书 @丙')
  })
  it('leaves a mention after the tag, and returns the text trimmed', () => {
    expect(stripLeadingMentions('#秘书 @丙')).toBe('#秘书 @丙')
    expect(stripLeadingMentions(' #帮助 ')).toBe('#帮助')
  })
  it('strips mentions run together or glued to the tag', () => {
    expect(stripLeadingMentions('@甲@乙 #帮助')).toBe('#帮助')
    expect(stripLeadingMentions('@会客厅助手#帮助')).toBe('#帮助')
  })
})

describe('parseAliasSetting', () => {
  it('reads pairs and reports malformed ones in Chinese', () => {
    const { pairs, errors } = parseAliasSetting('记录=#活动，坏的 , 登=登记')
    expect(pairs).toEqual([
      ['记录', '活动'],
      ['登', '登记'],
    ])
    expect(errors).toEqual(['COMMAND_ALIASES 中的「坏的」应写成 别名=命令，例如 活动记录=活动'])
  })

  it('skips empty items between commas', () => {
    expect(parseAliasSetting('记录=活动,，登=登记,')).toEqual({
      pairs: [
        ['记录', '活动'],
        ['登', '登记'],
      ],
      errors: [],
    })
  })

  it('allows spaces around = and drops only a leading # of either width', () => {
    expect(parseAliasSetting('记录 = #活动, ＃义诊=活动, C#=帮助')).toEqual({
      pairs: [
        ['记录', '活动'],
        ['义诊', '活动'],
        ['C#', '帮助'],
      ],
      errors: [],
    })
  })
})

describe('quote replies (引用)', () => {
  const SEP = '- - - - - - - - - - - - - - -'
  it.each<[string, string]>([
    // WeChat and the puppets deliver the quoted message, a separator line, then the reply.
    [`「李明：#活动 9月5日 健康义诊，参与人次30」\n${SEP}\n#活动 9月6日 读书会，参与人次12`, '#活动 9月6日 读书会，参与人次12'],
    [`「李明：#活动 9月5日 健康义诊」\n${SEP}\n好的，收到`, '好的，收到'],
    // A quote block on its own, before or after the reply.
    ['「王芳：明天下午的义诊几点开始？」#活动 9月6日 读书会', '#活动 9月6日 读书会'],
    ['#活动 9月6日 读书会\n「王芳：明天下午的义诊\n几点开始？」', '#活动 9月6日 读书会'],
    // Corner brackets that are no quote stay, at the start or the end too.
    ['#活动 9月6日 「书香政协」读书会', '#活动 9月6日 「书香政协」读书会'],
    ['「书香政协」读书会 #活动', '「书香政协」读书会 #活动'],
    ['#活动 9月6日 读书会「书香政协」', '#活动 9月6日 读书会「书香政协」'],
    // A quote with nothing after it is all there is: kept, so nothing is silently emptied.
    ['「王芳：明天下午的义诊几点开始？」', '「王芳：明天下午的义诊几点开始？」'],
  ])('%j → %j', (text, reply) => {
    expect(stripQuote(text)).toBe(reply)
  })

  it('trims the reply that follows or precedes a quote block', () => {
    expect(stripQuote('「王芳：明天几点？」\n  好的，三点')).toBe('好的，三点')
    expect(stripQuote('好的，三点 \n「王芳：明天几点？」  ')).toBe('好的，三点')
    // Nothing but spaces after the quote: the quote is all there is.
    expect(stripQuote('「王芳：明天几点？」   ')).toBe('「王芳：明天几点？」   ')
  })

  it('takes the reply as the command, never the quoted one', () => {
    const aliases = new Map([['活动', '活动']])
    expect(matchCommand(`「李明：#活动 9月5日 健康义诊」\n${SEP}\n好的，收到`, aliases)).toEqual({ kind: 'none' })
    expect(matchCommand(`「李明：好的」\n${SEP}\n#活动 9月6日 读书会`, aliases)).toMatchObject({ kind: 'command', args: '9月6日 读书会' })
  })
})
