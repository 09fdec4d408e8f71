import { searchKey } from '../../lib/text.js';

/** The organisation's areas (districts), and the population shares the report compares the network with (issue 22). */
export interface Area {
  id: number;
  name: string;
  archived: boolean;
  /** Active representatives with this area. */
  people: number;
}

/** A free-text area recorded before the organisation kept a list, not yet mapped to one of its areas. */
export interface UnmappedArea {
  text: string;
  people: number;
}

export const POPULATION_DIMENSIONS = ['age', 'gender', 'area'] as const;
export type PopulationDimension = (typeof POPULATION_DIMENSIONS)[number];

export interface PopulationShares {
  /** Per dimension: category → share in tenths of a percent. */
  shares: Record<PopulationDimension, Record<string, number>>;
  sources: Partial<Record<PopulationDimension, { source: string; year: number; updatedAt: string }>>;
}

/** The comparison key of an area's name: case and accents aside, so "Sentrum" and "sentrum " are one area. */
export const areaKey = (name: string) => searchKey(name).slice(0, 120);
