/**
 * Section profiles as three.js geometry: the outline in the member's local y–z plane (h along
 * local y, b along local z), extruded over a unit length along local +x. One geometry per distinct
 * section; frames are instances scaled by their length.
 */
import * as THREE from "three";
import type { SectionShape } from "./types";

/** Outline points (u, v) = (−z, y) so that after `rotateY(π/2)` u maps to local z and v to local y. */
function outline(s: SectionShape): { outer: [number, number][]; hole?: [number, number][] } | null {
  const rect = (b: number, h: number): [number, number][] => [[-b / 2, -h / 2], [b / 2, -h / 2], [b / 2, h / 2], [-b / 2, h / 2]];
  const circle = (r: number, n = 18): [number, number][] => Array.from({ length: n }, (_, i) => [r * Math.cos((2 * Math.PI * i) / n), r * Math.sin((2 * Math.PI * i) / n)] as [number, number]);
  switch (s.type) {
    case "rect":
      return s.b > 0 && s.h > 0 ? { outer: rect(s.b, s.h) } : null;
    case "rhs": {
      if (!(s.b > 0 && s.h > 0)) return null;
      const t = Math.min(s.t, s.b / 2.01, s.h / 2.01);
      return { outer: rect(s.b, s.h), hole: t > 0 ? rect(s.b - 2 * t, s.h - 2 * t).reverse() : undefined };
    }
    case "circle":
      return s.d > 0 ? { outer: circle(s.d / 2) } : null;
    case "chs": {
      if (!(s.d > 0)) return null;
      const t = Math.min(s.t, s.d / 2.01);
      return { outer: circle(s.d / 2), hole: t > 0 ? circle(s.d / 2 - t).reverse() : undefined };
    }
    case "I": {
      const { h, b } = s;
      if (!(h > 0 && b > 0)) return null;
      const tw = Math.min(s.tw, b), tf = Math.min(s.tf, h / 2.01);
      return {
        outer: [
          [-b / 2, -h / 2], [b / 2, -h / 2], [b / 2, -h / 2 + tf], [tw / 2, -h / 2 + tf], [tw / 2, h / 2 - tf], [b / 2, h / 2 - tf],
          [b / 2, h / 2], [-b / 2, h / 2], [-b / 2, h / 2 - tf], [-tw / 2, h / 2 - tf], [-tw / 2, -h / 2 + tf], [-b / 2, -h / 2 + tf],
        ],
      };
    }
    case "channel": {
      // Web on the local −z side (u = +b/2 … since u = −z), flanges towards +z.
      const { h, b } = s;
      if (!(h > 0 && b > 0)) return null;
      const tw = Math.min(s.tw, b), tf = Math.min(s.tf, h / 2.01);
      const x0 = b / 2, x1 = b / 2 - tw, xe = -b / 2;
      return {
        outer: [[xe, -h / 2], [x0, -h / 2], [x0, h / 2], [xe, h / 2], [xe, h / 2 - tf], [x1, h / 2 - tf], [x1, -h / 2 + tf], [xe, -h / 2 + tf]],
      };
    }
    case "angle": {
      const { h, b } = s;
      if (!(h > 0 && b > 0)) return null;
      const t = Math.min(s.t, b, h);
      // Heel at (u, v) = (b/2, −h/2): vertical leg along local y, horizontal leg towards +z.
      return {
        outer: [[b / 2, -h / 2], [b / 2, h / 2], [b / 2 - t, h / 2], [b / 2 - t, -h / 2 + t], [-b / 2, -h / 2 + t], [-b / 2, -h / 2]],
      };
    }
    default:
      return null;
  }
}

/** Unit-length extrusion along +x of the section outline, or null when the shape is unusable. */
export function profileGeometry(s: SectionShape): THREE.BufferGeometry | null {
  const o = outline(s);
  if (!o) return null;
  const shape = new THREE.Shape(o.outer.map(([u, v]) => new THREE.Vector2(u, v)));
  if (o.hole) shape.holes.push(new THREE.Path(o.hole.map(([u, v]) => new THREE.Vector2(u, v))));
  const g = new THREE.ExtrudeGeometry(shape, { depth: 1, bevelEnabled: false, curveSegments: 6, steps: 1 });
  g.rotateY(Math.PI / 2); // extrusion +Z → +X; (u, v, w) → (w, v, −u)
  g.deleteAttribute("uv");
  g.computeVertexNormals();
  return g;
}
