import type { Locale } from '../../config.js';
import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { hashPassword } from '../../lib/passwords.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UsersRepository } from '../users/users.repository.js';
import { temporaryPassword } from '../users/users.service.js';
import type { OrganisationsRepository } from './organisations.repository.js';

/** Creating an organisation (a municipality) with its first administrator, for the operator's command line. */
export class OrganisationsService {
  constructor(
    private readonly db: Db,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scryptLog2N: number,
  ) {}

  async createWithAdmin(input: {
    name: string;
    adminEmail: string;
    adminName: string;
    locale: Locale;
    timeZone: string;
  }): Promise<{ organisationId: number; adminId: number; password: string }> {
    const email = input.adminEmail.trim().toLowerCase();
    if (await this.users.emailTaken(email)) throw new Error(`A user with the e-mail ${email} already exists`);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password, this.scryptLog2N);
    const now = this.clock.now().toISO()!;
    return this.db.transaction(async (trx) => {
      const organisationId = await this.organisations.create(
        { name: input.name.trim(), locale: input.locale, timeZone: input.timeZone },
        now,
        trx,
      );
      const adminId = await this.users.create(
        {
          organisationId,
          name: input.adminName.trim(),
          email,
          role: 'admin',
          locale: input.locale,
          passwordHash,
          mustChangePassword: true,
        },
        now,
        trx,
      );
      await this.audit.record(
        {
          organisationId,
          actorType: 'system',
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: organisationId,
          details: { adminUserId: adminId },
        },
        trx,
      );
      return { organisationId, adminId, password };
    });
  }
}
