import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { mailboxSender, smtpSender, type MailSender } from '../lib/mailer.js';
import type { createRepositories } from '../repositories.js';
import type { RepresentativesService } from '../features/representatives/representatives.service.js';
import {
  DEFAULT_DELIVERY,
  OutboxWorker,
  messageIdDomain,
  type DeliveryOptions,
} from '../features/outbox/outbox.worker.js';

export interface DeliveryDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  repositories: ReturnType<typeof createRepositories>;
  /** A mail server's "no such address" flags the person's e-mail as undeliverable. */
  representatives: Pick<RepresentativesService, 'flagEmailUndeliverable'>;
  /** Tests replace the sender or tune delivery (batch, lease, backoff); the app uses SMTP_URL or the mailbox. */
  mailSender?: MailSender;
  delivery?: Partial<DeliveryOptions>;
}

/**
 * How e-mail leaves the process: this process's worker id (leases name their holder), the sender (SMTP, or the
 * development mailbox without SMTP_URL) and the outbox worker that drains the outbox through it.
 */
export function createDelivery(deps: DeliveryDeps) {
  const { config, clock, logger, repositories } = deps;
  // unique per process: leases name their holder
  const workerId = `${hostname().slice(0, 30)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const mailSender =
    deps.mailSender ??
    (config.smtpUrl
      ? smtpSender({ url: config.smtpUrl, maxConnections: config.smtpMaxConnections }, logger)
      : mailboxSender());
  const outboxWorker = new OutboxWorker({
    outbox: repositories.outbox,
    sender: mailSender,
    organisations: repositories.organisations,
    rateLimits: repositories.rateLimits,
    onBadAddress: (message) =>
      deps.representatives.flagEmailUndeliverable(message.organisationId, message.representativeId!, message.to),
    clock,
    logger,
    options: {
      workerId,
      ...DEFAULT_DELIVERY,
      batchSize: config.smtpMaxConnections * 2,
      messageIdDomain: messageIdDomain(config.mailFrom),
      from: config.mailFrom,
      ...deps.delivery,
    },
  });
  return { workerId, mailSender, outboxWorker };
}
