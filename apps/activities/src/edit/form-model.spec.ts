import { describe, expect, it } from 'vitest';
import { differingFields, emptyForm, fieldsFor, toFormValues, toInput, uuidFromRandomValues } from './form-model.js';

describe('activity form model', () => {
  it('asks each type only for the fields it requires', () => {
    expect(fieldsFor('CUSTOMER_CALL')).toEqual(['accountId', 'projectId', 'callType', 'minutesOfMeeting']);
    expect(fieldsFor('SOW')).toEqual(['accountId', 'projectId', 'sowLink']);
    expect(fieldsFor('POC')).toEqual(['accountId', 'projectId', 'pocAccessType', 'pocUseCase', 'pocStartDate', 'pocEndDate']);
    expect(fieldsFor('RFX')).toEqual(['accountId', 'projectId', 'rfxType', 'submissionDeadline']);
    expect(fieldsFor('ENABLEMENT')).toEqual(['name', 'topic', 'description']);
    expect(fieldsFor('')).toEqual([]);
  });

  it('sends only the fields of the type, effort in the chosen unit, and the acknowledged warnings', () => {
    const values = { ...emptyForm('2025-03-04'), type: 'TRAINING' as const, name: ' Bots ', sowLink: 'left over', effort: '1.5' };
    expect(toInput(values)).toEqual({ type: 'TRAINING', date: '2025-03-04', effortHours: 1.5, name: 'Bots', topic: null, description: null });
    expect(toInput({ ...values, effort: '', type: 'ENABLEMENT' }, ['ENABLEMENT_WITHOUT_EFFORT'])).toMatchObject({
      acknowledgeWarnings: ['ENABLEMENT_WITHOUT_EFFORT'],
    });
    expect(toInput({ ...values, effortUnit: 'days', effort: '2' })).toMatchObject({ effortDays: 2 });
  });

  it('reads a Draft input and an Activity alike, and compares only the fields that differ', () => {
    const theirs = toFormValues({ date: '2025-03-04', type: 'CUSTOMER_CALL', account: { id: 'a1' }, project: { id: 'p1' }, effortHours: 2, callType: 'DEMO', minutesOfMeeting: 'x' });
    const mine = toFormValues({ date: null, type: 'CUSTOMER_CALL', accountId: 'a1', projectId: 'p1', effortDays: 1, callType: 'DEMO', minutesOfMeeting: 'y' }, '2025-03-04');
    expect(mine.date).toBe('2025-03-04');
    expect(differingFields(mine, theirs)).toEqual(['effort', 'minutesOfMeeting']);
  });

  it('makes a v4 uuid without randomUUID', () => {
    expect(uuidFromRandomValues()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
