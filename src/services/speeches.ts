import type { Db } from '../db/client.js'
import type { ConferenceSpeech, SpeechAuthor } from '../generated/prisma/client.js'
import { SPEECH_TABLE, type SpeechFields } from '../domain/speech.js'
import { liveInRange, sourceColumns, type RecordSource } from './activities.js'
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { nextCode } from './codes.js'
import { changeWith, storeOnce, type AfterChange, type WithinCommit } from './store-once.js'
import { authorsOf, onePerRecord } from './members.js'
import { columnsOf, fieldsOf, type StoredIn } from './table-columns.js'

export type SpeechWithAuthors = ConferenceSpeech & { authors: SpeechAuthor[] }
const withAuthors = { authors: { orderBy: { id: 'asc' } } } as const
/** Each field of the table but the names is a column of ConferenceSpeech. */
const TABLE: StoredIn<typeof SPEECH_TABLE, ConferenceSpeech> = SPEECH_TABLE

/** Stores a speech under a new S code; the same message twice is stored once. */
export async function createSpeech(db: Db, source: RecordSource, fields: SpeechFields, within?: WithinCommit<SpeechWithAuthors>): Promise<SpeechWithAuthors> {
  const authors = await authorsOf(db, source, fields.authorNames)
  return storeOnce(db, {
    async insert(tx) {
      const speech = await tx.conferenceSpeech.create({ data: { code: await nextCode(tx, KIND_IDENTITIES.speech.letter), ...sourceColumns(source), ...columnsOf(TABLE, fields) } })
      // createMany keeps the order the speakers were named in; the first gives the speech.
      await tx.speechAuthor.createMany({ data: authors.map((a) => ({ ...a, speechId: speech.id })) })
      return tx.conferenceSpeech.findUniqueOrThrow({ where: { id: speech.id }, include: withAuthors })
    },
    storedBefore: (on) => on.conferenceSpeech.findUnique({ where: { sourceMessageId: source.messageId }, include: withAuthors }),
  }, within)
}

export async function updateSpeech(db: Db, speech: ConferenceSpeech, fields: SpeechFields, after?: AfterChange<SpeechWithAuthors>): Promise<SpeechWithAuthors> {
  const authors = await authorsOf(db, speech, fields.authorNames, await db.speechAuthor.findMany({ where: { speechId: speech.id } }))
  return db.$transaction(async (tx) => {
    await tx.speechAuthor.deleteMany({ where: { speechId: speech.id } })
    await tx.speechAuthor.createMany({ data: authors.map((a) => ({ ...a, speechId: speech.id })) })
    const updated = await tx.conferenceSpeech.update({ where: { id: speech.id }, data: columnsOf(TABLE, fields), include: withAuthors })
    await after?.(tx, updated)
    return updated
  })
}

export function speechAsFields(s: SpeechWithAuthors): SpeechFields {
  return fieldsOf(TABLE, s, s.authors.map((a) => a.name))
}

export function findSpeech(db: Db, code: string): Promise<SpeechWithAuthors | null> {
  return db.conferenceSpeech.findUnique({ where: { code }, include: withAuthors })
}

export function latestSpeeches(db: Db, roomId: number, n: number): Promise<ConferenceSpeech[]> {
  return db.conferenceSpeech.findMany({ where: { roomId }, orderBy: { id: 'desc' }, take: n })
}

/** Returns false when the speech already was in that state. */
export async function setSpeechWithdrawn(db: Db, code: string, withdrawn: boolean, after?: AfterChange): Promise<boolean> {
  return changeWith(db, (tx) => tx.conferenceSpeech.updateMany({ where: { code, withdrawn: !withdrawn }, data: { withdrawn } }), after)
}

/** The live speeches of some rooms dated in a range, oldest first (the ledger). */
export function speechesInRange(db: Db, roomIds: number[], from: string, to: string): Promise<SpeechWithAuthors[]> {
  return db.conferenceSpeech.findMany({ ...liveInRange(roomIds, from, to), include: withAuthors })
}

/** A member's live speeches dated in a range, with whether they were the first named (scoring). */
export async function speechesOfMember(db: Db, memberId: number, from: string, to: string) {
  const rows = await db.speechAuthor.findMany({ where: { memberId, speech: { withdrawn: false, date: { gte: from, lte: to } } }, include: { speech: true } })
  return onePerRecord(rows.map((r) => ({ record: r.speech, isLead: r.isLead })))
}

/** Members named in the live speeches of these rooms (the roll of 委员). */
export async function membersInSpeeches(db: Db, roomIds: number[]): Promise<number[]> {
  const rows = await db.speechAuthor.findMany({ where: { memberId: { not: null }, speech: { roomId: { in: roomIds }, withdrawn: false } }, select: { memberId: true }, distinct: ['memberId'] })
  return rows.map((r) => r.memberId!)
}
