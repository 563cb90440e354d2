import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Currency } from '@pams/shared-util';

/** Rate of a currency to the reporting currency (USD), kept as data and edited by admins. */
@Entity({ tableName: 'currency_rate' })
export class CurrencyRate {
  [OptionalProps]?: 'version' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 3 })
  currency!: Currency;

  /** Units of the reporting currency per one unit of this currency. */
  @Property({ type: 'decimal', precision: 18, scale: 8 })
  rateToReporting!: string;

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
