/** A tiny grammY-style middleware chain: `(ctx, next)` functions run in order. */

export type Next = () => Promise<void>
export type Middleware<C> = (ctx: C, next: Next) => Promise<void> | void

export class Composer<C> {
  private readonly stack: Middleware<C>[] = []

  use(...middleware: Middleware<C>[]): this {
    this.stack.push(...middleware)
    return this
  }

  /** Runs the chain; a middleware that does not call `next` ends it. */
  async run(ctx: C): Promise<void> {
    const dispatch = async (index: number): Promise<void> => {
      const middleware = this.stack[index]
      if (!middleware) return
      let called = false
      await middleware(ctx, async () => {
        if (called) throw new Error('next() called twice')
        called = true
        await dispatch(index + 1)
      })
    }
    await dispatch(0)
  }
}
