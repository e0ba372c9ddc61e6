// Password reset links kept by the store (issuing and using them: commands/accounts/passwordResets.ts).
import type { Db } from './db.js'

/** Links not yet used end now (they read as expired): a newer link or a new password replaces them. */
export async function endOutstandingResets(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ expires_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute()
}
