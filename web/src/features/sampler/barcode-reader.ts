// The camera decoder (@zxing/browser), loaded on first use so the rest of the app does not carry it.
// Reads 1D tube barcodes (Code 128, Code 39, EAN…) and the QR of a health code.
import { BrowserMultiFormatReader } from '@zxing/browser';

export interface CameraScan {
  stop: () => void;
}

/** Starts the back camera in `video` and calls `onText` for every decoded code. */
export async function startCameraScan(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraScan> {
  const reader = new BrowserMultiFormatReader(undefined, { delayBetweenScanAttempts: 150, delayBetweenScanSuccess: 800 });
  const controls = await reader.decodeFromVideoDevice(undefined, video, (result) => {
    if (result) onText(result.getText());
  });
  return { stop: () => controls.stop() };
}
