// What the sampler app keeps on the device (IndexedDB): registrations waiting to be sent, the
// server's answers to those that were sent, and the tubes opened here. API shapes come from the
// server's schemas (type-only imports).
import type { Static } from '@sinclair/typebox';
import type { SamplingMode, TubeKind } from '../../../../domain/screening.ts';
import type {
  DoorVisitRow,
  RegistrationInput,
  RegistrationItemError,
  RegistrationOutcomeView,
  RoundView,
  SiteRow,
  SlotRow,
  TubeState,
  TubeView,
} from '../../../../server/modules/screening/schemas.ts';

export type { RegistrationInput, RegistrationItemError, RegistrationOutcomeView, RoundView };
export type SiteView = Static<typeof SiteRow>;
export type DoorVisitView = Static<typeof DoorVisitRow>;
export type SlotView = Static<typeof SlotRow>;
export type TubeStateView = Static<typeof TubeState>;
export type TubeDetailView = Static<typeof TubeView>;

export interface Rejection {
  code: string;
  message: string;
}

/** A registration scanned on this device and not yet acknowledged by the server. */
export interface QueuedRegistration {
  clientId: string;
  /** Scan order on this device: batches go out in this order. */
  seq: number;
  item: RegistrationInput;
  scannedAt: string;
  status: 'queued' | 'rejected';
  rejection?: Rejection;
}

/** A registration the server stored (or had stored: a replay); the raw scanned number is gone. */
export interface SentRegistration {
  clientId: string;
  seq: number;
  tubeCode: string;
  roundId: number;
  scannedAt: string;
  sentAt: string;
  outcome: RegistrationOutcomeView;
}

/** A tube opened on this device. Its fill is derived from the queue and the answers. */
export interface TubeRecord {
  code: string;
  roundId: number;
  siteCode: string | null;
  mode: SamplingMode;
  kind: TubeKind;
  capacity: number;
  openedAt: string;
  /** Closed here: full, or sealed by the sampler. The next scan is a new tube. */
  closed: boolean;
  /** none: open; pending: the sampler sealed it and the server does not know yet; done; failed. */
  seal: 'none' | 'pending' | 'done' | 'failed';
  sealRejection?: Rejection;
  /** The server's state after its last answer about this tube. */
  server: TubeStateView | null;
}

/** The round and site the sampler works at, remembered across reloads (and offline). */
export interface SamplerSetup {
  roundId: number;
  roundName: string;
  modes: RoundView['modes'];
  siteId: number;
  siteCode: string;
  siteName: string;
  siteMode: string;
}
