"use client";
/** Keyboard and mouse help (opened with "?" or the Help button; Esc closes). */

export interface HelpPopoverProps {
  onClose(): void;
}

export const SHORTCUTS: [string, string][] = [
  ["Left drag", "Orbit"],
  ["Right / middle drag, Shift + left drag", "Pan"],
  ["Wheel", "Zoom at the cursor"],
  ["Click", "Select a node or frame"],
  ["F", "Zoom to fit"],
  ["1 / 2 / 3 / 4", "Iso (perspective) / front / side / top (parallel) view"],
  ["P", "Perspective / parallel projection"],
  ["S", "Solid sections on / off"],
  ["L", "Labels on / off"],
  ["N", "Nodes on / off"],
  ["G", "Grid on / off"],
  ["Esc", "Clear the selection"],
  ["?", "This help"],
];

export function HelpPopover({ onClose }: HelpPopoverProps) {
  return (
    <div className="sv-help" role="dialog" aria-label="Viewer controls">
      <div className="sv-help-head">
        <strong>Controls</strong>
        <button type="button" className="sv-btn sv-btn-icon" onClick={onClose} aria-label="Close help">
          ×
        </button>
      </div>
      <table>
        <tbody>
          {SHORTCUTS.map(([k, v]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
