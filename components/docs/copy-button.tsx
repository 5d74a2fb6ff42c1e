"use client";
import { useState } from "react";

/** Copies `text` to the clipboard; says so for two seconds. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="btn docs-copy"
      onClick={() => {
        navigator.clipboard
          ?.writeText(text)
          .then(() => setState("copied"), () => setState("failed"))
          .finally(() => setTimeout(() => setState("idle"), 2000));
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : label}
    </button>
  );
}
