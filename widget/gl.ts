/**
 * The few WebGL draws the widget needs, written directly against WebGL (three.js's
 * WebGLRenderer alone is over 512 KiB minified: it carries every material's shaders):
 * - lines: a flat [x,y,z, …] vertex list with per-vertex RGB colours (gl.LINES), or one colour;
 * - points: round dots, or triangles for supports (gl.POINTS with a sprite shader).
 * One buffer per layer, uploaded once; one draw call per layer per frame.
 */

const LINE_VS = `
attribute vec3 position;
attribute vec3 colour;
uniform mat4 viewProjection;
varying vec3 vColour;
void main() { vColour = colour; gl_Position = viewProjection * vec4(position, 1.0); }`;
const LINE_FS = `
precision mediump float;
varying vec3 vColour;
void main() { gl_FragColor = vec4(vColour, 1.0); }`;

const POINT_VS = `
attribute vec3 position;
uniform mat4 viewProjection;
uniform float size;
void main() { gl_Position = viewProjection * vec4(position, 1.0); gl_PointSize = size; }`;
// shape 0: round dot; shape 1: a triangle pointing up at its node (a support).
const POINT_FS = `
precision mediump float;
uniform vec3 colour;
uniform int shape;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  if (shape == 0 && dot(p, p) > 1.0) discard;
  if (shape == 1 && abs(p.x) > (1.0 + p.y) * 0.5) discard;
  gl_FragColor = vec4(colour, 1.0);
}`;

export interface Layer {
  kind: "lines" | "points";
  /** RGB 0..1 for the whole layer (points; lines set without per-vertex colours take it at `set`). */
  colour: [number, number, number];
  size: number;
  shape: 0 | 1;
  depthTest: boolean;
  visible: boolean;
  /** Replaces the layer's vertices (and per-vertex colours for lines). */
  set(positions: Float32Array, colours?: Float32Array): void;
}

export interface GlScene {
  readonly gl: WebGLRenderingContext;
  layer(kind: Layer["kind"]): Layer;
  /** Draws every visible layer with `viewProjection` (column-major 4×4) into a w×h drawing buffer. */
  draw(viewProjection: Float32Array | number[], width: number, height: number): number;
  dispose(): void;
}

function compile(gl: WebGLRenderingContext, vs: string, fs: string): WebGLProgram {
  const program = gl.createProgram()!;
  for (const [type, src] of [[gl.VERTEX_SHADER, vs], [gl.FRAGMENT_SHADER, fs]] as const) {
    const s = gl.createShader(type)!;
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`shader: ${gl.getShaderInfoLog(s)}`);
    gl.attachShader(program, s);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`program: ${gl.getProgramInfoLog(program)}`);
  return program;
}

interface LayerState extends Layer {
  position: WebGLBuffer;
  colourBuffer: WebGLBuffer | null;
  count: number;
}

export function createGlScene(canvas: HTMLCanvasElement, background: [number, number, number]): GlScene {
  const gl = canvas.getContext("webgl", { antialias: true, preserveDrawingBuffer: false });
  if (!gl) throw new Error("WebGL is not available in this browser");
  const lineProgram = compile(gl, LINE_VS, LINE_FS);
  const pointProgram = compile(gl, POINT_VS, POINT_FS);
  const layers: LayerState[] = [];

  const layer = (kind: Layer["kind"]): Layer => {
    const l: LayerState = {
      kind,
      colour: [1, 1, 1],
      size: 4,
      shape: 0,
      depthTest: true,
      visible: true,
      position: gl.createBuffer()!,
      colourBuffer: null,
      count: 0,
      set(positions, colours) {
        gl.bindBuffer(gl.ARRAY_BUFFER, l.position);
        gl.bufferData(gl.ARRAY_BUFFER, positions, gl.STATIC_DRAW);
        l.count = positions.length / 3;
        if (kind !== "lines") return;
        let rgb = colours;
        if (!rgb) {
          rgb = new Float32Array(3 * l.count);
          for (let i = 0; i < l.count; i++) rgb.set(l.colour, 3 * i);
        }
        l.colourBuffer ??= gl.createBuffer()!;
        gl.bindBuffer(gl.ARRAY_BUFFER, l.colourBuffer);
        gl.bufferData(gl.ARRAY_BUFFER, rgb, gl.STATIC_DRAW);
      },
    };
    layers.push(l);
    return l;
  };

  const attribute = (program: WebGLProgram, name: string, buffer: WebGLBuffer): number => {
    const loc = gl.getAttribLocation(program, name);
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.enableVertexAttribArray(loc);
    gl.vertexAttribPointer(loc, 3, gl.FLOAT, false, 0, 0);
    return loc;
  };

  return {
    gl,
    layer,
    draw(viewProjection, width, height) {
      gl.viewport(0, 0, width, height);
      gl.clearColor(background[0], background[1], background[2], 1);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
      let calls = 0;
      for (const l of layers) {
        if (!l.visible || l.count === 0) continue;
        if (l.depthTest) gl.enable(gl.DEPTH_TEST);
        else gl.disable(gl.DEPTH_TEST);
        const program = l.kind === "lines" ? lineProgram : pointProgram;
        gl.useProgram(program);
        gl.uniformMatrix4fv(gl.getUniformLocation(program, "viewProjection"), false, viewProjection);
        const locs = [attribute(program, "position", l.position)];
        if (l.kind === "lines") {
          if (l.colourBuffer) locs.push(attribute(program, "colour", l.colourBuffer));
          gl.drawArrays(gl.LINES, 0, l.count);
        } else {
          gl.uniform3fv(gl.getUniformLocation(program, "colour"), l.colour);
          gl.uniform1f(gl.getUniformLocation(program, "size"), l.size);
          gl.uniform1i(gl.getUniformLocation(program, "shape"), l.shape);
          gl.drawArrays(gl.POINTS, 0, l.count);
        }
        for (const loc of locs) gl.disableVertexAttribArray(loc);
        calls++;
      }
      return calls;
    },
    dispose() {
      for (const l of layers) {
        gl.deleteBuffer(l.position);
        if (l.colourBuffer) gl.deleteBuffer(l.colourBuffer);
      }
      gl.deleteProgram(lineProgram);
      gl.deleteProgram(pointProgram);
    },
  };
}
