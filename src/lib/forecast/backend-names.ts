/**
 * The tfjs backends the forecast trains on, fastest first where a real GPU is present. Apart from
 * `backend.ts` so that the page can name them without loading TensorFlow.js (≈ 900 KB).
 */
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = 'auto' | BackendName;
