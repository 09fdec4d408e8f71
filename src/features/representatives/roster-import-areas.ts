import { areaKey } from '../areas/areas.model.js';
import type { RepresentativeInput } from './representatives.model.js';

/** What the import needs of the areas feature: the organisation's areas. */
export interface ImportAreas {
  list(organisationId: number): Promise<Array<{ id: number; name: string; archived: boolean }>>;
}

/**
 * The import's area matching, for an organisation: an area in the file that names one of its areas in use (by the
 * area's key) is that area; any other is kept as written and waits at /admin/areas to be mapped.
 */
export async function areaMatcher(
  areas: ImportAreas,
  organisationId: number,
): Promise<(input: RepresentativeInput) => RepresentativeInput> {
  const byKey = new Map((await areas.list(organisationId)).filter((a) => !a.archived).map((a) => [areaKey(a.name), a]));
  return (input) => {
    const area = input.area ? byKey.get(areaKey(input.area)) : undefined;
    return area ? { ...input, area: area.name, areaId: area.id } : input;
  };
}
