import { useState } from 'react';
import type { ReportPreset } from '@pams/client-reports-data-access';

interface PresetItemProps {
  preset: ReportPreset;
  /** The report on the page was opened from this preset. */
  current: boolean;
  busy: boolean;
  onLoad(): void;
  /** Resolves true when the new name was saved. */
  onRename(name: string): Promise<boolean>;
  onDelete(): Promise<void>;
}

/** One preset in the side panel: open it; its owner may rename or delete it (with the version read). */
export function PresetItem({ preset, current, busy, onLoad, onRename, onDelete }: PresetItemProps) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const [name, setName] = useState(preset.name);
  const shared = preset.visibility === 'REGION' ? `Shared with ${preset.regionName ?? 'a region'}` : 'Personal';

  return (
    <li data-testid="preset" style={{ borderBottom: '1px solid var(--pams-line)', paddingBottom: '.4rem' }}>
      {mode === 'rename' ? (
        <form
          style={{ display: 'flex', gap: '.3rem' }}
          onSubmit={async (event) => {
            event.preventDefault();
            if (await onRename(name.trim())) setMode('idle');
          }}
        >
          <input className="pams-input" aria-label={`New name for ${preset.name}`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} style={{ minWidth: 0, flex: 1 }} />
          <button type="submit" className="pams-button" disabled={busy || !name.trim()}>
            Save
          </button>
          <button type="button" className="pams-button pams-button-quiet" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="pams-link-button" aria-current={current || undefined} style={{ fontWeight: current ? 600 : undefined }} onClick={onLoad}>
          {preset.name}
        </button>
      )}
      <div className="pams-muted" style={{ fontSize: '.8rem' }}>
        {shared}
        {preset.editable ? '' : ` · by ${preset.ownerName}`}
      </div>
      {preset.editable && mode === 'idle' && (
        <div style={{ display: 'flex', gap: '.6rem', fontSize: '.85rem' }}>
          <button type="button" className="pams-link-button" aria-label={`Rename ${preset.name}`} onClick={() => (setName(preset.name), setMode('rename'))}>
            Rename
          </button>
          <button type="button" className="pams-link-button" aria-label={`Delete ${preset.name}`} onClick={() => setMode('delete')}>
            Delete
          </button>
        </div>
      )}
      {mode === 'delete' && (
        <div role="group" aria-label={`Delete ${preset.name}?`} style={{ display: 'flex', gap: '.4rem', alignItems: 'center', fontSize: '.85rem' }}>
          Delete it for everyone who sees it?
          <button type="button" className="pams-button" disabled={busy} onClick={() => void onDelete().then(() => setMode('idle'))}>
            Delete
          </button>
          <button type="button" className="pams-button pams-button-quiet" onClick={() => setMode('idle')}>
            Keep
          </button>
        </div>
      )}
    </li>
  );
}
