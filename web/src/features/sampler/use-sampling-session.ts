// The scan loop of one sampler: a tube barcode opens a tube (or resumes one not yet full), each
// person scanned takes the next slot and is queued at once with its own clientId, the tube closes
// at its capacity or when sealed, and the next scan is a new tube.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { IdType } from '../../../../domain/persons.ts';
import { SAMPLING_MODES, type SamplingMode } from '../../../../domain/screening.ts';
import { newClientId } from '../census/census-api.ts';
import { localDay } from '../persons/person-format.ts';
import { loadPrefs, savePrefs } from './sampler-prefs.ts';
import type { SamplerSnapshot, SamplerStore } from './sampler-store.ts';
import type { SamplerSetup } from './sampler-types.ts';
import { decideScan } from './scan-rules.ts';
import { tubeFill, type TubeFill } from './tube-fill.ts';

export type ScanFeedback =
  | { kind: 'error'; code: string; scanned: string }
  | { kind: 'tube'; code: string; resumed: boolean }
  | { kind: 'person'; slot: number; capacity: number; full: boolean }
  | null;

export interface SamplingSession {
  setup: SamplerSetup | null;
  chooseSetup: (s: SamplerSetup | null) => void;
  /** Mode of the next new tube: the sampler's pick, else the round's mode for precaution areas. */
  mode: SamplingMode | null;
  pickMode: (m: SamplingMode) => void;
  idType: IdType;
  setIdType: (t: IdType) => void;
  current: TubeFill | null;
  recent: TubeFill[];
  feedback: ScanFeedback;
  scan: (text: string) => Promise<ScanFeedback>;
  sealCurrent: () => Promise<void>;
  remove: (clientId: string) => Promise<void>;
}

const RECENT_TUBES = 8;

/** The round's mode for precaution areas (the schema types modes as plain strings). */
function defaultMode(setup: SamplerSetup | null): SamplingMode | null {
  const m = setup?.modes.precaution;
  return m && (SAMPLING_MODES as readonly string[]).includes(m) ? (m as SamplingMode) : null;
}

export function useSamplingSession(username: string, store: SamplerStore | null, snapshot: SamplerSnapshot, onQueued: () => void): SamplingSession {
  const [prefs, setPrefs] = useState(() => loadPrefs(username));
  const [idType, setIdType] = useState<IdType>('id_card');
  const [feedback, setFeedback] = useState<ScanFeedback>(null);
  const save = useCallback((patch: Parameters<typeof savePrefs>[1]) => setPrefs(savePrefs(username, patch)), [username]);

  const fills = useMemo(() => snapshot.tubes.map((t) => tubeFill(t, snapshot.queue, snapshot.sent)), [snapshot]);
  const openFill = fills.find((f) => f.tube.code === prefs.openTube && !f.closed) ?? null;
  const mode = prefs.mode ?? defaultMode(prefs.setup);

  const chooseSetup = useCallback(
    (s: SamplerSetup | null) => {
      // Another round or site: the tube being filled stays as it is (scan it again to go on).
      const same = s && prefs.setup && s.roundId === prefs.setup.roundId && s.siteId === prefs.setup.siteId;
      save(same ? { setup: s } : { setup: s, openTube: null, mode: s && prefs.setup?.roundId === s.roundId ? prefs.mode : null });
      setFeedback(null);
    },
    [prefs, save],
  );

  // Scans are handled one after the other, each on the stores as they are now (not as last rendered):
  // a fast scanner cannot put two people into one slot.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const scanNow = useCallback(
    async (text: string): Promise<ScanFeedback> => {
      const now = loadPrefs(username);
      const roundMode = now.mode ?? defaultMode(now.setup);
      if (!store || !now.setup || !roundMode) return null;
      const fresh = await store.snapshot();
      const tube = fresh.tubes.find((t) => t.code === now.openTube);
      const fill = tube ? tubeFill(tube, fresh.queue, fresh.sent) : null;
      const open = fill && !fill.closed ? fill : null;
      const inTube = open ? fresh.queue.filter((q) => q.item.tubeCode === open.tube.code && q.status === 'queued').map((q) => q.item.person.trim().toUpperCase()) : [];
      const d = decideScan(text, { openTube: open?.tube.code ?? null, inTube, idType, today: localDay() });
      if (d.kind === 'ignore') return null;
      let result: ScanFeedback;
      if (d.kind === 'error') result = { kind: 'error', code: d.code, scanned: d.scanned };
      else if (d.kind === 'tube') {
        const opened = await store.openTube({ code: d.code, roundId: now.setup.roundId, siteCode: now.setup.siteCode, mode: roundMode, at: new Date() });
        if (opened.ok) {
          save({ openTube: opened.tube.code });
          result = { kind: 'tube', code: opened.tube.code, resumed: opened.resumed };
        } else result = { kind: 'error', code: opened.code, scanned: d.code };
      } else {
        if (!open) return null; // decideScan only answers "person" for an open tube
        await store.enqueue({ clientId: newClientId(), tube: open.tube, person: d.person, idType: d.idType, at: new Date() });
        const slot = open.used + 1;
        const full = slot >= open.capacity;
        if (full) save({ openTube: null });
        result = { kind: 'person', slot, capacity: open.capacity, full };
        onQueued();
      }
      setFeedback(result);
      return result;
    },
    [username, store, idType, save, onQueued],
  );
  const scan = useCallback(
    (text: string) => {
      const next = chain.current.then(() => scanNow(text));
      chain.current = next.catch(() => undefined);
      return next;
    },
    [scanNow],
  );

  const sealCurrent = useCallback(async () => {
    if (!store || !openFill) return;
    await store.seal(openFill.tube.code);
    save({ openTube: null });
    setFeedback(null);
    onQueued();
  }, [store, openFill, save, onQueued]);

  const remove = useCallback(async (clientId: string) => {
    await store?.removeQueued(clientId);
  }, [store]);

  const recent = fills.filter((f) => f !== openFill && (!prefs.setup || f.tube.roundId === prefs.setup.roundId)).slice(0, RECENT_TUBES);
  return {
    setup: prefs.setup,
    chooseSetup,
    mode,
    pickMode: (m) => save({ mode: m }),
    idType,
    setIdType,
    current: openFill,
    recent,
    feedback,
    scan,
    sealCurrent,
    remove,
  };
}
