import type { Db } from '../../db.js';
import { ImpactFiguresRepository } from './impact-figures.repository.js';
import { InvitationFiguresRepository } from './invitation-figures.repository.js';
import { InvolvementFiguresRepository } from './involvement-figures.repository.js';
import { NetworkFiguresRepository } from './network-figures.repository.js';
import { RepresentationFiguresRepository } from './representation-figures.repository.js';

export type { Scope } from './report-queries.repository.js';

/**
 * The report's figures, each one aggregate query on the database (counts, sums, grouped rows), so that a year of
 * 100,000 involvements is never loaded into JavaScript. Medians are taken from histograms the database grouped.
 * One repository per seam: involvement logged, invitations, impacts, the network of representatives, and the
 * network against the population (representation). The survey's answers come from the surveys feature.
 */
export class ReportsRepository {
  readonly involvement: InvolvementFiguresRepository;
  readonly invitations: InvitationFiguresRepository;
  readonly impacts: ImpactFiguresRepository;
  readonly network: NetworkFiguresRepository;
  readonly representation: RepresentationFiguresRepository;

  constructor(db: Db) {
    this.involvement = new InvolvementFiguresRepository(db);
    this.invitations = new InvitationFiguresRepository(db);
    this.impacts = new ImpactFiguresRepository(db);
    this.network = new NetworkFiguresRepository(db);
    this.representation = new RepresentationFiguresRepository(db);
  }
}
