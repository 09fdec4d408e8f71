import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Transact } from '../lib/transact.js';
import type { createRepositories } from '../repositories.js';
import type { AuditService } from '../features/audit/audit.service.js';
import type { OutboxService } from '../features/outbox/outbox.service.js';
import type { OutboxWorker } from '../features/outbox/outbox.worker.js';
import { messageIdDomain } from '../features/outbox/outbox.worker.js';
import type { HonorariumRulesService } from '../features/involvement/honorarium-rules.service.js';
import { InvitationsService } from '../features/invitations/invitations.service.js';
import { InvitationAnswersService } from '../features/invitations/answers.service.js';
import { InvitationJobsService } from '../features/invitations/invitation-jobs.js';
import { InvitationMail } from '../features/invitations/mail-context.js';
import { InvitationBounces } from '../features/invitations/invitation-bounces.js';

export interface InvitationsCompositionDeps {
  config: Config;
  clock: Clock;
  transact: Transact;
  repositories: ReturnType<typeof createRepositories>;
  outbox: OutboxService;
  /** A refused invitation e-mail makes the invitation undeliverable (the worker tells the bounces handler). */
  outboxWorker: OutboxWorker;
  audit: AuditService;
  rates: HonorariumRulesService;
}

/**
 * The invitations feature's services, which share one set of dependencies and one mail context: sending and the
 * facilitator's actions, the representatives' answers, the reminder and expiry jobs, and the bounces.
 */
export function createInvitations(deps: InvitationsCompositionDeps) {
  const { config, clock, transact, repositories, audit } = deps;
  const { invitations, projects, users, organisations } = repositories;
  const versions = repositories.rosterVersions;
  const mail = new InvitationMail({
    invitations,
    projects,
    users,
    organisations,
    rates: deps.rates,
    clock,
    settings: { baseUrl: config.baseUrl, messageIdDomain: messageIdDomain(config.mailFrom) },
  });
  const shared = { transact, invitations, outbox: deps.outbox, audit, versions, clock, mail };
  deps.outboxWorker.onUndeliverable(new InvitationBounces({ transact, invitations, audit, versions, clock }));
  return {
    invitationsService: new InvitationsService(shared),
    invitationAnswersService: new InvitationAnswersService({ ...shared, users, projects }),
    invitationJobsService: new InvitationJobsService({ ...shared, organisations }),
  };
}
