// Messages the bot must refuse, with the field and the Chinese problem members will read.
import { describe, expect, it } from 'vitest'
import { parseActivity } from '../../src/parsing/mod.js'
import type { FieldProblem } from '../../src/parsing/mod.js'
import { CLOCK, label } from './helpers.js'

const TYPES = '学习、宣讲、协商、议政、座谈、调研、视察、民主监督、义诊、读书会、论坛、培训、联谊、走访、慰问、公益、志愿服务、其他'
const NO_TITLE = '没有找到活动主题，请写“主题：…”或“在某地开展某活动”'

const ROWS: Array<{ body: string; errors: FieldProblem[] }> = [
  { body: '参与人数：很多\n主题：义诊', errors: [{ field: '参与人次', problem: '人数看不懂："很多"，请写数字，如 30、约200、一百二十' }] },
  { body: '时间：9月32日\n主题：义诊', errors: [{ field: '日期', problem: '日期看不懂："9月32日"，请写成 9月22日 或 2022-09-22 这样' }] },
  { body: '时间：2月30日，主题：座谈会', errors: [{ field: '日期', problem: '日期看不懂："2月30日"，请写成 9月22日 或 2022-09-22 这样' }] },
  { body: '时间：13月1日 主题：座谈会', errors: [{ field: '日期', problem: '日期看不懂："13月1日"，请写成 9月22日 或 2022-09-22 这样' }] },
  { body: '9月32日在社区开展义诊', errors: [{ field: '日期', problem: '日期看不懂："9月32日"，请写成 9月22日 或 2022-09-22 这样' }] },
  { body: '主题：读书分享会\n类型：唱歌', errors: [{ field: '类型', problem: `活动类型“唱歌”不在列表中，可选：${TYPES}` }] },
  { body: '时间：9月19日\n地点：爱卫中心', errors: [{ field: '主题', problem: NO_TITLE }] },
  { body: '服务人次：若干\n主题：义诊', errors: [{ field: '服务人次', problem: '人数看不懂："若干"，请写数字，如 30、约200、一百二十' }] },
  { body: '时间：下周\n主题：义诊', errors: [{ field: '日期', problem: '日期看不懂："下周"，请写成 9月22日 或 2022-09-22 这样' }] },
  { body: '', errors: [{ field: '主题', problem: NO_TITLE }] },
  {
    body: '时间：9月31日\n主题：义诊\n参与人数：不详',
    errors: [
      { field: '日期', problem: '日期看不懂："9月31日"，请写成 9月22日 或 2022-09-22 这样' },
      { field: '参与人次', problem: '人数看不懂："不详"，请写数字，如 30、约200、一百二十' },
    ],
  },
  { body: '时间：下午25点\n主题：义诊', errors: [{ field: '日期', problem: '时间看不懂："下午25点"，请写成 15:00 或 下午3点 这样' }] },
  { body: '参与人数：3.5\n主题：义诊', errors: [{ field: '参与人次', problem: '人数应为整数："3.5"' }] },
  // Read as 2 and as 100 before: a figure is right or refused.
  { body: '服务人次：2OO\n主题：义诊', errors: [{ field: '服务人次', problem: '数字里夹着字母（O、l），请用数字写，例如 200："2OO"' }] },
  { body: '服务人次：100-200\n主题：义诊', errors: [{ field: '服务人次', problem: '写成了一个范围，请写一个数；估计的数可以写成“100余”“约150”："100-200"' }] },
  { body: '时间：２月３０日\n主题：义诊', errors: [{ field: '日期', problem: '日期看不懂："２月３０日"，请写成 9月22日 或 2022-09-22 这样' }] },
  { body: '主题：义诊\n受益群众：好多人', errors: [{ field: '服务人次', problem: '人数看不懂："好多人"，请写数字，如 30、约200、一百二十' }] },
  {
    body: '2022年7月下旬，市政协围绕“重视老年人精神文化需求”主题召开对口协商会',
    errors: [{ field: '日期', problem: '日期不够具体："2022年7月下旬"，请写明几月几日' }],
  },
]

describe('parseActivity: errors', () => {
  ROWS.forEach((row, n) =>
    it(label(n + 1, row.body), () => {
      const r = parseActivity(row.body, CLOCK)
      if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.value)}`)
      expect(r.errors).toEqual(row.errors)
    }),
  )

  it('returns what it could read as partial', () => {
    const r = parseActivity('时间：9月32日\n主题：健康义诊\n地点：爱卫中心\n参与委员：张三、李四', CLOCK)
    if (r.ok) throw new Error('expected errors')
    expect(r.partial).toMatchObject({ title: '健康义诊', place: '爱卫中心', memberNames: ['张三', '李四'], type: '义诊' })
    expect(r.partial.date).toBeUndefined()
  })

  it('rejects an over-long title through the schema', () => {
    const r = parseActivity(`主题：${'很长的主题'.repeat(30)}\n时间：9月19日`, CLOCK)
    if (r.ok) throw new Error('expected errors')
    expect(r.errors).toEqual([{ field: '主题', problem: '主题太长了，请精简一些' }])
  })
})
