import type { Db } from '../../db/client.js'
import {
  activityToText,
  editActivityText,
  editOpinionText,
  editProposalText,
  opinionToText,
  parseActivity,
  parseOpinion,
  parseProposal,
  proposalToText,
  type EditResult,
  type FieldEdit,
  type ParseClock,
  type ParseOutcome,
} from '../../parsing/mod.js'
import { activityAsFields, updateActivity, type ActivityWithPeople } from '../../services/activities.js'
import { opinionAsFields, updateOpinion, type OpinionWithHistory } from '../../services/opinions.js'
import { proposalAsFields, updateProposal, type ProposalWithHistory } from '../../services/proposals.js'
import { activityLines, opinionLines, proposalLines } from '../../texts/records.js'

/** What #修改 needs to know about a kind of record: one table instead of a copy per kind. */
export interface RecordKind<R, D> {
  label: string
  editable: string
  parse(text: string, clock: ParseClock): ParseOutcome<D>
  editText(body: string, edits: readonly FieldEdit[]): EditResult
  toText(draft: D): string
  asFields(record: R): D
  update(db: Db, record: R, draft: D): Promise<R>
  lines(record: R): string[]
}

export const ACTIVITY_KIND: RecordKind<ActivityWithPeople, ReturnType<typeof activityAsFields>> = {
  label: '活动',
  editable: '时间、主题、类型、地点、参与委员、委员人数、参与人次、服务人次、联合单位、品牌、备注',
  parse: parseActivity,
  editText: editActivityText,
  toText: activityToText,
  asFields: activityAsFields,
  update: updateActivity,
  lines: (r) => activityLines(r),
}

export const OPINION_KIND: RecordKind<OpinionWithHistory, ReturnType<typeof opinionAsFields>> = {
  label: '社情民意',
  editable: '标题、内容、领域、提交人、日期',
  parse: parseOpinion,
  editText: editOpinionText,
  toText: opinionToText,
  asFields: opinionAsFields,
  update: updateOpinion,
  lines: opinionLines,
}

export const PROPOSAL_KIND: RecordKind<ProposalWithHistory, ReturnType<typeof proposalAsFields>> = {
  label: '提案',
  editable: '案由、类型、提案人、领域、日期',
  parse: parseProposal,
  editText: editProposalText,
  toText: proposalToText,
  asFields: proposalAsFields,
  update: updateProposal,
  lines: proposalLines,
}
