/**
 * Where the FOI feature meets the store: gathering what the figures need, and saving
 * imports. Shared by the Teams command and the command-line tools.
 */
import { moveStatus } from '../../shared/report-status.js';
import type { FoiInputs } from '../../store/report-counts.js';
import type { Store } from '../../store/store.js';
import type { Employee, NewReport } from '../../store/types.js';
import { countQuery, figuresFromCounts, type FoiFigures } from './figures.js';
import type { Organisation } from './organisation.js';

export interface FigureRequest {
  asOf: string;
  since?: string;
  timeZone: string;
}

/**
 * Every figure as of `request.asOf`: the store counts the reports where they are (in SQL for
 * PostgreSQL) and gives back numbers and the people counted, never the reports, so time and
 * memory here grow with the staff, not with the history of reports.
 */
export async function figuresFromStore(store: Store, organisation: Organisation, request: FigureRequest): Promise<FoiFigures> {
  const [employees, profiles, counts] = await Promise.all([store.people.listEmployees(), store.people.listProfiles(), store.reports.countForFoi(countQuery(request))]);
  return figuresFromInputs({ employees, profiles, counts }, organisation, request);
}

/** Every figure from inputs counted for {@link countQuery} of `request`, by a store or from its files. */
export function figuresFromInputs({ employees, profiles, counts }: FoiInputs, organisation: Organisation, request: FigureRequest): FoiFigures {
  return figuresFromCounts({ ...request, employees, profiles, organisation }, counts);
}

export interface ReportImportOutcome {
  added: number;
  alreadyThere: number;
  statusChanged: number;
  /** Rows with a new status that could not be stored: the report was being changed at the same moment, or was erased. */
  notChanged: number;
}

/**
 * Stores imported reports. A row seen before (same submission id) adds nothing; if its
 * status differs in the new file, the status is updated and the change recorded. A status
 * that could not be changed is counted apart, never as already there, so the import can be
 * run again for it.
 */
export async function saveImportedReports(store: Store, reports: NewReport[], at: string): Promise<ReportImportOutcome> {
  const outcome: ReportImportOutcome = { added: 0, alreadyThere: 0, statusChanged: 0, notChanged: 0 };
  for (const draft of reports) {
    const { report, created } = await store.reports.add(draft);
    if (created) outcome.added++;
    else if (report.status !== draft.status && report.source === 'import') {
      const moved = await moveStatus(store.reports, report, 'import', draft.status, 'import', at);
      if (moved.outcome === 'changed') outcome.statusChanged++;
      else if (moved.outcome === 'refused' && moved.reason === 'same-status') outcome.alreadyThere++;
      else outcome.notChanged++;
    } else outcome.alreadyThere++;
  }
  return outcome;
}

/** Stores roster rows, updating people already on the roster by employee id. */
export async function saveRoster(store: Store, employees: Employee[]): Promise<{ added: number; updated: number }> {
  return store.people.upsertEmployees(employees);
}
