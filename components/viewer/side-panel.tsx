"use client";
/**
 * The viewer's side panel: a header (name, revision, access, read-only notice, the one load-case
 * selector) over tabs in the order an engineer works in — Model, Loads, Results, then whatever the
 * host adds (History, Sharing on the model page). Nothing in it is wider than the panel; its width
 * is dragged at the right edge (or set with the arrow keys on the handle) and the ☰ button hides it.
 */
import { useCallback, useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";

export interface PanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

export interface SidePanelProps {
  title: string;
  /** Badges and host content under the title (revision links, role, read-only notice). */
  header?: ReactNode;
  /** Always visible above the tabs (the load-case selector). */
  pinned?: ReactNode;
  tabs: PanelTab[];
  /** Width in CSS pixels. */
  width: number;
  onWidth(w: number): void;
}

export const PANEL_MIN = 240;
export const PANEL_MAX = 560;
export const PANEL_DEFAULT = 300;

export function clampPanelWidth(w: number, viewport: number): number {
  return Math.round(Math.min(Math.max(w, PANEL_MIN), PANEL_MAX, Math.max(PANEL_MIN, viewport - 120)));
}

export function SidePanel({ title, header, pinned, tabs, width, onWidth }: SidePanelProps) {
  const [active, setActive] = useState(tabs[0]?.id ?? "");
  const base = useId();
  const drag = useRef<{ x: number; w: number } | null>(null);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];

  const onDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    drag.current = { x: e.clientX, w: width };
    e.currentTarget.setPointerCapture(e.pointerId);
  }, [width]);
  const onMove = useCallback((e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onWidth(clampPanelWidth(drag.current.w + e.clientX - drag.current.x, window.innerWidth));
  }, [onWidth]);
  const onUp = useCallback(() => {
    drag.current = null;
  }, []);
  const onHandleKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    e.stopPropagation();
    onWidth(clampPanelWidth(width + (e.key === "ArrowRight" ? 20 : -20), window.innerWidth));
  };
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    e.stopPropagation();
    const k = tabs.findIndex((t) => t.id === current?.id);
    const next = tabs[(k + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    if (next) setActive(next.id);
  };

  return (
    <aside className="sv-panel" aria-label="Model panel" style={{ width }} data-testid="side-panel">
      <div className="sv-panel-scroll">
        <h2 className="sv-title" title={title}>
          {title}
        </h2>
        {header}
        {pinned}
        <div className="sv-tabs" role="tablist" aria-label="Panel sections" onKeyDown={onTabKey}>
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-selected={t.id === current?.id}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={t.id === current?.id ? 0 : -1}
              className={`sv-tab${t.id === current?.id ? " sv-on" : ""}`}
              onClick={() => setActive(t.id)}
              data-testid={`tab-${t.id}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        {tabs.map((t) => (
          <div
            key={t.id}
            role="tabpanel"
            id={`${base}-panel-${t.id}`}
            aria-labelledby={`${base}-tab-${t.id}`}
            hidden={t.id !== current?.id}
            className="sv-tabpanel"
            data-testid={`tabpanel-${t.id}`}
          >
            {t.content}
          </div>
        ))}
      </div>
      <div
        className="sv-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label="Panel width (drag, or arrow keys)"
        aria-valuenow={width}
        aria-valuemin={PANEL_MIN}
        aria-valuemax={PANEL_MAX}
        tabIndex={0}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
        onKeyDown={onHandleKey}
        data-testid="panel-resize"
      />
    </aside>
  );
}
