import { useState } from 'react';
import { useMutation, useQuery } from '@pams/client-graphql';
import {
  DeleteReportPresetDocument,
  reportPreset,
  reportPresets,
  ReportPresetsDocument,
  SaveReportPresetDocument,
  type ReportPreset,
  type ReportsBootstrapQuery,
  type SaveReportPresetInput,
} from '@pams/client-reports-data-access';
import { definitionOf, paramsOfPreset, sameReport, type ReportParams } from '../report-params.js';
import { PresetItem } from './preset-item.js';

type Bootstrap = ReportsBootstrapQuery['bootstrap'];
export type Status = { kind: 'ok' | 'error'; text: string } | null;

const REFETCH = { refetchQueries: [{ query: ReportPresetsDocument }], awaitRefetchQueries: true };

/** Regions a preset may be shared with: managers their own, leaders and admins any; members keep theirs personal. */
function shareRegions(bootstrap: Bootstrap | null): { id: string; name: string }[] {
  const viewer = bootstrap?.viewer;
  if (!bootstrap || !viewer) return [];
  if (viewer.role === 'LEADER' || viewer.role === 'ADMIN') return bootstrap.regions;
  if (viewer.role === 'MANAGER') return bootstrap.regions.filter((r) => viewer.regionIds.includes(r.id));
  return [];
}

/** Saving, changing and deleting presets: one place for the answers (saved, conflict, refused, invalid). */
export function usePresetWrites(setStatus: (status: Status) => void) {
  const [saveMutation, { loading: saving }] = useMutation(SaveReportPresetDocument, REFETCH);
  const [deleteMutation, { loading: deleting }] = useMutation(DeleteReportPresetDocument, REFETCH);
  const failed = (error: unknown) => setStatus({ kind: 'error', text: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
  const conflict = (message: string) => setStatus({ kind: 'error', text: `${message} The list now shows the current version: load it and make your change again.` });

  async function save(input: SaveReportPresetInput, done: string): Promise<ReportPreset | null> {
    setStatus(null);
    try {
      const { data } = await saveMutation({ variables: { input } });
      const result = data?.saveReportPreset;
      if (!result) return null;
      if (result.__typename === 'ReportPreset') {
        setStatus({ kind: 'ok', text: done });
        return reportPreset(result);
      }
      if (result.__typename === 'PresetVersionConflict') conflict(result.message);
      else if (result.__typename === 'ValidationFailed') setStatus({ kind: 'error', text: result.fields.map((f) => f.message).join(' ') || result.message });
      else setStatus({ kind: 'error', text: result.message });
    } catch (error) {
      failed(error);
    }
    return null;
  }

  async function remove(preset: ReportPreset): Promise<boolean> {
    setStatus(null);
    try {
      const { data } = await deleteMutation({ variables: { id: preset.id, expectedVersion: preset.version } });
      const result = data?.deleteReportPreset;
      if (result?.__typename === 'Done') {
        setStatus({ kind: 'ok', text: result.message });
        return true;
      }
      if (result?.__typename === 'PresetVersionConflict') conflict(result.message);
      else if (result) setStatus({ kind: 'error', text: result.message });
    } catch (error) {
      failed(error);
    }
    return false;
  }

  return { save, remove, busy: saving || deleting };
}

interface PresetPanelProps {
  params: ReportParams;
  bootstrap: Bootstrap | null;
  /** Opens a report (a preset's, or the current one after saving it as a new preset). */
  onOpen(params: ReportParams): void;
  /** A name for a new preset (the named report shown, if any). */
  suggestedName: string;
}

/** The side panel: the viewer's presets and those shared with them; save, load, rename, delete. */
export function PresetPanel({ params, bootstrap, onOpen, suggestedName }: PresetPanelProps) {
  const presets = useQuery(ReportPresetsDocument);
  const [status, setStatus] = useState<Status>(null);
  const [name, setName] = useState('');
  const [share, setShare] = useState('');
  const { save, remove, busy } = usePresetWrites(setStatus);
  const list = presets.data ? reportPresets(presets.data.reportPresets) : [];
  const open = list.find((p) => p.id === params.preset);
  const regions = shareRegions(bootstrap);

  const saveNew = async () => {
    const saved = await save(
      { name: name.trim() || suggestedName, visibility: share ? 'REGION' : 'PERSONAL', ...(share ? { regionId: share } : {}), definition: definitionOf(params) },
      'Preset saved.',
    );
    if (saved) {
      setName('');
      onOpen({ ...params, preset: saved.id });
    }
  };
  const saveChanges = (preset: ReportPreset) =>
    save(
      { id: preset.id, expectedVersion: preset.version, name: preset.name, visibility: preset.visibility, regionId: preset.regionId, definition: definitionOf(params) },
      `“${preset.name}” saved.`,
    );

  return (
    <aside aria-label="Presets" data-testid="preset-panel" style={{ display: 'flex', flexDirection: 'column', gap: '.6rem', minHeight: 0, overflow: 'auto' }}>
      <h2>Presets</h2>
      <form
        style={{ display: 'flex', flexDirection: 'column', gap: '.4rem' }}
        onSubmit={(event) => {
          event.preventDefault();
          void saveNew();
        }}
      >
        <label className="pams-field">
          Preset name
          <input className="pams-input" value={name} placeholder={suggestedName} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </label>
        {regions.length > 0 && (
          <label className="pams-field">
            Share with
            <select className="pams-select" value={share} onChange={(e) => setShare(e.target.value)}>
              <option value="">Only me</option>
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  Everyone in {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="pams-button" disabled={busy}>
          Save as new preset
        </button>
        {open?.editable && !sameReport(paramsOfPreset(open), params) && (
          <button type="button" className="pams-button pams-button-quiet" disabled={busy} onClick={() => void saveChanges(open)}>
            Save changes to “{open.name}”
          </button>
        )}
      </form>
      <p role="status" data-testid="preset-status" className={status?.kind === 'error' ? 'pams-error-text' : 'pams-muted'} style={{ margin: 0 }}>
        {status?.text}
      </p>
      {presets.error ? (
        <p className="pams-error-text">The presets could not be loaded: {presets.error.message}</p>
      ) : !presets.data ? (
        <p className="pams-muted">Loading presets…</p>
      ) : list.length === 0 ? (
        <p className="pams-muted">No presets yet: build a report and save it here.</p>
      ) : (
        <ul aria-label="Saved presets" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '.5rem' }}>
          {list.map((preset) => (
            <PresetItem
              key={preset.id}
              preset={preset}
              current={preset.id === params.preset}
              busy={busy}
              onLoad={() => onOpen(paramsOfPreset(preset))}
              onRename={(newName) =>
                save(
                  { id: preset.id, expectedVersion: preset.version, name: newName, visibility: preset.visibility, regionId: preset.regionId, definition: definitionOf(paramsOfPreset(preset)) },
                  `Renamed to “${newName}”.`,
                ).then(Boolean)
              }
              onDelete={async () => {
                if ((await remove(preset)) && preset.id === params.preset) onOpen({ ...params, preset: undefined });
              }}
            />
          ))}
        </ul>
      )}
    </aside>
  );
}
