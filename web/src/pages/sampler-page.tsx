// /sampler — 采样登记: the sampler's mobile PWA (scan tubes and people, offline queue, sync).
import { SamplerGate } from '../features/sampler/sampler-gate.tsx';
import { useSamplerPwa } from '../features/sampler/sampler-pwa.ts';
import { SamplerScreen } from '../features/sampler/sampler-screen.tsx';

export function SamplerPage() {
  useSamplerPwa();
  return <SamplerGate>{(user) => <SamplerScreen user={user} />}</SamplerGate>;
}
