// The demo organisation's fixed parts: units, contacts and their notes, the skills taxonomy and the people of the
// network, with the situations a facilitator meets (pauses, ended terms, expiring training, an address that
// bounces, people who want a phone call or a letter, English speakers, records due for review).

export const UNITS = [
  ['Hjemmetjenesten sone nord', 'home_care'],
  ['Hjemmetjenesten sone sør', 'home_care'],
  ['Sentrum legekontor', 'gp_office'],
  ['Helsestasjon og skolehelsetjeneste', 'health_station'],
  ['Solheim sykehjem', 'nursing_home'],
  ['Psykisk helse og rus', 'mental_health'],
  ['Frisklivssentralen', 'healthy_life_centre'],
  ['Tildelingskontoret', 'allocation_office'],
] as const;

// [name, title, unit index, champion]
export const CONTACTS = [
  ['Ingrid Haugen', 'Avdelingsleder', 0, true],
  ['Lars Bakke', 'Sykepleier, fagutvikler', 0, false],
  ['Sofie Strand', 'Avdelingsleder', 1, false],
  ['Dr. Henrik Aas', 'Fastlege', 2, true],
  ['Mona Lie', 'Helsesykepleier', 3, true],
  ['Øystein Moen', 'Institusjonssjef', 4, false],
  ['Camilla Solberg', 'Fagsykepleier demens', 4, true],
  ['Ahmed Hussein', 'Psykologspesialist', 5, true],
  ['Åse Kristiansen', 'Enhetsleder', 5, false],
  ['Per Nygård', 'Fysioterapeut', 6, false],
  ['Hilde Ødegård', 'Saksbehandler', 7, false],
] as const;

// [contact index, noted (days from today), discussed, next step, follow up (days from today) or null, followed up]
export const CONTACT_NOTES = [
  [0, -120, 'Erfaringer fra kreftkoordinator-prosjektet', 'Sende sluttrapporten', -100, true],
  [10, -60, 'Tilbakemelding på de nye brevmalene', 'Be om tall på klager etter endringen', -40, true],
  [9, -30, 'Evaluering av hverdagsrehabiliteringen', 'Få sluttrapporten godkjent av enhetsleder', -2, false],
  [3, -14, 'Gjennomgang av samvalgsverktøyet med legene', 'Avtale evalueringsmøte før sommeren', 5, false],
  [6, -10, 'Planla oppstartsmøtet for innkomstprosjektet', 'Sende agenda og kart til teamet', 3, false],
  [1, -7, 'Møterom og tilrettelegging for legemiddelprosjektet', 'Bekrefte trinnfri adkomst til møterommet', 1, false],
  [7, -4, 'Idé om et lavterskeltilbud for unge voksne', 'Finne dato for et idémøte med brukerrådet', 6, false],
] as const;

// key → [nb, en, category]
export const SKILLS = {
  dementia: ['Pårørende til person med demens', 'Next of kin of a person with dementia', 'lived_experience'],
  mental: ['Psykisk helse', 'Mental health', 'lived_experience'],
  substance: ['Rusavhengighet', 'Substance use', 'lived_experience'],
  cancer: ['Kreft', 'Cancer', 'lived_experience'],
  copd: ['KOLS', 'COPD', 'lived_experience'],
  diabetes: ['Diabetes', 'Diabetes', 'lived_experience'],
  stroke: ['Hjerneslag', 'Stroke', 'lived_experience'],
  disability: ['Nedsatt funksjonsevne', 'Disability', 'lived_experience'],
  homecare: ['Mottaker av hjemmetjenester', 'Home care recipient', 'lived_experience'],
  parent: ['Foreldre til barn med kronisk sykdom', 'Parent of a child with a chronic illness', 'lived_experience'],
  project: ['Prosjektarbeid', 'Project work', 'competence'],
  board: ['Styre- og utvalgsarbeid', 'Board and committee work', 'competence'],
  teaching: ['Undervisning og foredrag', 'Teaching and talks', 'competence'],
  plain: ['Klarspråk og skriving', 'Plain language and writing', 'competence'],
  english: ['Engelsk', 'English', 'language'],
  arabic: ['Arabisk', 'Arabic', 'language'],
  polish: ['Polsk', 'Polish', 'language'],
  somali: ['Somali', 'Somali', 'language'],
  sami: ['Nordsamisk', 'Northern Sami', 'language'],
  course: ['Kurs for brukerrepresentanter', 'Course for patient representatives', 'training'],
  privacy: ['Personvern og taushetsplikt', 'Privacy and confidentiality', 'training'],
} as const;
export type SkillKey = keyof typeof SKILLS;

export type Kind = 'patient' | 'next_of_kin' | 'user_organisation';

/** One person of the network. Days are counted from today (negative: in the past). */
export interface PersonSpec {
  name: string;
  kind: Kind;
  /** skill → level (1–3) */
  skills: Partial<Record<SkillKey, number>>;
  /** Spoken languages besides Norwegian (ISO 639-1), in the order they are listed. */
  languages?: string[];
  locale?: 'en';
  contact?: 'phone' | 'letter';
  nominatedBy?: string;
  /** Created (and first recorded as prospective) this many days ago; default from the person's place in the list. */
  createdDaysAgo?: number;
  /** Last data review this many days ago (over 730: due for review). */
  reviewedDaysAgo?: number;
  /** The term's end, days from today. */
  termEnd?: number;
  /** Training skills expiring on a day (days from today). */
  expires?: Partial<Record<'course' | 'privacy', number>>;
  status?: 'prospective' | { paused: { since: number; until: number; bySelf?: boolean } } | { retired: number };
  loadCap?: number;
  /** The mail server refused the address for good (days ago: when). */
  undeliverable?: boolean;
  /** Withdrew the consent to be contacted by e-mail, this many days ago. */
  emailConsentWithdrawn?: number;
  accessibility?: string;
}

const WHEELCHAIR = 'Bruker rullestol; trenger trinnfri adkomst.';
const HEARING = 'Nedsatt hørsel: trenger teleslynge.';

// Sixty people, referred to by first name elsewhere (each first name is unique).
export const PEOPLE: PersonSpec[] = [
  { name: 'Anne Bråthen', kind: 'patient', skills: { cancer: 2, course: 2 } },
  {
    name: 'Bjørn Ødegaard',
    kind: 'patient',
    skills: { homecare: 2, stroke: 1 },
    createdDaysAgo: 1180,
    reviewedDaysAgo: 960,
  },
  { name: 'Åshild Dahl', kind: 'next_of_kin', skills: { dementia: 3, project: 2, course: 2 }, languages: ['en'] },
  { name: 'Eirik Fjeld', kind: 'patient', skills: { homecare: 1, copd: 2 } },
  { name: 'Gunn Eriksen', kind: 'next_of_kin', skills: { dementia: 1, course: 1 }, expires: { course: -7 } },
  {
    name: 'Håkon Gundersen',
    kind: 'patient',
    skills: { diabetes: 2, board: 1 },
    createdDaysAgo: 1120,
    reviewedDaysAgo: 900,
  },
  { name: 'Ingeborg Holm', kind: 'next_of_kin', skills: { dementia: 2, course: 2 }, expires: { course: 45 } },
  { name: 'Jon Isaksen', kind: 'patient', skills: { substance: 2, mental: 1 }, termEnd: 12 },
  {
    name: 'Kjersti Jacobsen',
    kind: 'next_of_kin',
    skills: { parent: 2 },
    languages: ['en'],
    createdDaysAgo: 1090,
    reviewedDaysAgo: 870,
  },
  {
    name: 'Leif Karlsen',
    kind: 'patient',
    skills: { homecare: 2, copd: 1 },
    contact: 'phone',
    createdDaysAgo: 1060,
    reviewedDaysAgo: 820,
    accessibility: HEARING,
  },
  {
    name: 'Marit Lund',
    kind: 'next_of_kin',
    skills: { dementia: 2, privacy: 2 },
    expires: { privacy: 33 },
  },
  {
    name: 'Nils Myhre',
    kind: 'user_organisation',
    skills: { plain: 3, board: 2, diabetes: 1, course: 2 },
    languages: ['en'],
    nominatedBy: 'Funksjonshemmedes Fellesorganisasjon (FFO)',
    termEnd: 30,
  },
  {
    name: 'Oddny Nilsen',
    kind: 'patient',
    skills: { stroke: 2 },
    status: { paused: { since: -60, until: -1 } },
    accessibility: WHEELCHAIR,
  },
  { name: 'Pål Olsen', kind: 'patient', skills: { substance: 1, mental: 2 }, termEnd: 55 },
  { name: 'Ragnhild Pedersen', kind: 'next_of_kin', skills: { dementia: 1 }, termEnd: -6 },
  {
    name: 'Sigurd Rønning',
    kind: 'next_of_kin',
    skills: { dementia: 2, course: 1 },
    status: { paused: { since: -20, until: 40, bySelf: true } },
  },
  { name: 'Tove Sæther', kind: 'patient', skills: { homecare: 2, disability: 1 }, contact: 'letter' },
  { name: 'Ulf Thorsen', kind: 'patient', skills: { homecare: 1, stroke: 2 }, termEnd: 70 },
  {
    name: 'Vigdis Ullmann',
    kind: 'next_of_kin',
    skills: { cancer: 2 },
    status: { paused: { since: -30, until: 75 } },
  },
  { name: 'Øyvind Vik', kind: 'patient', skills: { substance: 2, course: 1 }, termEnd: 85 },
  {
    name: 'Æsa Wold',
    kind: 'patient',
    skills: { homecare: 2, disability: 2 },
    contact: 'phone',
    accessibility: WHEELCHAIR,
  },
  { name: 'Amina Ali', kind: 'next_of_kin', skills: { parent: 2, arabic: 3, english: 2 }, languages: ['ar', 'en'] },
  {
    name: 'Tomasz Kowalski',
    kind: 'user_organisation',
    skills: { plain: 2, polish: 3, english: 2 },
    languages: ['pl', 'en'],
    locale: 'en',
    nominatedBy: 'Innvandrerrådet',
  },
  { name: 'Fadumo Warsame', kind: 'next_of_kin', skills: { parent: 2, somali: 3 }, languages: ['so'] },
  { name: 'Elle Márjá Gaup', kind: 'patient', skills: { diabetes: 2, sami: 3 }, languages: ['se'] },
  { name: 'Berit Berg', kind: 'next_of_kin', skills: { dementia: 2, teaching: 1, course: 2 } },
  { name: 'Geir Hagen', kind: 'patient', skills: { homecare: 1, substance: 1 }, undeliverable: true },
  {
    name: 'Hanne Johansen',
    kind: 'next_of_kin',
    skills: { dementia: 3, teaching: 2, course: 2 },
    expires: { course: 20 },
  },
  {
    name: 'Inger Kristoffersen',
    kind: 'user_organisation',
    skills: { plain: 2, project: 2 },
    nominatedBy: 'Pensjonistforbundet',
  },
  { name: 'Jørgen Larsen', kind: 'next_of_kin', skills: { parent: 2, dementia: 1 }, loadCap: 1 },
  {
    name: 'Karin Mathisen',
    kind: 'next_of_kin',
    skills: { parent: 1 },
    createdDaysAgo: 1030,
    reviewedDaysAgo: 790,
  },
  { name: 'Magnus Nordby', kind: 'patient', skills: { homecare: 1, copd: 2 } },
  { name: 'Randi Strøm', kind: 'next_of_kin', skills: { dementia: 2 }, contact: 'phone' },
  {
    name: 'Svein Aasen',
    kind: 'user_organisation',
    skills: { copd: 3, board: 2 },
    nominatedBy: 'LHL – Landsforeningen for hjerte- og lungesyke',
  },
  { name: 'Turid Ås', kind: 'next_of_kin', skills: { dementia: 2, cancer: 1 }, status: { retired: -60 } },
  {
    name: 'Arne Andersen',
    kind: 'patient',
    skills: { copd: 1 },
    status: { retired: -480 },
    createdDaysAgo: 1300,
    termEnd: -480,
  },
  {
    name: 'Sarah Mitchell',
    kind: 'user_organisation',
    skills: { plain: 2, disability: 2, english: 3 },
    languages: ['en'],
    locale: 'en',
    nominatedBy: 'Funksjonshemmedes Fellesorganisasjon (FFO)',
  },
  {
    name: 'David Okafor',
    kind: 'patient',
    skills: { substance: 1, mental: 2, english: 3 },
    languages: ['en'],
    locale: 'en',
  },
  {
    name: 'Oksana Kovalenko',
    kind: 'next_of_kin',
    skills: { cancer: 2, english: 2 },
    languages: ['uk', 'en'],
    locale: 'en',
  },
  { name: 'Liv Hansen', kind: 'patient', skills: { mental: 2, plain: 1 } },
  { name: 'Odd Solberg', kind: 'patient', skills: { cancer: 2 }, contact: 'letter', createdDaysAgo: 640 },
  { name: 'Sigrid Bakken', kind: 'next_of_kin', skills: { dementia: 1 } },
  { name: 'Kirsten Moen', kind: 'patient', skills: { substance: 2, mental: 1, course: 1 } },
  { name: 'Torbjørn Lie', kind: 'patient', skills: { homecare: 2, diabetes: 1 } },
  { name: 'Solveig Haugen', kind: 'next_of_kin', skills: { parent: 1, diabetes: 1 } },
  {
    name: 'Per Kristiansen',
    kind: 'patient',
    skills: { diabetes: 2 },
    status: { paused: { since: -15, until: 120 } },
  },
  { name: 'Eva Strand', kind: 'next_of_kin', skills: { parent: 2 } },
  { name: 'Rune Halvorsen', kind: 'patient', skills: { substance: 2 }, emailConsentWithdrawn: 50 },
  { name: 'Gro Eide', kind: 'next_of_kin', skills: { dementia: 2, course: 1 }, contact: 'letter' },
  { name: 'Terje Sandvik', kind: 'patient', skills: { homecare: 2 } },
  {
    name: 'Wenche Aune',
    kind: 'user_organisation',
    skills: { substance: 2, board: 1 },
    nominatedBy: 'Rusmisbrukernes interesseorganisasjon (RIO)',
  },
  {
    name: 'Knut Brekke',
    kind: 'user_organisation',
    skills: { plain: 2, board: 3 },
    nominatedBy: 'Eldrerådet',
  },
  { name: 'Mona Tangen', kind: 'next_of_kin', skills: { dementia: 1 } },
  { name: 'Stian Dalen', kind: 'patient', skills: { homecare: 1, disability: 1 } },
  { name: 'Hilde Lien', kind: 'next_of_kin', skills: { parent: 2 } },
  {
    name: 'Yusuf Abdi',
    kind: 'next_of_kin',
    skills: { parent: 1, somali: 3, english: 2 },
    languages: ['so', 'en'],
    locale: 'en',
  },
  { name: 'Nora Hovland', kind: 'patient', skills: { mental: 1 }, status: 'prospective', createdDaysAgo: 40 },
  { name: 'Emma Sørensen', kind: 'next_of_kin', skills: { parent: 1 }, status: 'prospective', createdDaysAgo: 26 },
  {
    name: 'Mohammed Rahimi',
    kind: 'patient',
    skills: { diabetes: 1 },
    languages: ['fa', 'en'],
    status: 'prospective',
    createdDaysAgo: 18,
  },
  {
    name: 'Ellinor Fossum',
    kind: 'user_organisation',
    skills: { disability: 2, board: 1 },
    nominatedBy: 'Norges Blindeforbund',
    status: 'prospective',
    createdDaysAgo: 9,
  },
];

export const AREAS = ['Sentrum', 'Nordbyen', 'Sørlia', 'Vestsida', 'Østmarka'];
export const AGE_BANDS = ['18-29', '30-49', '50-66', '67-79', '80+'];
