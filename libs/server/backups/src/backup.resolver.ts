import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isUuid, publicError, signedInViewer, type RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { readBackupOverview, readBackupSnapshot, startBackup } from './backup.service.js';
import { BackupOverviewType, BackupSnapshotType } from './backup.types.js';

const MAX_SNAPSHOTS = 200;

/** Backups with verified restores (B-001, P-017): admins only. */
@Resolver()
export class BackupResolver {
  @Authorized(Role.ADMIN)
  @Query(() => BackupOverviewType, { description: 'Recent backups with their verification reports, the last good restore point, and whether backups can run here.' })
  async backups(
    @Ctx() ctx: RequestContext,
    @Arg('limit', () => Int, { defaultValue: 30, description: `Newest snapshots to list (1–${MAX_SNAPSHOTS}).` }) limit: number,
  ): Promise<BackupOverviewType> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SNAPSHOTS) throw publicError('BAD_USER_INPUT', `"limit" must be from 1 to ${MAX_SNAPSHOTS}, not ${limit}.`);
    return readBackupOverview(ctx.em, ctx.config, limit);
  }

  @Authorized(Role.ADMIN)
  @Query(() => BackupSnapshotType, { nullable: true, description: 'One snapshot with its per-table report; null if unknown.' })
  async backup(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<BackupSnapshotType | null> {
    if (!isUuid(id)) return null;
    return readBackupSnapshot(ctx.em, id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => BackupSnapshotType, { description: 'Queues a backup now (after any running one); follow it with `backup(id)`.' })
  async startBackup(@Ctx() ctx: RequestContext): Promise<BackupSnapshotType> {
    const snapshot = await startBackup(ctx.em, await signedInViewer(ctx));
    return (await readBackupSnapshot(ctx.em.fork(), snapshot.id))!;
  }
}
