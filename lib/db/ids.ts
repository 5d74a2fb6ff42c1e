import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
let lastMs = 0;
let seq = 0;

/**
 * A new opaque id, 21 lowercase characters, safe in URLs and labels: a time prefix plus a
 * per-process sequence (so the ids this process makes sort in creation order, and elements read
 * back "by id" come in the order they were created), plus 48 random bits against collisions
 * between processes.
 */
export function newId(): string {
  const now = Date.now();
  if (now === lastMs) seq++;
  else {
    lastMs = now;
    seq = 0;
  }
  const bytes = randomBytes(6);
  let rand = "";
  for (let i = 0; i < 6; i++) rand += ALPHABET[bytes[i]! % 36]!;
  return `c${now.toString(36).padStart(9, "0")}${seq.toString(36).padStart(5, "0")}${rand}`;
}
