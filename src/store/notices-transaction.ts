import type { Notice, NoticesTransaction } from '../notices/index.js';
import { UnitOfWork } from './unit-of-work.js';
import type { StoreData } from './schema.js';

/** A unit of work on notices: changes are applied on commit only. */
export class NoticesTransactionImpl extends UnitOfWork implements NoticesTransaction {
  private readonly changes = new Map<string, Notice>();

  notices(): readonly Notice[] {
    return Object.values({ ...(this.data.notices as Record<string, Notice>), ...Object.fromEntries(this.changes) });
  }

  putNotice(notice: Notice): void {
    this.changes.set(notice.id, notice);
  }

  protected applyChanges(): void {
    for (const [id, notice] of this.changes) this.data.notices[id] = notice as StoreData['notices'][string];
  }
}
