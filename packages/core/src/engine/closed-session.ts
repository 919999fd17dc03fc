import type { JsonValue } from '../fdl/schema-model.js';
import type { CloseReason } from './engine-types.js';

/** One warehouse row: snake_case column → value (timestamps as epoch ms). */
export type WarehouseRow = Readonly<Record<string, JsonValue>>;

/** Everything a closed session contributes to the warehouse (warehouse.md §2.1–§2.2). */
export interface ClosedSession {
  readonly sessionId: string;
  readonly persistentKey: string;
  /** When the session was closed (partitions use this time). */
  readonly closedAt: number;
  readonly reason: CloseReason;
  /** The row of the `session` table. */
  readonly session: WarehouseRow;
  /** One row per memoized (feature, args), in creation order. */
  readonly features: readonly {
    readonly table: string;
    readonly feature: string;
    readonly row: WarehouseRow;
  }[];
}
