import type { When } from './demo-kit.js';
import type { SkillKey } from './demo-catalog.js';

// The demo's twelve projects, one story each, across every phase: two ideas, two in planning (recruiting now),
// four running with meetings behind and ahead of them, two being evaluated and two closed. Dates are relative to
// today ({ d }: days from today; { m, day }: a day of the month m months from this one), so the demo is always
// current; people are named by first name (unique in demo-catalog.ts).

export type Outcome =
  'accepted' | 'waitlisted' | 'declined' | 'expired' | 'withdrawn' | 'sent' | 'undeliverable' | 'draft';
export type Reason = 'timing' | 'health' | 'too_much' | 'not_relevant' | 'other';
export type Phase = 'idea' | 'planning' | 'running' | 'evaluating' | 'closed';
export type Level = 'inform' | 'consult' | 'involve' | 'collaborate' | 'empower';

export interface InvitationSpec {
  who: string;
  outcome: Outcome;
  /** Sent this many days from today (default: the project's invitation day). */
  sent?: number;
  /** Answered (or withdrawn) this many days after it was sent (default: worked out from the outcome). */
  after?: number;
  reason?: Reason;
  text?: string;
  note?: string;
}

export interface MeetingSpec {
  when: When;
  hour: number;
  minutes: number;
  activity?: 'meeting' | 'workshop';
  agenda: string;
}

/** Work outside the meetings (a document review, interviews, a survey, a course). */
export interface ExtraWork {
  when: When;
  activity: 'document_review' | 'interview' | 'survey' | 'training' | 'workshop';
  minutes: number;
  inPerson: boolean;
  /** First names; default the whole team at that day. */
  who?: string[];
}

export interface ImpactSpec {
  said: string;
  changed?: string;
  status: 'proposed' | 'adopted' | 'rejected';
  rejectedReason?: string;
  decided?: When;
  fedBack?: When;
  people: string[];
}

export interface ProjectSpec {
  title: string;
  purpose: string;
  whatMatters: string;
  unit: number;
  owner: number;
  facilitator: 'facilitator' | 'admin' | 'colleague';
  /** Handed over to the facilitator above by another (the hand-over's day). */
  handedOver?: { from: 'facilitator' | 'admin'; on: When };
  /** The meetings were made as one recurring series. */
  meetingSeries?: boolean;
  targetLevel: Level;
  seats: number;
  starts: When | null;
  ends: When | null;
  location: string;
  online: boolean;
  languages: string[];
  sensitive: boolean;
  honorarium: boolean;
  created: When;
  /** The phases after "idea", each from a day. */
  phases: Array<[Exclude<Phase, 'idea'>, When]>;
  requirements: Array<[SkillKey, 'must' | 'nice', number]>;
  invitedOn?: When;
  invitations: InvitationSpec[];
  meetings: MeetingSpec[];
  extra?: ExtraWork[];
  impacts?: ImpactSpec[];
  /** Take part as part of a paid job (no honorarium). */
  paidJob?: string[];
  /** Declined the honorarium. */
  declinesPayment?: string[];
}

/** A series of meetings on one day of several months. */
function monthly(months: number[], day: number, hour: number, minutes: number, agendas: string[]): MeetingSpec[] {
  return months.map((m, i) => ({ when: { m, day }, hour, minutes, agenda: agendas[i % agendas.length]! }));
}

export const PROJECTS: ProjectSpec[] = [
  {
    title: 'Lavterskeltilbud for unge voksne',
    purpose: 'Utforme et drop-in-tilbud innen psykisk helse for unge voksne mellom 18 og 30 år.',
    whatMatters: 'Å slippe å vente på henvisning; å bli møtt av noen som har vært der selv.',
    unit: 5,
    owner: 7,
    facilitator: 'colleague',
    handedOver: { from: 'facilitator', on: { d: -5 } },
    targetLevel: 'involve',
    seats: 4,
    starts: { d: 45 },
    ends: { d: 300 },
    location: '',
    online: true,
    languages: ['nb', 'en'],
    sensitive: true,
    honorarium: true,
    created: { d: -20 },
    phases: [],
    requirements: [
      ['mental', 'must', 1],
      ['english', 'nice', 1],
    ],
    invitations: [],
    meetings: [],
  },
  {
    title: 'Digital hjemmeoppfølging med nettbrett',
    purpose: 'Prøve ut videosamtaler og målinger hjemme for brukere av hjemmetjenesten i sone sør.',
    whatMatters: 'At teknologien ikke erstatter besøkene, men gir trygghet mellom dem.',
    unit: 1,
    owner: 2,
    facilitator: 'admin',
    targetLevel: 'consult',
    seats: 3,
    starts: null,
    ends: null,
    location: '',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { d: -8 },
    phases: [],
    requirements: [],
    invitations: [],
    meetings: [],
  },
  {
    title: 'Bedre innkomst på sykehjemmet',
    purpose: 'Gjøre de første ukene på Solheim tryggere for nye beboere og deres pårørende.',
    whatMatters: 'Å bli kjent med de ansatte før flyttingen; å vite hvem man skal ringe.',
    unit: 4,
    owner: 6,
    facilitator: 'facilitator',
    meetingSeries: true,
    targetLevel: 'collaborate',
    seats: 4,
    starts: { d: 14 },
    ends: { d: 200 },
    location: 'Solheim sykehjem, møterom 2',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { d: -40 },
    phases: [['planning', { d: -21 }]],
    requirements: [
      ['dementia', 'must', 1],
      ['course', 'nice', 1],
      ['project', 'nice', 2],
    ],
    invitations: [
      { who: 'Mona', outcome: 'accepted', sent: -5, after: 2 },
      { who: 'Marit', outcome: 'declined', sent: -5, after: 3, reason: 'timing', text: 'Passer bedre etter nyttår.' },
      { who: 'Sigrid', outcome: 'sent', sent: -5 },
      { who: 'Randi', outcome: 'sent', sent: -4 },
      { who: 'Gro', outcome: 'draft' },
      { who: 'Berit', outcome: 'draft' },
    ],
    meetings: [
      { when: { d: 16 }, hour: 10, minutes: 120, agenda: 'Oppstart: hvordan oppleves innflyttingen i dag?' },
      { when: { d: 44 }, hour: 10, minutes: 120, agenda: 'Velkomstsamtalen og kontaktperson' },
      { when: { d: 72 }, hour: 10, minutes: 120, agenda: 'Forslag til ny innkomstrutine' },
    ],
  },
  {
    title: 'Tryggere legemiddelhåndtering hjemme',
    purpose: 'Færre feil med medisiner hos brukere av hjemmetjenesten: multidose, dosetter og beskjeder.',
    whatMatters: 'Å forstå hvorfor medisinene endres, og å ha én å spørre.',
    unit: 0,
    owner: 1,
    facilitator: 'facilitator',
    targetLevel: 'involve',
    seats: 3,
    starts: { d: 21 },
    ends: { d: 180 },
    location: 'Hjemmetjenesten nord, Storgata 10',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { d: -45 },
    phases: [['planning', { d: -30 }]],
    requirements: [
      ['homecare', 'must', 1],
      ['copd', 'nice', 1],
      ['diabetes', 'nice', 1],
    ],
    invitations: [
      { who: 'Ulf', outcome: 'expired', sent: -20 },
      { who: 'Torbjørn', outcome: 'accepted', sent: -12, after: 2 },
      { who: 'Terje', outcome: 'sent', sent: -12 },
      { who: 'Tove', outcome: 'sent', sent: -12 },
      {
        who: 'Stian',
        outcome: 'withdrawn',
        sent: -12,
        after: 4,
        note: 'Har fått fast jobb på dagtid; tar kontakt senere.',
      },
      { who: 'Geir', outcome: 'undeliverable', sent: -12 },
    ],
    meetings: [
      { when: { d: 23 }, hour: 13, minutes: 120, agenda: 'Oppstart: erfaringer med multidose og dosett' },
      { when: { d: 51 }, hour: 13, minutes: 120, agenda: 'Beskjeder ved endret medisinering' },
    ],
  },
  {
    title: 'Pårørendeskole for demens',
    purpose: 'En kursrekke for pårørende til hjemmeboende med demens, utviklet sammen med pårørende.',
    whatMatters: 'Å møte andre i samme situasjon; praktiske råd om hverdagen og avlastning.',
    unit: 4,
    owner: 6,
    facilitator: 'facilitator',
    targetLevel: 'involve',
    seats: 5,
    starts: { m: -5, day: 1 },
    ends: { m: 2, day: 28 },
    location: 'Solheim sykehjem, kantina',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { m: -7, day: 12 },
    phases: [
      ['planning', { m: -6, day: 1 }],
      ['running', { m: -5, day: 1 }],
    ],
    requirements: [
      ['dementia', 'must', 2],
      ['teaching', 'nice', 1],
    ],
    invitedOn: { m: -6, day: 5 },
    invitations: [
      { who: 'Åshild', outcome: 'accepted' },
      { who: 'Ingeborg', outcome: 'accepted' },
      { who: 'Sigurd', outcome: 'accepted' },
      { who: 'Berit', outcome: 'accepted' },
      { who: 'Hanne', outcome: 'accepted' },
      { who: 'Randi', outcome: 'waitlisted' },
      { who: 'Gro', outcome: 'waitlisted' },
      { who: 'Marit', outcome: 'declined', reason: 'health' },
      { who: 'Sigrid', outcome: 'declined', reason: 'timing' },
    ],
    meetings: [
      ...monthly([-5, -4], 9, 17, 120, ['Hva trenger pårørende å vite først?', 'Kursplan og temaer']),
      { when: { m: -3, day: 9 }, hour: 17, minutes: 180, activity: 'workshop', agenda: 'Verksted: avlastning' },
      ...monthly([-2, -1], 9, 17, 120, ['Prøvekveld med pårørende', 'Hva lærte vi av prøvekvelden?']),
      { when: { d: 10 }, hour: 17, minutes: 120, agenda: 'Kursmateriell og invitasjon' },
      { when: { d: 38 }, hour: 17, minutes: 120, agenda: 'Evaluering av første kurs' },
    ],
    extra: [{ when: { m: -4, day: 25 }, activity: 'training', minutes: 180, inPerson: true, who: ['Sigurd', 'Berit'] }],
    impacts: [
      {
        said: 'Det er vanskelig å komme på kurs når ingen kan være hos mor imens.',
        status: 'proposed',
        people: ['Ingeborg', 'Hanne'],
      },
    ],
  },
  {
    title: 'Samvalg hos fastlegen',
    purpose: 'Innføre samvalg (felles beslutninger) for pasienter med kronisk sykdom på Sentrum legekontor.',
    whatMatters: 'Å få tid til å tenke seg om, og å bli spurt om hva som betyr mest i eget liv.',
    unit: 2,
    owner: 3,
    facilitator: 'facilitator',
    targetLevel: 'consult',
    seats: 4,
    starts: { m: -6, day: 1 },
    ends: { m: 3, day: 30 },
    location: 'Sentrum legekontor, 2. etasje',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { m: -8, day: 3 },
    phases: [
      ['planning', { m: -7, day: 10 }],
      ['running', { m: -6, day: 1 }],
    ],
    requirements: [
      ['diabetes', 'nice', 1],
      ['copd', 'nice', 1],
      ['plain', 'nice', 1],
    ],
    invitedOn: { m: -7, day: 14 },
    invitations: [
      { who: 'Håkon', outcome: 'accepted' },
      { who: 'Jon', outcome: 'accepted' },
      { who: 'Nils', outcome: 'accepted' },
      { who: 'Tomasz', outcome: 'accepted' },
      { who: 'Inger', outcome: 'waitlisted' },
      { who: 'Solveig', outcome: 'withdrawn', note: 'Prosjektet passet dårlig med egen situasjon; avtalt på telefon.' },
      { who: 'Magnus', outcome: 'expired' },
      { who: 'Karin', outcome: 'declined', reason: 'too_much' },
    ],
    meetings: [
      ...monthly([-6, -5], 14, 14, 120, ['Hva er samvalg?', 'Samvalgsverktøy for diabetes']),
      ...monthly([-3, -2, -1], 14, 14, 120, [
        'Samvalgsverktøy for KOLS',
        'Legenes erfaringer så langt',
        'Skriftlig sammendrag av timen',
      ]),
      { when: { d: 7 }, hour: 14, minutes: 120, agenda: 'Plan for evaluering' },
    ],
    extra: [
      { when: { m: -4, day: 20 }, activity: 'interview', minutes: 60, inPerson: true, who: ['Håkon', 'Jon', 'Tomasz'] },
    ],
    impacts: [
      {
        said: 'Vi får ikke med oss alt legen sier i løpet av en kort time.',
        changed: 'Legekontoret gir et skriftlig sammendrag av timen, og samvalgsverktøy brukes ved nye diagnoser.',
        status: 'adopted',
        decided: { m: -1, day: 20 },
        people: ['Håkon', 'Nils'],
      },
      {
        said: 'Pasienter med flere diagnoser trenger lengre timer.',
        status: 'proposed',
        people: ['Jon'],
      },
    ],
  },
  {
    title: 'Ungdomshelse på helsestasjonen',
    purpose: 'Et bedre tilbud til ungdom med kronisk sykdom og foreldrene deres i overgangen til voksenlivet.',
    whatMatters: 'At ungdommen selv blir snakket med, ikke om; at foreldrene vet når de skal slippe taket.',
    unit: 3,
    owner: 4,
    facilitator: 'colleague',
    targetLevel: 'involve',
    seats: 4,
    starts: { m: -4, day: 1 },
    ends: { m: 4, day: 30 },
    location: 'Helsestasjonen, Kirkegata 3',
    online: false,
    languages: ['nb', 'en'],
    sensitive: false,
    honorarium: true,
    created: { m: -6, day: 2 },
    phases: [
      ['planning', { m: -5, day: 8 }],
      ['running', { m: -4, day: 1 }],
    ],
    requirements: [
      ['parent', 'must', 1],
      ['english', 'nice', 1],
    ],
    invitedOn: { m: -5, day: 12 },
    invitations: [
      { who: 'Kjersti', outcome: 'accepted' },
      { who: 'Amina', outcome: 'accepted' },
      { who: 'Fadumo', outcome: 'accepted' },
      { who: 'Jørgen', outcome: 'accepted' },
      { who: 'Hilde', outcome: 'waitlisted' },
      { who: 'Yusuf', outcome: 'declined', reason: 'timing' },
      { who: 'Karin', outcome: 'declined', reason: 'not_relevant' },
    ],
    meetings: [
      ...monthly([-4, -3, -2, -1], 22, 16, 120, [
        'Oppstart: hva er vanskelig i overgangen?',
        'Samtale med ungdommer fra ungdomsrådet',
        'Egen time for ungdommen fra 16 år',
        'Informasjon på flere språk',
      ]),
      { when: { d: 20 }, hour: 16, minutes: 120, agenda: 'Forslag til ny overgangsplan' },
    ],
  },
  {
    title: 'Fra institusjon til egen bolig',
    purpose: 'Oppfølging de første månedene etter utskrivning fra rusbehandling til egen bolig.',
    whatMatters: 'Å ha noen å ringe på kvelden; at hjelpen ikke stopper på fredag.',
    unit: 5,
    owner: 8,
    facilitator: 'facilitator',
    targetLevel: 'collaborate',
    seats: 3,
    starts: { m: -3, day: 1 },
    ends: { m: 5, day: 30 },
    location: '',
    online: true,
    languages: ['nb'],
    sensitive: true,
    honorarium: true,
    created: { m: -5, day: 5 },
    phases: [
      ['planning', { m: -4, day: 2 }],
      ['running', { m: -3, day: 1 }],
    ],
    requirements: [
      ['substance', 'must', 1],
      ['mental', 'nice', 1],
    ],
    invitedOn: { m: -4, day: 6 },
    invitations: [
      { who: 'Jon', outcome: 'accepted' },
      { who: 'Øyvind', outcome: 'accepted' },
      { who: 'Kirsten', outcome: 'accepted' },
      { who: 'Pål', outcome: 'declined', reason: 'too_much' },
      { who: 'Wenche', outcome: 'expired' },
      { who: 'David', outcome: 'declined', reason: 'timing' },
    ],
    meetings: [
      ...monthly([-3, -2, -1], 5, 18, 90, [
        'Oppstart: de første ukene etter utskrivning',
        'Kveldstelefon: hvem svarer?',
        'Samarbeid med NAV og boligkontoret',
      ]),
      { when: { d: 12 }, hour: 18, minutes: 90, agenda: 'Utkast til oppfølgingsplan' },
    ],
  },
  {
    title: 'Hverdagsrehabilitering etter sykehusopphold',
    purpose: 'Raskere og tryggere hjem etter sykehus, med trening i eget hjem de første ukene.',
    whatMatters: 'Å klare seg selv igjen; å ikke bli sittende alene i helgene etter utskrivning.',
    unit: 6,
    owner: 9,
    facilitator: 'admin',
    targetLevel: 'involve',
    seats: 4,
    starts: { m: -10, day: 1 },
    ends: { m: -1, day: 28 },
    location: 'Frisklivssentralen, Parkveien 5',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { m: -12, day: 15 },
    phases: [
      ['planning', { m: -11, day: 1 }],
      ['running', { m: -10, day: 1 }],
      ['evaluating', { m: -1, day: 28 }],
    ],
    requirements: [
      ['stroke', 'nice', 1],
      ['copd', 'nice', 1],
    ],
    invitedOn: { m: -11, day: 5 },
    invitations: [
      { who: 'Åshild', outcome: 'accepted' },
      { who: 'Æsa', outcome: 'accepted' },
      { who: 'Amina', outcome: 'accepted' },
      { who: 'Elle Márjá', outcome: 'accepted' },
      { who: 'Sarah', outcome: 'waitlisted' },
      { who: 'Svein', outcome: 'expired' },
      { who: 'Magnus', outcome: 'declined', reason: 'timing' },
      { who: 'Ulf', outcome: 'declined', reason: 'health' },
    ],
    meetings: monthly([-10, -9, -8, -7, -6, -5, -4, -3, -2], 16, 10, 120, [
      'Oppstart og erfaringer fra utskrivning',
      'Treningsprogram i eget hjem',
      'Helg og kveld: hvem følger opp?',
      'Hjelpemidler',
      'Samarbeid med sykehuset',
    ]),
    extra: [{ when: { m: -1, day: 5 }, activity: 'survey', minutes: 30, inPerson: false }],
    impacts: [
      {
        said: 'Treningsprogrammet var vanskelig å følge alene hjemme.',
        changed: 'Programmet har fått bilder og video, og første uke følges opp med daglig telefon.',
        status: 'adopted',
        decided: { m: -2, day: 20 },
        fedBack: { m: -1, day: 2 },
        people: ['Æsa', 'Amina'],
      },
      {
        said: 'Vi ble utskrevet på fredag, og ingen kom før tirsdag.',
        changed: 'Hverdagsrehabiliteringen starter innen 24 timer etter utskrivning, også i helgene.',
        status: 'adopted',
        decided: { m: -1, day: 10 },
        people: ['Åshild', 'Elle Márjá'],
      },
      {
        said: 'Det hadde hjulpet å snakke med noen som har vært gjennom det samme.',
        status: 'proposed',
        people: ['Æsa'],
      },
    ],
  },
  {
    title: 'Vedtaksbrev i klarspråk',
    purpose: 'Skrive om vedtaksbrevene fra tildelingskontoret så de er lette å forstå.',
    whatMatters: 'Å forstå hva man har fått, hvorfor, og hvordan man klager.',
    unit: 7,
    owner: 10,
    facilitator: 'admin',
    targetLevel: 'consult',
    seats: 3,
    starts: { m: -8, day: 1 },
    ends: { m: -1, day: 20 },
    location: 'Rådhuset, møterom Fjorden',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { m: -10, day: 1 },
    phases: [
      ['planning', { m: -9, day: 5 }],
      ['running', { m: -8, day: 1 }],
      ['evaluating', { m: -1, day: 21 }],
    ],
    requirements: [
      ['plain', 'must', 2],
      ['homecare', 'nice', 1],
    ],
    invitedOn: { m: -9, day: 10 },
    invitations: [
      { who: 'Nils', outcome: 'accepted' },
      { who: 'Inger', outcome: 'accepted' },
      { who: 'Sarah', outcome: 'accepted' },
      { who: 'Knut', outcome: 'declined', reason: 'other', text: 'Jobber med det samme i eldrerådet.' },
      { who: 'Liv', outcome: 'withdrawn', note: 'Trukket: sitter allerede i et annet prosjekt denne våren.' },
      { who: 'Tomasz', outcome: 'expired' },
      { who: 'Leif', outcome: 'declined', reason: 'timing' },
    ],
    meetings: [-8, -6, -4, -2].map((m, i) => ({
      when: { m, day: 11 },
      hour: 12,
      minutes: 180,
      activity: 'workshop' as const,
      agenda: [
        'Verksted: hva er vanskelig i brevene?',
        'Verksted: ny mal',
        'Verksted: prøvelesing',
        'Verksted: ferdig mal',
      ][i]!,
    })),
    extra: [-7, -5, -3, -1].map((m) => ({
      when: { m, day: 20 },
      activity: 'document_review' as const,
      minutes: 90,
      inPerson: false,
    })),
    impacts: [
      {
        said: 'Vedtaksbrevene er fulle av paragrafer og fagord.',
        changed: 'Nye brevmaler i klarspråk: vedtaket først, begrunnelsen etterpå, klagefristen i uthevet tekst.',
        status: 'adopted',
        decided: { m: -3, day: 5 },
        fedBack: { m: -3, day: 12 },
        people: ['Nils', 'Inger', 'Sarah'],
      },
      {
        said: 'Vedtak bør også kunne sendes på SMS.',
        status: 'rejected',
        rejectedReason:
          'Vedtak inneholder helseopplysninger og kan ikke sendes på SMS. Et varsel om nytt brev på SMS er tatt inn i stedet.',
        decided: { m: -3, day: 5 },
        fedBack: { m: -3, day: 12 },
        people: ['Inger'],
      },
      {
        said: 'Det er uklart hvem man skal ringe om vedtaket.',
        changed: 'Saksbehandlerens navn og direkte telefonnummer står øverst i brevet.',
        status: 'adopted',
        decided: { m: -1, day: 15 },
        fedBack: { d: -3 },
        people: ['Nils', 'Inger', 'Sarah'],
      },
    ],
    paidJob: ['Inger'],
  },
  {
    title: 'Måltider og ernæring på sykehjemmet',
    purpose: 'Bedre måltider og mindre underernæring blant beboerne på Solheim.',
    whatMatters: 'Mat som smaker og ser ut som mat; å spise sammen med andre.',
    unit: 4,
    owner: 5,
    facilitator: 'facilitator',
    targetLevel: 'consult',
    seats: 3,
    starts: { m: -14, day: 1 },
    ends: { m: -7, day: 30 },
    location: 'Solheim sykehjem, kantina',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { m: -17, day: 3 },
    phases: [
      ['planning', { m: -16, day: 1 }],
      ['running', { m: -14, day: 1 }],
      ['evaluating', { m: -7, day: 30 }],
      ['closed', { m: -5, day: 10 }],
    ],
    requirements: [['dementia', 'nice', 1]],
    invitedOn: { m: -15, day: 5 },
    invitations: [
      { who: 'Turid', outcome: 'accepted' },
      { who: 'Marit', outcome: 'accepted' },
      { who: 'Jørgen', outcome: 'accepted' },
      { who: 'Ingeborg', outcome: 'declined', reason: 'health' },
      { who: 'Berit', outcome: 'declined', reason: 'too_much' },
    ],
    // a tasting workshop open to more of the network than the team (issue 22's survey asked them all how it was)
    extra: [
      {
        when: { m: -9, day: 5 },
        activity: 'workshop',
        minutes: 150,
        inPerson: true,
        who: ['Turid', 'Marit', 'Jørgen', 'Oddny', 'Vigdis', 'Randi', 'Karin', 'Solveig'],
      },
    ],
    meetings: monthly([-14, -13, -12, -11, -10, -9, -8], 7, 13, 120, [
      'Oppstart: måltidene i dag',
      'Smaksprøver og meny',
      'Måltidsrytme og nattfaste',
      'Spisevenner',
    ]),
    impacts: [
      {
        said: 'Kveldsmaten kommer for tidlig; natten blir lang uten mat.',
        changed: 'Kveldsmåltidet er flyttet fra 18:00 til 19:30, og nattmat tilbys på alle avdelinger.',
        status: 'adopted',
        decided: { m: -9, day: 20 },
        fedBack: { m: -9, day: 28 },
        people: ['Turid', 'Marit'],
      },
      {
        said: 'Pårørende vet ikke hva mor har spist.',
        changed: 'Kosthold og vekt føres i journalen og tas opp i pårørendesamtalen hver tredje måned.',
        status: 'adopted',
        decided: { m: -8, day: 10 },
        fedBack: { m: -8, day: 15 },
        people: ['Marit', 'Jørgen'],
      },
      {
        said: 'Hver avdeling bør ha sitt eget kjøkken.',
        status: 'rejected',
        rejectedReason: 'For kostbart i år; vurderes på nytt i budsjettet for neste år.',
        decided: { m: -8, day: 10 },
        fedBack: { m: -8, day: 15 },
        people: ['Turid'],
      },
    ],
  },
  {
    title: 'Kreftkoordinator – ett kontaktpunkt',
    purpose: 'Én fast kreftkoordinator for pasienter og pårørende gjennom hele forløpet.',
    whatMatters: 'Å slippe å fortelle historien sin på nytt til hver ny person.',
    unit: 0,
    owner: 0,
    facilitator: 'facilitator',
    targetLevel: 'involve',
    seats: 3,
    starts: { m: -12, day: 10 },
    ends: { m: -5, day: 15 },
    location: 'Hjemmetjenesten nord, Storgata 10',
    online: false,
    languages: ['nb'],
    sensitive: false,
    honorarium: true,
    created: { m: -15, day: 1 },
    phases: [
      ['planning', { m: -14, day: 10 }],
      ['running', { m: -12, day: 10 }],
      ['evaluating', { m: -5, day: 16 }],
      ['closed', { m: -3, day: 1 }],
    ],
    requirements: [['cancer', 'must', 1]],
    invitedOn: { m: -13, day: 10 },
    invitations: [
      { who: 'Anne', outcome: 'accepted' },
      { who: 'Turid', outcome: 'accepted' },
      { who: 'Odd', outcome: 'accepted' },
      { who: 'Eirik', outcome: 'expired' },
      { who: 'Pål', outcome: 'waitlisted' },
    ],
    meetings: monthly([-12, -11, -9, -7, -5], 12, 10, 120, [
      'Oppstart: forløpet sett fra pasienten',
      'Hva skal koordinatoren gjøre?',
      'Kontaktinformasjon og tilgjengelighet',
      'Erfaringer fra utprøvingen',
      'Avslutning',
    ]),
    impacts: [
      {
        said: 'Vi måtte fortelle historien vår på nytt til hver ny person.',
        changed: 'Hver pasient får én fast kreftkoordinator med direkte telefonnummer.',
        status: 'adopted',
        decided: { m: -6, day: 1 },
        fedBack: { m: -6, day: 10 },
        people: ['Anne', 'Odd'],
      },
    ],
    declinesPayment: ['Anne'],
  },
];
