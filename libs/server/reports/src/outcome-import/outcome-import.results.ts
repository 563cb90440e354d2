import { OutcomeImportAlreadyApplied, OutcomeImportVersionConflict, type OutcomeImportType } from './outcome-import.types.js';

export function importConflict(current: OutcomeImportType): OutcomeImportVersionConflict {
  return Object.assign(new OutcomeImportVersionConflict(), {
    message: 'Someone changed this import since you opened it. Nothing was saved: look at it again and retry.',
    current,
  });
}

export function alreadyApplied(current: OutcomeImportType): OutcomeImportAlreadyApplied {
  return Object.assign(new OutcomeImportAlreadyApplied(), {
    message: `This import was applied already${current.appliedByName ? ` by ${current.appliedByName}` : ''}: its outcomes exist.`,
    current,
  });
}
