import type { Db } from '../../db.js';
import { ImpactFiguresRepository } from './impact-figures.repository.js';
import { InvitationFiguresRepository } from './invitation-figures.repository.js';
import { InvolvementFiguresRepository } from './involvement-figures.repository.js';
import { NetworkFiguresRepository } from './network-figures.repository.js';
import { RepresentationFiguresRepository } from './representation-figures.repository.js';

export type { Scope } from './report-queries.repository.js';

/**
 * The report's figures, mostly one aggregate query each on the database (counts, sums, grouped rows); medians are
 * taken from histograms the database grouped. The period's attended involvement is the exception: it is read once,
 * nine small columns a row from a covering index, and grouped six ways in JavaScript (issue 26: five grouped scans
 * of the same rows cost twice as much as one read).
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
