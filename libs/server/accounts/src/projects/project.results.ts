import { createUnionType, Field, ObjectType } from 'type-graphql';
import { Forbidden, NotFound, UserError, ValidationFailed } from '@pams/server-core';
import type { ProjectNode } from '../shared/read-model.nodes.js';
import { ProjectType } from './project.type.js';

/** The edit started from an older version: nothing was saved; `current` is the server's copy. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class ProjectVersionConflict implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => ProjectType)
  current!: ProjectNode;
}

export const CreateProjectResult = createUnionType({
  name: 'CreateProjectResult',
  types: () => [ProjectType, ValidationFailed, Forbidden] as const,
});

export const UpdateProjectResult = createUnionType({
  name: 'UpdateProjectResult',
  types: () => [ProjectType, ValidationFailed, ProjectVersionConflict, Forbidden, NotFound] as const,
});

export function asProject(node: ProjectNode): ProjectType {
  return Object.assign(new ProjectType(), node);
}

export function projectConflict(current: ProjectNode): ProjectVersionConflict {
  return Object.assign(new ProjectVersionConflict(), {
    message: 'Someone changed this project since you opened it. Nothing was saved: compare and try again.',
    current,
  });
}
