// The bench row for the import preview (issue 15, finding 1): a realistic 2,000-row roster file is uploaded once,
// then the view of its preview is measured like every other page (the whole file is read and checked on each
// view; one page of rows and the mapped columns are rendered).

const KINDS = ['bruker', 'pårørende', 'brukerorganisasjon'];
const AREAS = ['Sentrum', 'Nordbyen', 'Sørbyen', 'Østsiden', 'Vestre'];
const LANGUAGES = ['norsk', 'norsk, engelsk', 'arabisk og norsk', 'somali', 'polsk, engelsk'];

/**
 * A 2,000-row roster as Norwegian Excel saves it: twelve columns (one the import does not know), consents and a
 * skills column with names from the taxonomy, and about one row in fifty with an error (a bad address, an unknown
 * skill), as a real file has.
 */
export function importBenchFile(rows: number, skillNames: string[]): string {
  const lines = [
    'Navn;E-post;Telefon;Type;Område;Språk;Oppnevnt til;Samtykke e-post;Samtykke helse;Kompetanse;Notater;Intern kode',
  ];
  for (let i = 1; i <= rows; i += 1) {
    const skills = [skillNames[i % skillNames.length], skillNames[(i * 7) % skillNames.length]]
      .map((name, k) => `${name} (${((i + k) % 3) + 1})`)
      .join(', ');
    lines.push(
      [
        `Person ${i} Benkesen`,
        i % 50 === 7 ? `ikke-en-adresse-${i}` : `person${i}@import.example`,
        `+47 9${String(i).padStart(7, '0')}`,
        KINDS[i % KINDS.length],
        AREAS[i % AREAS.length],
        LANGUAGES[i % LANGUAGES.length],
        `31.12.${2027 + (i % 3)}`,
        i % 2 ? 'ja' : 'nei',
        'ja',
        i % 50 === 23 ? `${skills}, Ukjent kurs ${i}` : `"${skills}"`,
        `"Notat om person ${i}; ønsker møter på dagtid"`,
        `K-${i}`,
      ].join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Uploads the file as the signed-in facilitator and returns the URL of its preview. */
export async function uploadImportForBench(
  base: string,
  headers: Record<string, string>,
  skillNames: string[],
  rows = 2000,
): Promise<string> {
  const page = await fetch(`${base}/representatives/import`, { headers });
  const token = /name="_csrf" value="([^"]+)"|_csrf=([^"&]+)"/.exec(await page.text());
  const csrf = decodeURIComponent(token?.[1] ?? token?.[2] ?? '');
  const form = new FormData();
  form.append('file', new Blob([importBenchFile(rows, skillNames)], { type: 'text/csv' }), 'roster.csv');
  const res = await fetch(`${base}/representatives/import?_csrf=${encodeURIComponent(csrf)}`, {
    method: 'POST',
    redirect: 'manual',
    headers,
    body: form,
  });
  const location = res.headers.get('location');
  if (res.status !== 303 || !location) throw new Error(`uploading the import file answered ${res.status}`);
  const preview = await fetch(`${base}${location}`, { headers });
  const text = await preview.text();
  if (preview.status !== 200 || !/id="line-\d+"/.test(text))
    throw new Error(`the import preview answered ${preview.status}`);
  return `${base}${location}`;
}
