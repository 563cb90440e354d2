import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@pams/client-graphql';
import { AccountOptionsDocument, AccountProjectsDocument, type ActivityType } from '@pams/client-activities-data-access';
import {
  ACTIVITY_TYPE_LABELS,
  CallType,
  categoryOf,
  EFFORT_DAYS_MAX,
  EFFORT_HOURS_MAX,
  EXTERNAL_TYPES,
  INTERNAL_TYPES,
  PocAccessType,
  RfxType,
  type ActivityType as DomainActivityType,
} from '@pams/shared-util';
import { useSettled } from '../shared/use-settled.js';
import { fieldsFor, FIELD_LABELS, type FormValues } from './form-model.js';

export type FieldErrors = Partial<Record<string, string>>;

interface ActivityFieldsProps {
  values: FormValues;
  errors: FieldErrors;
  onChange(patch: Partial<FormValues>): void;
  /** The account the activity has now, so the picker shows its name before any search. */
  initialAccount?: { id: string; name: string } | null;
}

const ENUM_LABELS: Record<string, string> = {
  DEMO: 'Demo',
  DISCOVERY: 'Discovery',
  SCOPING_DEEP_DIVE: 'Scoping / deep dive',
  FOLLOW_UP: 'Follow-up',
  QA: 'Q&A',
  INTERNAL_KICKOFF: 'Internal kickoff',
  CUSTOMER_KICKOFF: 'Customer kickoff',
  SANDBOX: 'Sandbox',
  CUSTOM_STRUCTURED: 'Custom (structured)',
  CUSTOM_AGENTIC: 'Custom (agentic)',
  CUSTOM_COMMERCE: 'Custom (commerce)',
  OTHER: 'Other',
  RFP: 'RFP',
  RFI: 'RFI',
  RFQ: 'RFQ',
};

/** How long typing in the account search must pause before the server is asked. */
const ACCOUNT_SEARCH_DELAY_MS = 250;

const FIELD_STYLE = { display: 'flex', flexDirection: 'column' as const, gap: '.2rem', marginBottom: '.7rem', maxWidth: '32rem' };

/** One labelled control with its server error right under it (aria-describedby ties them). */
function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="pams-field" style={FIELD_STYLE}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span className="pams-error-text" id={`${id}-error`} role="alert" data-testid={`error-${id}`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** The fields of an activity: category → type → only what that type requires (PRODUCT.md, "Domain"). */
export function ActivityFields({ values, errors, onChange, initialAccount }: ActivityFieldsProps) {
  const category = values.type === '' ? '' : categoryOf(values.type as DomainActivityType);
  const [chosenCategory, setChosenCategory] = useState<string>(category || 'EXTERNAL');
  const shown = new Set(fieldsFor(values.type));
  const types = chosenCategory === 'INTERNAL' ? INTERNAL_TYPES : EXTERNAL_TYPES;
  const described = (id: string) => (errors[id] ? { 'aria-describedby': `${id}-error`, 'aria-invalid': true } : {});
  const textInput = (field: keyof FormValues, type = 'text') => (
    <Field id={field} label={FIELD_LABELS[field]} error={errors[field]}>
      <input id={field} className="pams-input" type={type} value={values[field]} onChange={(e) => onChange({ [field]: e.target.value })} {...described(field)} />
    </Field>
  );
  const enumSelect = (field: keyof FormValues, options: readonly string[]) => (
    <Field id={field} label={FIELD_LABELS[field]} error={errors[field]}>
      <select id={field} className="pams-select" value={values[field]} onChange={(e) => onChange({ [field]: e.target.value })} {...described(field)}>
        <option value="">Choose…</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {ENUM_LABELS[option] ?? option}
          </option>
        ))}
      </select>
    </Field>
  );
  const textArea = (field: keyof FormValues) => (
    <Field id={field} label={FIELD_LABELS[field]} error={errors[field]}>
      <textarea id={field} className="pams-input" rows={3} value={values[field]} onChange={(e) => onChange({ [field]: e.target.value })} {...described(field)} />
    </Field>
  );
  const effortError = errors.effort ?? errors.effortDays ?? errors.effortHours;

  return (
    <>
      {textInput('date', 'date')}
      <Field id="category" label="Category">
        <select
          id="category"
          className="pams-select"
          value={chosenCategory}
          onChange={(e) => {
            setChosenCategory(e.target.value);
            onChange({ type: '' });
          }}
        >
          <option value="EXTERNAL">External</option>
          <option value="INTERNAL">Internal</option>
        </select>
      </Field>
      <Field id="type" label="Type" error={errors.type}>
        <select id="type" className="pams-select" value={values.type} onChange={(e) => onChange({ type: e.target.value as ActivityType })} {...described('type')}>
          <option value="">Choose…</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {ACTIVITY_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </Field>
      {shown.has('accountId') && <AccountPicker values={values} errors={errors} onChange={onChange} initialAccount={initialAccount} />}
      {shown.has('callType') && enumSelect('callType', Object.values(CallType))}
      {shown.has('minutesOfMeeting') && textArea('minutesOfMeeting')}
      {shown.has('sowLink') && textInput('sowLink', 'url')}
      {shown.has('pocAccessType') && enumSelect('pocAccessType', Object.values(PocAccessType))}
      {shown.has('pocUseCase') && textInput('pocUseCase')}
      {shown.has('pocStartDate') && textInput('pocStartDate', 'date')}
      {shown.has('pocEndDate') && textInput('pocEndDate', 'date')}
      {shown.has('rfxType') && enumSelect('rfxType', Object.values(RfxType))}
      {shown.has('submissionDeadline') && textInput('submissionDeadline', 'date')}
      {shown.has('name') && textInput('name')}
      {shown.has('topic') && textInput('topic')}
      {shown.has('description') && textArea('description')}
      <Field id="effort" label="Effort" error={effortError}>
        <div style={{ display: 'flex', gap: '.4rem' }}>
          <input
            id="effort"
            className="pams-input"
            type="number"
            min={0}
            max={values.effortUnit === 'days' ? EFFORT_DAYS_MAX : EFFORT_HOURS_MAX}
            step={values.effortUnit === 'days' ? 1 : 0.5}
            value={values.effort}
            onChange={(e) => onChange({ effort: e.target.value })}
            {...(effortError ? { 'aria-describedby': 'effort-error', 'aria-invalid': true } : {})}
          />
          <select
            aria-label="Effort unit"
            className="pams-select"
            value={values.effortUnit}
            onChange={(e) => onChange({ effortUnit: e.target.value as FormValues['effortUnit'] })}
          >
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
        </div>
      </Field>
    </>
  );
}

/** Account search → account → its projects; an account with exactly one project has it chosen (P-004). */
function AccountPicker({ values, errors, onChange, initialAccount }: Omit<ActivityFieldsProps, 'initialAccount'> & { initialAccount?: { id: string; name: string } | null }) {
  const [search, setSearch] = useState('');
  const query = useSettled(search, ACCOUNT_SEARCH_DELAY_MS).trim();
  const accounts = useQuery(AccountOptionsDocument, { variables: { search: query || null, first: 50 } });
  const projects = useQuery(AccountProjectsDocument, { variables: { accountId: values.accountId }, skip: !values.accountId });
  const projectList = values.accountId ? (projects.data?.projects ?? []) : [];
  const onlyProject = projectList.length === 1 ? projectList[0].id : null;
  useEffect(() => {
    if (onlyProject && values.projectId === '') onChange({ projectId: onlyProject });
  }, [onlyProject, values.projectId, onChange]);

  const options = [...(accounts.data ?? accounts.previousData)?.accounts.nodes ?? []];
  if (initialAccount && !options.some((a) => a.id === initialAccount.id)) options.unshift(initialAccount);
  return (
    <>
      <Field id="accountSearch" label="Find account">
        <input id="accountSearch" className="pams-input" type="search" value={search} placeholder="Part of the name" onChange={(e) => setSearch(e.target.value)} />
      </Field>
      <Field id="accountId" label="Account" error={errors.accountId}>
        <select id="accountId" className="pams-select" value={values.accountId} onChange={(e) => onChange({ accountId: e.target.value, projectId: '' })}>
          <option value="">Choose…</option>
          {options.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="projectId" label="Project" error={errors.projectId}>
        <select id="projectId" className="pams-select" value={values.projectId} disabled={!values.accountId} onChange={(e) => onChange({ projectId: e.target.value })}>
          <option value="">Choose…</option>
          {projectList.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
