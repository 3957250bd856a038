/**
 * A report's life: which status may follow which, and who may make each move. Every change
 * of a report's status goes through {@link statusMove}; the store then makes the move only if
 * the report still has the status the decision was made on, so two people acting at once
 * (a withdrawal and a manager's "Mark resolved") cannot both win.
 */
import type { ReportStore } from '../store/reports.js';
import type { Report, ReportStatus } from '../store/types.js';

/**
 * Who moves a status: the person who reported it, their manager (or an FOI officer acting
 * for one), or the reports import, which mirrors the status held in the council's own system.
 */
export type StatusActor = 'reporter' | 'manager' | 'import';

/** The moves each actor may make, from each status. Resolved, withdrawn and voided reports are closed. */
const MOVES: Record<Exclude<StatusActor, 'import'>, Partial<Record<ReportStatus, readonly ReportStatus[]>>> = {
  reporter: { open: ['withdrawn'], acknowledged: ['withdrawn'] },
  manager: { open: ['acknowledged', 'resolved'], acknowledged: ['resolved'] }
};

/** Why a move is refused. */
export type RefusedMove = 'same-status' | 'closed' | 'not-allowed' | 'busy';

/** How often a move is decided again when others change the report first. */
const MOVE_ATTEMPTS = 5;

/** Whether `actor` may move a report from `from` to `to`, and if not, why. */
export function statusMove(actor: StatusActor, from: ReportStatus, to: ReportStatus): { ok: true } | { ok: false; reason: RefusedMove } {
  if (from === to) return { ok: false, reason: 'same-status' };
  // An import repeats what the council's system says, whatever the bot last held.
  if (actor === 'import') return { ok: true };
  if (isClosed(from)) return { ok: false, reason: 'closed' };
  return MOVES[actor][from]?.includes(to) ? { ok: true } : { ok: false, reason: 'not-allowed' };
}

/** True when no one in Teams may move the report on: resolved, withdrawn or voided. */
export function isClosed(status: ReportStatus): boolean {
  return status === 'resolved' || status === 'withdrawn' || status === 'void';
}

/** The statuses `actor` may move a report in `from` to. */
export function movesFrom(actor: Exclude<StatusActor, 'import'>, from: ReportStatus): readonly ReportStatus[] {
  return MOVES[actor][from] ?? [];
}

/** What came of {@link moveStatus}. */
export type MoveOutcome =
  | { outcome: 'changed'; report: Report }
  | { outcome: 'refused'; reason: RefusedMove; report: Report }
  | { outcome: 'not-found' };

/**
 * Moves `report` to `to` for `actor`, if the state machine allows it from the status the
 * report has when it is written. When someone else changed the report first, the move is
 * decided again on its new status: allowed still (an open complaint acknowledged while its
 * reporter withdrew it), it is made; not (resolved meanwhile), it is refused with the report
 * as it now is.
 */
export async function moveStatus(reports: ReportStore, report: Report, actor: StatusActor, to: ReportStatus, by: string, at: string): Promise<MoveOutcome> {
  let current = report;
  for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
    const allowed = statusMove(actor, current.status, to);
    if (!allowed.ok) return { outcome: 'refused', reason: allowed.reason, report: current };
    const update = await reports.setStatus(current.id, { from: current.status, to, by, at });
    if (update.outcome !== 'conflict') return update;
    current = update.report;
  }
  // Others keep changing it (several imports at once): leave it as they left it.
  return { outcome: 'refused', reason: 'busy', report: current };
}
