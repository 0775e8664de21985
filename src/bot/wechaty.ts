import type { Wechaty, WechatyOptions } from 'wechaty'
import { WechatyImpl } from 'wechaty/impls'

// Wechaty's main entry also loads its IoClient and, with it, gRPC, the puppet-service client
// and a LevelDB store that this bot never uses: about 20 MB resident for nothing. The same
// classes and values come from these lighter entry points; type-only imports of 'wechaty'
// cost nothing at run time.
export { log as wechatyLog } from 'wechaty-puppet'
export * as types from 'wechaty-puppet/types'
export { ScanStatus } from 'wechaty-puppet/types'

/** What `WechatyBuilder.build(options)` does for a non-singleton bot. */
export function buildWechaty(options: WechatyOptions): Wechaty {
  return new WechatyImpl(options)
}
