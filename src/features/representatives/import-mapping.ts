import type { ConsentPurpose } from './representatives.model.js';

/** The roster fields a CSV column can be mapped to. */
export const IMPORT_FIELDS = [
  'name',
  'email',
  'phone',
  'kind',
  'area',
  'languages',
  'writtenLanguage',
  'nominatingOrganisation',
  'termStart',
  'termEnd',
  'preferredContact',
  'postalAddress',
  'accessibilityNeeds',
  'notes',
  'consentRoster',
  'consentEmail',
  'consentHealth',
  'consentNamed',
  'skills',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type Mapping = Record<string, ImportField | ''>;

/** The consent columns and the purpose each records. */
export const CONSENT_FIELDS: ReadonlyArray<[ImportField, ConsentPurpose]> = [
  ['consentRoster', 'roster'],
  ['consentEmail', 'email_contact'],
  ['consentHealth', 'health_experience'],
  ['consentNamed', 'named_in_reports'],
];

/** Fields several columns may be mapped to (a file with "Kompetanse" and "Erfaring" columns); the others take one. */
export const REPEATABLE_FIELDS: ReadonlySet<ImportField> = new Set(['skills']);

/** Fields that hold several lines of text: control characters but tab and line breaks are stripped from them. */
export const MULTILINE_IMPORT_FIELDS: ReadonlySet<ImportField> = new Set([
  'postalAddress',
  'accessibilityNeeds',
  'notes',
]);

// header words Norwegian and English spreadsheets use for each field
const HEADER_GUESSES: Record<ImportField, string[]> = {
  name: ['navn', 'fullt navn', 'name', 'full name'],
  email: ['e-post', 'epost', 'e-postadresse', 'email', 'e-mail', 'mail'],
  phone: ['telefon', 'tlf', 'mobil', 'telefonnummer', 'phone', 'mobile', 'telephone'],
  kind: ['type', 'rolle', 'kind', 'representant'],
  area: ['område', 'bydel', 'area', 'district'],
  languages: ['språk', 'languages', 'language'],
  writtenLanguage: ['målform', 'skriftspråk', 'skriftleg språk', 'written language', 'language for letters'],
  nominatingOrganisation: ['brukerorganisasjon', 'organisasjon', 'oppnevnt av', 'organisation', 'nominated by'],
  termStart: ['oppnevnt fra', 'fra', 'start', 'term start'],
  termEnd: ['oppnevnt til', 'til', 'slutt', 'term end'],
  preferredContact: ['kontaktmåte', 'foretrukket kontakt', 'preferred contact', 'contact'],
  postalAddress: ['adresse', 'postadresse', 'address', 'postal address'],
  accessibilityNeeds: ['tilrettelegging', 'behov for tilrettelegging', 'accessibility', 'accessibility needs'],
  notes: ['notat', 'notater', 'merknad', 'notes', 'note'],
  consentRoster: [
    'samtykke oversikt',
    'samtykke til oversikt',
    'samtykke register',
    'samtykke roster',
    'roster consent',
    'consent roster',
    'consent to roster',
  ],
  consentEmail: [
    'samtykke e-post',
    'samtykke epost',
    'samtykke kontakt',
    'e-postsamtykke',
    'email consent',
    'e-mail consent',
    'consent email',
    'consent e-mail',
  ],
  consentHealth: [
    'samtykke helse',
    'samtykke helseopplysninger',
    'samtykke erfaring',
    'health consent',
    'consent health',
  ],
  consentNamed: [
    'samtykke navn',
    'samtykke navn i rapporter',
    'navn i rapporter',
    'named in reports',
    'consent named',
    'consent name',
  ],
  skills: [
    'kompetanse',
    'ferdigheter',
    'erfaring',
    'erfaringskompetanse',
    'kurs',
    'skills',
    'skill',
    'experience',
    'lived experience',
    'training',
  ],
};

/** A first guess at the mapping from the file's headers. */
export function guessMapping(header: string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<ImportField>();
  for (const column of header) {
    const key = column.trim().toLocaleLowerCase('nb').replace(/\s+/g, ' ');
    const field = IMPORT_FIELDS.find((f) => !used.has(f) && HEADER_GUESSES[f].includes(key));
    mapping[column] = field ?? '';
    if (field && !REPEATABLE_FIELDS.has(field)) used.add(field);
  }
  return mapping;
}

/** The mapping chosen on the form (`column_0`, `column_1`, … as field names); unknown values mean "skip". */
export function mappingFromForm(header: string[], form: Record<string, unknown>): Mapping {
  const mapping: Mapping = {};
  header.forEach((column, index) => {
    const value = form[`column_${index}`];
    mapping[column] =
      typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value) ? (value as ImportField) : '';
  });
  return mapping;
}

/** Whether a form carries a mapping (the confirmation form does, so that a changed mapping is not lost). */
export const formHasMapping = (form: Record<string, unknown>): boolean =>
  Object.keys(form).some((key) => /^column_\d+$/.test(key));
