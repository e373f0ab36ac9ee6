/**
 * @file One-entry memo of a view's scene builder: the scene of a payload built ahead, while the
 * page waits for the other views' payloads (view-data.svelte.ts `prepare`), is the very scene
 * object the view's derived scene then gets, so its point image drawn ahead (PlotRenderer.prepare)
 * is found, and the frame that shows the selection builds nothing twice.
 */

/**
 * Wraps `build(payload, style)`: the same payload object with an equal style (compared as JSON:
 * plain numbers, strings, booleans and arrays of them) returns the previous result.
 */
export function lastSceneOf<P extends object, S, R>(
  build: (payload: P, style: S) => R,
): (payload: P, style: S) => R {
  let last: { payload: P; style: string; result: R } | null = null;
  return (payload, style) => {
    const key = JSON.stringify(style);
    if (last && last.payload === payload && last.style === key) return last.result;
    const result = build(payload, style);
    last = { payload, style: key, result };
    return result;
  };
}
