import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { publicError, type RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { COLLECTIONS, isSharpDrop } from './count-collections.js';
import { CollectionCountReportType } from './collection-counts.types.js';

const MAX_DAYS = 366;

/** The admin health page's count history (PRODUCT.md "Never again": the daily count check). */
@Resolver()
export class CollectionCountResolver {
  @Authorized(Role.ADMIN)
  @Query(() => CollectionCountReportType, { description: 'Row counts of every collection per day (the daily count check), the last `days` days recorded.' })
  async collectionCounts(
    @Ctx() ctx: RequestContext,
    @Arg('days', () => Int, { defaultValue: 30, description: 'How many days back from the last one recorded (1–366).' }) days: number,
  ): Promise<CollectionCountReportType> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw publicError('BAD_USER_INPUT', `"days" must be from 1 to ${MAX_DAYS}, not ${days}.`);
    const rows = await ctx.em.getConnection().execute<{ day: string; collection: string; count: number }[]>(
      `with last as (select max(day) as day from collection_count)
       select c.day::text as day, c.collection, c.count from collection_count c, last
        where c.day > last.day - ?::int order by c.day`,
      [days],
    );
    const thresholds = ctx.config.counts;
    const lastDay = rows.length > 0 ? rows[rows.length - 1].day : null;
    return {
      dropPercent: thresholds.dropPercent,
      dropRows: thresholds.dropRows,
      lastDay,
      collections: COLLECTIONS.map((c) => {
        const points = rows.filter((r) => r.collection === c.key).map((r) => ({ day: r.day, count: r.count }));
        const latest = points.at(-1) ?? null;
        const before = points.at(-2) ?? null;
        return {
          collection: c.key,
          label: c.label,
          points,
          latest: latest?.count ?? null,
          change: latest && before ? latest.count - before.count : null,
          sharpDrop: latest !== null && before !== null && isSharpDrop(before.count, latest.count, thresholds),
        };
      }),
    };
  }
}
