import type { createRepositories } from '../repositories.js';
import { ProjectsService, type ProjectsServiceDeps } from '../features/projects/projects.service.js';
import { ProjectTemplatesService } from '../features/projects/project-templates.service.js';

/** Projects, and copying one from a template with recurring meeting series (issue 20). */
export function createProjects(
  deps: Omit<ProjectsServiceDeps, 'projects'> & { repositories: ReturnType<typeof createRepositories> },
) {
  const { repositories, ...rest } = deps;
  const projectsService = new ProjectsService({ ...rest, projects: repositories.projects });
  const projectTemplatesService = new ProjectTemplatesService({
    transact: rest.transact,
    projects: repositories.projects,
    templates: repositories.projectTemplates,
    choices: projectsService,
    audit: rest.audit,
    clock: rest.clock,
    meetingNotifier: rest.meetingNotifier,
  });
  return { projectsService, projectTemplatesService };
}
