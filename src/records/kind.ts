// The shape of one record kind's entry in the registry (kinds.ts). Every piece is required,
// so a kind that lacks its parser, texts, ledger sheet or score does not compile.
import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { CodedKind, KindIdentity, RecordKind } from '../domain/kinds.js'
import type { Column } from '../export/sheet.js'
import type { AliasPair } from '../router/command-text.js'
import type { DigestPeriod, EditResult, FieldEdit, ParseClock, ParseOutcome } from '../parsing/mod.js'
import type { RawScoreEntry, ScoringRules } from '../scoring/rules.js'
import type { RecordSource } from '../services/activities.js'
import type { AfterChange, WithinCommit } from '../services/store-once.js'

/** What every stored record has, whatever its kind. */
export interface StoredRecord {
  id: number
  code: string
  roomId: number
  date: string
  title: string
  withdrawn: boolean
  reporterId: number | null
  reporterName: string
  createdAt: Date
}

/** One line of #最近. */
export interface RecentRecord {
  code: string
  date: string
  title: string
  withdrawn: boolean
  createdAt: Date
  /** The type (活动) or the tag of the kind. */
  tag: string
  /** The latest step (市级采纳, 立案), when there is one. */
  status?: string
}

export type Cell = string | number | Date | null

/** The kind's sheet of the ledger (台账). */
export interface KindSheet<R> {
  name: string
  columns: Column[]
  load(db: Db, roomIds: number[], period: DigestPeriod): Promise<R[]>
  /** `aliases`: the deployment's COMMAND_ALIASES pairs (alias → command), for a cell that shows a message without its tag. */
  cells(record: R, roomName: string, aliases: readonly AliasPair[]): Cell[]
  /** The totals row; the count of records when not given. */
  totals?(records: R[], figures: { members: number; participants: number; reach: number }): Cell[]
}

/** A member's lines of 履职积分 from this kind in a year, and how many records count for them. */
export type KindScorer = (db: Db, rules: ScoringRules, memberId: number, year: number) => Promise<{ entries: RawScoreEntry[]; count: number }>

export interface KindCommand {
  name: string
  aliases: string[]
  summary: string
  /** A one-line example. */
  usage: string
  /** The labelled form, sent with problems and by #帮助. */
  template: string
  /** What #帮助 <命令> adds under the template. */
  notes: string[]
}

/** What withdrawing does to it, in replies: 已撤销 A1（…），它不再计入任何统计。 */
export interface Withdrawal {
  /** What it is called: 撤销 (records), 取消 (plans). */
  state: string
  /** Shown beside the code in #查: （已撤销，不计入统计）. */
  shown: string
  /** Said when it is withdrawn. */
  done: string
  /** Said when it is restored. */
  undone: string
}

/** What #查, #最近, #撤销 and #恢复 need of anything with a code: the record kinds and plans. */
export interface CodedSpec<R extends StoredRecord> {
  kind: CodedKind
  letter: string
  label: string
  tag: string
  find(db: Db, code: string): Promise<R | null>
  latest(db: Db, roomId: number, n: number): Promise<RecentRecord[]>
  /** False when it already was in that state; `after` writes in the same transaction, only on a change. */
  setWithdrawn(db: Db, record: R, withdrawn: boolean, at: Date, after?: AfterChange): Promise<boolean>
  /** Why it cannot be withdrawn or restored as it stands, or undefined when it can. */
  fixed(record: R): string | undefined
  withdrawal: Withdrawal
  /** Who it belongs to in replies: 记录人, 预告人. */
  owner: string
  /** The record as stored, one field a line (confirmations, #查, #修改). */
  lines(record: R): string[]
  /** Its dated steps for #查 (采纳, 立案 …); none for kinds without steps. */
  steps(record: R): string[]
}

/** Anything coded, as #查 and #最近 see it. */
export type AnyCoded = CodedSpec<StoredRecord>

/** Records count in figures and scores: withdrawing one takes it out of them, and nothing fixes it. */
export const COUNTED: Pick<CodedSpec<StoredRecord>, 'fixed' | 'withdrawal' | 'owner'> = {
  fixed: () => undefined,
  withdrawal: { state: '撤销', shown: '不计入统计', done: '它不再计入任何统计', undone: '重新计入统计' },
  owner: '记录人',
}

/**
 * A kind's entry. `P` is the record as `create`'s `within` sees it: the stored record, or for a
 * kind whose commit is one batch (activities) the record as it will be stored, before its ids exist.
 */
export interface KindSpec<R extends StoredRecord, F, P = R, S extends StoredRecord = R> extends KindIdentity, CodedSpec<R> {
  kind: RecordKind
  command: KindCommand
  parse(text: string, clock: ParseClock): ParseOutcome<F>
  /** #修改's edits applied to the record's text; the clock reads what an edit keeps (an activity's day when only its time changes). */
  editText(body: string, edits: readonly FieldEdit[], clock: ParseClock): EditResult
  toText(fields: F): string
  asFields(record: R): F
  /** Stores a new record; `within`'s statements commit with it (the message's outcome and confirmation). */
  create(db: Db, source: RecordSource, fields: F, within?: WithinCommit<P>): Promise<R>
  /** Replaces its values; `after` writes in the same transaction (its revision). */
  update(db: Db, record: R, fields: F, after?: AfterChange<R>): Promise<R>
  /** Under a confirmation: what may follow (#采纳 …), or nothing. */
  nextSteps(record: R, config: Config): string | undefined
  /** Its ledger sheet; `S`, the rows it loads: the record and what its cells need besides (activities: whether #修改 changed it). */
  sheet: KindSheet<S>
  score: KindScorer
  /** The members named in its live records of these rooms (the roll of 委员 to rank). */
  membersNamed(db: Db, roomIds: number[]): Promise<number[]>
  /** How #我的 and the 委员履职 sheet count it: 参加活动 3 次; shown at 0 when it is one of 三个一. */
  yearCount: { label: string; unit: string; alwaysShown: boolean }
}

/** Any kind's entry, as loops over the registry see it. */
// `within` is typed per kind; records are created through StoredKind (or createActivity).
export type AnyKind = KindSpec<StoredRecord, unknown, any, any>

/** A kind whose `create` shows `within` the stored record: every kind but activities. */
export type StoredKind = KindSpec<StoredRecord, unknown, StoredRecord>
