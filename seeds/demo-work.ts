import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { insertInChunks, insertReturningIds } from '../src/db.js';
import { formatDate, translator } from '../src/lib/i18n.js';
import { renderEmail } from '../src/lib/email.js';
import { computeHonorarium } from '../src/features/involvement/honorarium.js';
import { ruleVersionOn, type HonorariumRuleVersion } from '../src/features/involvement/rule-versions.js';
import { nextMeetingStart, reminderAt, replyDeadline } from '../src/features/invitations/reply-deadline.js';
import {
  answerNotice,
  footer,
  invitationEmail,
  meetingsCalendar,
  type InvitationContext,
} from '../src/features/invitations/invitation-emails.js';
import { LEVELS, type Meeting, type Project } from '../src/features/projects/projects.model.js';
import { handoverEmail } from '../src/features/handover/handover-email.js';
import { CONTACTS, PEOPLE, type SkillKey } from './demo-catalog.js';
import type { DemoAudit, DemoDays, Random } from './demo-kit.js';
import type { DemoMail } from './demo-mail.js';
import { firstNameOf, type Person } from './demo-network.js';
import {
  PROJECTS,
  type ImpactSpec,
  type InvitationSpec,
  type MeetingSpec,
  type Outcome,
  type ProjectSpec,
} from './demo-projects.js';

// The projects' history: meetings, requirements, phases, invitations with every outcome, the attendance and
// honoraria logged after each meeting, impacts and the e-mail all of it sent. Rows are written as the features'
// repositories write them; the rules come from the features' pure modules (reply deadlines and reminders,
// honoraria by the rule version valid on the day, the e-mails' texts), so the demo shows what the app computes.

const ORGANISATION_NAME = 'Eksempel kommune';

export interface PlannedMeeting {
  spec: MeetingSpec;
  startsAt: string;
  endsAt: string;
}

export interface PlannedInvitation {
  spec: InvitationSpec;
  status: Outcome;
  channel: 'email' | 'phone' | 'letter';
  createdAt: string;
  sentAt: string | null;
  expiresAt: string | null;
  respondedAt: string | null;
  remindedAt: string | null;
  withdrawnAt: string | null;
  updatedAt: string;
}

export interface ProjectPlan {
  spec: ProjectSpec;
  meetings: PlannedMeeting[];
  invitations: PlannedInvitation[];
}

const specOf = (first: string) => {
  const spec = PEOPLE.find((p) => firstNameOf(p.name) === first);
  if (!spec) throw new Error(`demo seed: nobody called ${first}`);
  return spec;
};

/** A series id in the shape crypto.randomUUID gives, from the demo's generator (the same for the same seed). */
function seriesId(random: Random, projectId: number): string {
  const hex = random.token().hash;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${String(projectId).padStart(12, '0')}`;
}

const later = (a: string, b: string) => (a > b ? a : b);

/** When everything in the projects happens, worked out before anything is written (people join before invited). */
export function planProjects(days: DemoDays, expiryDays: number, reminderLeadDays: number): ProjectPlan[] {
  return PROJECTS.map((spec) => {
    const meetings = spec.meetings.map((m) => {
      const startsAt = days.at(m.when, m.hour, 0);
      return { spec: m, startsAt, endsAt: days.shift(startsAt, 0, m.minutes) };
    });
    const held = meetings.map((m) => ({ startsAt: m.startsAt, cancelledAt: null }));
    let accepted = 0;
    let waitlisted = 0;
    let declined = 0;
    const invitations = spec.invitations.map((inv, k): PlannedInvitation => {
      const person = specOf(inv.who);
      const channel = inv.outcome === 'undeliverable' ? 'email' : (person.contact ?? 'email');
      if (inv.outcome === 'draft') {
        const createdAt = days.shift(days.at({ d: -1 }, 14, 0), 0, k * 3);
        return {
          spec: inv,
          status: 'draft',
          channel,
          createdAt,
          sentAt: null,
          expiresAt: null,
          respondedAt: null,
          remindedAt: null,
          withdrawnAt: null,
          updatedAt: createdAt,
        };
      }
      const sentAt = days.shift(days.at(inv.sent !== undefined ? { d: inv.sent } : spec.invitedOn!, 9, 30), 0, k * 7);
      const sent = DateTime.fromISO(sentAt, { zone: 'utc' });
      const expiresAt = replyDeadline(sent, expiryDays, nextMeetingStart(held, sent), days.zone).toUTC().toISO()!;
      let respondedAt: string | null = null;
      let withdrawnAt: string | null = null;
      let updatedAt = sentAt;
      switch (inv.outcome) {
        case 'accepted':
          accepted += 1;
          respondedAt = days.shift(sentAt, inv.after ?? accepted, 95 + k * 11);
          break;
        case 'waitlisted':
          waitlisted += 1;
          respondedAt = days.shift(sentAt, inv.after ?? spec.seats + 1 + waitlisted, 130 + k * 5);
          break;
        case 'declined':
          declined += 1;
          respondedAt = days.shift(sentAt, inv.after ?? 1 + declined, 300 + k * 9);
          break;
        case 'withdrawn':
          withdrawnAt = days.shift(sentAt, inv.after ?? 3, 240);
          updatedAt = withdrawnAt;
          break;
        case 'expired':
          // the expiry job runs every 15 minutes
          updatedAt = days.shift(expiresAt, 0, 6);
          break;
        case 'undeliverable':
          updatedAt = days.shift(sentAt, 0, 4);
          break;
        default:
          break;
      }
      if (respondedAt) updatedAt = respondedAt;
      // one reminder to whoever was invited by e-mail and had not answered when it fell due
      let remindedAt: string | null = null;
      if (channel === 'email' && inv.outcome !== 'undeliverable') {
        const due = reminderAt(sent, expiresAt, reminderLeadDays).toUTC().toISO()!;
        const answered = respondedAt ?? withdrawnAt;
        if (days.past(due) && (!answered || answered > due)) remindedAt = days.shift(due, 0, 3);
      }
      return {
        spec: inv,
        status: inv.outcome,
        channel,
        createdAt: days.shift(sentAt, -1, 240),
        sentAt,
        expiresAt,
        respondedAt,
        remindedAt,
        withdrawnAt,
        updatedAt,
      };
    });
    return { spec, meetings, invitations };
  });
}

/** Each person's first invitation (sent, or shortlisted for a draft). */
export function firstInvitations(plans: ProjectPlan[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const plan of plans) {
    for (const inv of plan.invitations) {
      const at = inv.sentAt ?? inv.createdAt;
      const known = first.get(inv.spec.who);
      if (!known || at < known) first.set(inv.spec.who, at);
    }
  }
  return first;
}

export interface WorkContext {
  organisationId: number;
  users: Record<'admin' | 'facilitator' | 'colleague', { id: number; name: string; email: string }>;
  unitIds: number[];
  contactIds: number[];
  skillIds: Record<SkillKey, number>;
  people: Map<string, Person>;
  plans: ProjectPlan[];
  versions: HonorariumRuleVersion[];
  days: DemoDays;
  random: Random;
  audit: DemoAudit;
  mail: DemoMail;
  baseUrl: string;
  messageIdDomain: string;
}

export async function seedWork(trx: Knex.Transaction, ctx: WorkContext): Promise<void> {
  const { organisationId, users, unitIds, contactIds, skillIds, people, plans, versions, days, random, audit, mail } =
    ctx;
  const who = (first: string) => {
    const person = people.get(first);
    if (!person) throw new Error(`demo seed: nobody called ${first}`);
    return person;
  };

  // projects, as ProjectsRepository.create writes them, with their last change
  const projectRows = plans.map(({ spec }) => {
    const createdAt = days.at(spec.created, 10, 0);
    const phaseAt = spec.phases.length ? days.at(spec.phases.at(-1)![1], 8, 30) : createdAt;
    return {
      organisation_id: organisationId,
      unit_id: unitIds[spec.unit],
      owner_contact_id: contactIds[spec.owner],
      facilitator_user_id: users[spec.facilitator].id,
      title: spec.title,
      purpose: spec.purpose,
      what_matters: spec.whatMatters,
      phase: spec.phases.length ? spec.phases.at(-1)![0] : 'idea',
      target_level: spec.targetLevel,
      seats: spec.seats,
      starts_on: spec.starts ? days.date(spec.starts) : null,
      ends_on: spec.ends ? days.date(spec.ends) : null,
      location: spec.location,
      online: spec.online,
      working_languages: spec.languages.join(','),
      sensitive_topic: spec.sensitive,
      honorarium_applies: spec.honorarium,
      created_at: createdAt,
      updated_at: phaseAt,
    };
  });
  const projectIds = await insertReturningIds(trx, 'projects', projectRows);

  const phaseChanges: Array<Record<string, unknown>> = [];
  const requirements: Array<Record<string, unknown>> = [];
  const meetingRows: Array<Record<string, unknown>> = [];
  plans.forEach(({ spec, meetings }, p) => {
    const projectId = projectIds[p]!;
    // a project handed over was created and planned by the colleague who had it first
    const userId = users[spec.handedOver?.from ?? spec.facilitator].id;
    const createdAt = String(projectRows[p]!.created_at);
    phaseChanges.push({
      organisation_id: organisationId,
      project_id: projectId,
      from_phase: null,
      to_phase: 'idea',
      changed_by_user_id: userId,
      changed_at: createdAt,
    });
    audit.byUser(userId, 'project.created', ['project', projectId], {}, createdAt);
    let from = 'idea';
    for (const [to, when] of spec.phases) {
      const at = days.at(when, 8, 30);
      phaseChanges.push({
        organisation_id: organisationId,
        project_id: projectId,
        from_phase: from,
        to_phase: to,
        changed_by_user_id: userId,
        changed_at: at,
      });
      audit.byUser(userId, 'project.phase_changed', ['project', projectId], { from, to }, at);
      from = to;
    }
    spec.requirements.forEach(([skill, must, minLevel], i) => {
      requirements.push({
        project_id: projectId,
        skill_id: skillIds[skill],
        must: must === 'must',
        min_level: minLevel,
      });
      audit.byUser(
        userId,
        'project.requirement_set',
        ['project', projectId],
        { skillId: skillIds[skill], must: must === 'must', minLevel },
        days.shift(createdAt, 0, 60 + i),
      );
    });
    // a project planned as a series (made with "repeat every 4 weeks") shares one series id
    const series = spec.meetingSeries ? seriesId(random, projectId) : null;
    meetings.forEach((m, i) => {
      meetingRows.push({
        organisation_id: organisationId,
        project_id: projectId,
        starts_at: m.startsAt,
        ends_at: m.endsAt,
        place: spec.online ? '' : spec.location,
        online_link: spec.online ? `https://mote.eksempel.kommune.no/${projectId}-${i + 1}` : '',
        agenda: m.spec.agenda,
        sequence: 0,
        cancelled_at: null,
        series_id: series,
        series_every_weeks: series ? 4 : null,
      });
    });
  });
  // a project handed over: audited, with the one e-mail to the colleague who takes it (as HandoverService does)
  plans.forEach(({ spec }, p) => {
    if (!spec.handedOver) return;
    const from = users[spec.handedOver.from];
    const to = users[spec.facilitator];
    const at = days.at(spec.handedOver.on, 15, 10);
    const projectId = projectIds[p]!;
    audit.byUser(from.id, 'project.handed_over', ['project', projectId], { from: from.id, to: to.id }, at);
    mail.add({
      kind: 'handover',
      dedupeKey: `handover:project:${projectId}:${at}:${to.id}`,
      to: to.email,
      userId: to.id,
      createdAt: at,
      render: () =>
        handoverEmail(translator('nb'), {
          locale: 'nb',
          to,
          actor: from,
          from,
          handed: { projects: [{ id: projectId, title: spec.title }], people: [] },
          message: 'Jeg er i permisjon fra neste uke. Første møte er ikke satt opp ennå; ring meg om noe er uklart.',
          organisation: ORGANISATION_NAME,
          baseUrl: ctx.baseUrl,
        }),
    });
  });
  await insertInChunks(trx, 'project_phase_changes', phaseChanges);
  await insertInChunks(trx, 'project_requirements', requirements);
  const meetingIds = await insertReturningIds(trx, 'meetings', meetingRows);
  // each project's meetings as the pages and e-mails see them
  let nextMeeting = 0;
  const projectMeetings: Meeting[][] = plans.map(({ meetings }) =>
    meetings.map((m) => {
      const row = meetingRows[nextMeeting]!;
      const id = meetingIds[nextMeeting]!;
      nextMeeting += 1;
      return {
        id,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        place: String(row.place),
        onlineLink: String(row.online_link),
        agenda: m.spec.agenda,
        sequence: 0,
        cancelledAt: null,
        seriesId: (row.series_id as string | null) ?? null,
        seriesEveryWeeks: (row.series_every_weeks as number | null) ?? null,
      };
    }),
  );
  plans.forEach(({ spec }, p) => {
    const createdAt = String(projectRows[p]!.created_at);
    for (const m of projectMeetings[p]!) {
      // added a few weeks ahead, never before the project existed nor after today
      let added = days.shift(m.startsAt, -35);
      if (added < createdAt) added = days.shift(createdAt, 0, 90);
      if (!days.past(added)) added = later(days.ago(1), days.shift(createdAt, 0, 90));
      audit.byUser(
        users[spec.facilitator].id,
        'project.meeting_added',
        ['project', projectIds[p]!],
        { meetingId: m.id },
        added,
      );
    }
  });

  // invitations, as the invitations feature leaves them after sending, answers, reminders and expiry
  const invitationRows: Array<Record<string, unknown>> = [];
  const tokens: Array<{ answer: string | null; reminder: string | null }> = [];
  plans.forEach(({ spec, invitations }, p) => {
    const facilitatorId = users[spec.facilitator].id;
    for (const inv of invitations) {
      const person = who(inv.spec.who);
      const answer = inv.channel === 'email' && inv.sentAt ? random.token() : null;
      const reminder = inv.remindedAt ? random.token() : null;
      tokens.push({ answer: answer?.token ?? null, reminder: reminder?.token ?? null });
      const answered = ['accepted', 'waitlisted', 'declined'].includes(inv.status);
      invitationRows.push({
        organisation_id: organisationId,
        project_id: projectIds[p],
        representative_id: person.id,
        status: inv.status,
        channel: inv.channel,
        token_hash: answer?.hash ?? null,
        sent_at: inv.sentAt,
        expires_at: inv.expiresAt,
        reminded_at: inv.remindedAt,
        responded_at: inv.respondedAt,
        decline_reason: inv.status === 'declined' ? (inv.spec.reason ?? 'other') : null,
        decline_text: inv.spec.text ?? '',
        note: inv.spec.note ?? '',
        answer_recorded_by_user_id: answered && inv.channel !== 'email' ? facilitatorId : null,
        withdrawn_at: inv.withdrawnAt,
        reminder_token_hash: reminder?.hash ?? null,
        created_by_user_id: facilitatorId,
        created_at: inv.createdAt,
        updated_at: inv.updatedAt,
      });
    }
  });
  const invitationIds = await insertReturningIds(trx, 'invitations', invitationRows);

  // the e-mail and audit trail of the invitations
  const context = (p: number, person: Person, at: string, meUrl: string): InvitationContext => {
    const spec = plans[p]!.spec;
    const user = users[spec.facilitator];
    const meetings = projectMeetings[p]!;
    const next = nextMeetingStart(meetings, DateTime.fromISO(at, { zone: 'utc' }));
    const workStarts = next ? days.localDate(next) : days.localDate(at);
    const row = projectRows[p]!;
    const project: Project = {
      id: projectIds[p]!,
      organisationId,
      title: spec.title,
      purpose: spec.purpose,
      whatMatters: spec.whatMatters,
      unitId: unitIds[spec.unit]!,
      ownerContactId: contactIds[spec.owner]!,
      facilitatorUserId: user.id,
      targetLevel: spec.targetLevel,
      seats: spec.seats,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      location: spec.location,
      online: spec.online,
      workingLanguages: spec.languages,
      sensitiveTopic: spec.sensitive,
      honorariumApplies: spec.honorarium,
      phase: row.phase as Project['phase'],
      unitName: null,
      ownerName: CONTACTS[spec.owner]![0],
      ownerEmail: null,
      ownerLocale: 'nb',
      facilitatorName: user.name,
      filled: 0,
      namedOnTeam: 0,
      shortlisted: 0,
    };
    return {
      locale: person.locale,
      name: person.name,
      project,
      meetings,
      organisationName: ORGANISATION_NAME,
      timeZone: days.zone,
      facilitator: { name: user.name, email: user.email },
      hourlyHonorariumOre: ruleVersionOn(versions, workStarts)!.hourlyRateOre,
      baseUrl: ctx.baseUrl,
      meUrl,
    };
  };

  let row = 0;
  plans.forEach(({ spec, invitations }, p) => {
    const projectId = projectIds[p]!;
    const facilitator = users[spec.facilitator];
    const emailedBySendDay = new Map<string, number>();
    for (const inv of invitations) {
      const id = invitationIds[row]!;
      const token = tokens[row]!;
      row += 1;
      const person = who(inv.spec.who);
      const shortlistedAt = inv.createdAt;
      audit.byUser(
        facilitator.id,
        'project.shortlisted',
        ['project', projectId],
        { representativeId: person.id },
        shortlistedAt,
      );
      if (!inv.sentAt) continue;
      const answerUrl = token.answer ? `${ctx.baseUrl}/i/${token.answer}` : undefined;
      if (inv.channel === 'email') {
        emailedBySendDay.set(inv.sentAt.slice(0, 10), (emailedBySendDay.get(inv.sentAt.slice(0, 10)) ?? 0) + 1);
        mail.add({
          kind: 'invitation',
          dedupeKey: `invitation:${id}:sent`,
          to: person.email!,
          representativeId: person.id,
          createdAt: inv.sentAt,
          render: (meUrl) =>
            invitationEmail('invitation', {
              ...context(p, person, inv.sentAt!, meUrl),
              answerUrl,
              expiresAt: inv.expiresAt,
            }),
          refused:
            inv.status === 'undeliverable'
              ? `550 5.1.1 <${person.email}>: Recipient address rejected: User unknown in virtual mailbox table`
              : undefined,
        });
      } else {
        audit.byUser(facilitator.id, 'invitation.contacted', ['invitation', id], { channel: inv.channel }, inv.sentAt);
      }
      if (inv.status === 'undeliverable') {
        const at = inv.updatedAt;
        audit.bySystem('representative.email_undeliverable', ['representative', person.id], at);
        audit.bySystem('invitation.undeliverable', ['invitation', id], at);
      }
      if (inv.remindedAt) {
        mail.add({
          kind: 'invitation_reminder',
          dedupeKey: `invitation:${id}:reminder`,
          to: person.email!,
          representativeId: person.id,
          createdAt: inv.remindedAt,
          render: (meUrl) =>
            invitationEmail('reminder', {
              ...context(p, person, inv.remindedAt!, meUrl),
              answerUrl: `${ctx.baseUrl}/i/${token.reminder}`,
              expiresAt: inv.expiresAt,
            }),
        });
        audit.bySystem('invitation.reminded', ['invitation', id], inv.remindedAt);
      }
      if (inv.respondedAt && ['accepted', 'waitlisted', 'declined'].includes(inv.status)) {
        const at = inv.respondedAt;
        const status = inv.status as 'accepted' | 'waitlisted' | 'declined';
        if (inv.channel === 'email') {
          audit.byRepresentative(person.id, `invitation.${status}`, ['invitation', id], at);
        } else {
          audit.byUser(facilitator.id, `invitation.${status}`, ['invitation', id], { channel: inv.channel }, at);
        }
        if (status !== 'declined' && person.canEmail) {
          mail.add({
            kind: `invitation_${status}`,
            dedupeKey: `invitation:${id}:${status}:${Date.parse(at)}`,
            to: person.email!,
            representativeId: person.id,
            createdAt: at,
            render: (meUrl) => {
              const c: InvitationContext = {
                ...context(p, person, at, meUrl),
                answerUrl: inv.channel === 'email' ? answerUrl : undefined,
              };
              const calendar = status === 'accepted' ? meetingsCalendar(c, ctx.messageIdDomain, at) : undefined;
              return { ...invitationEmail(status, c), attachments: calendar ? [calendar] : [] };
            },
          });
        }
        // the facilitator of the demo's own projects asked for an e-mail for every answer
        if (spec.facilitator === 'facilitator') {
          mail.add({
            kind: 'answer_notice',
            dedupeKey: `answer-notice:${id}:${status}:${Date.parse(at)}`,
            to: facilitator.email,
            userId: facilitator.id,
            createdAt: days.shift(at, 0, 1),
            render: () =>
              answerNotice(
                'nb',
                {
                  facilitatorName: facilitator.name,
                  representativeName: person.name,
                  title: spec.title,
                  status,
                  projectUrl: `${ctx.baseUrl}/projects/${projectId}/invitations`,
                },
                ORGANISATION_NAME,
              ),
          });
        }
      }
      if (inv.status === 'withdrawn' && inv.withdrawnAt) {
        if (inv.channel === 'email' && person.canEmail) {
          mail.add({
            kind: 'invitation_withdrawn',
            dedupeKey: `invitation:${id}:withdrawn`,
            to: person.email!,
            representativeId: person.id,
            createdAt: inv.withdrawnAt,
            render: (meUrl) => invitationEmail('withdrawn', context(p, person, inv.withdrawnAt!, meUrl)),
          });
        }
        audit.byUser(facilitator.id, 'invitation.withdrawn', ['invitation', id], {}, inv.withdrawnAt);
      }
      if (inv.status === 'expired') audit.bySystem('invitation.expired', ['invitation', id], inv.updatedAt);
    }
    for (const [day, count] of emailedBySendDay) {
      const first = invitations.find((i) => i.sentAt?.startsWith(day) && i.channel === 'email')!;
      audit.byUser(facilitator.id, 'invitation.sent', ['project', projectId], { count }, first.sentAt!);
    }
  });

  // attendance and honoraria after every meeting, and the work between meetings
  const levelBelow = (level: string) => LEVELS[Math.max(0, LEVELS.indexOf(level as (typeof LEVELS)[number]) - 1)]!;
  const involvements: Array<Record<string, unknown>> = [];
  const onTeam = (p: number, at: string) =>
    plans[p]!.invitations.filter((i) => i.status === 'accepted' && i.respondedAt! < at).map((i) => who(i.spec.who));
  /** Whether a person had paused or retired by a day (then the facilitator logs nothing for them). */
  const away = (person: Person, at: string) => {
    const status = person.spec.status;
    if (typeof status !== 'object') return false;
    const since = 'paused' in status ? status.paused.since : status.retired;
    return at >= days.at({ d: since }, 0, 0);
  };
  const entry = (
    p: number,
    person: Person,
    values: {
      meetingId: number | null;
      occurredOn: string;
      activity: string;
      minutes: number;
      preparation: number;
      attended: boolean;
      inPerson: boolean;
      recordedAt: string;
    },
  ) => {
    const spec = plans[p]!.spec;
    const facts = {
      attended: values.attended,
      inPerson: values.inPerson,
      asPartOfPaidJob: spec.paidJob?.includes(person.first) ?? false,
      paymentDeclined: spec.declinesPayment?.includes(person.first) ?? false,
      minutes: values.attended ? values.minutes : 0,
      preparationMinutes: values.attended ? values.preparation : 0,
    };
    const honorarium = computeHonorarium(facts, ruleVersionOn(versions, values.occurredOn)!);
    // a taxi for those who live furthest out or need one
    const travel =
      values.attended && values.inPerson && (person.index % 5 === 4 || person.spec.accessibility) ? 8400 : 0;
    involvements.push({
      organisation_id: organisationId,
      project_id: projectIds[p],
      representative_id: person.id,
      meeting_id: values.meetingId,
      occurred_on: values.occurredOn,
      activity: values.activity,
      minutes: facts.minutes,
      preparation_minutes: facts.preparationMinutes,
      level_delivered: random.chance(0.25) ? levelBelow(spec.targetLevel) : spec.targetLevel,
      attended: facts.attended,
      in_person: facts.inPerson,
      as_part_of_paid_job: facts.asPartOfPaidJob,
      honorarium_ore: honorarium.ore,
      honorarium_rule_version: honorarium.ruleVersion,
      paid_minutes: honorarium.paidMinutes,
      travel_cost_ore: travel,
      payment_declined: facts.paymentDeclined,
      note: '',
      recorded_by_user_id: users[spec.facilitator].id,
      created_at: values.recordedAt,
      updated_at: values.recordedAt,
    });
  };
  plans.forEach(({ spec }, p) => {
    const userId = users[spec.facilitator].id;
    for (const m of projectMeetings[p]!) {
      if (!days.past(m.endsAt)) continue;
      const team = onTeam(p, m.startsAt).filter((person) => !away(person, m.startsAt));
      const recordedAt = days.shift(m.endsAt, 0, 120);
      const meetingSpec = plans[p]!.meetings.find((x) => x.startsAt === m.startsAt)!.spec;
      for (const person of team) {
        entry(p, person, {
          meetingId: m.id,
          occurredOn: days.localDate(m.startsAt),
          activity: meetingSpec.activity ?? 'meeting',
          minutes: meetingSpec.minutes,
          preparation: random.pick([0, 30, 30, 60]),
          attended: !random.chance(0.12),
          inPerson: !spec.online,
          recordedAt,
        });
      }
      audit.byUser(
        userId,
        'involvement.attendance_logged',
        ['project', projectIds[p]!],
        { meetingId: m.id, people: team.length },
        recordedAt,
      );
    }
    for (const work of spec.extra ?? []) {
      const at = days.at(work.when, 15, 0);
      const team = work.who ? work.who.map(who) : onTeam(p, at).filter((person) => !away(person, at));
      for (const person of team) {
        entry(p, person, {
          meetingId: null,
          occurredOn: days.localDate(at),
          activity: work.activity,
          minutes: work.minutes,
          preparation: 0,
          attended: true,
          inPerson: work.inPerson,
          recordedAt: at,
        });
      }
    }
  });
  const involvementIds = await insertReturningIds(trx, 'involvements', involvements);
  involvements.forEach((v, i) => {
    if (v.meeting_id === null) {
      audit.byUser(
        Number(v.recorded_by_user_id),
        'involvement.added',
        ['involvement', involvementIds[i]!],
        { projectId: Number(v.project_id) },
        String(v.created_at),
      );
    }
  });

  // impacts: what was said, what came of it, and the e-mail that told the people it came from
  const impacts: Array<{
    p: number;
    spec: ImpactSpec;
    people: Person[];
    decidedOn: string | null;
    fedBackAt: string | null;
    createdAt: string;
    row: Record<string, unknown>;
  }> = [];
  plans.forEach(({ spec }, p) => {
    for (const impact of spec.impacts ?? []) {
      const decidedOn = impact.decided ? days.date(impact.decided) : null;
      const held = projectMeetings[p]!.filter(
        (m) => days.past(m.endsAt) && (!decidedOn || days.localDate(m.startsAt) <= decidedOn),
      );
      const createdAt = impact.decided
        ? days.at(impact.decided, 15, 30)
        : days.shift(held.at(-1)?.endsAt ?? days.ago(10), 1);
      const fedBackAt = impact.fedBack ? days.at(impact.fedBack, 11, 0) : null;
      impacts.push({
        p,
        spec: impact,
        people: impact.people.map(who),
        decidedOn,
        fedBackAt,
        createdAt,
        row: {
          organisation_id: organisationId,
          project_id: projectIds[p],
          meeting_id: held.at(-1)?.id ?? null,
          what_said: impact.said,
          what_changed: impact.changed ?? '',
          status: impact.status,
          rejected_reason: impact.rejectedReason ?? '',
          decided_on: decidedOn,
          fed_back_at: fedBackAt,
          created_at: createdAt,
          updated_at: fedBackAt ?? createdAt,
        },
      });
    }
  });
  const impactIds = await insertReturningIds(
    trx,
    'impacts',
    impacts.map((i) => i.row),
  );
  const impactLinks: Array<Record<string, unknown>> = [];
  impacts.forEach(({ p, spec: impact, people, decidedOn, fedBackAt, createdAt }, i) => {
    const id = impactIds[i]!;
    const spec = plans[p]!.spec;
    const facilitator = users[spec.facilitator];
    for (const person of people) impactLinks.push({ impact_id: id, representative_id: person.id });
    audit.byUser(
      facilitator.id,
      'impact.recorded',
      ['impact', id],
      { status: impact.status, people: people.length },
      createdAt,
    );
    if (!fedBackAt) return;
    const recipients = people.filter((person) => person.canEmail);
    for (const person of recipients) {
      mail.add({
        kind: 'impact_feedback',
        dedupeKey: `impact:${id}:${person.id}:${Date.parse(fedBackAt)}`,
        to: person.email!,
        representativeId: person.id,
        createdAt: fedBackAt,
        render: (meUrl) => {
          const t = translator(person.locale);
          const outcome =
            impact.status === 'adopted'
              ? t('email.impact.adopted', { change: impact.changed ?? '' })
              : impact.status === 'rejected'
                ? t('email.impact.rejected', { reason: impact.rejectedReason ?? '' })
                : t('email.impact.proposed');
          return renderEmail(
            {
              locale: person.locale,
              subject: t('email.impact.subject', { title: spec.title }),
              paragraphs: [
                t('email.greeting', { name: person.name }),
                t('email.impact.intro', { title: spec.title }),
                t('email.impact.said', { said: impact.said }),
                outcome,
                ...(decidedOn ? [t('email.impact.decided', { date: formatDate(decidedOn, person.locale) })] : []),
                t('email.impact.thanks'),
              ],
              after: footer(
                { facilitator: { name: facilitator.name, email: facilitator.email }, meUrl, baseUrl: ctx.baseUrl },
                t,
              ),
              signature: t('email.signature', { organisation: ORGANISATION_NAME }),
            },
            t,
          );
        },
      });
    }
    audit.byUser(facilitator.id, 'impact.fed_back', ['impact', id], { people: recipients.length }, fedBackAt);
  });
  await insertInChunks(trx, 'impact_representatives', impactLinks);
}
