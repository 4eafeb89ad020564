import type { ExtractLimits } from '../../types.ts';

const mb = (n: number) => (n < 1_048_576 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1_048_576).toFixed(n < 10_485_760 ? 1 : 0)} MB`);

/** Throws the index-report reason for a file over `limits.maxBytes`. */
export function checkSize(bytes: Uint8Array, limits: ExtractLimits): void {
  if (bytes.byteLength > limits.maxBytes) {
    throw new Error(`too large (${mb(bytes.byteLength)}; the limit is ${mb(limits.maxBytes)})`);
  }
}
