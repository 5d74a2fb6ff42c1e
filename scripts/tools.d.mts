export const CHROMIUM: string;
export const NODE22: string;
export function ensureChromium(): string;
export function ensureNode22(): string | null;
