// Column types shared by the row types of schema.ts and its companions.
import type { ColumnType } from 'kysely'

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
export type Timestamp = ColumnType<Date, Date | string, Date | string>
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
export type TlpLabelColumn = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED'
