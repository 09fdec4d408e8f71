import { expect } from 'chai';
import {
  closestSkills,
  editDistance,
  parseLanguages,
  parseSkillCell,
  parseWrittenLanguage,
  parseYesNo,
  type TaxonomySkill,
} from '../../../src/features/representatives/import-cells.js';

const TAXONOMY: TaxonomySkill[] = [
  { id: 1, nameNb: 'Diabetes', nameEn: 'Diabetes', category: 'lived_experience' },
  { id: 2, nameNb: 'Psykisk helse', nameEn: 'Mental health', category: 'lived_experience' },
  { id: 3, nameNb: 'Prosjektarbeid', nameEn: 'Project work', category: 'competence' },
  { id: 4, nameNb: 'Rus, avhengighet', nameEn: 'Substance use, addiction', category: 'lived_experience' },
  { id: 5, nameNb: 'Diabetes type 2', nameEn: 'Type 2 diabetes', category: 'lived_experience' },
  { id: 6, nameNb: 'Kurs i brukermedvirkning', nameEn: 'Course in user participation', category: 'training' },
];

describe('import cells: consent values', () => {
  const cases: Array<[string, boolean | undefined]> = [
    ['ja', true],
    ['Ja', true],
    [' JA ', true],
    ['j', true],
    ['yes', true],
    ['Y', true],
    ['x', true],
    ['1', true],
    ['true', true],
    ['sant', true],
    ['nei', false],
    ['Nei.', false],
    ['n', false],
    ['no', false],
    ['0', false],
    ['false', false],
    ['', false],
    ['-', false],
    ['kanskje', undefined],
    ['ja?', undefined],
    ['2', undefined],
    ['yes please', undefined],
  ];
  for (const [cell, expected] of cases) {
    it(`reads ${JSON.stringify(cell)} as ${expected === undefined ? 'neither yes nor no' : expected ? 'yes' : 'no'}`, () => {
      expect(parseYesNo(cell)).to.equal(expected);
    });
  }
});

describe('import cells: languages', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['norsk', ['nb'], []],
    ['Bokmål', ['nb'], []],
    ['bokmal', ['nb'], []],
    ['NYNORSK', ['nn'], []],
    ['Norsk (nynorsk)', ['nn'], []],
    ['Norwegian', ['nb'], []],
    ['norsk, engelsk', ['nb', 'en'], []],
    ['English; Arabic', ['en', 'ar'], []],
    ['arabisk og somali', ['ar', 'so'], []],
    ['Polsk / polish', ['pl'], []],
    ['tigrinja, Tigrinya', ['ti'], []],
    ['farsi', ['fa'], []],
    ['Samisk', ['se'], []],
    ['nb, en', ['nb', 'en'], []],
    ['', [], []],
    ['norsk, klingon', ['nb'], ['klingon']],
  ];
  for (const [cell, codes, unknown] of cases) {
    it(`reads ${JSON.stringify(cell)} as [${codes.join(', ')}]${unknown.length ? ` and does not know ${unknown.join(', ')}` : ''}`, () => {
      expect(parseLanguages(cell)).to.deep.equal({ codes, unknown });
    });
  }
});

describe('import cells: edit distance', () => {
  const cases: Array<[string, string, number]> = [
    ['', '', 0],
    ['diabetes', 'diabetes', 0],
    ['diabetis', 'diabetes', 1],
    ['diabets', 'diabetes', 1],
    ['daibetes', 'diabetes', 1],
    ['prosjekt', 'prosjektarbeid', 6],
    ['', 'abc', 3],
  ];
  for (const [a, b, d] of cases) {
    it(`puts ${JSON.stringify(a)} ${d} edit(s) from ${JSON.stringify(b)}`, () => {
      expect(editDistance(a, b)).to.equal(d);
      expect(editDistance(b, a)).to.equal(d);
    });
  }
});

describe('import cells: closest names', () => {
  const cases: Array<[string, number[]]> = [
    ['Diabetis', [1, 5]],
    ['diabetes typ 2', [5, 1]],
    ['Prosjekt', [3]],
    ['mental helth', [2]],
    ['psykisk', [2]],
    ['kurs', [6]],
    ['Zebra', []],
  ];
  for (const [query, ids] of cases) {
    it(`suggests [${ids.join(', ')}] for ${JSON.stringify(query)}`, () => {
      expect(closestSkills(query, TAXONOMY).map((s) => s.id)).to.deep.equal(ids);
    });
  }

  it('suggests at most three names', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({
      id: i + 1,
      nameNb: `Kurs ${i + 1}`,
      nameEn: `Course ${i + 1}`,
      category: 'training' as const,
    }));
    expect(closestSkills('kurs', many)).to.have.length(3);
  });
});

describe('import cells: skill cells', () => {
  const cases: Array<[string, Array<{ skillId: number; level: number }>, string[]]> = [
    ['', [], []],
    ['Diabetes', [{ skillId: 1, level: 1 }], []],
    ['diabetes (3)', [{ skillId: 1, level: 3 }], []],
    ['Mental health: 2', [{ skillId: 2, level: 2 }], []],
    ['Prosjektarbeid 2', [{ skillId: 3, level: 2 }], []],
    ['Prosjektarbeid (nivå 3)', [{ skillId: 3, level: 3 }], []],
    ['Prosjektarbeid (ekspert)', [{ skillId: 3, level: 3 }], []],
    // a name that ends in a digit is a name, not a level
    ['Diabetes type 2', [{ skillId: 5, level: 1 }], []],
    ['Diabetes type 2 (2)', [{ skillId: 5, level: 2 }], []],
    // a comma inside a taxonomy name does not split it
    [
      'Rus, avhengighet (2); Prosjektarbeid',
      [
        { skillId: 4, level: 2 },
        { skillId: 3, level: 1 },
      ],
      [],
    ],
    [
      'Psykisk helse, Project work (3)',
      [
        { skillId: 2, level: 1 },
        { skillId: 3, level: 3 },
      ],
      [],
    ],
    // the same skill twice keeps the higher level
    ['Diabetes (1), diabetes (3)', [{ skillId: 1, level: 3 }], []],
    ['Diabetis', [], ['unknown:Diabetis:1,5']],
    ['Diabetes (4)', [], ['level:Diabetes:4']],
    ['Prosjektarbeid: 0', [], ['level:Prosjektarbeid:0']],
    ['Prosjektarbeid (høy)', [], ['level:Prosjektarbeid:høy']],
    ['Zebra (2), Diabetes', [{ skillId: 1, level: 1 }], ['unknown:Zebra (2):']],
  ];
  for (const [cell, skills, problems] of cases) {
    it(`reads ${JSON.stringify(cell)}`, () => {
      const parsed = parseSkillCell(cell, TAXONOMY);
      expect(parsed.skills.map((s) => ({ skillId: s.skill.id, level: s.level }))).to.deep.equal(skills);
      expect(
        parsed.problems.map((p) =>
          p.kind === 'unknown'
            ? `unknown:${p.text}:${p.closest.map((s) => s.id).join(',')}`
            : p.kind === 'level'
              ? `level:${p.skill.nameNb}:${p.level}`
              : `tooMany:${p.count}`,
        ),
      ).to.deep.equal(problems);
    });
  }
});

describe('a written-language cell', () => {
  it('reads Nynorsk, Bokmål and English as people write them, and knows nothing else', () => {
    for (const [cell, code] of [
      ['nynorsk', 'nn'],
      ['NN', 'nn'],
      ['Norsk nynorsk', 'nn'],
      ['bokmål', 'nb'],
      ['Bokmal', 'nb'],
      ['nb', 'nb'],
      ['norsk', 'nb'],
      ['English', 'en'],
      ['engelsk', 'en'],
      ['en', 'en'],
    ] as const) {
      expect(parseWrittenLanguage(cell), cell).to.equal(code);
    }
    expect(parseWrittenLanguage('  ')).to.equal(undefined);
    expect(parseWrittenLanguage('samisk')).to.equal(null);
    expect(parseWrittenLanguage('fr')).to.equal(null);
  });
});
