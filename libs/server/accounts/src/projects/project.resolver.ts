import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { ProjectStatus } from '@pams/shared-util';
import type { ProjectNode } from '../shared/read-model.nodes.js';
import { CreateProjectInput, UpdateProjectInput } from './project.inputs.js';
import { DEFAULT_PROJECT_PAGE_SIZE, findProject, findProjectList, findProjectsOfAccounts } from './project.read-model.js';
import { CreateProjectResult, UpdateProjectResult } from './project.results.js';
import { createProject, updateProject } from './project.service.js';
import { ProjectConnection, ProjectType } from './project.type.js';

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Authorized()
  @Query(() => [ProjectType], { description: 'The projects of an account by name, optionally of one status.' })
  projects(
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('status', () => ProjectStatus, { nullable: true }) status: ProjectStatus | null,
  ): Promise<ProjectNode[]> {
    return findProjectsOfAccounts(ctx.em, [accountId], status);
  }

  @Authorized()
  @Query(() => ProjectConnection, {
    description: 'Projects of every account by name (case-insensitive), then id; `search` matches part of the project\'s or its account\'s name.',
  })
  projectList(
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('status', () => ProjectStatus, { nullable: true }) status: ProjectStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PROJECT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ProjectConnection> {
    return findProjectList(ctx.em, { search, status, first, after }, ctx.config.graphql.maxPageSize);
  }

  @Authorized()
  @Query(() => ProjectType, { nullable: true })
  project(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ProjectNode | null> {
    return findProject(ctx.em, id);
  }

  @Authorized()
  @Mutation(() => CreateProjectResult)
  async createProject(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateProjectInput) input: CreateProjectInput,
  ): Promise<typeof CreateProjectResult> {
    return createProject(ctx.em, await signedInViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => UpdateProjectResult)
  async updateProject(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput,
  ): Promise<typeof UpdateProjectResult> {
    return updateProject(ctx.em, await signedInViewer(ctx), id, expectedVersion, input);
  }
}
