import type { OutcomeNode, ProjectNode } from './read-model.nodes.js';

/** Points a project's outcome back at the project and its account (the SQL builds each once). */
export function linkProject(project: ProjectNode): ProjectNode {
  if (project.outcome) {
    project.outcome.project = project;
    project.outcome.account = project.account;
  }
  return project;
}

/** An outcome read with its project (built without the outcome): links both ways. */
export function linkOutcome(outcome: OutcomeNode, project: ProjectNode): OutcomeNode {
  project.outcome = outcome;
  outcome.project = project;
  outcome.account = project.account;
  return outcome;
}
